"""Parser for the inline markup of the NLP extraction evaluation sets.

One example per line::

    <objective> {{OBJECTIVE Reduce my {{KPI=aht AHT}} by {{DATE=2025-03-31 31/03/2025}}}}

* ``{{LABEL text}}`` or ``{{LABEL=value text}}`` marks a span; spans nest.
  The label (and optional ``=value``, which holds no spaces or braces) is
  followed by exactly one space, then the span text.
* An optional ``<role> `` prefix says the example is one table/sheet cell
  under a column with that role; without it the example is prose.
* Blank lines and lines starting with ``#`` are skipped.  The header comment
  ``# reference_date: YYYY-MM-DD`` sets the date that relative and year-less
  DATE values were resolved against.

Offsets in :class:`Span` are character offsets into the plain text (the line
with the role prefix and all markup removed), end exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

__all__ = [
    "KPI_IDS",
    "LABELS",
    "ROLES",
    "EvalSet",
    "Example",
    "Span",
    "load",
    "parse_line",
]

LABELS: frozenset[str] = frozenset(
    {
        "DATE",
        "DURATION",
        "FREQUENCY",
        "KPI",
        "QUANTITY",
        "OBJECTIVE",
        "REVIEW",
        "ACTIVITY",
        "RESOURCE",
    }
)

ROLES: frozenset[str] = frozenset(
    {
        "objective",
        "activity",
        "resources",
        "deadline",
        "success_measure",
        "progress",
        "review_date",
        "learning_need",
        "skill",
    }
)

KPI_IDS: frozenset[str] = frozenset(
    {
        "aht",
        "fcr",
        "csat",
        "nps",
        "abandonment_rate",
        "quality_score",
        "service_level",
        "adherence",
        "occupancy",
        "sales_conversion",
        "complaints",
        "attendance",
        "acw",
        "hold_time",
        "transfer_rate",
    }
)

#: Labels whose spans may not carry a ``=value``.
VALUELESS_LABELS: frozenset[str] = frozenset({"OBJECTIVE", "REVIEW", "ACTIVITY", "RESOURCE"})

UNRESOLVED = "?"

_OPEN = "{{"
_CLOSE = "}}"
_ROLE_RE = re.compile(r"<([^<>\s]*)> ")
_HEAD_RE = re.compile(r"([A-Za-z_]+)(?:=([^\s{}]*))?( ?)")
_REFERENCE_RE = re.compile(r"#\s*reference_date\s*:\s*(\S*)\s*$")

_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUM = r"\d+(?:\.\d+)?"
_ISO_DURATION = rf"P(?:(?:{_NUM}[YMWD])+(?:T(?:{_NUM}[HMS])+)?|T(?:{_NUM}[HMS])+)"
_DURATION_RE = re.compile(rf"{_ISO_DURATION}(?:/{_ISO_DURATION})?")
_FREQUENCY_RE = re.compile(rf"(?:\d+/)?{_ISO_DURATION}(?:/{_ISO_DURATION})?")


@dataclass(frozen=True)
class Span:
    """One labelled span of an example's plain text."""

    label: str
    start: int
    end: int
    text: str
    value: str | None = None


@dataclass(frozen=True)
class Example:
    """One labelled line: a prose sentence/paragraph or a table cell."""

    text: str
    role: str | None
    spans: tuple[Span, ...]
    line_no: int

    def spans_with(self, label: str) -> tuple[Span, ...]:
        """The spans carrying ``label``, in document order."""
        return tuple(span for span in self.spans if span.label == label)


@dataclass(frozen=True)
class EvalSet:
    """A whole evaluation file: its reference date and its examples."""

    reference_date: date
    examples: list[Example]


class _LineError(ValueError):
    """A problem in one line, before the file name is known."""


def _check_date(value: str) -> bool:
    if not _ISO_DATE_RE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_value(label: str, value: str) -> str | None:
    """Return a problem description, or None when ``value`` suits ``label``."""
    if label in VALUELESS_LABELS:
        return f"label {label} takes no value (got {value!r})"
    if value == "":
        return f"empty value for {label}"
    if value == UNRESOLVED or label == "QUANTITY":
        return None
    if label == "DATE":
        parts = value.split("/")
        if len(parts) > 2 or not all(_check_date(part) for part in parts):
            return f"DATE value {value!r} is not an ISO date or ISO date interval"
        if len(parts) == 2 and parts[0] > parts[1]:
            return f"DATE interval {value!r} ends before it starts"
        return None
    if label == "DURATION":
        if not _DURATION_RE.fullmatch(value):
            return f"DURATION value {value!r} is not an ISO 8601 duration"
        return None
    if label == "FREQUENCY":
        if not _FREQUENCY_RE.fullmatch(value):
            return f"FREQUENCY value {value!r} is not [N/]<ISO duration>[/<ISO duration>]"
        return None
    if label == "KPI" and value not in KPI_IDS:
        return f"unknown KPI id {value!r}"
    return None


@dataclass(frozen=True)
class _OpenSpan:
    label: str
    value: str | None
    start: int  # offset in the plain text
    column: int  # 1-based column of the opening braces in the line


def _split_role(body: str) -> tuple[str | None, str, int]:
    """Split off a ``<role> `` prefix: (role, rest of the line, length of the prefix)."""
    if not body.startswith("<"):
        return None, body, 0
    match = _ROLE_RE.match(body)
    if match is None:
        raise _LineError("malformed role prefix: expected '<role> ' at the start of the line")
    role = match.group(1)
    if role not in ROLES:
        raise _LineError(f"unknown role {role!r}")
    rest = body[match.end() :]
    if rest.startswith(" "):
        raise _LineError("more than one space after the role prefix")
    return role, rest, match.end()


def _read_head(body: str, i: int, column: int) -> tuple[str, str | None, int]:
    """Read ``LABEL[=value] `` after the ``{{`` at ``i``: (label, value, index of the text)."""
    head = _HEAD_RE.match(body, i + len(_OPEN))
    if head is None or not head.group(1):
        raise _LineError(f"expected a label after '{{{{' at column {column}")
    label, value, space = head.group(1), head.group(2), head.group(3)
    if label not in LABELS:
        raise _LineError(f"unknown label {label!r} at column {column}")
    if not space:
        raise _LineError(f"{label} at column {column} must be followed by one space")
    if value is not None:
        problem = _check_value(label, value)
        if problem is not None:
            raise _LineError(f"{problem} at column {column}")
    if body.startswith(" ", head.end()):
        raise _LineError(f"{label} at column {column} must be followed by exactly one space")
    return label, value, head.end()


def _close(span: _OpenSpan, plain: list[str]) -> Span:
    text = "".join(plain[span.start :])
    if not text:
        raise _LineError(f"empty {span.label} span opened at column {span.column}")
    if text != text.strip():
        raise _LineError(
            f"{span.label} span opened at column {span.column} starts or ends with whitespace"
        )
    return Span(span.label, span.start, len(plain), text, span.value)


def _parse(line: str, line_no: int) -> Example | None:
    body = line.rstrip("\r\n").rstrip()
    if not body.strip() or body.lstrip().startswith("#"):
        return None
    role, body, offset = _split_role(body)

    plain: list[str] = []
    stack: list[_OpenSpan] = []
    spans: list[Span] = []
    i = 0
    while i < len(body):
        column = offset + i + 1
        if body.startswith(_OPEN, i):
            label, value, i = _read_head(body, i, column)
            stack.append(_OpenSpan(label, value, len(plain), column))
        elif body.startswith(_CLOSE, i):
            if not stack:
                raise _LineError(f"unbalanced braces: '}}}}' at column {column} closes nothing")
            spans.append(_close(stack.pop(), plain))
            i += len(_CLOSE)
        elif body[i] in "{}":
            raise _LineError(f"unbalanced braces: stray {body[i]!r} at column {column}")
        else:
            plain.append(body[i])
            i += 1
    if stack:
        span = stack[-1]
        raise _LineError(
            f"unbalanced braces: {span.label} span opened at column {span.column} is not closed"
        )

    text = "".join(plain)
    if not text.strip():
        raise _LineError("the example has no text" if role is None else "empty cell")
    # document order: by start, outer span before the spans nested in it
    ordered = sorted(spans, key=lambda span: (span.start, -span.end, span.label))
    return Example(text=text, role=role, spans=tuple(ordered), line_no=line_no)


def parse_line(line: str, line_no: int = 0, source: str = "<string>") -> Example | None:
    """Parse one line of markup.

    Returns None for blank lines and ``#`` comments.  Raises ValueError naming
    ``source`` and ``line_no`` on malformed markup (unbalanced braces, unknown
    label or role, a malformed value).
    """
    try:
        return _parse(line, line_no)
    except _LineError as error:
        raise ValueError(f"{source}:{line_no}: {error}") from None


def load(path: str | Path) -> EvalSet:
    """Load an evaluation file: its ``# reference_date:`` header and its examples."""
    path = Path(path)
    reference_date: date | None = None
    examples: list[Example] = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        header = _REFERENCE_RE.match(line.strip())
        if header is not None:
            if reference_date is not None:
                raise ValueError(f"{path}:{line_no}: second reference_date header")
            try:
                reference_date = date.fromisoformat(header.group(1))
            except ValueError:
                raise ValueError(
                    f"{path}:{line_no}: reference_date {header.group(1)!r} is not YYYY-MM-DD"
                ) from None
            continue
        example = parse_line(line, line_no=line_no, source=str(path))
        if example is not None:
            examples.append(example)
    if reference_date is None:
        raise ValueError(f"{path}:1: missing '# reference_date: YYYY-MM-DD' header")
    return EvalSet(reference_date=reference_date, examples=examples)
