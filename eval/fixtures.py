"""Agreement between the engine's verdicts and the fixtures' expected verdicts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from marker.rules.loader import load_pack
from marker.run import mark_file

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIOS = ROOT / "fixtures" / "portfolios"
EXPECTATIONS = ROOT / "fixtures" / "expectations"
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


def agreement(show: bool = False) -> dict:
    loaded = load_pack()
    points = [mp.id for mp in loaded.pack.marking_points]
    pairs: dict[str, list[tuple[str, str]]] = {p: [] for p in points}
    findings = Counter()
    for path in sorted(p for p in PORTFOLIOS.iterdir() if p.suffix in (".docx", ".xlsx")):
        expected = yaml.safe_load((EXPECTATIONS / f"{path.stem}.yaml").read_text())
        marking = mark_file(path, loaded)
        got = {mp.id: mp.verdict for mp in marking.marking_points}
        for point in points:
            want = expected["marking_points"][point]["verdict"]
            pairs[point].append((want, got[point]))
            if show and want != got[point]:
                print(f"  {path.name:52} {point:18} expected {want:13} got {got[point]}")
        wanted, found = set(expected.get("findings", [])), {f.id for f in marking.findings}
        findings["expected"] += len(wanted)
        findings["found"] += len(found)
        findings["both"] += len(wanted & found)
    return {"pairs": pairs, "findings": findings}


def print_agreement(show: bool = False) -> None:
    result = agreement(show)
    everything = [pair for pairs in result["pairs"].values() for pair in pairs]
    print("\nMarking against the fixtures' expected verdicts")
    print(f"{'marking point':20} {'n':>3} {'agree':>6} {'kappa':>6} {'2 levels off':>13}")
    for point, pairs in [*result["pairs"].items(), ("all", everything)]:
        agree = sum(a == b for a, b in pairs) / len(pairs)
        kappa = cohen_kappa(pairs)
        far = sum(abs(LEVEL[a] - LEVEL[b]) == 2 for a, b in pairs)
        shown = f"{kappa:6.2f}" if kappa is not None else "     -"
        print(f"{point:20} {len(pairs):3d} {agree:6.0%} {shown} {far:13d}")
    f = result["findings"]
    print(f"findings: {f['both']} of {f['expected']} expected found; {f['found']} reported in all")
