"""Accounts and API tokens."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lmevents.core.models import Base, str_enum, utcnow


class Role(enum.StrEnum):
    PARTICIPANT = "participant"
    ORGANIZER = "organizer"  # creates events, and changes those whose team they are on
    ADMIN = "admin"  # changes every event and account


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(200), default="")
    organization: Mapped[str] = mapped_column(String(300), default="")
    country: Mapped[str | None] = mapped_column(String(2))
    language: Mapped[str] = mapped_column(String(5), default="en")
    timezone: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"), default=Role.PARTICIPANT)
    active: Mapped[bool] = mapped_column(default=True)
    # Set when the owner opened the signed link mailed at sign-up.
    email_confirmed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Part of what the session and remember-me cookies hold: raising it signs the account out
    # everywhere (a password reset does).
    session_version: Mapped[int] = mapped_column(default=0)
    # Rises with every change of what only this person's agenda and feed show
    # (lmevents.revisions).
    feed_version: Mapped[int] = mapped_column(default=0, server_default="0")

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user")

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def get_id(self) -> str:  # Flask-Login: what the cookies hold
        return f"{self.id}:{self.session_version}"

    @property
    def is_organizer(self) -> bool:
        """May create events (what each event lets them change is its team's business)."""
        return self.role in (Role.ORGANIZER, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class ApiToken(Base):
    """A bearer token; only its SHA-256 is stored, the token itself is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="tokens")
