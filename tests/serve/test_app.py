"""The web app over plain HTTP: headers, CSRF, the size limit, names never paths, sign-in,
busy workers, and the parts on their own (uploads' expiry, isolated processes)."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from click.testing import CliRunner

from marker.cli import main
from marker.serve.engine import Refusal, run_isolated
from marker.serve.security import CSP
from marker.serve.uploads import Uploads, display_name
from tests.conftest import PORTFOLIOS
from tests.serve.conftest import start_server, stop_server

DOCX = PORTFOLIOS / "mixed_plan_in_prose.docx"


@contextmanager
def _session(server) -> Iterator[tuple[httpx.Client, str]]:
    """A browser-like client that has opened the first page: it holds the CSRF cookie."""
    with server.client() as client:
        page = client.get("/")
        yield client, re.search(r'name="csrf" value="([^"]+)"', page.text)[1]


def _post_file(client, csrf: str, name: str, data: bytes) -> httpx.Response:
    return client.post("/check", data={"csrf": csrf}, files={"file": (name, data)})


def test_every_response_carries_the_security_headers(server):
    with server.client() as client:
        for path in ("/", "/review", "/health", "/static/app.css", "/no-such-page"):
            response = client.get(path)
            assert response.headers["content-security-policy"] == CSP, path
            assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src" not in CSP and "default-src 'none'" in CSP


def test_a_post_without_the_csrf_token_is_refused(server):
    with _session(server) as (client, csrf):
        refused = client.post("/check", files={"file": ("a.docx", DOCX.read_bytes())})
        assert refused.status_code == 403
        forged = client.post("/check", data={"csrf": csrf + "x"}, files={"file": ("a.docx", b"x")})
        assert forged.status_code == 403
        assert "Traceback" not in refused.text + forged.text


def test_an_upload_over_the_limit_is_413_before_it_is_read(server):
    with _session(server) as (client, csrf):
        response = _post_file(client, csrf, "big.docx", b"\0" * (21 * 1024**2))
        assert response.status_code == 413
        assert "larger than 20 MB" in response.text
        assert client.get("/health").json()["status"] == "ok"


def test_the_file_name_is_shown_escaped_and_never_used_as_a_path(server):
    name = "..\\..\\<img src=x onerror=alert(1)>.docx"
    with _session(server) as (client, csrf):
        response = _post_file(client, csrf, name, DOCX.read_bytes())
        page = client.get(response.headers["location"]) if response.is_redirect else response
    assert page.status_code == 200, page.text
    assert "<img" not in page.text
    assert "Feedback on &lt;img src=x onerror=alert(1)&gt;.docx" in page.text
    folder = server.log.parent
    assert not list(folder.parent.glob("*.docx")) and not list(folder.glob("*.docx"))


def test_a_refused_file_gets_the_clis_message(server):
    with _session(server) as (client, csrf):
        pdf = _post_file(client, csrf, "draft.pdf", b"%PDF-1.7")
        renamed = _post_file(client, csrf, "draft.docx", b"%PDF-1.7\n" * 10)
    assert pdf.status_code == renamed.status_code == 422
    assert "This is a PDF, not a Word or Excel file" in pdf.text
    assert "draft.docx</strong>: This is a PDF" in renamed.text


def test_health_answers_while_several_learners_are_marked(server):
    statuses: list[int] = []
    with _session(server) as (client, csrf):

        def upload() -> None:
            response = _post_file(client, csrf, "draft.docx", DOCX.read_bytes())
            statuses.append(response.status_code)

        threads = [threading.Thread(target=upload) for _ in range(4)]
        for thread in threads:
            thread.start()
        health = httpx.get(f"{server.url}/health", timeout=60)
        for thread in threads:
            thread.join()
    assert health.status_code == 200 and health.json()["workers"] == 2
    assert statuses == [303] * 4


def test_other_hosts_need_a_token(tmp_path):
    result = CliRunner().invoke(
        main, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "m.db")]
    )
    assert result.exit_code == 1
    assert "--host 0.0.0.0 lets other machines in: give --token or --password-file" in result.output


def test_with_a_token_every_page_needs_the_sign_in(tmp_path):
    server = start_server(tmp_path / "signed", "--token", "s3cret-token")
    try:
        with server.client() as client:
            assert client.get("/").status_code == 303
            assert client.get("/review").headers["location"] == "/signin"
            assert client.get("/health").status_code == 200
            csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/signin").text)[1]
            wrong = client.post("/signin", data={"csrf": csrf, "token": "guess"})
            assert wrong.status_code == 403
            right = client.post("/signin", data={"csrf": csrf, "token": "s3cret-token"})
            assert right.status_code == 303
            assert "s3cret-token" not in right.headers["set-cookie"]
            assert client.get("/").status_code == 200
    finally:
        stop_server(server)


def test_display_names_are_names_not_paths():
    assert display_name("C:\\Users\\jo\\My PDP.docx", ".docx") == "My PDP.docx"
    assert display_name("../../etc/passwd", ".docx") == "passwd"
    assert display_name("\x00\x1b", ".docx") == "portfolio.docx"
    assert len(display_name("a" * 500 + ".docx", ".docx")) <= 120


def test_uploads_are_deleted_on_expiry_unless_kept(tmp_path):
    uploads = Uploads(expiry=60)
    upload = uploads.new("draft.docx", ".docx")
    upload.source.write_bytes(b"x")
    assert uploads.expire(now=time.monotonic() + 30) == 0 and upload.source.exists()
    assert uploads.expire(now=time.monotonic() + 61) == 1
    assert not upload.folder.exists() and uploads.get(upload.id) is None
    uploads.close()
    assert not uploads.root.exists()
    kept = Uploads(keep=tmp_path / "kept", expiry=0)
    held = kept.new("draft.docx", ".docx")
    held.source.write_bytes(b"x")
    kept.expire()
    kept.close()
    assert held.source.exists()


def _die() -> None:
    os._exit(3)


def _sleep() -> None:
    time.sleep(30)


def test_a_process_that_dies_or_overruns_costs_only_its_request():
    died = run_isolated(_die, (), 10)
    assert isinstance(died, Refusal) and died.code == "worker-died"
    assert run_isolated(_sleep, (), 0.5).code == "timeout"
    assert run_isolated(sum, ([1, 2],), 10) == 3
