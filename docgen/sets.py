"""Sets of portfolios written as data: eval/<set>/{src,expectations,portfolios}/.

`render_files` renders source files into a folder; `check_set` says everything wrong
with a set (bad source or expectation, a source without its expectation or the other
way round, an objective that is not in the portfolio, a committed document that is not
a fresh render); `build_set` renders a set's src/ into its portfolios/.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docgen.expectation import Expectation
from docgen.model import Portfolio
from docgen.render import Rendered, render_source
from docgen.yamlio import DocgenError, load

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval"
DOCUMENT_SUFFIXES = (".docx", ".xlsx")


def shown(path: Path) -> str:
    """A path as messages show it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def find_sets(root: Path = EVAL) -> list[Path]:
    """Every folder directly under `root` holding a src/ and an expectations/ folder."""
    if not root.is_dir():
        return []
    return sorted(
        folder
        for folder in root.iterdir()
        if (folder / "src").is_dir() and (folder / "expectations").is_dir()
    )


def is_held_back(set_dir: Path) -> bool:
    """A held-back set ('heldout' in its name) is for measuring, never for tuning."""
    return "heldout" in set_dir.name.lower()


def source_files(paths: Iterable[Path]) -> list[Path]:
    """The .yaml files named, each folder's *.yaml in name order (not recursive)."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return files


@dataclass
class Outcome:
    """What rendering several sources gave: rendered documents and one line per failure."""

    rendered: list[Rendered] = field(default_factory=list)
    failed: dict[Path, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[str]:
        return list(self.failed.values())


def render_all(sources: Sequence[Path]) -> Outcome:
    """Render every source; a bad one is an error line, never a stop."""
    outcome = Outcome()
    made: dict[str, Path] = {}
    for source in sources:
        try:
            rendered = render_source(source, shown(source))
        except DocgenError as error:
            outcome.failed[source] = str(error)
            continue
        name = rendered.portfolio.file
        if name in made:
            first = shown(made[name])
            outcome.failed[source] = f"{shown(source)}: file: {name!r} is rendered by {first} too"
            continue
        made[name] = source
        outcome.rendered.append(rendered)
    return outcome


def render_files(sources: Sequence[Path], out_dir: Path) -> Outcome:
    """Render every source into `out_dir` (created if needed)."""
    outcome = render_all(sources)
    if outcome.rendered:
        out_dir.mkdir(parents=True, exist_ok=True)
    for rendered in outcome.rendered:
        (out_dir / rendered.portfolio.file).write_bytes(rendered.content)
    return outcome


def build_set(set_dir: Path) -> tuple[Outcome, list[Path]]:
    """Render src/ into portfolios/ and remove documents no source renders any more.

    Stale documents are removed only when every source rendered, so a typo never
    deletes the document its source made last time.
    """
    portfolios = set_dir / "portfolios"
    outcome = render_files(source_files([set_dir / "src"]), portfolios)
    removed: list[Path] = []
    if not outcome.errors and portfolios.is_dir():
        made = {rendered.portfolio.file for rendered in outcome.rendered}
        for path in sorted(portfolios.iterdir()):
            if path.suffix in DOCUMENT_SUFFIXES and path.name not in made:
                path.unlink()
                removed.append(path)
    return outcome, removed


# -- checking a set ------------------------------------------------------------------------


@dataclass(frozen=True)
class TextUnit:
    """One stretch of a portfolio's text (a paragraph, a table or sheet cell)."""

    text: str
    prompt: bool


def _squash(text: str) -> str:
    return " ".join(text.split())


def text_units(portfolio: Portfolio) -> list[TextUnit]:
    """The portfolio's text, unit by unit, whitespace squashed; prompts flagged."""
    units: list[TextUnit] = []
    for block in portfolio.body or []:
        if block.heading:
            units.append(TextUnit(block.heading.text, False))
        elif block.title:
            units.append(TextUnit(block.title, False))
        elif block.paragraph:
            runs = "".join(run.text for run in block.paragraph.as_runs())
            units.append(TextUnit(runs, block.paragraph.style == "prompt"))
        elif block.bullets or block.numbered:
            units += [TextUnit(item, False) for item in block.bullets or block.numbered or []]
        elif block.table:
            for row in block.table.rows:
                units += [TextUnit(cell.text or "", cell.style == "prompt") for cell in row]
    for sheet in portfolio.sheets or []:
        for row in sheet.rows:
            units += [TextUnit(c.value, c.prompt) for c in row if isinstance(c.value, str)]
    return [TextUnit(_squash(unit.text), unit.prompt) for unit in units if unit.text]


def _objective_problems(source: str, expectation: Expectation, portfolio: Portfolio) -> list[str]:
    units = text_units(portfolio)
    problems = []
    for index, objective in enumerate(expectation.objectives):
        excerpt = _squash(objective.text)
        found = [unit for unit in units if excerpt in unit.text]
        where = f"{source}: objectives[{index}].text"
        if not found:
            problems.append(f"{where}: not in the portfolio's text: {excerpt!r}")
        elif all(unit.prompt for unit in found):
            problems.append(f"{where}: only in template prompt text: {excerpt!r}")
    return problems


def _pair_problems(
    rendered: dict[str, Rendered], expectations: dict[str, Expectation], set_dir: Path
) -> list[str]:
    problems = []
    src, exp = set_dir / "src", set_dir / "expectations"
    for stem in sorted(rendered.keys() - expectations.keys()):
        problems.append(f"{shown(src / f'{stem}.yaml')}: no expectations/{stem}.yaml")
    for stem in sorted(expectations.keys() - rendered.keys()):
        problems.append(f"{shown(exp / f'{stem}.yaml')}: no src/{stem}.yaml")
    for stem in sorted(rendered.keys() & expectations.keys()):
        portfolio, expectation = rendered[stem].portfolio, expectations[stem]
        source = shown(exp / f"{stem}.yaml")
        if expectation.file != portfolio.file:
            problems.append(
                f"{source}: file: {expectation.file!r}, but src/{stem}.yaml renders "
                f"{portfolio.file!r}"
            )
        if expectation.reference_date != portfolio.reference_date:
            problems.append(
                f"{source}: reference_date: {expectation.reference_date}, but src/{stem}.yaml "
                f"has {portfolio.reference_date}"
            )
        problems += _objective_problems(source, expectation, portfolio)
    return problems


def _document_problems(rendered: Iterable[Rendered], portfolios: Path) -> list[str]:
    problems = []
    made = set()
    for item in rendered:
        path = portfolios / item.portfolio.file
        made.add(path.name)
        if not path.is_file():
            problems.append(f"{shown(path)}: missing (make corpus renders it)")
        elif path.read_bytes() != item.content:
            problems.append(
                f"{shown(path)}: differs from a fresh render of {shown(item.source)} "
                "(make corpus renders it)"
            )
    if portfolios.is_dir():
        for path in sorted(portfolios.iterdir()):
            if path.suffix in DOCUMENT_SUFFIXES and path.name not in made:
                problems.append(f"{shown(path)}: no source renders it (delete it)")
    return problems


def check_set(set_dir: Path) -> list[str]:
    """Every problem with a set, one line each; [] when the set is sound."""
    for folder in ("src", "expectations"):
        if not (set_dir / folder).is_dir():
            return [f"{shown(set_dir)}: no {folder}/ folder"]
    outcome = render_all(source_files([set_dir / "src"]))
    problems = outcome.errors
    bad = {path.stem for path in outcome.failed}
    expectations: dict[str, Expectation] = {}
    for path in source_files([set_dir / "expectations"]):
        try:
            expectations[path.stem] = load(Expectation, path, shown(path))
        except DocgenError as error:
            problems.append(str(error))
            bad.add(path.stem)
    # A file that failed is reported once, not again as lacking its partner.
    rendered = {item.source.stem: item for item in outcome.rendered if item.source.stem not in bad}
    expectations = {stem: exp for stem, exp in expectations.items() if stem not in bad}
    problems += _pair_problems(rendered, expectations, set_dir)
    problems += _document_problems(outcome.rendered, set_dir / "portfolios")
    return problems
