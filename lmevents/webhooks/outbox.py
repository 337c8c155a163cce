"""Queue an announcement with the change it belongs to; deliver it later, signed, retrying
until the receiver acknowledges it (any 2xx answer), and never send it again after that."""

from __future__ import annotations

import enum
import json
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession
from standardwebhooks import Webhook as Signer

from lmevents.core.models import utcnow
from lmevents.webhooks.models import Kind, Webhook, WebhookAttempt, WebhookDelivery
from lmevents.webhooks.targets import TargetRefused, check_reachable

if TYPE_CHECKING:
    from lmevents.events.models import Event

MAX_BACKOFF = timedelta(hours=1)
# Past this age a delivery still unacknowledged is given up (organizers may send it again).
GIVE_UP_AFTER = timedelta(days=3)
TIMEOUT = 10.0  # seconds for the receiver to answer
USER_AGENT = "lmevents-webhooks/1"

# POSTs a body to a URL with headers; returns the answer's status code. Tests pass their own.
Poster = Callable[[str, bytes, dict[str, str]], int]


def announce(dbs: DbSession, event: Event, kind: Kind, data: dict[str, Any],
             *, only: Webhook | None = None) -> list[WebhookDelivery]:
    """A delivery to each active webhook of `event` that receives `kind`, in the caller's
    transaction: rolled back with the change, or delivered once it commits."""
    hooks = [only] if only is not None else dbs.scalars(
        select(Webhook).where(Webhook.event_id == event.id, Webhook.active.is_(True))
        .order_by(Webhook.id))
    now = utcnow()
    deliveries = []
    for hook in hooks:
        if not hook.receives(kind):
            continue
        message_id = f"msg_{uuid.uuid4().hex}"
        body = {"id": message_id, "type": str(kind),
                "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "event": {"id": event.id, "slug": event.slug}, "data": data}
        delivery = WebhookDelivery(
            webhook_id=hook.id, message_id=message_id, kind=str(kind),
            body=json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
            created_at=now, queued_at=now, send_after=now, attempts=0)
        dbs.add(delivery)
        deliveries.append(delivery)
    if deliveries:
        dbs.flush()
    return deliveries


def signed_headers(secret: str, message_id: str, now: datetime, body: bytes) -> dict[str, str]:
    """The Standard Webhooks headers: `webhook-signature` is "v1," and the base64 HMAC-SHA256,
    under the webhook's secret, of "<webhook-id>.<webhook-timestamp>.<body>"."""
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Signer(secret).sign(message_id, now, body),
    }


def post_with_requests(url: str, body: bytes, headers: dict[str, str]) -> int:
    """Redirects are not followed: a receiver answers where it was registered."""
    answer = requests.post(url, data=body, headers=headers, timeout=TIMEOUT,
                           allow_redirects=False)
    answer.close()
    return answer.status_code


def due_delivery_ids(dbs: DbSession, now: datetime, limit: int = 100) -> list[int]:
    return list(dbs.scalars(
        select(WebhookDelivery.id).join(Webhook)
        .where(WebhookDelivery.delivered_at.is_(None), WebhookDelivery.failed_at.is_(None),
               WebhookDelivery.send_after <= now, Webhook.active.is_(True))
        .order_by(WebhookDelivery.id).limit(limit)))


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … at most an hour between tries."""
    return min(timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


class Outcome(enum.StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"
    GIVEN_UP = "given up"
    SKIPPED = "skipped"  # acknowledged, given up or being sent by another process already


def deliver(dbs: DbSession, delivery_id: int, now: datetime, *,
            post: Poster = post_with_requests, private_targets: bool = False) -> Outcome:
    """Try one delivery. Its row is locked, and skipped by other senders while locked, so two
    `send-webhooks` processes never post the same delivery; once acknowledged it is never
    posted again. The caller commits."""
    delivery = dbs.scalar(
        select(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.delivered_at.is_(None),
               WebhookDelivery.failed_at.is_(None))
        .with_for_update(skip_locked=True))
    if delivery is None or not delivery.webhook.active:
        return Outcome.SKIPPED
    hook = delivery.webhook
    body = delivery.body.encode()
    started = time.monotonic()
    status, error = None, None
    try:
        check_reachable(hook.url, private_targets)
        status = post(hook.url, body, signed_headers(hook.secret, delivery.message_id, now, body))
    except TargetRefused as exc:
        error = str(exc)
    except (requests.RequestException, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"
    duration = int((time.monotonic() - started) * 1000)
    delivery.attempts += 1
    delivery.last_status = status
    delivery.tries.append(WebhookAttempt(at=now, status_code=status, duration_ms=duration,
                                         error=error[:500] if error else None))
    if status is not None and 200 <= status < 300:
        delivery.delivered_at, delivery.last_error = now, None
        dbs.flush()
        return Outcome.DELIVERED
    delivery.last_error = error or f"HTTP {status}"
    if now - delivery.queued_at >= GIVE_UP_AFTER:
        delivery.failed_at = now
        dbs.flush()
        return Outcome.GIVEN_UP
    delivery.send_after = now + backoff(delivery.attempts)
    dbs.flush()
    return Outcome.RETRY
