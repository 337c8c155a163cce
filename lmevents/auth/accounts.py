"""Sign-up and e-mail confirmation through a signed, expiring link."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import Session as DbSession

from lmevents.auth.models import Role, User
from lmevents.auth.services import create_user
from lmevents.core.models import utcnow
from lmevents.core.text import public_url, written_for
from lmevents.errors import Invalid
from lmevents.mail.outbox import queue_mail

CONFIRM_MAX_AGE = 3 * 24 * 3600  # seconds a confirmation link stays valid
_SALT = "lmevents-confirm-email"


@dataclass
class SignUpInput:
    email: str
    password: str
    name: str
    organization: str = ""
    country: str | None = None
    timezone: str | None = None
    language: str = "en"


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=_SALT)


def sign_up(dbs: DbSession, data: SignUpInput, *, secret: str) -> User:
    """A participant account, and the confirmation mail queued in the same transaction."""
    if not data.name.strip():
        raise Invalid("a name is required", field="name")
    user = create_user(
        dbs, data.email, data.password, name=data.name, role=Role.PARTICIPANT,
        organization=data.organization.strip(), country=(data.country or None),
        timezone=data.timezone or None, language=data.language,
    )
    token = _serializer(secret).dumps({"user": user.id, "email": user.email})
    with written_for(user.language):
        subject = _("Confirm your e-mail address")
        body = _("Hello %(name)s,\n\nplease open this link to confirm your address:\n%(link)s\n",
                 name=user.name, link=public_url("auth.confirm", token=token))
    queue_mail(dbs, user.email, subject, body)
    return user


def confirm_email(
    dbs: DbSession, token: str, *, secret: str, max_age: int = CONFIRM_MAX_AGE
) -> User:
    """Mark the address confirmed; an altered, expired or outdated link is refused."""
    try:
        claims = _serializer(secret).loads(token, max_age=max_age)
    except SignatureExpired:
        raise Invalid("this confirmation link has expired: sign in to get a new one",
                      field="token") from None
    except BadSignature:
        raise Invalid("this confirmation link is not valid", field="token") from None
    user = dbs.get(User, claims.get("user")) if isinstance(claims, dict) else None
    # The address is part of the claim: a link for an old address cannot confirm a new one.
    if user is None or user.email != claims.get("email"):
        raise Invalid("this confirmation link is not valid", field="token")
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        dbs.flush()
    return user
