"""One error convention: problem+json under /api/, an HTML page elsewhere."""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from lmevents.api import API_PREFIX
from lmevents.api.problems import problem, problem_from_domain, problem_from_http
from lmevents.errors import DomainError
from lmevents.extensions import db


def wants_problem_json() -> bool:
    return request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")


def _html(status: int, title: str, detail: str):
    return render_template("errors/error.html", status=status, title=title, detail=detail), status


def handle_domain_error(error: DomainError):
    db.session.rollback()
    if wants_problem_json():
        response = problem_from_domain(error)
        if error.status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="lmevents"'
        return response
    return _html(error.status, error.title, error.message)


def handle_http_exception(error: HTTPException):
    if wants_problem_json():
        return problem_from_http(error)
    if error.code and error.code < 400:
        return error
    if error.code == 413:
        limit = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        return _html(413, error.name, gettext(
            "What was sent is larger than %(limit)d MiB. A speaker's photo may be at most "
            "2 MiB; split a larger CSV file into parts.", limit=limit))
    return _html(error.code or 500, error.name, error.description or "")


def handle_unexpected(error: Exception):
    db.session.rollback()
    # A handler for Exception stops Flask from logging it: the traceback is logged here, and
    # the user gets a clear, non-revealing answer.
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    if wants_problem_json():
        return problem(500, "Internal Server Error", "the server failed; nothing was changed")
    return _html(500, gettext("Internal Server Error"),
                 gettext("The server failed; nothing was changed."))


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
