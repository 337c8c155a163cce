"""An event's webhooks: which URLs receive which announcements, with what secret; and what
became of each delivery."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import selectinload

from lmevents.core.models import utcnow
from lmevents.core.validation import text_fault
from lmevents.errors import Conflict, Faults, Invalid, NotFound
from lmevents.webhooks.models import SUBSCRIBABLE, Kind, Webhook, WebhookDelivery
from lmevents.webhooks.outbox import announce
from lmevents.webhooks.targets import url_fault

if TYPE_CHECKING:
    from lmevents.auth.models import User
    from lmevents.events.models import Event

MAX_WEBHOOKS = 10  # per event
URL_LENGTH = 2000
DESCRIPTION_LENGTH = 200


@dataclass
class WebhookInput:
    url: str
    description: str = ""
    # Values of Kind; every kind when empty.
    kinds: list[str] = field(default_factory=list)
    active: bool = True


def private_targets() -> bool:
    return bool(current_app.config.get("WEBHOOK_PRIVATE_TARGETS"))


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def check_webhook(data: WebhookInput) -> WebhookInput:
    """Every fault of the input at once (`Faults`), or the input cleaned."""
    faults = Faults()
    url = (data.url or "").strip()
    description = (data.description or "").strip()
    fault = text_fault(url, multiline=False)
    if not url:
        faults.add(Invalid(_l("Enter the address that receives the webhooks."), field="url"))
    elif fault:
        faults.add(Invalid(fault, field="url"))
    elif len(url) > URL_LENGTH:
        faults.add(Invalid(_l("At most %(limit)s characters.", limit=URL_LENGTH), field="url"))
    elif (fault := url_fault(url, private_targets())) is not None:
        faults.add(Invalid(fault, field="url"))
    if (fault := text_fault(description, multiline=False)) is not None:
        faults.add(Invalid(fault, field="description"))
    elif len(description) > DESCRIPTION_LENGTH:
        faults.add(Invalid(_l("At most %(limit)s characters.", limit=DESCRIPTION_LENGTH),
                           field="description"))
    kinds = list(dict.fromkeys(data.kinds or []))
    unknown = [kind for kind in kinds if kind not in SUBSCRIBABLE]
    if unknown:
        faults.add(Invalid(_l("Unknown kind of announcement: %(kinds)s.",
                              kinds=", ".join(unknown)), field="kinds"))
    faults.raise_any()
    return WebhookInput(url=url, description=description,
                        kinds=[kind for kind in SUBSCRIBABLE if kind in kinds],
                        active=bool(data.active))


def event_webhooks(dbs: DbSession, event: Event) -> list[Webhook]:
    return list(dbs.scalars(select(Webhook).where(Webhook.event_id == event.id)
                            .order_by(Webhook.id)))


def get_webhook(dbs: DbSession, event: Event, webhook_id: int) -> Webhook:
    hook = dbs.scalar(select(Webhook).where(Webhook.id == webhook_id,
                                            Webhook.event_id == event.id))
    if hook is None:
        raise NotFound(_l("No webhook %(id)s in this event.", id=webhook_id))
    return hook


def create_webhook(dbs: DbSession, event: Event, data: WebhookInput,
                   by: User | None = None) -> Webhook:
    data = check_webhook(data)
    count = dbs.scalar(select(func.count()).select_from(Webhook)
                       .where(Webhook.event_id == event.id))
    if count >= MAX_WEBHOOKS:
        raise Conflict(_l("An event has at most %(limit)s webhooks: remove one first.",
                          limit=MAX_WEBHOOKS), field="url")
    hook = Webhook(event_id=event.id, url=data.url, description=data.description,
                   kinds=data.kinds, active=data.active, secret=new_secret(),
                   created_by_id=by.id if by is not None else None, created_at=utcnow())
    dbs.add(hook)
    dbs.flush()
    return hook


def update_webhook(dbs: DbSession, hook: Webhook, changes: dict) -> Webhook:
    """Change some of url, description, kinds and active; the others stay."""
    current = WebhookInput(url=hook.url, description=hook.description, kinds=list(hook.kinds),
                           active=hook.active)
    for name, value in changes.items():
        setattr(current, name, value)
    data = check_webhook(current)
    hook.url, hook.description, hook.kinds, hook.active = (
        data.url, data.description, data.kinds, data.active)
    dbs.flush()
    return hook


def delete_webhook(dbs: DbSession, hook: Webhook) -> None:
    """The webhook and its deliveries, sent or not."""
    dbs.delete(hook)
    dbs.flush()


def rotate_secret(dbs: DbSession, hook: Webhook) -> Webhook:
    """A new secret, used from the next try on: the receiver must learn it first."""
    hook.secret = new_secret()
    dbs.flush()
    return hook


def ping(dbs: DbSession, event: Event, hook: Webhook) -> WebhookDelivery:
    """Queue a `ping` to this webhook, to try the receiver."""
    if not hook.active:
        raise Conflict(_l("The webhook is switched off: switch it on to try it."),
                       field="active")
    return announce(dbs, event, Kind.PING, {"ping": {"webhook_id": hook.id}}, only=hook)[0]


def deliveries_of(dbs: DbSession, hook: Webhook, *, offset: int = 0,
                  limit: int = 50) -> list[WebhookDelivery]:
    """The newest first, each with its tries."""
    return list(dbs.scalars(
        select(WebhookDelivery).where(WebhookDelivery.webhook_id == hook.id)
        .options(selectinload(WebhookDelivery.tries))
        .order_by(WebhookDelivery.id.desc()).offset(offset).limit(limit)))


def count_deliveries(dbs: DbSession, hook: Webhook) -> int:
    return dbs.scalar(select(func.count()).select_from(WebhookDelivery)
                      .where(WebhookDelivery.webhook_id == hook.id))


def get_delivery(dbs: DbSession, hook: Webhook, delivery_id: int) -> WebhookDelivery:
    delivery = dbs.scalar(
        select(WebhookDelivery).where(WebhookDelivery.id == delivery_id,
                                      WebhookDelivery.webhook_id == hook.id)
        .options(selectinload(WebhookDelivery.tries)))
    if delivery is None:
        raise NotFound(_l("No delivery %(id)s for this webhook.", id=delivery_id))
    return delivery


def send_again(dbs: DbSession, delivery: WebhookDelivery,
               now: datetime | None = None) -> WebhookDelivery:
    """A given-up delivery goes back in the queue, due now; an acknowledged one never."""
    if delivery.delivered_at is not None:
        raise Conflict(_l("The receiver acknowledged this delivery: it is never sent twice."),
                       field="delivery")
    now = now or utcnow()
    delivery.failed_at = None
    delivery.send_after = now
    delivery.queued_at = now  # and tries for as long again
    dbs.flush()
    return delivery
