"""Exchange topics and presentations, needs, questions with votes, and 1:1 meetings."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lmevents.core.models import Base, Bilingual, str_enum, utcnow

if TYPE_CHECKING:
    from lmevents.agenda.models import Session
    from lmevents.auth.models import User
    from lmevents.events.models import Event
    from lmevents.speakers.models import Speaker


class NeedVisibility(enum.StrEnum):
    PUBLIC = "public"  # anyone reading the exchange page
    PARTICIPANTS = "participants"  # the event's registered participants and organizers


class MeetingStatus(enum.StrEnum):
    PROPOSED = "proposed"  # waits for the other side: accept one time, decline, or propose
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class ExchangeTopic(Bilingual, Base):
    """A topic of an exchange session, under which enterprises present and needs are posted."""

    __tablename__ = "exchange_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title_zh: Mapped[str | None] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    description_zh: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)

    session: Mapped[Session] = relationship()
    presentations: Mapped[list[Presentation]] = relationship(
        back_populates="topic", order_by="Presentation.position", cascade="all, delete-orphan")
    needs: Mapped[list[Need]] = relationship(
        back_populates="topic", order_by="Need.id", cascade="all, delete-orphan")


class Presentation(Bilingual, Base):
    """An enterprise presenting under a topic; `contact_user` is the account that answers
    meeting requests for the enterprise."""

    __tablename__ = "presentations"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_topics.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    enterprise_zh: Mapped[str | None] = mapped_column(String(300))
    enterprise_en: Mapped[str | None] = mapped_column(String(300))
    presenter_id: Mapped[int | None] = mapped_column(
        ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    title_zh: Mapped[str | None] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    summary_zh: Mapped[str | None] = mapped_column(Text)
    summary_en: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))
    contact_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)

    topic: Mapped[ExchangeTopic] = relationship(back_populates="presentations")
    presenter: Mapped[Speaker | None] = relationship()
    contact_user: Mapped[User | None] = relationship()
    questions: Mapped[list[Question]] = relationship(
        back_populates="presentation", cascade="all, delete-orphan")


class Need(Base):
    """A need a participant from a Mekong country posts under a topic."""

    __tablename__ = "needs"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(
        ForeignKey("exchange_topics.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                           index=True)
    country: Mapped[str] = mapped_column(String(2))
    sector: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    visibility: Mapped[NeedVisibility] = mapped_column(
        str_enum(NeedVisibility, "visibility"), default=NeedVisibility.PARTICIPANTS)
    # Whether readers who may see the need also see who posted it (name, organization).
    show_contact: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    hidden_at: Mapped[datetime | None]

    topic: Mapped[ExchangeTopic] = relationship(back_populates="needs")
    author: Mapped[User] = relationship()


class Question(Base):
    """A participant's question on a presentation, before or during the session."""

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    presentation_id: Mapped[int] = mapped_column(
        ForeignKey("presentations.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                           index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    # Hidden by a moderator (abuse): shown to no one but organizers.
    hidden_at: Mapped[datetime | None]
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    presentation: Mapped[Presentation] = relationship(back_populates="questions")
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    votes: Mapped[list[QuestionVote]] = relationship(
        back_populates="question", cascade="all, delete-orphan")


class QuestionVote(Base):
    """One participant's upvote of a question: at most one per person and question."""

    __tablename__ = "question_votes"
    __table_args__ = (UniqueConstraint("question_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    question: Mapped[Question] = relationship(back_populates="votes")


class MeetingRequest(Base):
    """A 1:1 follow-up meeting between two participants of an event, from request to a
    single accepted time with its own join link."""

    __tablename__ = "meeting_requests"
    __table_args__ = (
        CheckConstraint("requester_id <> recipient_id", name="not_with_oneself"),
        CheckConstraint("ends_at IS NULL OR ends_at > starts_at", name="ends_after_start"),
        Index("ix_meeting_requests_event_id_status", "event_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    # Stable calendar identity of the meeting (RFC 5545 UID).
    uid: Mapped[str] = mapped_column(String(64), unique=True,
                                     default=lambda: str(uuid.uuid4()))
    requester_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                              index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                              index=True)
    # What the meeting follows up: a presentation or a need (or neither).
    presentation_id: Mapped[int | None] = mapped_column(
        ForeignKey("presentations.id", ondelete="SET NULL"), index=True)
    need_id: Mapped[int | None] = mapped_column(
        ForeignKey("needs.id", ondelete="SET NULL"), index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[MeetingStatus] = mapped_column(
        str_enum(MeetingStatus, "status"), default=MeetingStatus.PROPOSED)
    # The accepted time (set once accepted).
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    join_url: Mapped[str | None] = mapped_column(String(500))
    # ICS SEQUENCE of the invitation: bumped when an accepted meeting is cancelled.
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship()
    requester: Mapped[User] = relationship(foreign_keys=[requester_id])
    recipient: Mapped[User] = relationship(foreign_keys=[recipient_id])
    presentation: Mapped[Presentation | None] = relationship()
    need: Mapped[Need | None] = relationship()
    proposals: Mapped[list[MeetingProposal]] = relationship(
        back_populates="request", order_by="MeetingProposal.starts_at",
        cascade="all, delete-orphan")

    # Who is who in a meeting, and whose move it is: pages, the API and mail all ask here.

    @property
    def is_open(self) -> bool:
        """Waiting for an answer: times may be accepted or proposed."""
        return self.status == MeetingStatus.PROPOSED

    def side_of(self, user: User | None) -> str | None:
        """The user's side: 'requester', 'recipient', or None for anyone else."""
        if user is None or not getattr(user, "is_authenticated", True):
            return None
        if user.id == self.requester_id:
            return "requester"
        if user.id == self.recipient_id:
            return "recipient"
        return None

    def other_side(self, user: User) -> User:
        """The person across the meeting from `user` (one of its two sides)."""
        return self.recipient if user.id == self.requester_id else self.requester

    def may_accept(self, user: User, proposal: MeetingProposal) -> bool:
        """A time is accepted by the side that did not propose it, while the meeting is open."""
        return self.is_open and proposal.proposed_by_id != user.id

    def acceptable_for(self, user: User) -> list[MeetingProposal]:
        return [p for p in self.proposals if self.may_accept(user, p)]

    def subject_text(self, lang: str) -> str:
        """What the meeting follows up, in `lang`: the enterprise and title of a presentation,
        or a need's sector and country (in the language being written)."""
        if self.presentation is not None:
            enterprise = self.presentation.text("enterprise", lang)
            title = self.presentation.text("title", lang)
            return f"{enterprise} — {title}" if enterprise and title else enterprise or title
        if self.need is not None:
            return _("need: %(sector)s (%(country)s)", sector=self.need.sector,
                     country=self.need.country)
        return ""

    def awaits_answer_from(self, user: User) -> bool:
        """Open, and the latest times were proposed by the other side."""
        latest = max(self.proposals, key=lambda p: (p.created_at, p.id), default=None)
        return self.is_open and latest is not None and latest.proposed_by_id != user.id


class MeetingProposal(Base):
    """A time one side proposes for a meeting; the other side may accept it."""

    __tablename__ = "meeting_proposals"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_requests.id", ondelete="CASCADE"), index=True)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[MeetingRequest] = relationship(back_populates="proposals")
