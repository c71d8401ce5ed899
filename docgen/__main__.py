"""`python -m docgen`: render portfolio files, check a set, build every set's documents.

python -m docgen render eval/<set>/src/ -o eval/<set>/portfolios/
python -m docgen check eval/<set>/
python -m docgen corpus            # every eval/<set>/ with src/: src -> portfolios
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from docgen.sets import EVAL, build_set, check_set, find_sets, render_files, shown, source_files


def _render(args: argparse.Namespace) -> int:
    missing = [path for path in args.sources if not path.exists()]
    for path in missing:
        print(f"{shown(path)}: no such file or folder", file=sys.stderr)
    sources = source_files(path for path in args.sources if path.exists())
    if not sources and not missing:
        print("no .yaml files to render", file=sys.stderr)
        return 1
    outcome = render_files(sources, args.out)
    for line in outcome.errors:
        print(line, file=sys.stderr)
    print(f"rendered {len(outcome.rendered)} of {len(sources)} into {shown(args.out)}")
    return 1 if outcome.errors or missing else 0


def _check(args: argparse.Namespace) -> int:
    failed = 0
    for set_dir in args.sets:
        problems = check_set(set_dir)
        for line in problems:
            print(line)
        verdict = "ok" if not problems else f"{len(problems)} problem(s)"
        print(f"{shown(set_dir)}: {verdict}")
        failed += bool(problems)
    return 1 if failed else 0


def _corpus(args: argparse.Namespace) -> int:
    sets = find_sets(args.root)
    failed = 0
    for set_dir in sets:
        outcome, removed = build_set(set_dir)
        for line in outcome.errors:
            print(line, file=sys.stderr)
        for path in removed:
            print(f"removed {shown(path)}: no source renders it")
        print(f"{shown(set_dir / 'portfolios')}: rendered {len(outcome.rendered)}")
        failed += bool(outcome.errors)
    if not sets:
        print(f"no set with src/ and expectations/ under {shown(args.root)}")
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m docgen", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser("render", help="render portfolio .yaml files to .docx/.xlsx")
    render.add_argument("sources", nargs="+", type=Path, help=".yaml files or folders of them")
    render.add_argument("-o", "--out", type=Path, required=True, help="folder to write into")
    render.set_defaults(run=_render)
    check = commands.add_parser("check", help="validate sets: src/, expectations/, portfolios/")
    check.add_argument("sets", nargs="+", type=Path, help="set folders (eval/<set>/)")
    check.set_defaults(run=_check)
    corpus = commands.add_parser("corpus", help="render every set's src/ into its portfolios/")
    corpus.add_argument("--root", type=Path, default=EVAL, help="folder holding the sets")
    corpus.set_defaults(run=_corpus)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
