"""Bearer-token authentication for API calls that act for a user."""

from __future__ import annotations

from functools import wraps

from flask import g, request

from lmevents.api import BEARER_AUTH
from lmevents.auth.models import User
from lmevents.auth.services import user_for_token
from lmevents.errors import DomainError, Forbidden
from lmevents.extensions import db


class Unauthorized(DomainError):
    status = 401
    title = "Unauthorized"


def bearer_user() -> User | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return user_for_token(db.session, token.strip())


def require_user(*, organizer: bool = False):
    """Decorator: the call needs a valid bearer token (and the organizer role if asked)."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = bearer_user()
            if user is None:
                raise Unauthorized(
                    "send 'Authorization: Bearer <token>' (POST /api/v1/auth/tokens)"
                )
            if organizer and not user.is_organizer:
                raise Forbidden("only organizers may do this")
            g.api_user = user
            return view(*args, **kwargs)

        return wrapper

    return decorate


def organizers_only(blp):
    """Decorator: the call is for organizers, enforced before any input is read and documented
    in the OpenAPI document (bearer security, 401 and 403 answers)."""

    def decorate(view):
        view = require_user(organizer=True)(view)
        view = blp.alt_response(401, response="UNAUTHORIZED")(view)
        view = blp.alt_response(403, response="FORBIDDEN")(view)
        return blp.doc(security=BEARER_AUTH)(view)

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
