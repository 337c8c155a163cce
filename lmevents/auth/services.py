"""Accounts, password checks and bearer tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

from lmevents.auth.models import ApiToken, Role, User
from lmevents.auth.passwords import hash_password, password_matches, spend_a_check
from lmevents.core.models import LANGUAGES, utcnow
from lmevents.core.timezones import is_valid_zone
from lmevents.core.validation import check_country, normalized_email
from lmevents.errors import Conflict, Faults, Invalid, NotFound

MIN_PASSWORD_LENGTH = 10


def check_password(password: str | None) -> None:
    """A password long enough to resist guessing, or Invalid naming the field."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise Invalid(_l("Use at least %(limit)s characters.", limit=MIN_PASSWORD_LENGTH),
                      field="password")


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def check_account_fields(
    email: str, password: str, *, country: str | None, timezone: str | None, language: str
) -> str:
    """Refuse what no account may hold; the address as it is stored."""
    faults = Faults()
    with faults.caught():
        email = normalize_email(normalized_email(email or ""))
    with faults.caught():
        check_password(password)
    with faults.caught():
        check_country(country)
    if timezone and not is_valid_zone(timezone):
        faults.add(Invalid(_l("'%(zone)s' is not an IANA time zone.", zone=timezone),
                           field="timezone"))
    if language not in LANGUAGES:
        faults.add(Invalid(_l("Choose one of %(choices)s.", choices=", ".join(LANGUAGES)),
                           field="language"))
    faults.raise_any()
    return email


def user_by_email(dbs: DbSession, email: str) -> User | None:
    return dbs.scalar(select(User).where(func.lower(User.email) == normalize_email(email)))


def create_user(
    dbs: DbSession,
    email: str,
    password: str,
    *,
    name: str = "",
    role: Role = Role.PARTICIPANT,
    organization: str = "",
    country: str | None = None,
    timezone: str | None = None,
    language: str = "en",
    confirmed: bool = False,
) -> User:
    """A new account; the password is stored only as a salted scrypt hash. `confirmed`: the
    address is known to be its owner's (an administrator made the account)."""
    email = check_account_fields(email, password, country=country, timezone=timezone,
                                 language=language)
    if user_by_email(dbs, email) is not None:
        raise Conflict(_l("An account with this e-mail address exists."), field="email")
    user = User(
        email=email,
        password_hash=hash_password(password),
        name=name.strip(),
        role=Role(role),
        organization=organization,
        country=country,
        timezone=timezone,
        language=language,
        email_confirmed_at=utcnow() if confirmed else None,
    )
    dbs.add(user)
    dbs.flush()
    return user


def check_credentials(dbs: DbSession, email: str, password: str) -> User | None:
    """The active user with these credentials, confirmed or not, or None. An unknown address
    costs the same time as a known one."""
    user = user_by_email(dbs, email)
    if user is None:
        spend_a_check(password or "")
        return None
    if not password_matches(user.password_hash, password or "") or not user.active:
        return None
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(dbs: DbSession, user: User, label: str = "") -> str:
    """A new bearer token (256 random bits); only its hash is kept."""
    token = secrets.token_urlsafe(32)
    dbs.add(ApiToken(user=user, token_hash=_digest(token), label=label[:100]))
    dbs.flush()
    return token


def list_tokens(dbs: DbSession, user: User) -> list[ApiToken]:
    """The user's tokens, newest first (their secrets are not kept, so never shown)."""
    return list(dbs.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ))


def revoke_token(dbs: DbSession, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's tokens at once; another user's token is not theirs to see."""
    token = dbs.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(_l("You have no token %(id)s.", id=token_id))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        dbs.flush()
    return token


def sign_out_everywhere(dbs: DbSession, user: User) -> None:
    """End every session and remember-me cookie of the account, and revoke its API tokens."""
    user.session_version += 1
    now = utcnow()
    for token in dbs.scalars(select(ApiToken).where(ApiToken.user_id == user.id,
                                                    ApiToken.revoked_at.is_(None))):
        token.revoked_at = now
    dbs.flush()


# How finely a token's last use is recorded: to the minute, so a client calling many times a
# second does not write the token's row each time.
TOKEN_USE_RECORDED_EVERY = timedelta(minutes=1)


def user_for_token(dbs: DbSession, token: str, now: datetime | None = None) -> User | None:
    """The active owner of a live token, or None; records when it was last used (to the
    minute, `TOKEN_USE_RECORDED_EVERY`)."""
    if not token:
        return None
    row = dbs.scalar(
        select(ApiToken).where(ApiToken.token_hash == _digest(token), ApiToken.revoked_at.is_(None))
    )
    if row is None or not row.user.active:
        return None
    now = now or utcnow()
    if row.last_used_at is None or now - row.last_used_at >= TOKEN_USE_RECORDED_EVERY:
        row.last_used_at = now
    return row.user
