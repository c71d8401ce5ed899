"""The web app: routes and pages. The work is done elsewhere: marking in `engine`, files in
`uploads`, the audit database in `review`, headers and limits in `security`."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import anyio
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from marker.audit.scheme import VERDICTS, load_pack
from marker.audit.url import DatabaseUnusable
from marker.parse import SUFFIXES, PortfolioError, read_source
from marker.parse.formats import REFUSED
from marker.parse.preflight import preflight
from marker.report.html import STYLE, VERDICT_WORDS, feedback_body
from marker.rules.marking import Marking
from marker.serve import engine, review
from marker.serve.security import (
    CSRF_FIELD,
    SESSION_COOKIE,
    Guard,
    csrf_ok,
    csrf_token,
    session_value,
    token_matches,
    with_csrf,
)
from marker.serve.settings import Settings
from marker.serve.uploads import Upload, Uploads, display_name

STATIC = Path(__file__).resolve().parent / "static"
SWEEP_SECONDS = 60.0
MAX_FILES = 50
"""Portfolios an assessor may upload at once."""

_templates = Environment(
    loader=PackageLoader("marker.serve", "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_templates.globals.update(VERDICT_WORDS=VERDICT_WORDS, VERDICTS=VERDICTS, CSRF_FIELD=CSRF_FIELD)


@dataclass
class State:
    """What the running server holds: its settings, the uploads, the markings it made."""

    settings: Settings
    points: dict[str, str]  # the pack's marking points, id -> title, in order
    uploads: Uploads
    slots: asyncio.Semaphore
    busy: int = 0
    # Markings of portfolios assessors uploaded here: the database keeps only verdicts
    # and evidence, these add objectives, findings and borderline reasons.
    markings: dict[tuple[str, str], Marking] = field(default_factory=dict)


def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    context |= {
        "request": request,
        "csrf": csrf_token(request),
        "points": _state(request).points,
    }
    body = _templates.get_template(template).render(**context)
    return with_csrf(request, HTMLResponse(body, status_code=status))


def error_page(
    request: Request, title: str, message: str, status: int, back: str = "/"
) -> HTMLResponse:
    return page(request, "error.html", status, title=title, message=message, back=back)


def _state(request: Request) -> State:
    return request.app.state.marker


# -- learners ------------------------------------------------------------------------


async def home(request: Request) -> Response:
    return page(request, "check.html", limit_mb=_state(request).settings.max_upload_mb)


async def health(request: Request) -> Response:
    state = _state(request)
    return JSONResponse({"status": "ok", "marking": state.busy, "workers": state.settings.workers})


async def _form(request: Request, max_files: int):
    """The posted form, or the response refusing it (too large, no CSRF token)."""
    from marker.serve.security import BodyTooLarge

    try:
        form = await request.form(max_files=max_files, max_fields=200)
    except BodyTooLarge:
        return None, too_large_page(request, _state(request).settings.max_upload_mb)
    except Exception:  # a malformed multipart body: say so, never a traceback
        return None, error_page(request, "That did not arrive whole", _RESEND, 400)
    if not csrf_ok(request, form):
        return None, error_page(request, "Please try again", _STALE, 403)
    return form, None


_RESEND = "The upload did not arrive whole. Go back and send it again."
_STALE = "This form had expired or came from another page. Go back, reload the page and try again."


def too_large_page(request: Request, limit_mb: int) -> HTMLResponse:
    return error_page(request, "The file is too large", _too_large_message(limit_mb), 413)


def _preflight(upload: Upload) -> None:
    preflight(read_source(upload.source), upload.name, SUFFIXES[upload.suffix])


async def _mark(state: State, upload: Upload) -> Marking | engine.Refusal:
    """The same pre-flight as the CLI, here, then marking in an isolated worker."""
    try:
        await anyio.to_thread.run_sync(_preflight, upload)
    except PortfolioError as error:
        return engine.Refusal(error.code, error.message)
    async with state.slots:
        state.busy += 1
        try:
            return await anyio.to_thread.run_sync(
                engine.mark_upload,
                upload.source,
                upload.name,
                state.settings.pack_id,
                state.settings.seconds,
            )
        finally:
            state.busy -= 1


async def _save(state: State, file: UploadFile) -> Upload | engine.Refusal:
    """Keep the upload under a name of our own; refuse by its suffix as the CLI does."""
    name = file.filename or ""
    suffix = Path(display_name(name, "")).suffix.lower()
    if suffix not in SUFFIXES:
        code, message = REFUSED.get(
            suffix,
            ("unsupported-type", "Only Word (.docx) and Excel (.xlsx) files can be marked."),
        )
        return engine.Refusal(code, message)
    upload = state.uploads.new(name, suffix)
    with upload.source.open("wb") as handle:
        while chunk := await file.read(1 << 20):
            handle.write(chunk)
    return upload


async def check(request: Request) -> Response:
    state = _state(request)
    form, refused = await _form(request, max_files=1)
    if refused is not None:
        return refused
    file = form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        return error_page(request, "No file chosen", _CHOOSE, 400)
    upload = await _save(state, file)
    if isinstance(upload, engine.Refusal):
        return _refused(request, display_name(file.filename, ""), upload)
    result = await _mark(state, upload)
    if isinstance(result, engine.Refusal):
        state.uploads.forget(upload)
        return _refused(request, upload.name, result)
    upload.marking = result
    if state.uploads.keep is not None:
        (upload.folder / "marking.json").write_text(result.model_dump_json(), "utf-8")
    return RedirectResponse(f"/check/{upload.id}", status_code=303)


_CHOOSE = "Choose your .docx or .xlsx file, then press Check."


def _refused(request: Request, name: str, refusal: engine.Refusal) -> HTMLResponse:
    return page(
        request,
        "error.html",
        422,
        title="This file could not be checked",
        name=name,
        message=refusal.message,
        code=refusal.code,
        back="/",
    )


def _held(request: Request) -> Upload | None:
    upload = _state(request).uploads.get(request.path_params["upload_id"])
    return upload if upload is not None and upload.marking is not None else None


_GONE = (
    "Nothing is kept here for long: a check is deleted after its download or 15 minutes. "
    "Upload your file again to check it."
)


async def feedback(request: Request) -> Response:
    upload = _held(request)
    if upload is None:
        return error_page(request, "This check has gone", _GONE, 404)
    assert upload.marking is not None
    return page(
        request,
        "feedback.html",
        upload=upload,
        marking=upload.marking,
        body=Markup(feedback_body(upload.marking)),  # feedback_body escapes every learner word
    )


async def commented(request: Request) -> Response:
    state = _state(request)
    upload = _held(request)
    if upload is None or upload.downloaded:
        return error_page(request, "This copy has gone", _GONE, 404)
    assert upload.marking is not None
    if not upload.commented.exists():
        made = await anyio.to_thread.run_sync(
            engine.annotate_upload,
            upload.source,
            upload.marking,
            upload.commented,
            state.settings.seconds,
        )
        if isinstance(made, engine.Refusal):
            return _refused(request, upload.name, made)
    upload.downloaded = state.uploads.keep is None
    return FileResponse(
        upload.commented,
        filename=upload.download_name,
        media_type=_MEDIA[upload.suffix],
        background=BackgroundTask(state.uploads.discard_files, upload),
    )


_MEDIA = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


async def feedback_css(request: Request) -> Response:
    return Response(STYLE, media_type="text/css")


# -- assessors ------------------------------------------------------------------------


def _assessor(request: Request) -> str:
    return request.cookies.get("marker_assessor", "")


async def review_list(request: Request) -> Response:
    state = _state(request)
    try:
        held = await anyio.to_thread.run_sync(review.portfolios, state.settings.db_url)
    except DatabaseUnusable as error:
        return error_page(request, "The audit database cannot be used", str(error), 503)
    return page(
        request,
        "review_list.html",
        portfolios=held,
        markings=state.markings,
        assessor=_assessor(request),
        added=request.query_params.get("added"),
        limit_mb=state.settings.max_upload_mb,
    )


async def review_upload(request: Request) -> Response:
    """Several portfolios at once: each marked in a worker, stored as the engine's reading."""
    from marker.audit.store import record_markings

    state = _state(request)
    form, refused = await _form(request, max_files=MAX_FILES)
    if refused is not None:
        return refused
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if not files:
        return error_page(request, "No files chosen", _CHOOSE, 400, back="/review")
    uploads, problems = [], []
    for file in files:
        saved = await _save(state, file)
        if isinstance(saved, engine.Refusal):
            problems.append((display_name(file.filename, ""), saved.message))
        else:
            uploads.append(saved)
    results = await asyncio.gather(*(_mark(state, upload) for upload in uploads))
    markings = []
    for upload, result in zip(uploads, results, strict=True):
        state.uploads.forget(upload)  # the database keeps the reading, not the file
        if isinstance(result, engine.Refusal):
            problems.append((upload.name, result.message))
            continue
        markings.append(result)
        state.markings[(result.path, result.file_sha256)] = result
    try:
        records = [m.model_dump(mode="json") for m in markings]
        await anyio.to_thread.run_sync(
            lambda: record_markings(state.settings.db_url, records, source=review.SOURCE)
        )
    except DatabaseUnusable as error:
        return error_page(request, "The audit database cannot be used", str(error), 503)
    if problems:
        return page(request, "review_problems.html", 422, problems=problems, added=len(markings))
    return RedirectResponse(f"/review?added={len(markings)}", status_code=303)


async def review_portfolio(request: Request) -> Response:
    state = _state(request)
    path = request.query_params.get("path", "")
    sha256 = request.query_params.get("sha", "")
    held = await anyio.to_thread.run_sync(review.find, state.settings.db_url, path, sha256)
    if held is None:
        message = "No portfolio with that name and version is marked in the database."
        return error_page(request, "Portfolio not found", message, 404, back="/review")
    return page(
        request,
        "review_portfolio.html",
        portfolio=held,
        marking=state.markings.get((path, sha256)),
        assessor=_assessor(request),
        saved=request.query_params.get("saved"),
        problem=None,
    )


async def review_save(request: Request) -> Response:
    state = _state(request)
    form, refused = await _form(request, max_files=0)
    if refused is not None:
        return refused
    path, sha256 = str(form.get("path", "")), str(form.get("sha", ""))
    held = await anyio.to_thread.run_sync(review.find, state.settings.db_url, path, sha256)
    if held is None:
        message = "No portfolio with that name and version is marked in the database."
        return error_page(request, "Portfolio not found", message, 404, back="/review")
    choices = []
    for point_id, point in held.points.items():
        chosen = str(form.get(f"verdict-{point_id}", ""))
        comment = str(form.get(f"comment-{point_id}", "")).strip() or None
        if chosen == "confirm":
            chosen = point.verdict
        if chosen:
            choices.append(review.Choice(point_id, chosen, comment))
    assessor = str(form.get("assessor", ""))
    try:
        if not choices:
            raise review.ReviewError("Choose a verdict for at least one marking point.")
        saved = await anyio.to_thread.run_sync(
            review.record_review, state.settings.db_url, path, sha256, assessor, choices
        )
    except review.ReviewError as error:
        return page(
            request,
            "review_portfolio.html",
            422,
            portfolio=held,
            marking=state.markings.get((path, sha256)),
            assessor=assessor,
            saved=None,
            problem=str(error),
        )
    except DatabaseUnusable as error:
        return error_page(request, "The audit database cannot be used", str(error), 503)
    query = request.url.replace(path="/review/portfolio").include_query_params(
        path=path, sha=sha256, saved=saved
    )
    response = RedirectResponse(f"/review/portfolio?{query.query}", status_code=303)
    name = review.check_assessor(assessor)
    response.set_cookie("marker_assessor", name, samesite="strict", httponly=True, path="/")
    return response


# -- sign-in (hosts other than the loopback address) ----------------------------------


async def signin(request: Request) -> Response:
    token = _state(request).settings.token
    if request.method == "GET" or not token:
        return page(request, "signin.html", problem=None)
    form, refused = await _form(request, max_files=0)
    if refused is not None:
        return refused
    if not token_matches(str(form.get("token", "")), token):
        return page(request, "signin.html", 403, problem="That is not the server's token.")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE, session_value(token), httponly=True, samesite="strict", path="/"
    )
    return response


async def not_found(request: Request, exc: Exception) -> Response:
    return error_page(request, "Page not found", "There is no page here.", 404)


async def server_error(request: Request, exc: Exception) -> Response:
    message = "Something went wrong on the server. Go back and try again."
    return error_page(request, "Something went wrong", message, 500)


def create_app(settings: Settings) -> Starlette:
    """The ASGI app: Guard (headers, limits, sign-in) around the routes."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        engine.warm_up(settings.pack_id)  # before any worker forks: they start warm
        points = load_pack(settings.pack_id).marking_points
        slots = asyncio.Semaphore(settings.workers)
        state = State(settings, points, Uploads(settings.keep), slots)
        app.state.marker = state

        async def sweep() -> None:
            while True:
                await asyncio.sleep(SWEEP_SECONDS)
                state.uploads.expire()

        sweeper = asyncio.create_task(sweep())
        try:
            yield
        finally:
            sweeper.cancel()
            state.uploads.close()

    routes = [
        Route("/", home),
        Route("/check", check, methods=["POST"]),
        Route("/check/{upload_id}", feedback),
        Route("/check/{upload_id}/commented", commented),
        Route("/health", health),
        Route("/feedback.css", feedback_css),
        Route("/review", review_list),
        Route("/review/upload", review_upload, methods=["POST"]),
        Route("/review/portfolio", review_portfolio),
        Route("/review/portfolio", review_save, methods=["POST"]),
        Route("/signin", signin, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={404: not_found, 500: server_error},
    )
    return Guard(
        app,
        max_body=settings.max_upload_mb * 1024**2 + 64 * 1024,  # the form's own bytes
        too_large=lambda: HTMLResponse(_too_large_html(settings.max_upload_mb), status_code=413),
        token=settings.token,
    )


def _too_large_html(limit_mb: int) -> str:
    """The 413 page sent before the request is read (no cookies, no form)."""
    return _templates.get_template("error.html").render(
        title="The file is too large", message=_too_large_message(limit_mb), back="/"
    )


def _too_large_message(limit_mb: int) -> str:
    return (
        f"The file is larger than {limit_mb} MB, the most this server accepts. Remove "
        "pictures or split the document, then upload it again."
    )
