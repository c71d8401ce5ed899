"""Agreement between the engine's verdicts and a careful assessor's expected verdicts:
on the bundled fixtures and the development portfolios (eval/marking_dev/), which the
pack is tuned on, and on held-back portfolios (eval/marking/, written without the
engine; never tune on them)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

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


def _finding_ids(expected: dict) -> set[str]:
    return {f["id"] if isinstance(f, dict) else f for f in expected.get("findings") or []}


def agreement(portfolios: Path, expectations: Path, show: bool = False) -> dict:
    loaded = load_pack()
    points = [mp.id for mp in loaded.pack.marking_points]
    pairs: dict[str, list[tuple[str, str]]] = {p: [] for p in points}
    findings = Counter()
    for path in sorted(p for p in portfolios.iterdir() if p.suffix in (".docx", ".xlsx")):
        expected = yaml.safe_load((expectations / f"{path.stem}.yaml").read_text())
        marking = mark_file(path, loaded)
        got = {mp.id: mp.verdict for mp in marking.marking_points}
        for point in points:
            want = expected["marking_points"][point]["verdict"]
            pairs[point].append((want, got[point]))
            if show and want != got[point]:
                print(f"  {path.name:52} {point:18} expected {want:13} got {got[point]}")
        wanted, found = _finding_ids(expected), {f.id for f in marking.findings}
        findings["expected"] += len(wanted)
        findings["found"] += len(found)
        findings["both"] += len(wanted & found)
    return {"pairs": pairs, "findings": findings}


def print_agreement(title: str, folders: tuple[Path, Path], show: bool = False) -> None:
    result = agreement(*folders, show=show)
    everything = [pair for pairs in result["pairs"].values() for pair in pairs]
    print(f"\n{title}")
    print(f"{'marking point':20} {'n':>3} {'agree':>6} {'kappa':>6} {'2 levels off':>13}")
    for point, pairs in [*result["pairs"].items(), ("all", everything)]:
        agree = sum(a == b for a, b in pairs) / len(pairs)
        kappa = cohen_kappa(pairs)
        far = sum(abs(LEVEL[a] - LEVEL[b]) == 2 for a, b in pairs)
        shown = f"{kappa:6.2f}" if kappa is not None else "     -"
        print(f"{point:20} {len(pairs):3d} {agree:6.0%} {shown} {far:13d}")
    f = result["findings"]
    print(f"findings: {f['both']} of {f['expected']} expected found; {f['found']} reported in all")
