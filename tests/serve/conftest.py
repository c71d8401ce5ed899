"""A real `marker serve` on a free loopback port, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
ARTEFACTS = ROOT / "test-artifacts" / "serve"
"""Screenshots of the pages, kept after the run (git-ignored)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    url: str
    db: Path
    process: subprocess.Popen
    log: Path

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60)


def start_server(folder: Path, *extra: str) -> Server:
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    db = folder / "marker.db"
    log = folder / "server.log"
    command = [sys.executable, "-c", "from marker.cli import main; main()", "serve"]
    command += ["--port", str(port), "--db", str(db), "--workers", "2", *extra]
    with log.open("wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, cwd=folder)
    server = Server(f"http://127.0.0.1:{port}", db, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"marker serve stopped: {log.read_text()}")
        try:
            if httpx.get(f"{server.url}/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"marker serve did not answer within 60 s: {log.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("serve"))
    yield running
    stop_server(running)


def chromium() -> str | None:
    found = os.environ.get("MARKER_CHROMIUM") or next(
        (path for path in CHROMIUM if Path(path).exists()), shutil.which("chromium")
    )
    return found if found and Path(found).exists() else None


@pytest.fixture(scope="module")
def browser():
    executable = chromium()
    if executable is None:
        reason = "chromium not found (/usr/bin/chromium): `apt-get install chromium` to run it"
        print(f"\nbrowser tests skipped: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright's own browser download is not reachable: Debian's chromium is driven
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def artefacts() -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots of the web app: {ARTEFACTS}")
    return ARTEFACTS
