"""Plain-text views of a parsed portfolio, for `marker parse`."""

from __future__ import annotations

from collections import Counter

from marker.parse.columns import column_roles
from marker.parse.model import BlockKind, Portfolio


def summary_line(portfolio: Portfolio) -> str:
    kinds = Counter(block.kind for block in portfolio.blocks)
    counts = ", ".join(f"{kinds[k]} {k.value.replace('_', ' ')}" for k in BlockKind if kinds[k])
    warned = f"; {len(portfolio.warnings)} warning(s)" if portfolio.warnings else ""
    return (
        f"{portfolio.source}: {len(portfolio.blocks)} blocks ({counts}), "
        f"{portfolio.word_count} words{warned}"
    )


_ROLE_FROM = {"content": " (from the content)", "corrected": " (corrected by the content)"}


def render_portfolio(portfolio: Portfolio) -> str:
    labels = column_roles().labels
    lines = [
        f"{portfolio.source} ({portfolio.kind}, sha256 {portfolio.sha256[:12]})",
        f"author: {portfolio.properties.author or '-'}; "
        f"reference date: {portfolio.reference_date or 'unknown'}",
    ]
    lines += [f"warning: {w.message}" for w in portfolio.warnings]
    for block in portfolio.blocks:
        section = " > ".join(block.heading_path)
        hidden = " [hidden sheet]" if block.hidden else ""
        lines.append("")
        lines.append(
            f"[{block.locator}] {block.kind.value}{hidden}" + (f"  ({section})" if section else "")
        )
        if block.reading:
            lines.append(f"    read as: {block.reading}")
        if not block.cells:
            lines.append(f"    {block.text}")
        for cell in block.cells:
            role = f" -> {labels[cell.role]}" if cell.role else ""
            role += _ROLE_FROM.get(cell.role_from, "")
            column = cell.header or cell.locator.column or "?"
            text = cell.text.replace("\n", " / ") or "(empty)"
            lines.append(f"    {column}{role}: {text}")
            if cell.note:
                lines.append(f"      note: {cell.note}")
    return "\n".join(lines)
