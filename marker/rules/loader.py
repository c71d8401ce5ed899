"""Load rule packs from YAML, with errors a rule author can act on."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from marker.resources import read_yaml, rules_dir
from marker.rules.marking import PackRef
from marker.rules.model import Pack

DEFAULT_PACK = "contact-centre-pdp"


class PackError(Exception):
    """A rule pack could not be loaded; the message names the file, rule and field."""


@dataclass(frozen=True)
class LoadedPack:
    pack: Pack
    path: Path
    sha256: str

    def ref(self) -> PackRef:
        """Which pack marked a file: id, version and the hash of its exact text."""
        return PackRef(id=self.pack.id, version=self.pack.version, sha256=self.sha256)


def _where(data: object, location: tuple) -> str:
    """'marking point smart-objectives › check so-deadline › field min' for an error."""
    parts: list[str] = []
    node = data
    names = {"marking_points": "marking point", "checks": "check", "findings": "finding"}
    for step in location:
        if isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            label = node.get("id", f"#{step + 1}") if isinstance(node, dict) else f"#{step + 1}"
            if parts and parts[-1] in names.values():
                parts[-1] = f"{parts[-1]} '{label}'"
            else:
                parts.append(f"item {step + 1}")
        elif isinstance(node, dict) and step in node:
            node = node[step]
            parts.append(names.get(step, f"field '{step}'"))
        elif isinstance(step, str) and step not in ("function-after",):
            parts.append(f"field '{step}'" if not step[0].isupper() else f"kind {step}")
    return " › ".join(p for p in parts if p)


def _explain(path: Path, data: object, error: ValidationError) -> str:
    lines = [f"{path}: the rule pack is not valid:"]
    for problem in error.errors():
        where = _where(data, problem["loc"]) or "top level"
        lines.append(f"  - {where}: {problem['msg']}")
    return "\n".join(lines)


def load_path(path: Path) -> LoadedPack:
    """Load and validate one pack file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PackError(f"{path}: cannot read the rule pack ({error.strerror})") from None
    try:
        data = read_yaml(raw)
    except yaml.YAMLError as error:
        raise PackError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise PackError(f"{path}: a rule pack is a mapping with id, title, marking_points, ...")
    try:
        pack = Pack.model_validate(data)
    except ValidationError as error:
        raise PackError(_explain(path, data, error)) from None
    return LoadedPack(pack=pack, path=path, sha256=hashlib.sha256(raw).hexdigest())


def pack_paths() -> list[Path]:
    return sorted(rules_dir().glob("*.yaml"))


@cache
def load_pack(pack_id: str = DEFAULT_PACK) -> LoadedPack:
    """The pack with this id from the rules folder."""
    path = rules_dir() / f"{pack_id}.yaml"
    if not path.exists():
        known = ", ".join(p.stem for p in pack_paths()) or "none"
        raise PackError(f"no rule pack '{pack_id}' in {rules_dir()} (packs: {known})")
    loaded = load_path(path)
    if loaded.pack.id != pack_id:
        raise PackError(
            f"{path}: the file name says '{pack_id}' but the pack id is '{loaded.pack.id}'"
        )
    return loaded
