"""The transactional outbox: mail is written here in the same transaction as the change it
announces, and delivered later by `flask lmevents send-mail`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lmevents.core.models import Base, utcnow


class OutboxMessage(Base):
    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_due", "sent_at", "send_after"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    # An iCalendar attachment (invitations): its text and METHOD (REQUEST, CANCEL, PUBLISH).
    calendar_ics: Mapped[str | None] = mapped_column(Text)
    calendar_method: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Not before this time: the next try after a failure waits longer each time.
    send_after: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    # Given up: the message cannot be built, or the server refused it for good (5xx). It is
    # never tried again and never holds up the messages behind it; `last_error` says why.
    failed_at: Mapped[datetime | None]
