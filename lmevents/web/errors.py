"""One error convention: problem+json under /api/, an HTML page elsewhere."""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, render_template, request
from flask_babel import gettext
from sqlalchemy import event as orm_event
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session as DbSession
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


@orm_event.listens_for(DbSession, "after_commit")
def _note_commit(_session) -> None:
    # An error after a commit must not tell the user that nothing was saved.
    if has_request_context():
        g.lmevents_committed = True


def _database_unreachable(error: Exception) -> bool:
    return isinstance(error, OperationalError | InterfaceError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated)


def handle_unexpected(error: Exception):
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection may be gone with the database
        current_app.logger.warning("rollback failed after %s", type(error).__name__)
    saved = g.get("lmevents_committed", False)
    if _database_unreachable(error):
        # A database restart or a network cut: the request may be sent again in a moment.
        current_app.logger.error("database unreachable on %s %s: %s", request.method,
                                 request.path, type(error).__name__)
        if wants_problem_json():
            response = problem(503, "Service Unavailable", (
                "the database could not be reached: try again in a moment (what you sent was "
                "saved before the failure)" if saved else
                "the database could not be reached: nothing was changed; try again in a "
                "moment"))
        else:
            response = _html(503, gettext("Service Unavailable"), gettext(
                "The database could not be reached: what you sent was saved before the "
                "failure. Reload the page in a moment.") if saved else gettext(
                "The database could not be reached: nothing was changed. Try again in a "
                "moment."))
        response = current_app.make_response(response)
        response.headers["Retry-After"] = "5"
        return response
    # A handler for Exception stops Flask from logging it: the traceback is logged here, and
    # the user gets a clear, non-revealing answer.
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    if wants_problem_json():
        return problem(500, "Internal Server Error",
                       "the server failed after saving what you sent" if saved
                       else "the server failed; nothing was changed")
    return _html(500, gettext("Internal Server Error"),
                 gettext("The server failed after saving what you sent: reload the page to "
                         "see it.") if saved else gettext("The server failed; nothing was "
                                                          "changed."))


def _forget_commits() -> None:
    g.pop("lmevents_committed", None)


def _end_session(_error: BaseException | None = None) -> None:
    """Give the request's database session back at the end of the request. When the
    database went away meanwhile (a restart), ending its transaction fails: the dead
    connection is dropped instead, so an answer already made is not turned into a 500."""
    try:
        db.session.remove()
    except DBAPIError as error:
        if not _database_unreachable(error):
            raise
        current_app.logger.warning("database connection lost before the end of a request")
        db.session.registry().invalidate()
        db.session.remove()


def register_error_handlers(app: Flask) -> None:
    app.before_request(_forget_commits)
    # Runs before Flask-SQLAlchemy's own teardown (teardowns run in reverse order), which then
    # finds nothing left to close.
    app.teardown_appcontext(_end_session)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
