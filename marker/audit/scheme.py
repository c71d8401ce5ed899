"""The marking scheme as the audit sees it: ordered verdicts and a pack's marking points.

The audit needs only a pack's id, version, hash and marking point ids/titles, so it
reads the YAML itself instead of depending on the full rule loader: an audit can then
run against any pack file a centre has, even one the engine cannot yet apply.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from marker.resources import read_yaml, rules_dir

DEFAULT_PACK = "contact-centre-pdp"
ENGINE = "engine"
"""The rater name the engine's markings carry, in the database and in every report."""

VERDICTS: tuple[str, ...] = ("not_met", "partially_met", "met")
"""Verdicts in order; a verdict's index is its score (0, 1, 2) for ordinal statistics."""

VERDICT_LABELS = {"not_met": "not met", "partially_met": "partially met", "met": "met"}

# Spellings found in centres' sampling sheets. "Pass"/"fail", "yes"/"no" and
# "referred" are refused on purpose: on a three-level scale they do not say which level.
_ALIASES: dict[str, str] = {
    "met": "met",
    "fully met": "met",
    "achieved": "met",
    "partially met": "partially_met",
    "partly met": "partially_met",
    "part met": "partially_met",
    "partial": "partially_met",
    "pm": "partially_met",
    "not met": "not_met",
    "not yet met": "not_met",
    "nym": "not_met",
    "nm": "not_met",
    "not achieved": "not_met",
}
ACCEPTED_SPELLINGS = "met, partially met (part met, PM), not met (not yet met, NYM)"


def parse_verdict(text: str) -> str | None:
    """The canonical verdict for a spelling ("Partially Met", "NYM", "not_met"), or None."""
    key = re.sub(r"[\s_\-]+", " ", text.strip().lower())
    return _ALIASES.get(key)


@dataclass(frozen=True)
class Pack:
    """What a decision records about the rule pack it was checked against."""

    id: str
    version: str
    sha256: str
    title: str
    marking_points: dict[str, str]  # id -> title, in the pack's order


class PackNotFound(Exception):
    """The pack file is missing or unreadable; the message says where it looked."""


def load_pack(pack_id: str = DEFAULT_PACK) -> Pack:
    """Read `rules/<pack_id>.yaml`: id, title, version and the marking point ids and titles."""
    path = rules_dir() / f"{pack_id}.yaml"
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PackNotFound(f"rule pack '{pack_id}' not found at {path}") from error
    data = read_yaml(raw)
    if not isinstance(data, dict) or not isinstance(data.get("marking_points"), list):
        raise PackNotFound(f"{path} is not a rule pack: no 'marking_points' list")
    points = {str(p["id"]): str(p.get("title", p["id"])) for p in data["marking_points"]}
    return Pack(
        id=str(data.get("id", pack_id)),
        version=str(data.get("version", "")),
        sha256=hashlib.sha256(raw).hexdigest(),
        title=str(data.get("title", pack_id)),
        marking_points=points,
    )


def file_sha256(path: Path) -> str:
    """The file's content hash, which ties a decision to the exact version marked."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
