"""Fixtures for the registration API: a roundtable with seats to take, and callers' headers."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lmevents.auth.models import User
from lmevents.auth.services import issue_token
from lmevents.mail.models import OutboxMessage
from lmevents.registration.models import Registration, Seat
from tests import factories

EVENT = "/api/v1/events/test-event"
# What a participant sends at least: everything else comes from their account.
CONSENT = {"consent": True}


@pytest.fixture
def person(dbs):
    """`person("ada", **account)`: a new participant account (ada@example.org, named "ada"
    unless `full_name` is given) and its bearer header."""

    def make(handle, full_name=None, **account):
        user = factories.make_user(dbs, f"{handle}@example.org", **account)
        if full_name:
            user.name = full_name
        # Issued directly: many people at once would trip the rate limit of POST /auth/tokens.
        token = issue_token(dbs, user, label="tests")
        dbs.commit()
        return {"Authorization": f"Bearer {token}"}

    return make


@pytest.fixture
def register(client):
    """Registers the caller through the API and returns the response's JSON."""

    def post(headers, slug="test-event", **body):
        response = client.post(f"/api/v1/events/{slug}/registrations", json=CONSENT | body,
                               headers=headers)
        assert response.status_code in (200, 201), response.get_json()
        return response.get_json()

    return post


@pytest.fixture
def take_seat(client):
    """Takes a seat through the API: `take_seat(headers, "subforums", id)`."""

    def post(headers, kind, target_id, expected=(200, 201), **body):
        response = client.post(f"{EVENT}/{kind}/{target_id}/seats", json=body, headers=headers)
        assert response.status_code in expected, response.get_json()
        return response.get_json()

    return post


def outbox(dbs):
    dbs.expire_all()
    return dbs.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def clear_outbox(dbs):
    dbs.execute(OutboxMessage.__table__.delete())
    dbs.commit()


def seats_table(dbs):
    """Every seat as (e-mail, subforum id, session id, state), read fresh."""
    dbs.expire_all()
    rows = dbs.execute(
        select(User.email, Seat.subforum_id, Seat.session_id, Seat.state)
        .join(Registration, Registration.id == Seat.registration_id)
        .join(User, User.id == Registration.user_id)
    )
    return sorted(((email, subforum_id, session_id, str(state))
                   for email, subforum_id, session_id, state in rows),
                  key=lambda row: (row[0], row[1] or 0, row[2] or 0))


def registrations_table(dbs):
    dbs.expire_all()
    return dbs.execute(select(Registration.id, Registration.user_id, Registration.status,
                              Registration.name).order_by(Registration.id)).all()
