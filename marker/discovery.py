"""The files a batch (or `marker check`) is given, each with the identity it keeps.

Every file under the paths named is accounted for: a portfolio becomes a task; a file
that looks like a submission but cannot be read, or a link leading out of its folder, is
refused with its own code and message; clutter and other files are skipped and counted.

A file's `path` (its identity, see IDENTITY.md) is relative to the folder it was found
under, in POSIX form. With several paths named, each folder's name goes in front
(`a/same.docx`, `b/same.docx`), so two files with one name are never one row.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from marker.parse.formats import REFUSED, FileKind, classify

LINK_OUTSIDE = (
    "link-outside",
    "This is a link to something outside the folder being marked, so it was not read: "
    "copy the file into the folder, or run the batch with --follow-links.",
)


@dataclass(frozen=True)
class Task:
    source: Path  # where the file is read from
    path: str  # its identity: relative to its root, POSIX form, never absolute
    refused: tuple[str, str] | None = None  # (code, message): an error row, nothing to mark

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name


def record_path(record: dict) -> str:
    """A marking or error record's file identity, so two `same.docx` stay two rows;
    journals written before `path` existed have the name only."""
    return record.get("path") or record["file"]


class InputError(Exception):
    """A path on the command line that gives nothing to mark; the message names it."""


@dataclass
class Found:
    tasks: list[Task] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # "system", "other", "duplicate"


def find_files(arguments: list[str], *, follow_links: bool = False) -> Found:
    """Every file named or below a named folder, in a stable order, each with its path.

    Raises `InputError` for a path that does not exist or a folder with nothing to mark.
    """
    for argument in arguments:
        if not Path(argument).exists():
            raise InputError(f"{argument}: no such file or folder")
    found = _Search(follow_links)
    prefixes = _Prefixes()
    several = len(arguments) > 1
    named = {os.path.realpath(a): Path(a).name for a in arguments if not Path(a).is_dir()}
    names = Counter(named.values())
    for argument in arguments:
        given = Path(argument)
        if given.is_dir():
            prefix = prefixes.of(given) if several else ""
            if not found.folder(given, prefix):
                raise InputError(_nothing_to_mark(argument, found.last_skipped))
        else:
            # a file named twice under one name is kept apart by its folder's name
            prefix = prefixes.of(given.parent) if names[given.name] > 1 else ""
            found.named(given, _join(prefix, _text(given.name)))
    return found.result


def _nothing_to_mark(argument: str, skipped: int) -> str:
    shown = argument if argument.endswith("/") else argument + "/"
    message = f"{shown}: no .docx or .xlsx files found"
    if skipped:
        message += f" ({skipped} other file{'s' if skipped != 1 else ''} skipped)"
    return message


class _Prefixes:
    """One label per folder, its name, made unique (`a`, `a-2`) in the order met."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}

    def of(self, folder: Path) -> str:
        key = os.path.abspath(folder)
        if key not in self.labels:
            base = _text(Path(key).name) or "root"
            label, number = base, 2
            while label in self.labels.values():
                label, number = f"{base}-{number}", number + 1
            self.labels[key] = label
        return self.labels[key]


def _text(name: str) -> str:
    """A file name as text that can be written anywhere (undecodable bytes replaced)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _join(prefix: str, name: str) -> str:
    return f"{prefix}/{name}" if prefix else name


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


class _Search:
    def __init__(self, follow_links: bool) -> None:
        self.follow_links = follow_links
        self.result = Found()
        self.files: set[str] = set()  # real paths taken, so a file reached twice is one file
        self.folders: set[str] = set()  # real paths walked, so a link loop ends
        self.last_skipped = 0

    def named(self, source: Path, path: str) -> None:
        kind = classify(source)
        # a file named on the command line is always answered: only a refusal skips parsing
        refused = REFUSED[source.suffix.lower()] if kind == FileKind.REFUSED else None
        self._add(Task(source, path, refused), os.path.realpath(source))

    def folder(self, root: Path, prefix: str) -> int:
        """Search a folder given; how many files in it are to be marked or refused."""
        before = self.result.skipped.copy()
        real = os.path.realpath(root)
        self.folders.add(real)
        try:
            entries = _entries(root)
        except OSError as error:
            raise InputError(f"{root}: the folder could not be opened ({error.strerror})") from None
        count = self._walk(entries, real, prefix, real)
        self.last_skipped = self.result.skipped.total() - before.total()
        return count

    def _walk(self, entries: list[os.DirEntry], folder: str, prefix: str, root: str) -> int:
        """`folder` is the real path of the folder listed, `root` that of the folder given."""
        count = 0
        for entry in entries:
            path = _join(prefix, _text(entry.name))
            source = Path(entry.path)
            link = entry.is_symlink()
            # only a link needs resolving: anything else is where its folder really is
            real = os.path.realpath(source) if link else os.path.join(folder, entry.name)
            if link and not self.follow_links and not _inside(real, root):
                self._add(Task(source, path, LINK_OUTSIDE), os.path.abspath(source))
                count += 1
            elif entry.is_dir():
                if real in self.folders:
                    continue
                self.folders.add(real)
                try:
                    count += self._walk(_entries(source), real, path, root)
                except OSError as error:
                    self._add(Task(source, path, _unreadable_folder(error)), real)
                    count += 1
            else:
                count += self._file(entry, path, real)
        return count

    def _file(self, entry: os.DirEntry, path: str, real: str) -> int:
        source = Path(entry.path)
        kind = classify(source)
        if kind == FileKind.CLUTTER:
            self.result.skipped["system"] += 1
            return 0
        if kind == FileKind.OTHER or not (entry.is_file() or entry.is_symlink()):
            self.result.skipped["other"] += 1  # includes pipes and devices with a document's name
            return 0
        refused = REFUSED[source.suffix.lower()] if kind == FileKind.REFUSED else None
        self._add(Task(source, path, refused), real)
        return 1

    def _add(self, task: Task, key: str) -> None:
        """Take a file once, however many ways it is reached (named twice, a link to it)."""
        if key in self.files:
            self.result.skipped["duplicate"] += 1
        else:
            self.files.add(key)
            self.result.tasks.append(task)


def _entries(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as listing:
        return sorted(listing, key=lambda entry: entry.name)


def _unreadable_folder(error: OSError) -> tuple[str, str]:
    return ("unreadable", f"This folder could not be opened ({error.strerror}).")
