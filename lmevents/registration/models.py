"""Registrations, the organizer's extra questions, and seats (held or waited for)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lmevents.core.models import Base, Bilingual, str_enum, utcnow

if TYPE_CHECKING:
    from lmevents.agenda.models import Session
    from lmevents.auth.models import User
    from lmevents.events.models import Event
    from lmevents.subforums.models import SubForum


class QuestionKind(enum.StrEnum):
    TEXT = "text"
    CHOICE = "choice"
    YES_NO = "yes_no"


class RegistrationStatus(enum.StrEnum):
    PENDING = "pending"  # waits for an organizer's approval
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"  # by the participant


class SeatState(enum.StrEnum):
    HELD = "held"
    WAITING = "waiting"


class RegistrationQuestion(Bilingual, Base):
    """An extra question an organizer asks on the event's registration form."""

    __tablename__ = "registration_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[QuestionKind] = mapped_column(str_enum(QuestionKind, "kind"))
    label_zh: Mapped[str | None] = mapped_column(String(300))
    label_en: Mapped[str | None] = mapped_column(String(300))
    # For choice questions: the options, each {"zh": …, "en": …}; answers store the index.
    options: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(default=False)

    event: Mapped[Event] = relationship()

    def option_text(self, index: int, lang: str) -> str:
        option = self.options[index]
        other = "zh" if lang == "en" else "en"
        return option.get(lang) or option.get(other) or ""


class Registration(Base):
    """One person's registration for one event (at most one row per person and event)."""

    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(str_enum(RegistrationStatus, "status"))
    name: Mapped[str] = mapped_column(String(200))
    organization: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[str] = mapped_column(String(300), default="")
    country: Mapped[str | None] = mapped_column(String(2))
    language: Mapped[str] = mapped_column(String(5), default="en")
    timezone: Mapped[str] = mapped_column(String(64))
    # When the participant agreed to the use of their data, as the form stated it.
    consented_at: Mapped[datetime]
    # Answers to the event's questions by question id (as a string, JSON keys are strings).
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The language the participant listens in (lmevents.core.models.SPOKEN_LANGUAGES): their
    # interpretation channel follows from it; None: the language they registered in.
    listening_language: Mapped[str | None] = mapped_column(String(8))
    # Reminders before each session (e-mail, and an alarm in the personal feed); the
    # participant may switch them off for this event (lmevents.live.reminders).
    reminders: Mapped[bool] = mapped_column(default=True, server_default=true())
    # The sub-forum asked for while the registration awaits approval.
    preferred_subforum_id: Mapped[int | None] = mapped_column(
        ForeignKey("subforums.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decision_note: Mapped[str | None] = mapped_column(Text)

    event: Mapped[Event] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    preferred_subforum: Mapped[SubForum | None] = relationship()
    seats: Mapped[list[Seat]] = relationship(
        back_populates="registration", order_by="Seat.id", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:
        return self.status in (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)

    @property
    def standing(self) -> str:
        """The status as the participant is told it: a confirmed registration that waits for
        a seat in a sub-forum and holds none is "waitlisted"."""
        if self.status == RegistrationStatus.CONFIRMED:
            forums = [seat for seat in self.seats if seat.subforum_id is not None]
            if forums and not any(seat.is_held for seat in forums):
                return "waitlisted"
        return self.status.value

    def __repr__(self) -> str:
        return f"<Registration {self.id} {self.status}>"


class Seat(Base):
    """A place in a sub-forum or in a session with limited room: held, or waited for.

    Waiting seats queue in (requested_at, id) order. A waiting seat may name the held seat
    it `replaces`: the participant asked to switch and keeps the old seat until promoted.
    """

    __tablename__ = "seats"
    __table_args__ = (
        UniqueConstraint("registration_id", "subforum_id"),
        UniqueConstraint("registration_id", "session_id"),
        CheckConstraint("(subforum_id IS NULL) <> (session_id IS NULL)", name="one_target"),
        Index("ix_seats_subforum_id_state", "subforum_id", "state"),
        Index("ix_seats_session_id_state", "session_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE")
    )
    subforum_id: Mapped[int | None] = mapped_column(
        ForeignKey("subforums.id", ondelete="CASCADE")
    )
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    state: Mapped[SeatState] = mapped_column(str_enum(SeatState, "state"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    held_since: Mapped[datetime | None]
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("seats.id", ondelete="SET NULL"))

    registration: Mapped[Registration] = relationship(back_populates="seats")
    subforum: Mapped[SubForum | None] = relationship()
    session: Mapped[Session | None] = relationship()
    replaces: Mapped[Seat | None] = relationship(remote_side=[id])

    @property
    def target(self) -> SubForum | Session:
        """The sub-forum or session the seat is in."""
        return self.subforum if self.subforum_id is not None else self.session

    @property
    def is_held(self) -> bool:
        return self.state == SeatState.HELD

    def __repr__(self) -> str:
        target = (f"subforum {self.subforum_id}" if self.subforum_id
                  else f"session {self.session_id}")
        return f"<Seat {self.id} {target} {self.state}>"
