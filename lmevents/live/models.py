"""Who joined which session, and when first."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lmevents.agenda.models import Session, VirtualRoom
from lmevents.auth.models import User
from lmevents.core.models import Base, str_enum
from lmevents.subforums.models import SubForum


class JoinedVia(enum.StrEnum):
    PAGE = "page"  # signed in, from an lmevents page
    LINK = "link"  # a person's signed link, from their calendar or a mail


class Attendance(Base):
    """A person's first join of a session (one row per person and session, whatever the
    number of joins)."""

    __tablename__ = "attendances"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"),
                                            index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime]
    via: Mapped[JoinedVia] = mapped_column(str_enum(JoinedVia, "joined_via"))

    session: Mapped[Session] = relationship()
    user: Mapped[User] = relationship()


class RunningLate(Base):
    """An organizer's "running N minutes late" for a room or a sub-forum: the rest of that
    day's sessions there were moved by N minutes at `since` (lmevents.live.late)."""

    __tablename__ = "running_late"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("virtual_rooms.id",
                                                           ondelete="CASCADE"))
    subforum_id: Mapped[int | None] = mapped_column(ForeignKey("subforums.id",
                                                               ondelete="CASCADE"))
    minutes: Mapped[int]
    since: Mapped[datetime]
    # The end of the last session moved: the live page shows the delay until then.
    until: Mapped[datetime]
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    room: Mapped[VirtualRoom | None] = relationship()
    subforum: Mapped[SubForum | None] = relationship()


class ReminderKind(enum.StrEnum):
    DAY = "day"  # the day before
    SOON = "soon"  # shortly before the start


class ReminderSent(Base):
    """A reminder queued for one person and session, for the start the session had then: a
    session moved later gets a reminder for its new start; none is queued twice (the unique
    key decides, whatever the number of workers)."""

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("session_id", "user_id", "kind", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"),
                                            index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[ReminderKind] = mapped_column(str_enum(ReminderKind, "reminder_kind"))
    starts_at: Mapped[datetime]
    queued_at: Mapped[datetime]
