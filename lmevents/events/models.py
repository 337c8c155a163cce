"""The event itself: theme, dates, zone, organizing bodies and the public contact block."""

from __future__ import annotations

import enum
import re
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lmevents.auth.models import User
from lmevents.core.models import Base, Bilingual, str_enum, utcnow


class RegistrationMode(enum.StrEnum):
    OPEN = "open"  # registrations are confirmed at once
    APPROVAL = "approval"  # an organizer confirms or rejects each one
    CLOSED = "closed"  # no new registrations


# An event's slug, the name in its URLs: 1–64 lower-case letters, digits and inner hyphens.
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


class Event(Bilingual, Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title_zh: Mapped[str | None] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    theme_zh: Mapped[str | None] = mapped_column(Text)
    theme_en: Mapped[str | None] = mapped_column(Text)
    description_zh: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    # Shown with the programme, e.g. that the demo's clock times are illustrative.
    schedule_note_zh: Mapped[str | None] = mapped_column(Text)
    schedule_note_en: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[date]
    end_date: Mapped[date]
    default_language: Mapped[str] = mapped_column(String(5), default="en")
    registration_mode: Mapped[RegistrationMode] = mapped_column(
        str_enum(RegistrationMode, "registration_mode"), default=RegistrationMode.OPEN
    )
    # When registration closes; None: when the event ends (the end of its last day in its
    # zone). See lmevents.events.services.registration_deadline.
    registration_closes_at: Mapped[datetime | None]
    published: Mapped[bool] = mapped_column(default=False)
    # How many minutes before a session starts its participants may join its video room
    # (lmevents.live.join).
    join_opens_minutes: Mapped[int] = mapped_column(default=15, server_default="15")
    # Once set, edits bump session revisions: calendars may hold copies.
    first_published_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Rises with every change its programme shows (lmevents.revisions): feeds, exports and
    # their ETags are keyed by it.
    programme_version: Mapped[int] = mapped_column(default=0, server_default="0")

    hosts: Mapped[list[EventHost]] = relationship(
        back_populates="event", order_by="EventHost.position", cascade="all, delete-orphan"
    )
    contact: Mapped[EventContact | None] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )
    team: Mapped[list[EventOrganizer]] = relationship(
        back_populates="event", order_by="EventOrganizer.id", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"


class TeamRole(enum.StrEnum):
    OWNER = "owner"  # changes the event and who organizes it
    EDITOR = "editor"  # changes the event


class EventOrganizer(Base):
    """An account that organizes one event: only its team (and administrators) change it."""

    __tablename__ = "event_organizers"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[TeamRole] = mapped_column(str_enum(TeamRole, "team_role"),
                                           default=TeamRole.EDITOR)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship(back_populates="team")
    user: Mapped[User] = relationship()


class EventHost(Bilingual, Base):
    """An organization that hosts or co-hosts the event, in display order."""

    __tablename__ = "event_hosts"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    role: Mapped[str] = mapped_column(String(20), default="host")
    name_zh: Mapped[str | None] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    abbreviation: Mapped[str | None] = mapped_column(String(20))
    url: Mapped[str | None] = mapped_column(String(500))

    event: Mapped[Event] = relationship(back_populates="hosts")


class EventContact(Bilingual, Base):
    """The contact block published with the event."""

    __tablename__ = "event_contacts"
    __table_args__ = (UniqueConstraint("event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    address_zh: Mapped[str | None] = mapped_column(Text)
    address_en: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(100))
    fax: Mapped[str | None] = mapped_column(String(100))
    emails: Mapped[str | None] = mapped_column(Text)  # one address per line
    website: Mapped[str | None] = mapped_column(String(500))
    wechat_zh: Mapped[str | None] = mapped_column(String(200))
    wechat_en: Mapped[str | None] = mapped_column(String(200))

    event: Mapped[Event] = relationship(back_populates="contact")

    @property
    def email_list(self) -> list[str]:
        return [line.strip() for line in (self.emails or "").splitlines() if line.strip()]


class AuditEntry(Base):
    """One organizer action that changed something: who, when, from which address, what.

    Written in the same transaction as the change it records (`lmevents.events.audit`), so
    the log holds every committed change and no change that was rolled back. Field names are
    kept, never their values (they may be passcodes or personal data)."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Kept when the event is deleted (that deletion is an entry too).
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(254))  # the address, kept if the account goes
    address: Mapped[str | None] = mapped_column(String(45))  # the client's IP address
    action: Mapped[str] = mapped_column(String(300))  # e.g. "PATCH /api/v1/events/x/sessions/5"
    # [{"what": table, "id": "5", "change": "added|changed|removed", "fields": [...]}, …]
    changes: Mapped[list] = mapped_column(JSON, default=list)
