"""Parallel sub-forums: their topics, moderators, room, capacity and sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lmevents.core.models import Base, Bilingual

if TYPE_CHECKING:
    from lmevents.agenda.models import Session, VirtualRoom
    from lmevents.events.models import Event
    from lmevents.speakers.models import Speaker


class SubForum(Bilingual, Base):
    __tablename__ = "subforums"
    __table_args__ = (
        UniqueConstraint("event_id", "code"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(10))  # "A", "B": short label shown in the agenda
    position: Mapped[int] = mapped_column(default=0)
    title_zh: Mapped[str | None] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    description_zh: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("virtual_rooms.id", ondelete="SET NULL"), index=True
    )
    capacity: Mapped[int | None]

    event: Mapped[Event] = relationship()
    room: Mapped[VirtualRoom | None] = relationship()
    topics: Mapped[list[SubForumTopic]] = relationship(
        back_populates="subforum", order_by="SubForumTopic.position", cascade="all, delete-orphan"
    )
    moderators: Mapped[list[SubForumModerator]] = relationship(
        back_populates="subforum",
        order_by="SubForumModerator.position",
        cascade="all, delete-orphan",
    )
    sessions: Mapped[list[Session]] = relationship(
        back_populates="subforum", order_by="Session.starts_at"
    )

    def __repr__(self) -> str:
        return f"<SubForum {self.code}>"


class SubForumTopic(Bilingual, Base):
    __tablename__ = "subforum_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    subforum_id: Mapped[int] = mapped_column(
        ForeignKey("subforums.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title_zh: Mapped[str | None] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))

    subforum: Mapped[SubForum] = relationship(back_populates="topics")


class SubForumModerator(Base):
    __tablename__ = "subforum_moderators"
    __table_args__ = (UniqueConstraint("subforum_id", "speaker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subforum_id: Mapped[int] = mapped_column(ForeignKey("subforums.id", ondelete="CASCADE"))
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)

    subforum: Mapped[SubForum] = relationship(back_populates="moderators")
    speaker: Mapped[Speaker] = relationship()
