"""Sign-up, the signed and expiring confirmation link, and signing in.

Sign-up answers the same whatever the address: a new one gets an account and a confirmation
link, one that has an account gets a mail saying so (with a way back in), and nobody signs in
before opening the link. Otherwise sign-up, or signing in right after it, would tell anyone
which addresses have accounts, undoing the uniform answers of sign-in and password reset.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import Session as DbSession

from lmevents.auth.models import Role, User
from lmevents.auth.passwords import hash_password
from lmevents.auth.services import (
    check_account_fields,
    check_credentials,
    create_user,
    user_by_email,
)
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


def sign_up(dbs: DbSession, data: SignUpInput, *, secret: str) -> str:
    """Ask for a participant account; the address as stored. Bad input is refused; past that,
    what happens is told only to the mailbox: a confirmation link for a new address, a
    reminder that the account exists (with sign-in and reset links) for a known one."""
    if not data.name.strip():
        raise Invalid(_l("A name is required."), field="name")
    email = check_account_fields(data.email, data.password, country=data.country or None,
                                 timezone=data.timezone or None, language=data.language)
    existing = user_by_email(dbs, email)
    if existing is not None:
        hash_password(data.password)  # the time a new account takes: nothing to measure
        if existing.active:
            _mail_existing_account(dbs, existing, data.language)
        return existing.email
    user = create_user(
        dbs, email, data.password, name=data.name, role=Role.PARTICIPANT,
        organization=data.organization.strip(), country=(data.country or None),
        timezone=data.timezone or None, language=data.language,
    )
    mail_confirmation(dbs, user, secret=secret)
    return user.email


def mail_confirmation(dbs: DbSession, user: User, *, secret: str) -> None:
    """Queue (again) the link that confirms the account's address."""
    token = _serializer(secret).dumps({"user": user.id, "email": user.email})
    with written_for(user.language):
        subject = _("Confirm your e-mail address")
        body = _("Hello %(name)s,\n\nplease open this link to confirm your address:\n%(link)s\n",
                 name=user.name, link=public_url("auth.confirm", token=token))
    queue_mail(dbs, user.email, subject, body)


def _mail_existing_account(dbs: DbSession, user: User, language: str) -> None:
    with written_for(user.language or language):
        subject = _("You already have an account")
        body = _("Hello %(name)s,\n\nsomeone (perhaps you) tried to sign up with this address, "
                 "which already has an account. Sign in here:\n%(login)s\n\nForgot the "
                 "password? Choose a new one here:\n%(reset)s\n\nIf it was not you, ignore "
                 "this message: nothing has changed.\n",
                 name=user.name, login=public_url("auth.login"),
                 reset=public_url("auth.request_reset"))
    queue_mail(dbs, user.email, subject, body)


def sign_in(dbs: DbSession, email: str, password: str, *, secret: str) -> User | None:
    """The user these credentials open, or None. Right credentials for an address not yet
    confirmed open nothing either, but mail the link again, so a lost mail is no dead end."""
    user = check_credentials(dbs, email, password)
    if user is None:
        return None
    if user.email_confirmed_at is None:
        mail_confirmation(dbs, user, secret=secret)
        return None
    return user


def confirm_email(
    dbs: DbSession, token: str, *, secret: str, max_age: int = CONFIRM_MAX_AGE
) -> tuple[User, bool]:
    """Mark the address confirmed; an altered, expired or outdated link is refused. Also says
    whether this opening confirmed it (the first one does; a later one changes nothing)."""
    try:
        claims = _serializer(secret).loads(token, max_age=max_age)
    except SignatureExpired:
        raise Invalid(_l("This confirmation link has expired: sign in to get a new one."),
                      field="token") from None
    except BadSignature:
        raise Invalid(_l("This confirmation link is not valid."), field="token") from None
    user = dbs.get(User, claims.get("user")) if isinstance(claims, dict) else None
    # The address is part of the claim: a link for an old address cannot confirm a new one.
    if user is None or user.email != claims.get("email"):
        raise Invalid(_l("This confirmation link is not valid."), field="token")
    if user.email_confirmed_at is not None:
        return user, False
    user.email_confirmed_at = utcnow()
    dbs.flush()
    return user, True
