"""Personal calendar feeds and what each served feed looked like last."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lmevents.auth.models import User
from lmevents.core.models import Base, utcnow


class PersonalFeed(Base):
    """The secret of a participant's personal feed URL.

    The URL's token is derived from `nonce` (128 random bits) with the application's secret
    key, so the owner can be shown their URL again while the database alone cannot rebuild
    it; feeds are found by the token's SHA-256. Resetting draws a new nonce.
    """

    __tablename__ = "personal_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    nonce: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


class FeedVersion(Base):
    """The fingerprint of a feed as last served and since when it has looked so: the feed's
    Last-Modified, so clients that only send If-Modified-Since are answered right too."""

    __tablename__ = "feed_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    # e.g. "event:12:zh", "subforum:3:en", "session:40:en", "personal:7:zh"
    feed_key: Mapped[str] = mapped_column(String(100), unique=True)
    etag: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime]
