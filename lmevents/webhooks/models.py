"""Webhooks: an event's organizers name URLs that receive a signed POST when something happens
to the event (a registration, a seat, a session, a meeting). Each announcement is written to an
outbox in the transaction of the change it announces, and delivered later, with retries, by
`flask lmevents send-webhooks`."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lmevents.core.models import Base, utcnow


class Kind(enum.StrEnum):
    """What a delivery announces (its `type`), as receivers subscribe to it."""

    REGISTRATION_CREATED = "registration.created"
    REGISTRATION_CHANGED = "registration.changed"  # approved or rejected
    REGISTRATION_CANCELLED = "registration.cancelled"
    SEAT_TAKEN = "seat.taken"  # held, directly or from the waiting list
    SEAT_FREED = "seat.freed"  # a held seat given up
    SESSION_CREATED = "session.created"
    SESSION_CHANGED = "session.changed"
    SESSION_CANCELLED = "session.cancelled"
    MEETING_ACCEPTED = "meeting.accepted"
    # Sent on request from the back office or the API, to try a receiver.
    PING = "ping"


SUBSCRIBABLE = tuple(kind for kind in Kind if kind != Kind.PING)


class Webhook(Base):
    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str] = mapped_column(String(200), default="")
    # The kinds it receives (values of Kind); every one when empty.
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    # "whsec_" and base64 of 32 random bytes, as the Standard Webhooks specification has it.
    secret: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))

    def receives(self, kind: str) -> bool:
        return kind == Kind.PING or not self.kinds or kind in self.kinds


class WebhookDelivery(Base):
    """One announcement to one webhook: its body is fixed when the change commits, and sent
    until the receiver acknowledges it (2xx), never again after that."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_due", "delivered_at", "failed_at", "send_after"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(
        ForeignKey("webhooks.id", ondelete="CASCADE"), index=True)
    # The `webhook-id` header and the body's `id`: the same on every try, so a receiver that
    # got it twice (its answer lost on the way) can tell.
    message_id: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Put in the queue (when announced, or sent again by an organizer): tries go on until
    # `GIVE_UP_AFTER` past it.
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    send_after: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    last_status: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None]
    # Given up: no acknowledgement for `GIVE_UP_AFTER`; an organizer may send it again.
    failed_at: Mapped[datetime | None]

    webhook: Mapped[Webhook] = relationship()
    tries: Mapped[list[WebhookAttempt]] = relationship(
        order_by="WebhookAttempt.id", cascade="all, delete-orphan",
        back_populates="delivery", passive_deletes=True)

    @property
    def next_attempt_at(self) -> datetime | None:
        """When it is tried next, while it waits."""
        return self.send_after if self.state == "pending" else None

    @property
    def state(self) -> str:
        if self.delivered_at is not None:
            return "delivered"
        if self.failed_at is not None:
            return "failed"
        return "pending"


class WebhookAttempt(Base):
    """One try: what the receiver answered (or why there was no answer)."""

    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(String(500))
    duration_ms: Mapped[int] = mapped_column(default=0)

    delivery: Mapped[WebhookDelivery] = relationship(back_populates="tries")
