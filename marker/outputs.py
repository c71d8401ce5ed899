"""Where the tool writes: checked before any marking starts, and written whole or not at all.

Every command that writes a file asks this module first: the output's extension must say
a format the command writes (and agree with --format), it must not be a folder, it must
not be one of the inputs (the same file under any name, hard links included), and its
folder must exist or be made and be writable. Files are then written to a temporary file
beside the target and renamed onto it, so a run killed mid-write leaves the previous
output as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import click

CHECK_FORMATS = {".txt": "text", ".json": "json", ".jsonl": "jsonl", ".html": "html"}
BATCH_FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".jsonl": "jsonl"}
REPORT_FORMATS = {".html": "html", ".xlsx": "xlsx", ".json": "json", ".txt": "text"}
TEMPLATE_FORMATS = {".xlsx": "xlsx", ".csv": "csv"}
REJECTS_FORMATS = {".csv": "csv"}


class OutputError(click.ClickException):
    """An output the command must not write; the message names the file and the problem.

    A click error, so that wherever it is raised the command ends with that one line.
    """


def _choices(formats: dict[str, str]) -> str:
    suffixes = list(formats)
    return ", ".join(suffixes[:-1]) + f" or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]


def format_of(path: Path, formats: dict[str, str], requested: str | None = None) -> str:
    """The format `path`'s extension says; refused when unknown or when --format differs."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise OutputError(f"{path}: is a folder: give a file name to write")
    if suffix not in formats:
        kind = f"unknown output type {suffix}" if suffix else "no extension"
        raise OutputError(f"{path}: {kind}: use {_choices(formats)}")
    if requested and formats[suffix] != requested:
        wanted = [s for s, f in formats.items() if f == requested]
        raise OutputError(
            f"{path}: a {suffix} file cannot hold --format {requested}"
            + (f": name it {path.stem}{wanted[0]}" if wanted else "")
        )
    return formats[suffix]


def identity(path: Path) -> tuple[int, int] | None:
    """What os.path.samefile compares: device and inode (hard links and symlinks agree)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def identities(paths: Iterable[Path]) -> set[tuple[int, int]]:
    """The identities of the paths that exist."""
    return {found for path in paths if (found := identity(path)) is not None}


def same_file(path: Path, others: Iterable[Path]) -> bool:
    return identity(path) in identities(others)


def prepare(
    outputs: Iterable[Path], inputs: Iterable[Path], say: Callable[[str], None] = lambda _: None
) -> None:
    """Refuse outputs that are folders, inputs or unwritable; make missing folders.

    Called before any marking, so a refused run has marked and written nothing.
    """
    outputs = list(outputs)
    read = {found: path for path in inputs if (found := identity(path)) is not None}
    seen: dict[tuple[int, int] | Path, Path] = {}
    for path in outputs:
        if path.is_dir():
            raise OutputError(f"{path}: is a folder: give a file name to write")
        if (source := read.get(identity(path))) is not None:
            also = "" if source == path else f" (the same file as {source})"
            raise OutputError(f"{path}: is an input file{also}: write the output elsewhere")
        key = identity(path) or path.resolve()
        if key in seen:
            raise OutputError(f"{path}: is also given as {seen[key]}: name each output apart")
        seen[key] = path
    for path in outputs:
        _writable_folder(path, say)


def _writable_folder(path: Path, say: Callable[[str], None]) -> None:
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True)
        except OSError as error:
            raise OutputError(
                f"{path}: cannot create the folder {folder}: {error.strerror}"
            ) from None
        say(f"created folder {folder}")
    if not folder.is_dir():
        raise OutputError(f"{path}: {folder} is a file, not a folder")
    try:
        handle, probe = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"{path}: cannot write in {folder}: {error.strerror}") from None
    os.close(handle)
    os.unlink(probe)


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed onto it once the block has written it whole.

    If the block fails or the process dies, `path` keeps its previous content.
    """
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())  # on disk before the rename makes it the output
        temporary.chmod(_default_mode())  # mkstemp makes it private; outputs are ordinary files
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    with replacing(path) as temporary:
        temporary.write_text(text, encoding=encoding, newline="")  # the same bytes everywhere


def save(document: Any, path: Path) -> None:
    """Save an openpyxl workbook or a python-docx document in place, whole or not at all."""
    with replacing(path) as temporary:
        document.save(str(temporary))
