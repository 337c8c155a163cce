"""The programme: virtual rooms, sessions, their speakers and topics, and the change log."""

from __future__ import annotations

import enum
import uuid
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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lmevents.core.models import Base, Bilingual, str_enum, utcnow

if TYPE_CHECKING:
    from lmevents.auth.models import User
    from lmevents.events.models import Event
    from lmevents.speakers.models import Speaker
    from lmevents.subforums.models import SubForum


class SessionKind(enum.StrEnum):
    OPENING = "opening"
    KEYNOTE = "keynote"
    ROUNDTABLE = "roundtable"
    SUBFORUM = "subforum"
    EXCHANGE = "exchange"
    BREAK = "break"


class SessionStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class SpeakerRole(enum.StrEnum):
    CHAIR = "chair"
    MODERATOR = "moderator"
    OPENING_REMARKS = "opening_remarks"
    KEYNOTE = "keynote"
    PANELIST = "panelist"
    PRESENTER = "presenter"

    @classmethod
    def usual_for(cls, kind: SessionKind) -> SpeakerRole:
        """The part a speaker added to a session of this kind most likely plays."""
        return {SessionKind.OPENING: cls.OPENING_REMARKS, SessionKind.KEYNOTE: cls.KEYNOTE,
                SessionKind.ROUNDTABLE: cls.PANELIST}.get(SessionKind(kind), cls.PRESENTER)


class Platform(enum.StrEnum):
    ZOOM = "zoom"
    TENCENT_MEETING = "tencent_meeting"
    TEAMS = "teams"
    WEBEX = "webex"
    OTHER = "other"


class VirtualRoom(Bilingual, Base):
    """An online meeting room; join details are for participants, never public pages."""

    __tablename__ = "virtual_rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name_zh: Mapped[str | None] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    platform: Mapped[Platform] = mapped_column(
        str_enum(Platform, "platform"), default=Platform.OTHER
    )
    join_url: Mapped[str | None] = mapped_column(String(500))
    meeting_id: Mapped[str | None] = mapped_column(String(100))
    passcode: Mapped[str | None] = mapped_column(String(100))
    # The language spoken on the floor, and how to hear each interpretation of it.
    floor_language: Mapped[str | None] = mapped_column(String(8))

    event: Mapped[Event] = relationship()
    channels: Mapped[list[InterpretationChannel]] = relationship(
        back_populates="room", order_by="InterpretationChannel.position",
        cascade="all, delete-orphan")


class InterpretationChannel(Base):
    """How to hear a room's interpretation into one language: a language channel of the
    room's platform (Zoom, Tencent Meeting…), or a separate link, or both."""

    __tablename__ = "interpretation_channels"
    __table_args__ = (UniqueConstraint("room_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("virtual_rooms.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int] = mapped_column(default=0)
    language: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str | None] = mapped_column(String(100))
    join_url: Mapped[str | None] = mapped_column(String(500))

    room: Mapped[VirtualRoom] = relationship(back_populates="channels")


class Session(Bilingual, Base):
    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
        Index("ix_sessions_event_id_starts_at", "event_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    # Stable calendar identity (RFC 5545 UID): never changes across renames or moves.
    uid: Mapped[str] = mapped_column(String(64), unique=True, default=lambda: str(uuid.uuid4()))
    kind: Mapped[SessionKind] = mapped_column(str_enum(SessionKind, "kind"))
    status: Mapped[SessionStatus] = mapped_column(
        str_enum(SessionStatus, "status"), default=SessionStatus.SCHEDULED
    )
    title_zh: Mapped[str | None] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    description_zh: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("virtual_rooms.id", ondelete="SET NULL"), index=True
    )
    subforum_id: Mapped[int | None] = mapped_column(
        ForeignKey("subforums.id", ondelete="SET NULL"), index=True
    )
    capacity: Mapped[int | None]
    # The language spoken, when not its room's (a Chinese room's English keynote).
    floor_language: Mapped[str | None] = mapped_column(String(8))
    # The ICS SEQUENCE: bumped on each significant change once the event was published.
    revision: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship()
    room: Mapped[VirtualRoom | None] = relationship()
    subforum: Mapped[SubForum | None] = relationship(back_populates="sessions")
    speakers: Mapped[list[SessionSpeaker]] = relationship(
        back_populates="session",
        order_by="SessionSpeaker.position",
        cascade="all, delete-orphan",
    )
    topics: Mapped[list[SessionTopic]] = relationship(
        back_populates="session", order_by="SessionTopic.position", cascade="all, delete-orphan"
    )
    changes: Mapped[list[SessionChange]] = relationship(
        back_populates="session", order_by="SessionChange.id", cascade="all, delete-orphan"
    )

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def spoken_language(self) -> str | None:
        """The floor language: the session's own, else its room's."""
        room = self.meeting_room
        return self.floor_language or (room.floor_language if room is not None else None)

    @property
    def meeting_room(self) -> VirtualRoom | None:
        """Where the session meets: its own room, else its sub-forum's."""
        if self.room is not None:
            return self.room
        return self.subforum.room if self.subforum is not None else None

    def __repr__(self) -> str:
        return f"<Session {self.id} {self.kind} {self.title_en or self.title_zh}>"


class SessionSpeaker(Bilingual, Base):
    """A speaker's part in a session: role, order and optional talk title."""

    __tablename__ = "session_speakers"
    __table_args__ = (UniqueConstraint("session_id", "speaker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[SpeakerRole] = mapped_column(str_enum(SpeakerRole, "role"))
    position: Mapped[int] = mapped_column(default=0)
    talk_title_zh: Mapped[str | None] = mapped_column(String(300))
    talk_title_en: Mapped[str | None] = mapped_column(String(300))

    session: Mapped[Session] = relationship(back_populates="speakers")
    speaker: Mapped[Speaker] = relationship()


class SessionTopic(Bilingual, Base):
    """A theme or topic of a session (the roundtable's themes, the exchange's topics)."""

    __tablename__ = "session_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title_zh: Mapped[str | None] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))

    session: Mapped[Session] = relationship(back_populates="topics")


class SessionChange(Base):
    """One recorded change to a session: what changed (old and new), when, by whom."""

    __tablename__ = "session_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(20))  # created, modified, cancelled, restored
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    revision: Mapped[int]
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    session: Mapped[Session] = relationship(back_populates="changes")
    changed_by: Mapped[User | None] = relationship()
