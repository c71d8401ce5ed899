"""What every request goes through: headers, the upload size limit, sign-in and CSRF.

- Every response carries a strict Content-Security-Policy (no scripts at all, styles and
  images from the app only, forms post to the app only) and no-sniff / no-referrer /
  no-framing headers; pages are never cached, as they hold learners' words.
- A request body over the limit is refused with 413 before the upload is read: at once
  when Content-Length says so, and as soon as it is exceeded otherwise.
- Off the loopback address a token is needed (`--token`, or a password file): given
  once on the sign-in page, it is kept as a cookie holding its HMAC, never the token.
- Every POST carries a CSRF token: a random cookie the page repeats in a hidden field
  (double submit); a form from another site cannot read the cookie to repeat it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}
CSRF_COOKIE = "marker_csrf"
CSRF_FIELD = "csrf"
SESSION_COOKIE = "marker_session"
OPEN_PATHS = ("/health", "/static/", "/signin")
"""Reachable without signing in: they show nothing of anyone's work."""

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(Exception):
    """The request body went past the limit while it was being read."""


class Guard:
    """ASGI middleware: security headers, body limit, and the sign-in when a token is set."""

    def __init__(
        self,
        app: ASGIApp,
        max_body: int,
        too_large: Callable[[], Response],
        token: str | None = None,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.too_large = too_large
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.decode() not in HEADERS
                ]
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        request = Request(scope)
        if self.token and not self._signed_in(request):
            await RedirectResponse("/signin", status_code=303)(scope, receive, send_with_headers)
            return
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            await self._refuse(scope, receive, send_with_headers)
            return
        started = False
        received = 0

        async def counted() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge
            return message

        async def watch_start(message: dict) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, counted, watch_start)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, receive, send_with_headers)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = self.too_large()
        response.headers["connection"] = "close"  # the rest of the body is not read
        await response(scope, receive, send)

    def _signed_in(self, request: Request) -> bool:
        if request.url.path.startswith(OPEN_PATHS):
            return True
        cookie = request.cookies.get(SESSION_COOKIE, "")
        return bool(self.token) and hmac.compare_digest(cookie, session_value(self.token))


def session_value(token: str) -> str:
    """What the sign-in cookie holds: a keyed hash of the token, not the token."""
    return hmac.new(token.encode(), b"marker serve session", hashlib.sha256).hexdigest()


def token_matches(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode(), token.encode())


def csrf_token(request: Request) -> str:
    """The browser's CSRF token (made on its first page); set as a cookie by `with_csrf`."""
    return request.cookies.get(CSRF_COOKIE) or request.state.__dict__.setdefault(
        "new_csrf", secrets.token_urlsafe(24)
    )


def with_csrf(request: Request, response: Response) -> Response:
    """Give the browser its CSRF cookie if this page made one."""
    made = request.state.__dict__.get("new_csrf")
    if made:
        response.set_cookie(CSRF_COOKIE, made, httponly=True, samesite="strict", path="/")
    return response


def csrf_ok(request: Request, form: Any) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    given = form.get(CSRF_FIELD, "")
    return bool(cookie) and isinstance(given, str) and hmac.compare_digest(cookie, given)
