"""The web app in a real browser: a learner's check, an assessor's review, hostile and
oversized uploads, a phone-sized screen, and the keyboard alone."""

from __future__ import annotations

import json
import subprocess
import sys

import docx
import pytest

from tests.conftest import PORTFOLIOS
from tests.hostile import CASES

LEARNER_FILE = PORTFOLIOS / "mixed_plan_in_prose.docx"
REVIEWED = ("weak_hobbies_no_kpi.docx", "strong_styled_headings.docx")


def _upload(page, server, path) -> None:
    page.goto(server.url + "/")
    page.set_input_files("#file", str(path))
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_learner_sees_verdicts_and_downloads_the_commented_copy(
    server, browser, artefacts, tmp_path
):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url + "/")
    page.screenshot(path=str(artefacts / "learner-upload-1280.png"), full_page=True)
    _upload(page, server, LEARNER_FILE)
    assert "/check/" in page.url
    assert page.locator("h1").inner_text() == f"Feedback on {LEARNER_FILE.name}"
    badges = page.locator("section .badge").all_inner_texts()
    assert len(badges) == 4 and set(badges) <= {"Met", "Partly met", "Not met yet"}
    assert page.get_by_role("heading", name="Do these first").is_visible()
    page.screenshot(path=str(artefacts / "learner-feedback-1280.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download your document with comments").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "mixed_plan_in_prose-commented.docx"
    comments = [c.text for c in docx.Document(str(saved)).comments]
    assert comments and all(text.strip() for text in comments)
    # downloaded once, then deleted from the server
    page.goto(page.url + "/commented")
    assert page.locator("h1").inner_text() == "This copy has gone"
    page.close()


def test_feedback_page_fits_a_phone(server, browser, artefacts):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    _upload(page, server, LEARNER_FILE)
    assert "/check/" in page.url
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    page.screenshot(path=str(artefacts / "learner-feedback-390.png"), full_page=True)
    page.goto(server.url + "/")
    page.screenshot(path=str(artefacts / "learner-upload-390.png"), full_page=True)
    page.close()


def _report(server) -> dict:
    command = [sys.executable, "-c", "from marker.cli import main; main()", "audit", "report"]
    command += ["--db", str(server.db), "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_assessor_override_reaches_the_audit_report(server, browser, artefacts):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url + "/review")
    page.set_input_files("#files", [str(PORTFOLIOS / name) for name in REVIEWED])
    page.click("form.upload button[type=submit]")
    page.wait_for_load_state()
    assert "marked and stored" in page.locator(".saved").inner_text()
    page.screenshot(path=str(artefacts / "assessor-list-1280.png"), full_page=True)

    page.get_by_role("link", name=REVIEWED[0]).click()
    page.fill("#assessor", "Asha Patel")
    group = page.locator("#point-monitoring")
    engine_verdict = group.locator(".badge").first.inner_text()
    assert engine_verdict == "Not met yet"
    group.get_by_label("Change to Met").check()
    page.fill("#comment-monitoring", "Reviews are in the appendix <b>dated</b>")
    page.screenshot(path=str(artefacts / "assessor-review-1280.png"), full_page=True)
    page.click("form.review button[type=submit]")
    page.wait_for_load_state()
    assert "Saved: 1 decision(s)" in page.locator(".saved").inner_text()

    report = _report(server)
    assert "Asha Patel" in report["raters"]
    [override] = [
        d
        for d in report["disagreements"]
        if d["file_name"] == REVIEWED[0] and d["marking_point"] == "monitoring"
    ]
    assert override["verdicts"] == {"engine": "not_met", "Asha Patel": "met"}
    assert override["comments"]["Asha Patel"] == "Reviews are in the appendix <b>dated</b>"

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(artefacts / "assessor-review-390.png"), full_page=True)
    page.goto(server.url + "/review")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(artefacts / "assessor-list-390.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("case", ["billion-laughs-document.docx", "oversized"])
def test_bad_upload_gets_the_plain_page_and_the_server_goes_on(server, browser, tmp_path, case):
    if case == "oversized":
        bad = tmp_path / "huge.docx"
        bad.write_bytes(b"PK\x03\x04" + b"\0" * (21 * 1024**2))
        expected, title = 413, "The file is too large"
    else:
        bad = tmp_path / case
        bad.write_bytes(next(c for c in CASES if c.name == case).build())
        expected, title = 422, "This file could not be checked"
    page = browser.new_page()
    page.goto(server.url + "/")
    page.set_input_files("#file", str(bad))
    with page.expect_response(lambda r: r.url.endswith("/check")) as response:
        page.click("button[type=submit]")
    assert response.value.status == expected
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert "Traceback" not in page.content()
    page.get_by_role("link", name="Check another file").click()
    _upload(page, server, LEARNER_FILE)
    assert page.locator("h1").inner_text() == f"Feedback on {LEARNER_FILE.name}"
    page.close()


def _tab_to(page, selector: str, presses: int = 40) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_upload_and_review_with_the_keyboard_only(server, browser):
    page = browser.new_page()
    page.goto(server.url + "/")
    _tab_to(page, "#file")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(LEARNER_FILE))
    _tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/**")
    _tab_to(page, "a[download]")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith("-commented.docx")

    page.goto(server.url + "/review")
    page.set_input_files("#files", str(PORTFOLIOS / REVIEWED[1]))  # a file to review
    page.click("form.upload button[type=submit]")
    page.goto(server.url + "/review")
    _tab_to(page, f"a[href*='{REVIEWED[1]}']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/review/portfolio**")
    _tab_to(page, "#assessor")
    page.keyboard.type("Kim Lee")
    _tab_to(page, "input[name='verdict-self-assessment']")
    page.keyboard.press("ArrowDown")  # from "No decision now" to "Confirm"
    _tab_to(page, "#comment-self-assessment")
    page.keyboard.type("Checked against the career goals.")
    _tab_to(page, "form.review button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Saved: 1 decision(s)" in page.locator(".saved").inner_text()
    report = _report(server)
    assert "Kim Lee" in report["raters"]
    page.close()
