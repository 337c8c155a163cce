"""Forgotten passwords: a signed link, valid one hour and only until the password changes."""

from __future__ import annotations

import hashlib

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.auth.models import User
from lmevents.auth.passwords import hash_password
from lmevents.auth.services import check_password, normalize_email, sign_out_everywhere
from lmevents.core.text import public_url, written_for
from lmevents.errors import Invalid
from lmevents.mail.outbox import queue_mail

RESET_MAX_AGE = 3600  # seconds a reset link stays valid
_SALT = "lmevents-reset-password"


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=_SALT)


def _fingerprint(user: User) -> str:
    # Part of the current hash: once the password changes, every older link is dead.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def request_password_reset(dbs: DbSession, email: str, *, secret: str) -> None:
    """Mail a reset link if an active account has this address; say nothing either way, so
    the form cannot be used to learn who has an account."""
    user = dbs.scalar(select(User).where(User.email == normalize_email(email)))
    if user is None or not user.active:
        return
    token = _serializer(secret).dumps({"user": user.id, "fp": _fingerprint(user)})
    with written_for(user.language):
        subject = _("Reset your password")
        body = _("Hello %(name)s,\n\nopen this link within an hour to choose a new password:\n"
                 "%(link)s\n\nIf you did not ask for it, ignore this message.\n",
                 name=user.name, link=public_url("auth.choose_password", token=token))
    queue_mail(dbs, user.email, subject, body)


def reset_password(
    dbs: DbSession, token: str, new_password: str, *, secret: str, max_age: int = RESET_MAX_AGE
) -> User:
    """Set a new password through a valid link; the link then stops working, and so do every
    session, remember-me cookie and API token of the account (whoever reset it may be
    locking someone out)."""
    try:
        claims = _serializer(secret).loads(token, max_age=max_age)
    except SignatureExpired:
        raise Invalid(_l("This link has expired: ask for a new one."), field="token") from None
    except BadSignature:
        raise Invalid(_l("This link is not valid."), field="token") from None
    user = dbs.get(User, claims.get("user")) if isinstance(claims, dict) else None
    if user is None or not user.active or claims.get("fp") != _fingerprint(user):
        raise Invalid(_l("This link is not valid (or was used already)."), field="token")
    check_password(new_password)
    user.password_hash = hash_password(new_password)
    sign_out_everywhere(dbs, user)
    return user
