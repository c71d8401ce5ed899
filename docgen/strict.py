"""The base of every docgen model: unknown keys are errors, with the nearest allowed key."""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from docgen.yamlio import unknown_key_hint

HEX_COLOUR = re.compile(r"^[0-9A-Fa-f]{6}$")


def fail(kind: str, message: str) -> PydanticCustomError:
    """A validation error whose message is shown as written (no template braces)."""
    return PydanticCustomError(kind, "{message}", {"message": message})


class Strict(BaseModel):
    """A mapping in a writer's file: unknown keys are refused, naming the nearest allowed one.

    `shorthand` names the key a bare scalar stands for (`heading: "Plan"` is
    `heading: {text: "Plan"}`); `shape` says what the mapping is, for the error shown
    when something else is found.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    shorthand: ClassVar[str | None] = None
    shape: ClassVar[str] = "a mapping"

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data: Any) -> Any:
        if cls.shorthand and not isinstance(data, dict | list):
            return {cls.shorthand: data}
        if not isinstance(data, dict):
            raise fail("shape", f"expected {cls.shape}")
        allowed = [field.alias or name for name, field in cls.model_fields.items()]
        for key in data:
            if key not in allowed:
                raise fail("unknown_key", f"unknown key {key!r}{unknown_key_hint(key, allowed)}")
        return data


def _number_as_text(value: Any) -> Any:
    # YAML reads an unquoted 808080 as a number; as a colour it means the text written.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _hex(value: str) -> str:
    if not HEX_COLOUR.match(value):
        raise ValueError("a colour is six hex digits, e.g. 808080")
    return value.upper()


Colour = Annotated[str, BeforeValidator(_number_as_text), AfterValidator(_hex)]
