"""The speaker registry, shared across events, with each event's invitation state."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lmevents.core.models import Base, Bilingual, str_enum, utcnow

if TYPE_CHECKING:
    from lmevents.events.models import Event


class InvitationState(enum.StrEnum):
    INVITED = "invited"
    CONFIRMED = "confirmed"
    DECLINED = "declined"


class Speaker(Bilingual, Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str | None] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    # The speaker's own script where it differs from both (e.g. Lao).
    name_native: Mapped[str | None] = mapped_column(String(200))
    honorific_zh: Mapped[str | None] = mapped_column(String(50))
    honorific_en: Mapped[str | None] = mapped_column(String(50))
    position_zh: Mapped[str | None] = mapped_column(Text)
    position_en: Mapped[str | None] = mapped_column(Text)
    organization_zh: Mapped[str | None] = mapped_column(Text)
    organization_en: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    # Biographies are limited Markdown, stored as written and sanitized when rendered.
    bio_zh: Mapped[str | None] = mapped_column(Text)
    bio_en: Mapped[str | None] = mapped_column(Text)
    photo_url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(254))  # private: never shown publicly
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    photo: Mapped[SpeakerPhoto | None] = relationship(
        back_populates="speaker", cascade="all, delete-orphan"
    )
    invitations: Mapped[list[EventSpeaker]] = relationship(
        back_populates="speaker", cascade="all, delete-orphan"
    )

    def display_name(self, lang: str = "en") -> str:
        name = self.text("name", lang)
        honorific = self.text("honorific", lang)
        if not honorific:
            return name
        return f"{name}{honorific}" if lang == "zh" else f"{honorific} {name}"

    def __repr__(self) -> str:
        return f"<Speaker {self.name_en or self.name_zh}>"


class SpeakerPhoto(Base):
    """An uploaded portrait, checked and re-encoded on upload; kept in the database so it
    moves with backups and transactions like everything else."""

    __tablename__ = "speaker_photos"
    __table_args__ = (UniqueConstraint("speaker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    content_type: Mapped[str] = mapped_column(String(50))
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int]
    height: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    speaker: Mapped[Speaker] = relationship(back_populates="photo")


class EventSpeaker(Base):
    """A speaker's invitation to one event: invited, confirmed or declined."""

    __tablename__ = "event_speakers"
    __table_args__ = (UniqueConstraint("event_id", "speaker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[InvitationState] = mapped_column(
        str_enum(InvitationState, "state"), default=InvitationState.INVITED
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    speaker: Mapped[Speaker] = relationship(back_populates="invitations")
    event: Mapped[Event] = relationship()
