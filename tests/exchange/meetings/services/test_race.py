"""Two accepts at the same moment of overlapping meetings of one person, through the real
app over HTTP, against PostgreSQL: one is accepted, the other refused, never a 5xx."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from lmevents.exchange.models import MeetingRequest
from tests.exchange.meetings.conftest import EVENT, ask

ROUNDS = 5


pytestmark = pytest.mark.postgres_only(
    "concurrent writers need PostgreSQL; SQLite lets one writer in at a time")


def post(url: str, headers: dict, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers=headers | {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def race(live_server, calls) -> list[tuple[int, dict]]:
    """Each (meeting, headers) accepts the meeting's first proposed time, all at once."""
    start = threading.Barrier(len(calls), timeout=30)
    # Read here: the threads have no application context to load expired objects in.
    calls = [(f"{live_server}{EVENT}/exchange/meetings/{meeting.id}/accept", headers,
              {"proposal_id": meeting.proposals[0].id}) for meeting, headers in calls]

    def one(call):
        start.wait()  # every accept is in flight at the same moment
        return post(*call)

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(one, calls))


def statuses(dbs, meetings) -> list[str]:
    dbs.expire_all()
    return [dbs.scalar(select(MeetingRequest.status).where(MeetingRequest.id == m.id))
            for m in meetings]


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_acceptors_of_meetings_with_one_person_leave_one_accepted(
    dbs, exchange, live_server, round_
):
    # Lin is in both: Mai's request to Lin (Lin accepts) and Lin's request to Somchai about
    # the need (Somchai accepts), overlapping by half an hour.
    first = ask(dbs, exchange, times=((15, 0, 16, 0),), days=round_)
    second = ask(dbs, exchange, exchange.lin, need=exchange.need, times=((15, 30, 16, 30),),
                 days=round_)

    answers = race(live_server, [(first, exchange.tokens["lin"]),
                                 (second, exchange.tokens["somchai"])])

    assert sorted(code for code, _ in answers) == [200, 409], answers
    refused = next(body for code, body in answers if code == 409)
    assert "proposal_id" in refused["errors"]
    assert sorted(statuses(dbs, [first, second])) == ["accepted", "proposed"]


def test_one_person_accepting_two_overlapping_meetings_at_once_gets_one(dbs, exchange,
                                                                        live_server):
    first = ask(dbs, exchange, times=((15, 0, 16, 0),))
    second = ask(dbs, exchange, exchange.somchai, times=((15, 30, 16, 30),))

    answers = race(live_server, [(first, exchange.tokens["lin"]),
                                 (second, exchange.tokens["lin"])])

    assert sorted(code for code, _ in answers) == [200, 409], answers
    assert sorted(statuses(dbs, [first, second])) == ["accepted", "proposed"]
