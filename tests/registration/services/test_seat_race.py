"""No overbooking: 200 participants ask for 50 seats at once, through the real app over HTTP,
against PostgreSQL."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import insert, select

from lmevents.auth.services import issue_token
from lmevents.core.models import utcnow
from lmevents.registration.models import Registration, Seat
from tests import factories

PARTICIPANTS = 200
SEATS = 50


pytestmark = pytest.mark.postgres_only(
    "concurrent writers need PostgreSQL; SQLite lets one writer in at a time")


def confirmed_participants(dbs, event, count):
    """`count` accounts with confirmed registrations and bearer tokens, made in bulk."""
    users = [factories.make_user(dbs, f"racer{i}@example.org") for i in range(count)]
    now = utcnow()
    dbs.execute(insert(Registration), [
        {"event_id": event.id, "user_id": user.id, "status": "confirmed", "name": f"Racer {i}",
         "organization": "", "position": "", "language": "en", "timezone": "Asia/Bangkok",
         "consented_at": now, "answers": {}, "created_at": now, "updated_at": now}
        for i, user in enumerate(users)
    ])
    tokens = [issue_token(dbs, user) for user in users]
    dbs.commit()
    return tokens


def ask_for_seat(url: str, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=b"{}", method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_200_concurrent_requests_for_50_seats_never_overbook(app, dbs, live_server):
    event = factories.make_event(dbs)
    subforum = factories.make_subforum(dbs, event, "A", capacity=SEATS)
    tokens = confirmed_participants(dbs, event, PARTICIPANTS)
    url = f"{live_server}/api/v1/events/{event.slug}/subforums/{subforum.id}/seats"
    start = threading.Barrier(PARTICIPANTS, timeout=60)

    def one(token):
        start.wait()  # every request is in flight at the same moment
        return ask_for_seat(url, token)

    with ThreadPoolExecutor(max_workers=PARTICIPANTS) as pool:
        answers = list(pool.map(one, tokens))

    statuses = sorted({status for status, _ in answers})
    assert statuses == [201], [a for a in answers if a[0] != 201][:3]
    states = [body["state"] for _, body in answers]
    assert states.count("held") == SEATS
    assert states.count("waiting") == PARTICIPANTS - SEATS
    # Each waiting participant was told a distinct place, 1 to 150 ...
    told = {body["id"]: body["waiting_position"] for _, body in answers
            if body["state"] == "waiting"}
    assert sorted(told.values()) == list(range(1, PARTICIPANTS - SEATS + 1))
    # ... and the stored line is in exactly that order.
    dbs.expire_all()
    line = dbs.scalars(select(Seat.id).where(Seat.state == "waiting").order_by(Seat.id)).all()
    assert [told[seat_id] for seat_id in line] == list(range(1, PARTICIPANTS - SEATS + 1))
    held = dbs.scalars(select(Seat).where(Seat.state == "held")).all()
    assert len(held) == SEATS
