"""Read a writer's YAML strictly and turn every mistake into one line naming file and path.

The loader follows YAML 1.2's core schema where YAML 1.1 (PyYAML's default) would
silently change what a writer typed into a portfolio: `7:30` stays the text "7:30"
(1.1 reads it as the sexagesimal number 450), `No`, `yes`, `on` and `off` stay text
(only true/false are booleans), `0123` stays text, and a key written twice is an error
instead of the last one winning. Dates (`2026-03-31`) are still dates.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
VALUE_TAG = "tag:yaml.org,2002:value"  # YAML 1.1's "=" scalar, which SafeLoader cannot build

Model = TypeVar("Model", bound=BaseModel)


class DocgenError(Exception):
    """A problem with one source file: `str()` is the one line shown to the writer."""

    def __init__(self, source: str, problem: str, more: int = 0) -> None:
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{source}: {problem}{suffix}")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars and duplicate keys refused."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str | int | float | bool) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is written twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (BOOL_TAG, INT_TAG, FLOAT_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    if first != "="
}
_StrictLoader.add_implicit_resolver(
    BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver(
    INT_TAG, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_StrictLoader.add_implicit_resolver(
    FLOAT_TAG,
    re.compile(
        r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"
        r"|^[-+]?[0-9]+[eE][-+]?[0-9]+$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"
    ),
    list("-+0123456789."),
)


def _read(path: Path, source: str) -> tuple[Any, yaml.Node | None]:
    """The document's data and its node tree (for line numbers)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DocgenError(source, f"cannot read: {error}") from None
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = error.problem or error.context or "not valid YAML"
        raise DocgenError(source, f"{where}{problem}") from None
    except yaml.YAMLError as error:
        raise DocgenError(source, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()
    return data, node


def yaml_path(loc: Sequence[str | int]) -> str:
    """A pydantic location as a path a writer reads: body[3].table.rows[2][1]."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _line(node: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the node at `loc`, or of the deepest node found on the way."""
    if node is None:
        return None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [value for key, value in node.value if key.value == str(part)]
            if not match:
                break
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            break
    return node.start_mark.line + 1


def _describe(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", dict: "a mapping"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "a list" if isinstance(value, list) else "a date" if hasattr(value, "year") else "null"


def _problem(error: dict, data: Any) -> tuple[tuple, str]:
    """Where an error is (its YAML location) and what it says, in the writer's terms."""
    loc, kind, value = tuple(error["loc"]), error["type"], error.get("input")
    if kind == "extra_forbidden":  # the key itself is the last part of the location
        return loc[:-1], f"unknown key {loc[-1]!r}"
    if kind == "missing":
        return loc[:-1], f"missing key {loc[-1]!r}"
    if kind == "string_type":
        return loc, f"expected text, found {_describe(value)} (put it in quotes)"
    message = error["msg"].removeprefix("Value error, ")
    if isinstance(value, str | int | float) and not isinstance(value, bool) and value != "":
        message += f" (found {value!r})"
    return loc, message


def validate(model: type[Model], data: Any, source: str, node: yaml.Node | None = None) -> Model:
    """`data` as `model`, or a DocgenError naming the first problem's YAML path and line."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        loc, problem = _problem(errors[0], data)
        line = _line(node, loc)
        where = f"{yaml_path(loc)}: " if loc else ""
        problem = f"{where}{problem}" + (f" (line {line})" if line else "")
        raise DocgenError(source, problem, more=len(errors) - 1) from None


def load(model: type[Model], path: Path, source: str | None = None) -> Model:
    """Read and validate one YAML file; `source` is the name used in messages."""
    source = source or str(path)
    data, node = _read(path, source)
    return validate(model, data, source, node)


def unknown_key_hint(key: object, allowed: Sequence[str]) -> str:
    """ "; did you mean 'text'?" when a close match exists, else the allowed keys."""
    close = difflib.get_close_matches(str(key), allowed, n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; expected one of: {', '.join(allowed)}"
