"""Headers every response carries, so pages cannot be framed, sniffed or made to run script
they did not ship, and personal answers are never kept by a shared cache."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_login import current_user

# No inline script anywhere (page behaviours are in static/lmevents.js); inline styles are
# allowed (a style cannot run code). Speakers' portraits may be linked from their own sites.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HSTS = "max-age=31536000; includeSubDomains"


def _is_personal() -> bool:
    """Answered for someone: a signed-in visitor, or a call with a bearer token."""
    return current_user.is_authenticated or "Authorization" in request.headers


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    # Join links, passcodes and personal data: kept by no cache, not even the browser's
    # back-button copy. A response that chose its own caching (a calendar feed) keeps it.
    if _is_personal() and "Cache-Control" not in headers:
        response.cache_control.private = True
        response.cache_control.no_store = True
    return response


def register_security_headers(app: Flask) -> None:
    app.after_request(add_security_headers)
