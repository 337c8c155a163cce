"""Who may call what: every meeting call needs a token; asking needs a confirmed
participant; a meeting exists only for its two sides; ids of another event are unknown here;
the matchmaking overview is for organizers."""

from __future__ import annotations

import pytest

from lmevents.agenda.models import SessionKind
from lmevents.auth.services import issue_token
from lmevents.exchange.meetings.services import request_meeting
from lmevents.exchange.models import ExchangeTopic, MeetingRequest, Presentation
from tests import factories
from tests.exchange.meetings.conftest import DAY, EVENT, ask, at, fresh, iso
from tests.probes import PROBLEM, count

TIMES = [{"starts_at": "{start}", "ends_at": "{end}"}]

# (method, path, body): {names} are filled from the `world` fixture.
MEETING_CALLS = [
    ("GET", EVENT + "/exchange/meetings/{meeting}", None),
    ("POST", EVENT + "/exchange/meetings/{meeting}/proposals", {"times": TIMES}),
    ("POST", EVENT + "/exchange/meetings/{meeting}/accept", {"proposal_id": "{proposal}"}),
    ("POST", EVENT + "/exchange/meetings/{meeting}/decline", None),
    ("POST", EVENT + "/exchange/meetings/{meeting}/cancel", None),
]
ASK = ("POST", EVENT + "/exchange/meetings",
       {"presentation_id": "{presentation}", "times": TIMES})
MINE = ("GET", "/api/v1/me/meetings", None)
MATCHMAKING = ("GET", EVENT + "/exchange/matchmaking", None)
ALL_CALLS = [*MEETING_CALLS, ASK, MINE, MATCHMAKING]


def fill(value, world):
    if isinstance(value, str):
        filled = value.format(**world)
        return int(filled) if value.startswith("{") and filled.isdigit() else filled
    if isinstance(value, list):
        return [fill(v, world) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, world) for k, v in value.items()}
    return value


def call(client, method, path, body, world, headers=None):
    return client.open(fill(path, world), method=method, headers=headers or {},
                       json=fill(body, world) if body is not None else None)


@pytest.fixture
def world(dbs, exchange, organizer):
    """Mai's request to Lin in this event, and a meeting of theirs in another event."""
    meeting = ask(dbs, exchange, times=((15, 0, 15, 45),))
    other = factories.make_event(dbs, "other-event", start_date=DAY, end_date=DAY)
    session = factories.make_session(dbs, other, at(14), at(16), kind=SessionKind.EXCHANGE,
                                     title_en="Elsewhere")
    topic = ExchangeTopic(session_id=session.id, title_en="Elsewhere")
    dbs.add(topic)
    dbs.flush()
    foreign_presentation = Presentation(topic_id=topic.id, enterprise_en="Far Ltd",
                                        contact_user_id=exchange.lin.id)
    dbs.add(foreign_presentation)
    dbs.commit()
    for user in (exchange.mai, exchange.lin):
        factories.make_registration(dbs, other, user)
    foreign = request_meeting(dbs, other, exchange.mai, presentation=foreign_presentation,
                              times=[(at(10, days=1), at(11, days=1))])
    token = issue_token(dbs, organizer, "tests")
    dbs.commit()
    return {"meeting": meeting.id, "proposal": meeting.proposals[0].id,
            "presentation": exchange.presentation.id, "start": iso(at(11, days=1)),
            "end": iso(at(12, days=1)), "foreign_meeting": foreign.id,
            "foreign_presentation": foreign_presentation.id,
            "organizer": {"Authorization": f"Bearer {token}"}}


@pytest.mark.parametrize("method, path, body", ALL_CALLS)
def test_every_call_needs_a_token(client, dbs, world, method, path, body):
    response = call(client, method, path, body, world)

    assert response.status_code == 401
    assert response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert fresh(dbs, world["meeting"]).status == "proposed"


@pytest.mark.parametrize("handle", ["somchai", "outsider", "organizer"])
@pytest.mark.parametrize("method, path, body", MEETING_CALLS)
def test_nobody_but_the_two_sides_reaches_a_meeting(client, dbs, exchange, world, handle,
                                                    method, path, body):
    headers = world["organizer"] if handle == "organizer" else exchange.tokens[handle]

    response = call(client, method, path, body, world, headers)

    assert response.status_code == 404, response.get_json()
    assert response.get_json()["detail"] == "No such meeting."
    assert fresh(dbs, world["meeting"]).status == "proposed"
    assert len(fresh(dbs, world["meeting"]).proposals) == 1


@pytest.mark.parametrize("method, path, body", MEETING_CALLS)
def test_a_meeting_of_another_event_is_unknown_here(client, dbs, exchange, world, method,
                                                    path, body):
    path = path.replace("{meeting}", "{foreign_meeting}")

    response = call(client, method, path, body, world, exchange.tokens["lin"])

    assert response.status_code == 404
    assert fresh(dbs, world["foreign_meeting"]).status == "proposed"


def test_a_presentation_of_another_event_is_unknown_here(client, exchange, world):
    method, path, body = ASK
    body = body | {"presentation_id": "{foreign_presentation}"}

    response = call(client, method, path, body, world, exchange.tokens["mai"])

    assert response.status_code == 404
    assert "presentation_id" in response.get_json()["errors"]


@pytest.mark.parametrize("handle", ["outsider", "organizer"])
def test_only_confirmed_participants_may_ask(client, dbs, exchange, world, handle):
    headers = world["organizer"] if handle == "organizer" else exchange.tokens[handle]

    response = call(client, *ASK, world, headers)

    assert response.status_code == 403
    assert "registration" in response.get_json()["errors"]
    assert count(dbs, MeetingRequest) == 2


def test_the_sides_reach_their_meeting(client, exchange, world):
    for handle in ("mai", "lin"):
        response = call(client, *MEETING_CALLS[0], world, exchange.tokens[handle])
        assert response.status_code == 200


def test_my_meetings_lists_only_the_callers(client, exchange, world):
    for handle, expected in (("mai", {world["meeting"], world["foreign_meeting"]}),
                             ("lin", {world["meeting"], world["foreign_meeting"]}),
                             ("somchai", set()), ("outsider", set())):
        response = call(client, *MINE, world, exchange.tokens[handle])
        assert response.status_code == 200
        assert {m["id"] for m in response.get_json()} == expected


def test_the_matchmaking_overview_is_for_organizers(client, exchange, world):
    for handle in ("mai", "lin", "outsider"):
        response = call(client, *MATCHMAKING, world, exchange.tokens[handle])
        assert response.status_code == 403
    response = call(client, *MATCHMAKING, world, world["organizer"])
    assert response.status_code == 200
    unknown = client.get("/api/v1/events/no-such-event/exchange/matchmaking",
                         headers=world["organizer"])
    assert unknown.status_code == 404


def test_an_unpublished_events_meetings_are_unknown(client, dbs, exchange, world):
    exchange.event.published = False
    dbs.commit()

    response = call(client, *MEETING_CALLS[0], world, exchange.tokens["mai"])

    assert response.status_code == 404


def test_the_openapi_document_describes_every_meeting_call(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = {
        "/api/v1/events/{slug}/exchange/meetings": {"post"},
        "/api/v1/events/{slug}/exchange/meetings/{meeting_id}": {"get"},
        "/api/v1/events/{slug}/exchange/meetings/{meeting_id}/proposals": {"post"},
        "/api/v1/events/{slug}/exchange/meetings/{meeting_id}/accept": {"post"},
        "/api/v1/events/{slug}/exchange/meetings/{meeting_id}/decline": {"post"},
        "/api/v1/events/{slug}/exchange/meetings/{meeting_id}/cancel": {"post"},
        "/api/v1/me/meetings": {"get"},
        "/api/v1/events/{slug}/exchange/matchmaking": {"get"},
    }
    for path, methods in paths.items():
        for method in methods:
            operation = spec["paths"][path][method]
            assert operation["security"] == [{"bearerAuth": []}], path
            assert "401" in operation["responses"], path
            assert operation.get("summary") or operation.get("description"), path
    assert "403" in spec["paths"]["/api/v1/events/{slug}/exchange/matchmaking"]["get"][
        "responses"]
    assert "409" in spec["paths"]["/api/v1/events/{slug}/exchange/meetings/{meeting_id}/accept"][
        "post"]["responses"]
