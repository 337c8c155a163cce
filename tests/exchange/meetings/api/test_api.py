"""Meetings through the JSON API: asking, answering, and refusals as problem+json naming
the field."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from tests.exchange.meetings.conftest import (
    EVENT,
    accepted,
    ask,
    at,
    clear_outbox,
    fresh,
    iso,
    outbox,
)
from tests.probes import PROBLEM


def times(*spans):
    return [{"starts_at": iso(start), "ends_at": iso(end)} for start, end in spans]


def post(client, path, headers, body=None):
    return client.post(EVENT + path, json=body if body is not None else {}, headers=headers)


def test_a_participant_asks_an_enterprise_to_meet(client, dbs, exchange):
    response = post(client, "/exchange/meetings?tz=Asia/Bangkok", exchange.tokens["mai"], {
        "presentation_id": exchange.presentation.id, "message": "Membranes for dye-houses?",
        "times": times((at(15), at(15, 45)), (at(10, days=1), at(11, days=1)))})

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "proposed" and body["role"] == "requester"
    assert body["requester"] == {"id": exchange.mai.id, "name": "Mai Anh", "organization": ""}
    assert body["recipient"]["name"] == "Lin Wei"
    assert "email" not in body["recipient"]
    bangkok = ZoneInfo("Asia/Bangkok")
    assert [p["starts_at"] for p in body["proposals"]] == [
        iso(at(15).astimezone(bangkok)), iso(at(10, days=1).astimezone(bangkok))]
    assert body["proposals"][0]["starts_at"].endswith("T14:00:00+07:00")
    assert body["proposals"][0]["proposed_by"] == "requester"
    assert body["proposals"][0]["yours_to_accept"] is False
    assert body["join_url"] is None and body["starts_at"] is None
    assert body["timezone"] == "Asia/Bangkok"
    assert [m.to_address for m in outbox(dbs)] == ["lin@example.org"]


def test_the_recipient_accepts_and_both_get_the_join_link(client, dbs, exchange):
    meeting = ask(dbs, exchange)
    clear_outbox(dbs)
    proposal_id = meeting.proposals[0].id

    mine = client.get("/api/v1/me/meetings", headers=exchange.tokens["lin"]).get_json()
    assert [(m["id"], m["role"], m["proposals"][0]["yours_to_accept"]) for m in mine] == [
        (meeting.id, "recipient", True)]

    response = post(client, f"/exchange/meetings/{meeting.id}/accept", exchange.tokens["lin"],
                    {"proposal_id": proposal_id})

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["status"] == "accepted"
    assert body["starts_at"] == iso(at(15)) and body["ends_at"] == iso(at(15, 45))
    assert body["join_url"] == f"https://meet.jit.si/lmevents-{meeting.uid}"
    seen = client.get(f"{EVENT}/exchange/meetings/{meeting.id}",
                      headers=exchange.tokens["mai"]).get_json()
    assert seen["join_url"] == body["join_url"] and seen["role"] == "requester"
    assert sorted(m.calendar_method for m in outbox(dbs)) == ["REQUEST", "REQUEST"]


def test_proposing_another_time_then_the_requester_accepts_it(client, dbs, exchange):
    meeting = ask(dbs, exchange)

    response = post(client, f"/exchange/meetings/{meeting.id}/proposals",
                    exchange.tokens["lin"], {"times": times((at(10, days=2), at(11, days=2)))})
    assert response.status_code == 201, response.get_json()
    new = response.get_json()["proposals"][-1]
    assert new["proposed_by"] == "recipient" and new["yours_to_accept"] is False

    refused = post(client, f"/exchange/meetings/{meeting.id}/accept", exchange.tokens["lin"],
                   {"proposal_id": new["id"]})
    assert refused.status_code == 403
    assert "proposal_id" in refused.get_json()["errors"]
    done = post(client, f"/exchange/meetings/{meeting.id}/accept", exchange.tokens["mai"],
                {"proposal_id": new["id"]})
    assert done.status_code == 200 and done.get_json()["starts_at"] == iso(at(10, days=2))


def test_decline_and_cancel(client, dbs, exchange):
    declined = ask(dbs, exchange)
    response = post(client, f"/exchange/meetings/{declined.id}/decline", exchange.tokens["lin"])
    assert response.status_code == 200 and response.get_json()["status"] == "declined"

    meeting = accepted(dbs, ask(dbs, exchange, need=exchange.need))
    response = post(client, f"/exchange/meetings/{meeting.id}/cancel", exchange.tokens["mai"])
    assert response.status_code == 200
    assert (response.get_json()["status"], response.get_json()["sequence"]) == ("cancelled", 1)
    assert response.get_json()["join_url"] is None

    again = post(client, f"/exchange/meetings/{meeting.id}/cancel", exchange.tokens["mai"])
    assert again.status_code == 409 and again.get_json()["errors"] == {
        "status": "Only an accepted meeting can be cancelled: decline (or withdraw) a request "
                  "that waits for an answer."}


# Changes to a valid request (a key set to None is left out).
@pytest.mark.parametrize("change, status, field, message", [
    ({"presentation_id": None}, 422, "presentation_id",
     "Follow up either a presentation or a need"),
    ({"presentation_id": 0}, 422, "presentation_id", "Must be greater than or equal to 1"),
    ({"need_id": "1"}, 422, "need_id", "Not a valid integer."),
    ({"times": [{"starts_at": "2030-01-01T10:00:00", "ends_at": "2030-01-01T11:00:00"}]},
     422, "times.0.starts_at", "Give a UTC offset"),
    # Times at the calendar's edges cannot even be converted between zones.
    ({"times": [{"starts_at": "9999-12-31T23:59:59+14:00",
                 "ends_at": "9999-12-31T23:59:59-12:00"}]},
     422, "times.0.ends_at", "between the years 1970 and 2999"),
    ({"times": [{"starts_at": "0001-01-01T00:00:00+14:00",
                 "ends_at": "2030-01-01T11:00:00+07:00"}]},
     422, "times.0.starts_at", "between the years 1970 and 2999"),
    ({"times": [{"starts_at": "2030-01-01T10:00:00+07:00"}]}, 422, "times.0.ends_at",
     "Missing data for required field."),
    ({"times": None}, 422, "times", "Missing data for required field."),
    ({"times": "soon"}, 422, "times", "Not a valid list."),
    ({"colour": "red"}, 422, "colour", "Unknown field."),
    ({"message": "x" * 2001}, 422, "message", "Longer than maximum length 2000."),
    ({"presentation_id": 999999}, 404, "presentation_id", "This event has no presentation"),
])
def test_bad_requests_are_refused_naming_the_field(client, exchange, change, status, field,
                                                   message):
    body = {"presentation_id": exchange.presentation.id,
            "times": times((at(15), at(15, 45)))} | change
    body = {key: value for key, value in body.items() if value is not None}

    response = post(client, "/exchange/meetings", exchange.tokens["mai"], body)

    assert response.status_code == status, response.get_json()
    assert response.mimetype == PROBLEM
    assert message in response.get_json()["errors"][field]


@pytest.mark.parametrize("spans, field, message", [
    ([(at(13), at(14))], "times.0", "Outside the time allowed for meetings"),
    ([(at(15), at(15, 30)), (at(15), at(15, 5))], "times.1", "at least 15 minutes"),
])
def test_times_the_rules_refuse_are_named_by_their_place(client, exchange, spans, field,
                                                         message):
    response = post(client, "/exchange/meetings", exchange.tokens["mai"],
                    {"need_id": exchange.need.id, "times": times(*spans)})

    assert response.status_code == 422
    assert message in response.get_json()["errors"][field]


def test_a_request_to_oneself_is_refused_in_the_api(client, exchange):
    response = post(client, "/exchange/meetings", exchange.tokens["somchai"],
                    {"need_id": exchange.need.id, "times": times((at(15), at(16)))})

    assert response.status_code == 422
    assert "with yourself" in response.get_json()["errors"]["need_id"]


def test_a_double_booking_is_a_conflict_naming_the_proposal(client, dbs, exchange):
    first = accepted(dbs, ask(dbs, exchange, exchange.somchai))
    second = ask(dbs, exchange)

    response = post(client, f"/exchange/meetings/{second.id}/accept", exchange.tokens["lin"],
                    {"proposal_id": second.proposals[0].id})

    assert response.status_code == 409
    body = response.get_json()
    assert body["meeting_id"] == first.id
    # Lin chose Chinese on her account: her API calls answer in Chinese.
    assert "您在该时间已有另一场一对一会谈" in body["errors"]["proposal_id"]
    assert fresh(dbs, second.id).status == "proposed"


def test_a_held_seat_conflict_names_the_session(client, dbs, exchange):
    from lmevents.registration.registrations import find_registration
    from lmevents.registration.seats import take_seat

    take_seat(dbs, find_registration(dbs, exchange.event, exchange.lin), exchange.session)
    dbs.commit()
    meeting = ask(dbs, exchange)

    response = post(client, f"/exchange/meetings/{meeting.id}/accept", exchange.tokens["lin"],
                    {"proposal_id": meeting.proposals[0].id})

    assert response.status_code == 409
    assert response.get_json()["session_id"] == exchange.session.id
