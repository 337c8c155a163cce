"""Deliveries reach a real HTTP receiver on loopback: signed, retried while it is down or
failing, and never sent again once it acknowledged them."""

import base64
import hashlib
import hmac
import json
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select
from standardwebhooks import Webhook as Verifier

from lmevents.core.models import utcnow
from lmevents.errors import Conflict
from lmevents.extensions import db
from lmevents.registration.registrations import register
from lmevents.webhooks.models import Kind, WebhookDelivery
from lmevents.webhooks.outbox import (
    GIVE_UP_AFTER,
    Outcome,
    backoff,
    deliver,
    due_delivery_ids,
)
from lmevents.webhooks.subscriptions import (
    WebhookInput,
    create_webhook,
    send_again,
    update_webhook,
)
from tests import factories


def send_webhooks(runner) -> str:
    result = runner.invoke(args=["lmevents", "send-webhooks"])
    assert result.exit_code == 0, result.output
    return result.output


def later(dbs, minutes=90):
    """Make every pending delivery due, as if `minutes` had passed."""
    for delivery in dbs.scalars(select(WebhookDelivery)):
        delivery.send_after -= timedelta(minutes=minutes)
    dbs.commit()


@pytest.fixture
def hook(dbs, event, receiver):
    hook = create_webhook(dbs, event, WebhookInput(url=receiver.url))
    dbs.commit()
    return hook


def test_a_registration_is_posted_signed_as_standard_webhooks_say(
        dbs, event, hook, receiver, runner, participant):
    receiver.start()
    factories.make_registration(dbs, event, participant, name="Lin Wei")

    assert "delivered 1, failed 0" in send_webhooks(runner)

    (got,) = receiver.received
    assert got.path == "/hooks/lmevents"
    assert got.headers["content-type"] == "application/json; charset=utf-8"
    body = json.loads(got.body)
    assert body["type"] == "registration.created"
    assert body["id"] == got.headers["webhook-id"]
    assert body["event"] == {"id": event.id, "slug": "test-event"}
    registration = body["data"]["registration"]
    assert registration["name"] == "Lin Wei"
    assert registration["email"] == "participant@example.org"
    assert registration["status"] == "confirmed"
    assert registration["url"].endswith(
        f"/api/v1/events/test-event/registrations/{registration['id']}")
    # The specification's own library accepts it...
    assert Verifier(hook.secret).verify(got.body, got.headers)["id"] == body["id"]
    # ...and so does the HMAC computed from the specification's text.
    key = base64.b64decode(hook.secret.removeprefix("whsec_"))
    signed = f"{got.headers['webhook-id']}.{got.headers['webhook-timestamp']}.".encode() + got.body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    assert got.headers["webhook-signature"] == f"v1,{expected}"


def test_a_webhook_gets_only_the_kinds_it_asked_for(dbs, event, receiver, runner, participant):
    receiver.start()
    create_webhook(dbs, event, WebhookInput(url=receiver.url, kinds=["session.changed"]))
    dbs.commit()
    factories.make_registration(dbs, event, participant)
    factories.make_session(dbs, event)

    assert "delivered 0" in send_webhooks(runner)
    assert receiver.received == []


def test_the_receiver_down_keeps_the_delivery_and_a_later_run_delivers_it_once(
        dbs, event, hook, receiver, runner, participant):
    factories.make_registration(dbs, event, participant)

    assert "delivered 0, failed 1 (will be retried)" in send_webhooks(runner)
    delivery = dbs.scalar(select(WebhookDelivery))
    assert delivery.state == "pending" and delivery.attempts == 1
    assert delivery.send_after > utcnow() + timedelta(seconds=20)  # waits before the next try
    (attempt,) = delivery.tries
    assert attempt.status_code is None and "Connection" in attempt.error

    assert "delivered 0, failed 0" in send_webhooks(runner)  # not due yet: not tried
    receiver.start()
    later(dbs)
    assert "delivered 1" in send_webhooks(runner)
    later(dbs, minutes=60 * 24 * 7)
    assert "delivered 0, failed 0" in send_webhooks(runner)  # acknowledged: never again
    assert len(receiver.received) == 1
    dbs.expire_all()
    assert [t.status_code for t in dbs.scalar(select(WebhookDelivery)).tries] == [None, 200]


def test_an_error_answer_is_retried_until_the_receiver_acknowledges(
        dbs, event, hook, receiver, runner, participant):
    receiver.answers = [500, 503, 404]
    receiver.start()
    factories.make_registration(dbs, event, participant)

    outputs = []
    for _ in range(4):
        outputs.append(send_webhooks(runner))
        later(dbs)
    assert [o.split(",")[0] for o in outputs] == ["delivered 0"] * 3 + ["delivered 1"]
    delivery = dbs.scalar(select(WebhookDelivery))
    dbs.refresh(delivery)
    assert [t.status_code for t in delivery.tries] == [500, 503, 404, 200]
    ids = {r.headers["webhook-id"] for r in receiver.received}
    assert len(ids) == 1  # the same message each time, for the receiver to recognise


def test_retries_wait_longer_each_time_up_to_an_hour():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 8, 20)] == [
        30, 60, 120, 3600, 3600]


def test_after_three_days_it_is_given_up_and_an_organizer_may_send_it_again(
        dbs, event, hook, receiver, participant):
    factories.make_registration(dbs, event, participant)
    delivery = dbs.scalar(select(WebhookDelivery))
    delivery.queued_at -= GIVE_UP_AFTER
    dbs.commit()

    assert deliver(dbs, delivery.id, utcnow(), private_targets=True) == Outcome.GIVEN_UP
    dbs.commit()
    assert delivery.state == "failed" and "Connection" in delivery.last_error
    assert due_delivery_ids(dbs, utcnow() + timedelta(days=30)) == []

    send_again(dbs, delivery)
    dbs.commit()
    receiver.start()
    assert deliver(dbs, delivery.id, utcnow(), private_targets=True) == Outcome.DELIVERED
    dbs.commit()
    with pytest.raises(Conflict, match="never sent twice"):
        send_again(dbs, delivery)
    assert len(receiver.received) == 1


def test_a_switched_off_webhook_keeps_its_deliveries_until_it_is_on_again(
        dbs, event, hook, receiver, runner, participant):
    receiver.start()
    update_webhook(dbs, hook, {"active": False})
    dbs.commit()
    factories.make_session(dbs, event)  # announced to no one: the webhook is off
    assert dbs.scalar(select(WebhookDelivery)) is None

    update_webhook(dbs, hook, {"active": True})
    factories.make_registration(dbs, event, participant)  # queued
    update_webhook(dbs, hook, {"active": False})  # and switched off before it is sent
    dbs.commit()
    assert send_webhooks(runner).startswith("delivered 0")
    assert receiver.received == []

    update_webhook(dbs, hook, {"active": True})
    dbs.commit()
    assert send_webhooks(runner).startswith("delivered 1")
    assert [json.loads(r.body)["type"] for r in receiver.received] == ["registration.created"]


def test_a_change_rolled_back_announces_nothing(dbs, event, hook, receiver, runner, participant):
    receiver.start()
    factories.make_session(dbs, event, title_en="Kept")

    register(dbs, event, participant, factories.registration_input())
    dbs.rollback()

    assert "delivered 1" in send_webhooks(runner)
    assert [json.loads(r.body)["type"] for r in receiver.received] == ["session.created"]


def test_without_the_setting_only_public_addresses_are_posted_to(
        app, dbs, event, hook, receiver, runner, participant, monkeypatch):
    receiver.start()
    monkeypatch.setitem(app.config, "WEBHOOK_PRIVATE_TARGETS", False)
    factories.make_registration(dbs, event, participant)

    assert "failed 1" in send_webhooks(runner)

    assert receiver.received == []
    delivery = dbs.scalar(select(WebhookDelivery))
    assert "127.0.0.1, which is not a public address" in delivery.last_error


@pytest.mark.postgres_only("two senders at once need PostgreSQL's row locks")
def test_two_senders_after_an_outage_deliver_each_announcement_once(
        app, dbs, event, hook, receiver, runner):
    for i in range(30):
        factories.make_session(dbs, event, factories.at(9, i), factories.at(9, i + 1),
                               title_en=f"Talk {i}")
    assert "failed 30" in send_webhooks(runner)  # the receiver is down: all kept
    later(dbs)
    receiver.start()
    outcomes: list[Outcome] = []
    start = threading.Barrier(2, timeout=30)

    def sender():
        with app.app_context():
            start.wait()
            for delivery_id in due_delivery_ids(db.session, utcnow()):
                outcomes.append(deliver(db.session, delivery_id, utcnow(), private_targets=True))
                db.session.commit()
            db.session.remove()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    titles = sorted(json.loads(r.body)["data"]["session"]["title_en"] for r in receiver.received)
    assert titles == sorted(f"Talk {i}" for i in range(30))  # each once, none twice
    assert outcomes.count(Outcome.DELIVERED) == 30
    dbs.expire_all()
    assert all(d.delivered_at is not None for d in dbs.scalars(select(WebhookDelivery)))


def test_a_ping_tries_the_receiver(dbs, event, hook, receiver, runner):
    from lmevents.webhooks.subscriptions import ping

    receiver.start()
    ping(dbs, event, hook)
    dbs.commit()

    assert "delivered 1" in send_webhooks(runner)
    body = json.loads(receiver.received[0].body)
    assert body["type"] == Kind.PING and body["data"] == {"ping": {"webhook_id": hook.id}}
