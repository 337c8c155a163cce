"""Each change the issue names is announced, once, by the service that makes it, in the same
transaction: registrations, seats and sessions (meetings: tests/exchange/meetings)."""

import json

import pytest
from sqlalchemy import select

from lmevents.agenda.services import cancel_session, restore_session, update_session
from lmevents.events.models import RegistrationMode
from lmevents.registration.registrations import (
    approve_registration,
    cancel_registration,
    reject_registration,
)
from lmevents.registration.seats import take_seat
from lmevents.webhooks.models import WebhookDelivery
from lmevents.webhooks.subscriptions import WebhookInput, create_webhook
from tests import factories
from tests.factories import at


@pytest.fixture
def announced(dbs, roundtable):
    """`announced()`: the (type, data) of every delivery since the last call, in order."""
    create_webhook(dbs, roundtable.event, WebhookInput(url="https://crm.example.org/hooks"))
    dbs.commit()
    seen = set()

    def new():
        dbs.commit()
        rows = dbs.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)).all()
        fresh = [r for r in rows if r.id not in seen]
        seen.update(r.id for r in rows)
        return [(r.kind, json.loads(r.body)["data"]) for r in fresh]

    return new


def test_registering_with_a_sub_forum_announces_the_registration_and_the_seat(
        dbs, roundtable, announced):
    user = factories.make_user(dbs, "mai@example.org")
    registration = factories.make_registration(dbs, roundtable.event, user, name="Mai Anh",
                                               subforum_id=roundtable.subforum_a.id)

    (seat_kind, seat), (kind, data) = announced()
    assert kind == "registration.created"
    assert data["registration"]["id"] == registration.id
    assert data["registration"]["status"] == "confirmed"
    assert seat_kind == "seat.taken"
    assert seat["seat"]["subforum_id"] == roundtable.subforum_a.id
    assert seat["seat"]["state"] == "held"
    assert seat["seat"]["email"] == "mai@example.org"


def test_cancelling_frees_the_seat_and_the_first_waiting_takes_it(dbs, roundtable, announced):
    first, second = (factories.make_registration(
        dbs, roundtable.event, factories.make_user(dbs, f"{who}@example.org"))
        for who in ("first", "second"))
    take_seat(dbs, first, roundtable.exchange)  # the one place
    take_seat(dbs, second, roundtable.exchange)  # waits: not announced
    announced()

    cancel_registration(dbs, first)

    assert [(kind, data.get("seat", data.get("registration"))["registration_id"
             if kind.startswith("seat") else "id"]) for kind, data in announced()] == [
        ("seat.freed", first.id), ("seat.taken", second.id),
        ("registration.cancelled", first.id)]


def test_approving_and_rejecting_announce_a_changed_registration(dbs, roundtable, announced):
    roundtable.event.registration_mode = RegistrationMode.APPROVAL
    dbs.commit()
    one, other = (factories.make_registration(
        dbs, roundtable.event, factories.make_user(dbs, f"{who}@example.org"))
        for who in ("one", "other"))
    assert [(k, d["registration"]["status"]) for k, d in announced()] == [
        ("registration.created", "pending"), ("registration.created", "pending")]

    approve_registration(dbs, one, by=None)
    reject_registration(dbs, other, by=None, note="Full")

    assert [(k, d["registration"]["id"], d["registration"]["status"])
            for k, d in announced()] == [
        ("registration.changed", one.id, "confirmed"),
        ("registration.changed", other.id, "rejected")]


def test_sessions_are_announced_when_added_changed_cancelled_and_restored(
        dbs, roundtable, announced):
    session = factories.make_session(dbs, roundtable.event, at(16, 30), at(17),
                                     title_en="Closing")
    update_session(dbs, session, {"starts_at": at(16, 45)})
    update_session(dbs, session, {"starts_at": at(16, 45)})  # nothing changed: nothing said
    cancel_session(dbs, session)
    restore_session(dbs, session)

    said = announced()
    assert [kind for kind, _ in said] == [
        "session.created", "session.changed", "session.cancelled", "session.changed"]
    moved = said[1][1]["session"]
    assert moved["uid"] == session.uid
    assert moved["starts_at"] == "2020-11-26T08:45:00Z"
    assert moved["revision"] == 1
    assert said[2][1]["session"]["status"] == "cancelled"


def test_a_refused_change_announces_nothing(dbs, roundtable, announced):
    from lmevents.errors import DomainError

    announced()
    with pytest.raises(DomainError):
        update_session(dbs, roundtable.session_a, {"ends_at": at(9)})  # ends before it starts
    dbs.rollback()

    assert announced() == []
