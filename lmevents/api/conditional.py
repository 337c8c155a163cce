"""Conditional requests on the JSON API (RFC 9110 §13): every resource answer carries a
strong ETag (a digest of its body); GET honours If-None-Match (304); PATCH and DELETE honour
If-Match, refusing a stale edit with 412 so two scripts do not overwrite each other's changes.
Without the headers everything works as before."""

from __future__ import annotations

import hashlib

from flask import Flask, Response, current_app, make_response, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_etags

from lmevents.api.auth import bearer_user
from lmevents.api.problems import problem
from lmevents.errors import DomainError

GUARDED = {"PATCH", "PUT", "DELETE"}


def _etag_of(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:32]


def _is_api(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def _current_etag() -> str | None:
    """The ETag a GET of the requested resource would answer with now (None when it has no
    GET or the caller may not read it: the write itself then answers, 401, 403 or 404)."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        endpoint, args = adapter.match(request.path, method="GET")
    except HTTPException:
        return None
    # The resource's GET handler itself (its class dispatches on the request's method, which
    # is the write's).
    view_class = getattr(current_app.view_functions[endpoint], "view_class", None)
    read = getattr(view_class, "get", None) if view_class is not None else None
    if read is None:
        return None
    try:
        answer = make_response(read(view_class(), **args))
    except (HTTPException, DomainError):
        return None
    if answer.status_code != 200:
        return None
    return _etag_of(answer.get_data())


def check_if_match() -> Response | None:
    """412 when If-Match names none of the resource's current tags."""
    if request.method not in GUARDED or "If-Match" not in request.headers:
        return None
    if bearer_user() is None:
        # Preconditions come after authentication (RFC 9110 §13.2.1): the write answers 401.
        return None
    wanted = parse_etags(request.headers["If-Match"])
    current = _current_etag()
    if current is None or wanted.star_tag or wanted.contains(current):
        return None
    return problem(
        412, "Precondition Failed",
        _("The resource has changed since you read it (its ETag is not the one in If-Match): "
          "read it again, then send your change."),
        {"If-Match": _("This is not the resource's current ETag.")},
    )


def tag_and_compare(response: Response) -> Response:
    """A strong ETag on each 200 JSON answer to a GET; 304 when the client has it."""
    if (request.method in ("GET", "HEAD") and response.status_code == 200
            and response.mimetype == "application/json" and not response.direct_passthrough):
        response.set_etag(_etag_of(response.get_data()))
        response.make_conditional(request)
    return response


def register_conditional_requests(app: Flask, prefix: str) -> None:
    @app.before_request
    def _refuse_stale_edits():
        if _is_api(request.path, prefix):
            return check_if_match()
        return None

    @app.after_request
    def _tag(response: Response) -> Response:
        if _is_api(request.path, prefix):
            return tag_and_compare(response)
        return response
