"""How figures read in every human report, so HTML, XLSX and the terminal say the same."""

from __future__ import annotations

from marker.audit.scheme import VERDICT_LABELS
from marker.audit.stats import Stat


def num(stat: Stat | None, digits: int = 2) -> str:
    """A statistic to two places, or a dash when it is undefined."""
    if stat is None or stat.value is None:
        return "–"
    return f"{stat.value:.{digits}f}"


def pct(stat: Stat | None) -> str:
    if stat is None or stat.value is None:
        return "–"
    return f"{stat.value:.0f}%"


def signed(stat: Stat) -> str:
    return "–" if stat.value is None else f"{stat.value:+.2f}"


def verdict(code: str) -> str:
    return VERDICT_LABELS.get(code, code)


def why(stat: Stat | None) -> str:
    """Why a figure is missing, for a tooltip or a footnote."""
    return "" if stat is None or stat.note is None else stat.note
