"""An accepted 1:1 meeting is announced to the event's webhooks (tests/webhooks)."""

import json
from datetime import UTC

from sqlalchemy import select

from lmevents.webhooks.models import WebhookDelivery
from lmevents.webhooks.subscriptions import WebhookInput, create_webhook
from tests.exchange.meetings.conftest import accepted, ask


def test_an_accepted_meeting_is_announced_with_both_sides_and_its_time(dbs, exchange):
    create_webhook(dbs, exchange.event, WebhookInput(url="https://crm.example.org/hooks",
                                                     kinds=["meeting.accepted"]))
    meeting = ask(dbs, exchange)
    assert dbs.scalar(select(WebhookDelivery)) is None  # asked: not announced

    accepted(dbs, meeting)

    (delivery,) = dbs.scalars(select(WebhookDelivery))
    data = json.loads(delivery.body)["data"]["meeting"]
    assert delivery.kind == "meeting.accepted"
    assert data["uid"] == meeting.uid and data["status"] == "accepted"
    assert data["requester"]["email"] == "mai@example.org"
    assert data["recipient"]["name"] == "Lin Wei"
    assert data["starts_at"] == meeting.starts_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert data["join_url"] == f"https://meet.example.org/lm-{meeting.uid}"
