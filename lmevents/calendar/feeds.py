"""Personal feed tokens: issue, show again, reset, and find the owner of a token."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import joinedload

from lmevents.auth.models import User
from lmevents.calendar.models import PersonalFeed
from lmevents.core.models import utcnow
from lmevents.errors import NotFound

NONCE_BYTES = 16  # 128 random bits in every token


def _token(secret: str, feed: PersonalFeed) -> str:
    digest = hmac.new(secret.encode(), f"personal-feed:{feed.user_id}:{feed.nonce}".encode(),
                      hashlib.sha256).digest()
    # URL-safe, no padding: 43 characters.
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _renew(feed: PersonalFeed, secret: str) -> str:
    feed.nonce = secrets.token_hex(NONCE_BYTES)
    feed.created_at = utcnow()
    token = _token(secret, feed)
    feed.token_hash = _digest(token)
    return token


def personal_feed_token(dbs: DbSession, user: User, secret: str) -> str:
    """The user's feed token, made on first use. When the secret key has changed, the old
    URL cannot work any more (its hash no longer matches): a new one is made at once."""
    feed = dbs.scalar(select(PersonalFeed).where(PersonalFeed.user_id == user.id))
    if feed is None:
        feed = PersonalFeed(user_id=user.id)
        token = _renew(feed, secret)
        dbs.add(feed)
        dbs.flush()
        return token
    token = _token(secret, feed)
    if _digest(token) != feed.token_hash:
        token = _renew(feed, secret)
        dbs.flush()
    return token


def reset_personal_feed(dbs: DbSession, user: User, secret: str) -> str:
    """A new token; the old URL stops working at once."""
    feed = dbs.scalar(select(PersonalFeed).where(PersonalFeed.user_id == user.id))
    if feed is None:
        return personal_feed_token(dbs, user, secret)
    token = _renew(feed, secret)
    dbs.flush()
    return token


def feed_owner(dbs: DbSession, token: str) -> User:
    """The active account whose feed `token` opens (NotFound otherwise)."""
    feed = dbs.scalar(select(PersonalFeed).where(PersonalFeed.token_hash == _digest(token))
                      .options(joinedload(PersonalFeed.user)))
    if feed is None or not feed.user.active:
        raise NotFound(_l("No such calendar feed."))
    return feed.user
