"""Which portfolio a decision row names: its stored path and the hash of its exact version.

A row names a file by name (`same.docx`) or by path (`a/same.docx`). The name or path is
matched against the files on disk (beside the sheet, and in each `--portfolios` folder
with its subfolders) and against the portfolios the database holds (paths from
`marker batch --db`). The text is only ever compared with names found on disk, never
joined into a path, so a row cannot reach outside those folders.

- Found once on disk: that file is hashed. Its path is the stored portfolio with that
  hash when there is one, else where it was found (relative to its folder, prefixed with
  the folder's name when several `--portfolios` are given, as `marker batch` does).
- Not on disk: the one stored portfolio it names, with the hash last recorded for it.
- More than one match, on disk or in the database: refused with the candidates, because
  tying a decision to the wrong learner's file is worse than asking for the path.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from marker.audit.scheme import file_sha256

SHOWN = 5
"""Candidates listed in an ambiguity message."""


@dataclass(frozen=True)
class Found:
    path: str
    sha256: str


@dataclass(frozen=True)
class Refused:
    """Why a row's file could not be tied to one portfolio."""

    ambiguous: bool  # several files or portfolios match; otherwise none does
    message: str


class PortfolioFinder:
    """Finds the portfolio a row names, on disk or in the database, with its hash."""

    def __init__(self, near: Path, dirs: list[Path], stored: dict[str, str]) -> None:
        self.near, self.dirs, self.stored = near, dirs, stored
        self._disk: dict[str, list[tuple[str, Path]]] | None = None
        self._hashes: dict[Path, str] = {}
        self._listings: dict[Path, dict[str, Path]] = {}

    def find(self, written: str) -> Found | Refused:
        wanted = _as_path(written)
        if wanted is None:
            message = f"'{written}' is not a file name or a path inside the portfolio folders"
            return Refused(False, message)
        on_disk = self._on_disk(wanted)
        if len(on_disk) > 1:
            return Refused(True, _candidates(written, [rel for rel, _ in on_disk], "files"))
        if on_disk:
            rel, file = on_disk[0]
            sha = self._sha256(file)
            same = sorted(p for p in self._stored_matching(wanted) if self.stored[p] == sha)
            if len(same) > 1 and rel not in same:
                return Refused(True, _candidates(written, same, "portfolios"))
            return Found(rel if rel in same or not same else same[0], sha)
        stored = sorted(self._stored_matching(wanted))
        if len(stored) > 1:
            return Refused(True, _candidates(written, stored, "portfolios"))
        if stored:
            return Found(stored[0], self.stored[stored[0]])
        folders = ", ".join(str(d) for d in [self.near, *self.dirs])
        return Refused(
            False,
            f"'{written}' is not in {folders} and the database has no marking of it; "
            "pass --portfolios DIR or record the engine's markings first",
        )

    def _stored_matching(self, wanted: str) -> list[str]:
        return [p for p in self.stored if _names(p, wanted)]

    def _on_disk(self, wanted: str) -> list[tuple[str, Path]]:
        seen: dict[Path, tuple[str, Path]] = {}
        beside = self._beside(wanted.split("/"))
        if beside is not None:
            seen[beside.resolve()] = (wanted, beside)
        for rel, file in self._index()[PurePosixPath(wanted).name]:
            if _names(rel, wanted):
                seen.setdefault(file.resolve(), (rel, file))
        return list(seen.values())

    def _index(self) -> dict[str, list[tuple[str, Path]]]:
        """File name -> (path as stored, file) for every file in the --portfolios folders."""
        if self._disk is None:
            self._disk = defaultdict(list)
            for folder in self.dirs:
                prefix = f"{folder.resolve().name}/" if len(self.dirs) > 1 else ""
                for file in _files(folder):
                    rel = prefix + file.relative_to(folder).as_posix()
                    self._disk[file.name].append((rel, file))
        return self._disk

    def _beside(self, parts: list[str]) -> Path | None:
        """The file at `parts` under the sheet's folder, stepping only through names listed
        on disk (a row's text is compared with them, never joined into a path)."""
        here = self.near
        for part in parts:
            if here not in self._listings:
                try:
                    self._listings[here] = {entry.name: entry for entry in here.iterdir()}
                except OSError:
                    self._listings[here] = {}
            if part not in self._listings[here]:
                return None
            here = self._listings[here][part]
        return here if here.is_file() else None

    def _sha256(self, file: Path) -> str:
        resolved = file.resolve()
        if resolved not in self._hashes:
            self._hashes[resolved] = file_sha256(resolved)
        return self._hashes[resolved]


def _as_path(written: str) -> str | None:
    """The row's file as a relative POSIX path, or None when it is absolute or climbs out."""
    parts = [p for p in written.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or ".." in parts or written.startswith(("/", "\\")) or ":" in parts[0]:
        return None
    return "/".join(parts)


def _names(path: str, wanted: str) -> bool:
    """Whether `wanted` (a name or a trailing part of a path) names `path`."""
    return path == wanted or path.endswith("/" + wanted)


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.rglob("*") if p.is_file())
    except OSError:
        return []


def _candidates(written: str, paths: list[str], what: str) -> str:
    shown = ", ".join(sorted(paths)[:SHOWN])
    more = f" and {len(paths) - SHOWN} more" if len(paths) > SHOWN else ""
    return f"{written} matches {len(paths)} {what}: {shown}{more}: give the path"
