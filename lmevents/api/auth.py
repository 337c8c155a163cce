"""Bearer-token authentication for API calls that act for a user."""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING

from flask import g, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from lmevents.api import BEARER_AUTH
from lmevents.auth.models import User
from lmevents.auth.services import user_for_token
from lmevents.errors import DomainError, Forbidden
from lmevents.events import audit
from lmevents.events.models import Event
from lmevents.events.team import organizes, organizes_any
from lmevents.extensions import db
from lmevents.speakers.editors import may_edit_speaker

if TYPE_CHECKING:
    from flask_babel.speaklater import LazyString


class Unauthorized(DomainError):
    status = 401
    title = "Unauthorized"


_BEARER = "lmevents.bearer_user"


def bearer_user() -> User | None:
    """The owner of the request's bearer token, looked up once per request (the language
    selector asks too)."""
    if _BEARER not in request.environ:  # the request's own, whatever app context holds it
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        request.environ[_BEARER] = (user_for_token(db.session, token.strip())
                                    if scheme.lower() == "bearer" and token.strip() else None)
    return request.environ[_BEARER]


def require_user(*, organizer: bool = False):
    """Decorator: the call needs a valid bearer token. With `organizer`, a call on
    /events/<slug>/… is for that event's organizers (its team and administrators; an unknown
    event is the view's 404), any other for those with a place in the back office; what it
    changes goes into the audit log."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = bearer_user()
            if user is None:
                raise Unauthorized(
                    _l("Send 'Authorization: Bearer <token>' (POST /api/v1/auth/tokens).")
                )
            g.api_user = user
            if not organizer:
                return view(*args, **kwargs)
            event, refusal = organizer_check(user, kwargs)
            if refusal is not None:
                raise Forbidden(refusal)
            if request.method in ("GET", "HEAD", "OPTIONS"):
                return view(*args, **kwargs)
            with audit.recording(db.session, actor=user, event=event,
                                 action=f"{request.method} {request.path}",
                                 address=request.remote_addr):
                return view(*args, **kwargs)

        return wrapper

    return decorate


def organizer_check(user: User, view_args: dict) -> tuple[Event | None, LazyString | None]:
    """What an organizer's request acts on, and why this user may not, if they may not. The
    URL names it: /events/<slug>/… is for that event's organizers (an unknown event is left
    to the view's 404), /speakers/<id>… for those who may change that speaker, anything else
    for anyone with a place in the back office."""
    event = None
    if "slug" in view_args:
        event = db.session.scalar(select(Event).where(Event.slug == view_args["slug"]))
        if event is not None and not organizes(db.session, user, event):
            return event, _l("Only this event's organizers may do this.")
    elif "speaker_id" in view_args:
        if not may_edit_speaker(db.session, user, view_args["speaker_id"]):
            return None, _l("Only the organizers of the events this speaker takes part in may "
                            "change them.")
    elif not organizes_any(db.session, user):
        return None, _l("Only organizers may do this.")
    return event, None


def organizers_only(blp):
    """Decorator: the call is for organizers (of the event in its URL), enforced before any
    input is read and documented in the OpenAPI document (bearer security, 401 and 403
    answers)."""

    def decorate(view):
        view = require_user(organizer=True)(view)
        view = blp.alt_response(401, response="UNAUTHORIZED")(view)
        view = blp.alt_response(403, response="FORBIDDEN")(view)
        view = blp.doc(security=BEARER_AUTH)(view)
        view.for_organizers = True  # what the access tests look for
        return view

    return decorate


def signed_in(blp):
    """Decorator: the call acts for the token's owner, whatever their role; documented with
    bearer security and the 401 answer."""

    def decorate(view):
        view = require_user()(view)
        view = blp.alt_response(401, response="UNAUTHORIZED")(view)
        return blp.doc(security=BEARER_AUTH)(view)

    return decorate


def api_user() -> User:
    return g.api_user
