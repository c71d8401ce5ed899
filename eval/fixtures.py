"""Agreement between the engine's verdicts and a careful assessor's expected verdicts:
on the bundled fixtures and the development portfolios (eval/marking_dev/), which the
pack is tuned on, and on held-back portfolios (eval/marking/, written without the
engine; never tune on them). Every other eval/<set>/ with src/ and expectations/
(portfolios written as data, docgen/FORMAT.md) is reported under its folder name, its
documents rendered fresh from src/; a set with 'heldout' in its name is held back."""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from docgen.sets import find_sets, is_held_back, render_files, source_files
from marker.audit.stats import cohen_kappa as audit_kappa
from marker.rules.loader import load_pack
from marker.run import mark_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = (ROOT / "fixtures" / "portfolios", ROOT / "fixtures" / "expectations")
DEVELOPMENT = (
    ROOT / "eval" / "marking_dev" / "portfolios",
    ROOT / "eval" / "marking_dev" / "expectations",
)
HELD_BACK = (ROOT / "eval" / "marking" / "portfolios", ROOT / "eval" / "marking" / "expectations")
LEVEL = {"not_met": 0, "partially_met": 1, "met": 2}


@dataclass(frozen=True)
class EvalSet:
    """A set of portfolios with expected verdicts; `src` when written as data."""

    title: str
    portfolios: Path
    expectations: Path
    held_back: bool = False
    src: Path | None = None

    @contextmanager
    def documents(self) -> Iterator[Path]:
        """The folder of documents to mark: fresh renders of src/, or portfolios/."""
        if self.src is None:
            yield self.portfolios
            return
        with tempfile.TemporaryDirectory() as tmp:
            outcome = render_files(source_files([self.src]), Path(tmp))
            for line in outcome.errors:  # a bad source is left out, and said so
                print(f"  not rendered: {line}")
            yield Path(tmp)


def eval_sets(root: Path = ROOT / "eval") -> list[EvalSet]:
    """The three fixed sets, then every set written as data under `root`, by name."""
    fixed = [
        EvalSet("Marking against the fixtures' expected verdicts", *FIXTURES),
        EvalSet("Marking against the development portfolios", *DEVELOPMENT),
        EvalSet("Marking against the held-back portfolios (eval/marking/)", *HELD_BACK, True),
    ]
    sets = [s for s in fixed if s.portfolios.is_dir()]
    known = {s.expectations.parent for s in sets}
    for folder in find_sets(root):
        if folder in known:
            continue
        held = is_held_back(folder)
        title = f"Marking against {folder.name}" + (" (held back)" if held else "")
        sets.append(
            EvalSet(title, folder / "portfolios", folder / "expectations", held, folder / "src")
        )
    return sets


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters over nominal verdicts; None when undefined."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right[k] for k in LEVEL) / (n * n)
    if expected == 1:
        return 1.0 if observed == 1 else None
    return (observed - expected) / (1 - expected)


def quadratic_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Quadratic weighted kappa over the ordered verdicts (two levels off costs 4x one)."""
    expected = [LEVEL[a] for a, _ in pairs]
    got = [LEVEL[b] for _, b in pairs]
    return audit_kappa(expected, got, len(LEVEL), weights="quadratic").value


def _finding_ids(expected: dict) -> set[str]:
    return {f["id"] if isinstance(f, dict) else f for f in expected.get("findings") or []}


LETTERS = ("specific", "measurable", "achievable", "relevant", "time_bound")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _same_objective(wanted: str, found: str) -> bool:
    """The assessor's excerpt and the engine's objective name the same words: one holds the
    other, or most of the excerpt's words are in it."""
    a, b = " ".join(_words(wanted)), " ".join(_words(found))
    if a and b and (a in b or b in a):
        return True
    words = set(_words(wanted))
    return bool(words) and len(words & set(_words(found))) / len(words) >= 0.7


def _letters(expected: dict, marking, letters: Counter) -> None:
    """Count SMART letters that agree, objective by objective, where the assessor listed them."""
    found = [o for o in marking.objectives if not o.career_goal]
    for objective in expected.get("objectives") or []:
        letters["objectives"] += 1
        match = next((o for o in found if _same_objective(objective["text"], o.text)), None)
        if match is None:
            continue
        letters["matched"] += 1
        for letter in LETTERS:
            want = (objective.get("smart") or {}).get(letter)
            if want is None or match.smart.get(letter) is None:  # either cannot tell
                continue
            letters[letter, "n"] += 1
            letters[letter, "agree"] += bool(match.smart.get(letter)) == bool(want)


def agreement(portfolios: Path, expectations: Path, show: bool = False) -> dict:
    loaded = load_pack()
    points = [mp.id for mp in loaded.pack.marking_points]
    pairs: dict[str, list[tuple[str, str]]] = {p: [] for p in points}
    confident: dict[str, list[tuple[str, str]]] = {"clear": [], "borderline": []}
    letters: Counter = Counter()
    findings = Counter()
    for path in sorted(p for p in portfolios.iterdir() if p.suffix in (".docx", ".xlsx")):
        expectation = expectations / f"{path.stem}.yaml"
        if not expectation.is_file():
            print(f"  {path.name}: no expectations/{expectation.name}, left out")
            continue
        expected = yaml.safe_load(expectation.read_text(encoding="utf-8"))
        marking = mark_file(path, loaded)
        got = {mp.id: mp.verdict for mp in marking.marking_points}
        confidence = {mp.id: mp.confidence for mp in marking.marking_points}
        _letters(expected, marking, letters)
        for point in points:
            want = expected["marking_points"][point]["verdict"]
            pairs[point].append((want, got[point]))
            confident[confidence[point]].append((want, got[point]))
            if show and want != got[point]:
                print(f"  {path.name:52} {point:18} expected {want:13} got {got[point]}")
        wanted, found = _finding_ids(expected), {f.id for f in marking.findings}
        findings["expected"] += len(wanted)
        findings["found"] += len(found)
        findings["both"] += len(wanted & found)
    return {"pairs": pairs, "findings": findings, "confidence": confident, "letters": letters}


def _figure(value: float | None) -> str:
    return f"{value:6.2f}" if value is not None else "     -"


def print_agreement(eval_set: EvalSet, show: bool = False) -> None:
    """The set's agreement table; disagreements listed only when `show` and not held back."""
    print(f"\n{eval_set.title}")
    with eval_set.documents() as documents:
        result = agreement(documents, eval_set.expectations, show and not eval_set.held_back)
    everything = [pair for pairs in result["pairs"].values() for pair in pairs]
    if not everything:
        print("no portfolios")
        return
    header = f"{'marking point':20} {'n':>3} {'agree':>6} {'kappa':>6} {'QWK':>6}"
    print(f"{header} {'2 levels off':>13}")
    for point, pairs in [*result["pairs"].items(), ("all", everything)]:
        agree = sum(a == b for a, b in pairs) / len(pairs)
        kappa, qwk = _figure(cohen_kappa(pairs)), _figure(quadratic_kappa(pairs))
        far = sum(abs(LEVEL[a] - LEVEL[b]) == 2 for a, b in pairs)
        print(f"{point:20} {len(pairs):3d} {agree:6.0%} {kappa} {qwk} {far:13d}")
    f = result["findings"]
    print(f"findings: {f['both']} of {f['expected']} expected found; {f['found']} reported in all")
    shares = []
    for level, level_pairs in result["confidence"].items():
        if level_pairs:
            agree = sum(a == b for a, b in level_pairs) / len(level_pairs)
            share = len(level_pairs) / len(everything)
            shares.append(f"{level} {share:.0%} of verdicts, agree {agree:.0%}")
    print("confidence: " + "; ".join(shares))
    letters = result["letters"]
    if letters["objectives"]:
        agreed = ", ".join(
            f"{letter[0].upper()} {letters[letter, 'agree']}/{letters[letter, 'n']}"
            for letter in LETTERS
            if letters[letter, "n"]
        )
        print(
            f"objectives: {letters['matched']} of {letters['objectives']} the assessor listed "
            f"were found; SMART letters agree on those: {agreed}"
        )
