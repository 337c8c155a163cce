"""Queue mail with the change it belongs to; deliver it later, retrying until it is sent."""

from __future__ import annotations

import enum
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.core.models import utcnow
from lmevents.core.validation import normalized_email
from lmevents.mail.models import OutboxMessage

MAX_BACKOFF = timedelta(hours=1)


def queue_mail(
    dbs: DbSession,
    to: str,
    subject: str,
    body_text: str,
    *,
    calendar_ics: str | None = None,
    calendar_method: str | None = None,
) -> OutboxMessage:
    """Add a message to the outbox in the caller's transaction: if the change that sends it
    is rolled back, so is the message; if it commits, the message will be delivered."""
    message = OutboxMessage(
        to_address=normalized_email(to, "to"),
        subject=subject,
        body_text=body_text,
        calendar_ics=calendar_ics,
        calendar_method=calendar_method,
        send_after=utcnow(),
        attempts=0,
    )
    dbs.add(message)
    dbs.flush()
    return message


@dataclass
class SmtpTransport:
    """Delivers through an SMTP server (plain, or STARTTLS when `use_tls`)."""

    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    use_tls: bool = False
    timeout: float = 10.0

    def send(self, message: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.use_tls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)


def build_email(message: OutboxMessage, sender: str) -> EmailMessage:
    """The RFC 5322 message; the standard library encodes non-ASCII headers and bodies."""
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}")
    email.set_content(message.body_text)
    if message.calendar_ics:
        method = message.calendar_method or "PUBLISH"
        email.add_attachment(
            message.calendar_ics.encode(), maintype="text", subtype="calendar",
            filename="invite.ics", params={"method": method, "charset": "utf-8"},
        )
    return email


def due_message_ids(dbs: DbSession, now: datetime, limit: int = 100) -> list[int]:
    return list(dbs.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None),
               OutboxMessage.send_after <= now)
        .order_by(OutboxMessage.id)
        .limit(limit)
    ))


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … at most an hour between tries."""
    return min(timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _refused_for_good(exc: smtplib.SMTPException) -> bool:
    """A 5xx answer (a recipient or a message the server will never take); 4xx and a lost
    connection are worth another try."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return bool(exc.recipients) and all(
            500 <= code < 600 for code, _ in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and 500 <= exc.smtp_code < 600


def _give_up(dbs: DbSession, message: OutboxMessage, exc: Exception,
             now: datetime) -> Delivery:
    message.attempts += 1
    message.failed_at = now
    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    dbs.flush()
    return Delivery.GIVEN_UP


class Delivery(enum.StrEnum):
    """What became of one try."""

    SENT = "sent"
    RETRY = "retry"  # a transport failure: tried again later
    GIVEN_UP = "given up"  # cannot be built, or refused for good
    SKIPPED = "skipped"  # sent, given up or being sent by another process already


def deliver(dbs: DbSession, message_id: int, transport: SmtpTransport,
            now: datetime) -> Delivery:
    """Try one message. The row is locked (and skipped by other senders while
    locked), so two `send-mail` processes never send the same message twice. A message that
    cannot be built, or that the server refuses for good, is marked failed; only transport
    failures are retried, later (`backoff`)."""
    message = dbs.scalar(
        select(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None),
               OutboxMessage.failed_at.is_(None))
        .with_for_update(skip_locked=True)
    )
    if message is None:
        return Delivery.SKIPPED
    try:
        email = build_email(message, transport.sender)
    except Exception as exc:  # noqa: BLE001 - whatever breaks building breaks it every time
        return _give_up(dbs, message, exc, now)
    try:
        transport.send(email)
    except smtplib.SMTPException as exc:
        if _refused_for_good(exc):
            return _give_up(dbs, message, exc, now)
        return _retry_later(dbs, message, exc, now)
    except OSError as exc:
        return _retry_later(dbs, message, exc, now)
    message.attempts += 1
    message.sent_at = now
    message.last_error = None
    dbs.flush()
    return Delivery.SENT


def _retry_later(dbs: DbSession, message: OutboxMessage, exc: Exception,
                 now: datetime) -> Delivery:
    message.attempts += 1
    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    message.send_after = now + backoff(message.attempts)
    dbs.flush()
    return Delivery.RETRY


def failed_messages(dbs: DbSession, limit: int = 200) -> list[OutboxMessage]:
    """Messages given up, newest first: for the back office to show and explain."""
    return list(dbs.scalars(
        select(OutboxMessage).where(OutboxMessage.failed_at.is_not(None))
        .order_by(OutboxMessage.failed_at.desc(), OutboxMessage.id.desc()).limit(limit)))
