"""The reading pass: after a reader has laid out the blocks, decide what they are.

Three things are read here, the same way for Word and Excel:
- what is not the learner's: a template's instructions, examples, placeholders and text
  in its prompt look become `guidance` blocks (or, inside a learner's row, are set aside);
- labelled lines ("Deadline: 31/03", "Activity – shadow Jo", **Resources** the hub)
  become `field` blocks whose one cell carries the label and its role;
- every column's and field's role, from its words checked against its content
  (`marker.parse.roles`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from marker.parse.columns import normalise_header, role_of
from marker.parse.model import Block, BlockKind, Cell, Portfolio
from marker.parse.roles import Resolution, TableKind, opens_with_date, resolve, table_kind
from marker.resources import lexicon

MAX_LABEL_WORDS = 8  # a label naming a known role
MAX_PLAIN_LABEL_WORDS = 4  # any other label ("Name", "Call handling")

_PROSE = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
_QUESTION = ("how", "what", "who", "when", "where", "why", "which", "who/what")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'll|i'd|my|me|mine|we|our|us)\b")
_SEPARATOR = re.compile(r"\s*(?::|\s[-–—]\s|[–—]\s)\s*")
_BRACKETED = re.compile(r"^\s*(?:\[[^\]]*\]|<[^>]*>|\{[^}]*\})\s*\W?\s*$")
_NUMBERING = re.compile(r"^\s*(?:\d+[.)]|\(?[a-z][.)]|step \d+\s*[-–:.]?)\s*", re.I)


def _reading(section: str) -> dict:
    return lexicon("reading")[section]


@cache
def _phrases(section: str, key: str) -> tuple[str, ...]:
    return tuple(sorted((str(w).lower() for w in _reading(section)[key]), key=len, reverse=True))


@cache
def _phrase_pattern(section: str, key: str, anchored: bool) -> re.Pattern[str]:
    body = "|".join(re.escape(p) for p in _phrases(section, key))
    return re.compile(("^" if anchored else "") + rf"(?<![\w'])(?:{body})(?![\w'])", re.I)


# -- what is the template's -----------------------------------------------------------


@lru_cache(maxsize=8192)  # a sheet asks of the same cell texts thousands of times
def is_example(text: str) -> bool:
    """ "Example: Reduce AHT…", "e.g. QA scores": a template's worked example."""
    lowered = text.strip().lower()
    for marker in _phrases("guidance", "examples"):
        if lowered.startswith(marker):
            rest = lowered[len(marker) :]
            if marker[-1] in ":-–,." or not rest or rest[0] in " :-–,":
                # "Example rows are shown…" opens a sentence about examples, not one
                return marker != "example" or rest.lstrip()[:1] in (":", "-", "–", "")
    return False


@lru_cache(maxsize=8192)  # a sheet asks of the same cell texts thousands of times
def is_placeholder(text: str) -> bool:
    """ "[Insert your goal here]", "<your name>", "dd/mm/yyyy": a blank still to fill."""
    lowered = text.strip().lower()
    return bool(_BRACKETED.match(lowered)) or lowered in _phrases("guidance", "placeholders")


@lru_cache(maxsize=8192)  # a sheet asks of the same cell texts thousands of times
def is_instruction(text: str) -> bool:
    """A template speaking to the learner: "Complete this section…", "Use your stats."

    It opens with an instruction and addresses the reader or the form; a learner's own
    plan step ("Complete the module") does neither, and first-person text is never one."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    if not lowered or _FIRST_PERSON.search(lowered):
        return False
    addresses = bool(_phrase_pattern("guidance", "address", False).search(lowered))
    if lowered.endswith("?") and addresses:
        return True  # "Where do you want to be in 12 months?"
    opened = _NUMBERING.sub("", lowered, count=1)
    return addresses and bool(_phrase_pattern("guidance", "openers", True).match(opened))


@lru_cache(maxsize=8192)  # a sheet asks of the same cell texts thousands of times
def is_guidance_text(text: str) -> bool:
    return is_example(text) or is_placeholder(text) or is_instruction(text)


def _guidance_sheet(name: str) -> bool:
    return normalise_header(name) in {normalise_header(s) for s in _phrases("guidance", "sheets")}


def _mark_guidance(blocks: list[Block]) -> None:
    sheets: dict[str, list[Block]] = {}
    for block in blocks:
        if block.locator.sheet is not None:
            sheets.setdefault(block.locator.sheet, []).append(block)
    for name, sheet_blocks in sheets.items():
        texts = [b for b in sheet_blocks if b.kind is not BlockKind.HEADING]
        if _guidance_sheet(name) or (
            len(texts) >= 2 and all(b.prompt or _all_guidance(b) for b in texts)
        ):
            for block in sheet_blocks:
                _to_guidance(block, f"on the template's sheet '{name}'")
    for block in blocks:
        if block.kind is BlockKind.GUIDANCE:
            continue
        if block.kind in (*_PROSE, BlockKind.HEADING):
            if block.prompt and block.kind is not BlockKind.HEADING:
                _to_guidance(block, "in the template's prompt style")
            elif block.prompt or is_example(block.text) or is_placeholder(block.text):
                _to_guidance(block, "the template's example or placeholder")
            elif block.kind is not BlockKind.HEADING and is_instruction(block.text):
                _to_guidance(block, "the template's instruction")
        elif block.kind is BlockKind.TABLE_ROW:
            _guidance_in_row(block)


def _all_guidance(block: Block) -> bool:
    texts = [c.text for c in block.cells if c.text] or [block.text]
    return all(is_guidance_text(t) for t in texts)


def _guidance_in_row(block: Block) -> None:
    filled = [c for c in block.cells if c.text.strip()]
    if not filled:
        return
    first = next((c for c in filled if not c.text.strip().isdigit()), filled[0])
    if all(c.prompt for c in filled):
        _to_guidance(block, "the template's prompts")
    elif is_example(first.text):
        _to_guidance(block, "the template's example row")
    elif all(c.prompt or is_guidance_text(c.text) for c in filled):
        _to_guidance(block, "the template's prompts")
    else:
        for cell in filled:  # a learner's row with a prompt left in one cell
            if cell.prompt or is_placeholder(cell.text) or is_instruction(cell.text):
                cell.note = f"the template's prompt, not the learner's: {cell.text}"
                cell.text = ""
        block.text = " | ".join(c.text for c in block.cells if c.text)


def _to_guidance(block: Block, why: str) -> None:
    block.kind = BlockKind.GUIDANCE
    block.level = None
    block.reading = f"guidance: {why}"


# -- labelled lines ---------------------------------------------------------------------


def _label_words(section: str) -> frozenset[str]:
    return frozenset(_phrases("labels", section))


def looks_like_label(label: str) -> bool:
    """Whether the words before a colon or dash name something rather than say something."""
    label = label.strip()
    words = label.lower().replace("’", "'").split()
    if not words or label.count("(") != label.count(")") or opens_with_date(label):
        return False  # "14/02 1:1 with Sam: …" is a dated note
    if words[0] in _label_words("not_first") or label[-1] in ".,;!":
        return False
    bare = [w.strip("?:()") for w in words]
    # "How will I know", "What I'll do" ask; "Example rows are shown" says something
    says = words[0] not in _QUESTION and any(w in _label_words("verbs") for w in bare)
    if role_of(label):
        return len(words) <= MAX_LABEL_WORDS and not says
    return (
        len(words) <= MAX_PLAIN_LABEL_WORDS
        and label[0].isupper()
        and not any(c.isdigit() for c in label)
        and not says
    )


def split_label(text: str, lead: str | None = None) -> tuple[str, str] | None:
    """(label, value) of a labelled line, or None when the line is not one."""
    if lead and text.startswith(lead):
        label = lead.strip().rstrip(":-–— ").strip()
        value = text[len(lead) :].strip().lstrip(":-–—").strip()
        if label and value and looks_like_label(label):
            return label, value
    for match in _SEPARATOR.finditer(text):
        label, value = text[: match.start()].strip(), text[match.end() :].strip()
        if ":" in match.group() and label[-1:].isdigit() and value[:1].isdigit():
            continue  # a time or "1:1", not a label
        if not label or not value or len(label) > 60:
            return None
        return (label, value) if looks_like_label(label) else None
    return None


def _read_fields(blocks: list[Block]) -> None:
    for block in blocks:
        if block.kind not in _PROSE:
            continue
        found = split_label(block.text, block.lead)
        if found is None:
            continue
        label, value = found
        if is_guidance_text(value):
            _to_guidance(block, f"the template's prompt under '{label}'")
            continue
        how = "a bold label" if block.lead else "a labelled line"
        was = block.kind.value.replace("_", " ")
        block.kind = BlockKind.FIELD
        block.reading = f"{how} in a {was}: '{label}' and its answer"
        block.cells = [Cell(text=value, header=label, locator=block.locator)]


def _field_runs(blocks: list[Block]) -> Iterable[list[Block]]:
    """Consecutive fields: they share a kind (plan or review) for what "Date" means."""
    run: list[Block] = []
    for block in blocks:
        if block.kind is BlockKind.FIELD:
            run.append(block)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


# -- roles --------------------------------------------------------------------------------


def _resolve_fields(blocks: list[Block]) -> None:
    for run in _field_runs(blocks):
        kind = table_kind([b.cells[0].header for b in run])
        for block in run:
            cell = block.cells[0]
            _apply(cell, resolve(cell.header, [cell.text], [cell.date is not None], kind))


def _resolve_tables(blocks: list[Block]) -> None:
    """Each column's role from its header and the cells under it, table by table."""
    tables: dict[tuple, list[Block]] = {}
    for block in blocks:
        tabled = block.kind in (BlockKind.TABLE_ROW, BlockKind.TABLE_HEADER, BlockKind.GUIDANCE)
        if tabled and block.cells:
            where = block.locator
            tables.setdefault((where.part, where.table, where.sheet), []).append(block)
    for rows in tables.values():
        headers = [c.header for b in rows for c in b.cells]
        groups: dict[tuple, list[Block]] = {}
        for block in rows:
            groups.setdefault(tuple(c.header for c in block.cells), []).append(block)
        for shape, group in groups.items():
            own = [h for h in shape if h]
            kind = table_kind(own if len(own) >= 2 else headers)
            _resolve_group(group, kind)


def _resolve_group(rows: list[Block], kind: TableKind) -> None:
    data = [b for b in rows if b.kind is BlockKind.TABLE_ROW]
    columns: dict[str, list[Cell]] = {}
    for block in data:
        for cell in block.cells:
            if cell.header:
                columns.setdefault(cell.header, []).append(cell)
    for header, cells in columns.items():
        texts = [c.text for c in cells]
        result = resolve(header, texts, [c.date is not None for c in cells], kind)
        for cell in cells:
            _apply(cell, result, keep_note=True)
    for block in rows:
        if block.kind is not BlockKind.TABLE_ROW:  # header and guidance rows: words only
            for cell in block.cells:
                match = columns.get(cell.header or "")
                if match:
                    cell.role, cell.role_from = match[0].role, match[0].role_from
                else:
                    _apply(cell, resolve(cell.header, (), (), kind), keep_note=True)


def _apply(cell: Cell, result: Resolution, keep_note: bool = False) -> None:
    """Set a cell's role; a note about a prompt set aside stays unless the role needs one."""
    cell.role, cell.role_from = result.role, result.role_from
    if result.note or not keep_note:
        cell.note = result.note


def read_structure(portfolio: Portfolio) -> Portfolio:
    """Guidance, fields and roles, read over the blocks a reader produced."""
    blocks = portfolio.blocks
    _mark_guidance(blocks)
    _read_fields(blocks)
    _resolve_fields(blocks)
    _resolve_tables(blocks)
    return portfolio
