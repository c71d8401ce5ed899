"""Marking from Python: the same stage chain as `marker check`, without the command line.

>>> import marker
>>> marking = marker.check("fixtures/portfolios/strong_styled_headings.docx")
>>> marking.outcome, [p.verdict for p in marking.marking_points]
('met', ['met', 'met', 'met', 'met'])
"""

from __future__ import annotations

from pathlib import Path, PurePath

from marker.parse import Portfolio, parse_file
from marker.rules.loader import DEFAULT_PACK, LoadedPack, load_path
from marker.rules.loader import load_pack as _load_by_id
from marker.rules.marking import Marking

Source = str | Path | tuple[str, bytes]  # a file, or a file's name and its bytes


def load_pack(id_or_path: str | Path = DEFAULT_PACK) -> LoadedPack:
    """A rule pack by its id (from the rules folder) or by the path of its YAML file."""
    if isinstance(id_or_path, Path) or PurePath(id_or_path).suffix in (".yaml", ".yml"):
        return load_path(Path(id_or_path))
    return _load_by_id(str(id_or_path))


def parse(source: Source) -> Portfolio:
    """What the engine reads from a .docx/.xlsx; raises `PortfolioError` for a file it
    cannot read (with a stable code and a message a learner can act on)."""
    return parse_file(source)


def check(source: Source, pack: str | Path | LoadedPack | None = None) -> Marking:
    """Mark one portfolio: a verdict per marking point with evidence, the SMART table,
    findings and next steps. `pack` is an id, a pack file's path or a loaded pack."""
    from marker.run import mark_file

    loaded = pack if isinstance(pack, LoadedPack) else load_pack(pack or DEFAULT_PACK)
    return mark_file(source, loaded)
