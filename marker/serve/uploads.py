"""Learners' uploads: each in a folder of its own, deleted after its download or when it
expires, unless the server keeps them (`--keep DIR`).

The learner's file name is shown on the page and given to the download, never used as a
path: the upload is saved as `portfolio.docx` or `portfolio.xlsx` in a folder named by a
random id, and the id in a URL is looked up, never joined into a path.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from marker.rules.marking import Marking

EXPIRY_SECONDS = 15 * 60
MAX_NAME_CHARS = 120
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


def display_name(raw: str | None, suffix: str) -> str:
    """The learner's file name as shown: the last part of what the browser sent, printable,
    not too long; a made-up name when nothing usable is left."""
    name = PurePosixPath((raw or "").replace("\\", "/")).name
    name = _UNPRINTABLE.sub("", name).strip()
    if len(name) > MAX_NAME_CHARS:
        stem = PurePosixPath(name).stem[: MAX_NAME_CHARS - len(suffix)]
        name = stem + suffix
    return name or f"portfolio{suffix}"


@dataclass
class Upload:
    """One learner's check: where its files are and, once marked, the marking."""

    id: str
    folder: Path
    name: str  # as the learner called it, for display and the download's name
    suffix: str  # ".docx" or ".xlsx"
    created: float = field(default_factory=time.monotonic)
    marking: Marking | None = None
    downloaded: bool = False

    @property
    def source(self) -> Path:
        return self.folder / f"portfolio{self.suffix}"

    @property
    def commented(self) -> Path:
        return self.folder / f"commented{self.suffix}"

    @property
    def download_name(self) -> str:
        return f"{PurePosixPath(self.name).stem}-commented{self.suffix}"


class Uploads:
    """The uploads the server holds, by id; files under `root` (a temporary folder, or the
    `--keep` folder, where nothing is ever deleted)."""

    def __init__(self, keep: Path | None = None, expiry: float = EXPIRY_SECONDS) -> None:
        self.keep = keep
        self.root = keep or Path(tempfile.mkdtemp(prefix="marker-serve-"))
        self.root.mkdir(parents=True, exist_ok=True)
        self.expiry = expiry
        self.held: dict[str, Upload] = {}

    def new(self, name: str | None, suffix: str) -> Upload:
        upload_id = secrets.token_urlsafe(18)
        folder = self.root / upload_id
        folder.mkdir(mode=0o700)
        upload = Upload(upload_id, folder, display_name(name, suffix), suffix)
        self.held[upload_id] = upload
        return upload

    def get(self, upload_id: str) -> Upload | None:
        return self.held.get(upload_id)

    def discard_files(self, upload: Upload) -> None:
        """Delete an upload's files (after its download); the marking stays until expiry."""
        if self.keep is None:
            shutil.rmtree(upload.folder, ignore_errors=True)

    def forget(self, upload: Upload) -> None:
        self.discard_files(upload)
        self.held.pop(upload.id, None)

    def expire(self, now: float | None = None) -> int:
        """Forget every upload older than the expiry; how many went."""
        now = time.monotonic() if now is None else now
        old = [u for u in self.held.values() if now - u.created >= self.expiry]
        for upload in old:
            self.forget(upload)
        return len(old)

    def close(self) -> None:
        """At shutdown: nothing of a learner's is left behind unless kept."""
        for upload in list(self.held.values()):
            self.forget(upload)
        if self.keep is None:
            shutil.rmtree(self.root, ignore_errors=True)
