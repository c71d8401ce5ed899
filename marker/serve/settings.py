"""How the server was started: one model, checked once, read by every part of the app."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from marker.batch import FILE_SECONDS

LOOPBACK = ("127.0.0.1", "::1", "localhost")


class Settings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 8000
    db_url: str = "sqlite:///marker.db"
    pack_id: str = "contact-centre-pdp"
    workers: int = Field(default=2, ge=1)
    token: str | None = None  # needed off the loopback address
    keep: Path | None = None  # keep uploads and commented copies here; else deleted
    max_upload_mb: int = Field(default=20, ge=1)
    seconds: float = FILE_SECONDS  # one file's marking time before its worker is stopped

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK
