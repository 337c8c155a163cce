"""A body with faults the schema finds and faults the rules find gets one answer naming them
all (lmevents.api.checked), and changes nothing."""

import pytest

from tests import factories
from tests.factories import at
from tests.probes import PROBLEM

EVENT = "/api/v1/events/test-event"


@pytest.fixture
def world(dbs, event):
    room = factories.make_room(dbs, event)
    session = factories.make_session(dbs, event, at(9), at(10), room_id=room.id)
    forum = factories.make_subforum(dbs, event)
    return {"room": room.id, "session": session.id, "subforum": forum.id}


CASES = [
    # (method, path, body, {field: message}): the schema's fault first, then the rules'.
    ("POST", EVENT + "/sessions",
     {"kind": "keynote", "title_en": "", "capacity": -1, "room_id": 999,
      "starts_at": "2020-11-26T11:00:00+08:00", "ends_at": "2020-11-26T10:00:00+08:00"},
     {"capacity": "Must be greater than or equal to 0",
      "title_en": "A title is required, in Chinese or English (or both).",
      "ends_at": "The session must end after it starts.",
      "room_id": "Virtual room 999 does not belong to this event."}),
    ("PATCH", EVENT + "/sessions/{session}",
     {"kind": "lecture", "ends_at": "2020-11-26T08:00:00+08:00"},
     {"kind": "Must be one of", "ends_at": "The session must end after it starts."}),
    ("POST", EVENT + "/rooms", {"name_en": "", "platform": "nope"},
     {"platform": "Must be one of",
      "name_en": "A room name is required, in Chinese or English (or both)."}),
    ("PATCH", EVENT + "/rooms/{room}", {"name_en": "", "platform": "nope"},
     {"platform": "Must be one of",
      "name_en": "A room name is required, in Chinese or English (or both)."}),
    ("POST", EVENT + "/subforums", {"code": "A", "title_en": "", "capacity": "many"},
     {"capacity": "Not a valid integer.",
      "code": "Sub-forum 'A' already exists in this event.",
      "title_en": "A title is required, in Chinese or English (or both)."}),
    ("PATCH", EVENT + "/subforums/{subforum}", {"capacity": "many", "room_id": 999},
     {"capacity": "Not a valid integer.",
      "room_id": "Virtual room 999 does not belong to this event."}),
    ("POST", "/api/v1/events",
     {"slug": "new-event", "timezone": "Nowhere", "title_en": "",
      "start_date": "2021-03-02", "end_date": "2021-03-01"},
     {"timezone": "'Nowhere' is not an IANA time zone",
      "title_en": "A title is required, in Chinese or English (or both).",
      "end_date": "The event cannot end before it starts."}),
    ("POST", "/api/v1/speakers", {"name_en": "", "email": "not-an-address", "photo_url": "x"},
     {"email": "Not a valid email address.", "photo_url": "Not a valid URL.",
      "name_en": "A name is required, in Chinese or English (or both)."}),
    ("POST", EVENT + "/exchange/topics", {"title_en": ""},
     {"session_id": "Missing data for required field.",
      "title_en": "A title is required, in Chinese or English (or both)."}),
    ("POST", EVENT + "/exchange/presentations",
     {"topic_id": 999, "enterprise_en": "", "title_en": "Membranes", "presenter_id": "x"},
     {"presenter_id": "Not a valid integer.",
      "topic_id": "No exchange topic 999 in this event.",
      "enterprise_en": "The enterprise's name is required, in Chinese or English (or both)."}),
    ("PATCH", EVENT, {"timezone": "Nowhere", "end_date": "2020-11-01"},
     {"timezone": "'Nowhere' is not an IANA time zone",
      "end_date": "The event cannot end before it starts."}),
]


@pytest.mark.parametrize("method, path, body, expected", CASES,
                         ids=[f"{m} {p}" for m, p, _, _ in CASES])
def test_the_schemas_faults_and_the_rules_come_in_one_answer(
        client, world, organizer_headers, snapshot, method, path, body, expected):
    before = snapshot()

    response = client.open(path.format(**world), method=method, json=body,
                           headers=organizer_headers)

    assert response.status_code == 422, response.get_json()
    assert response.mimetype == PROBLEM
    errors = response.get_json()["errors"]
    assert set(errors) == set(expected), errors
    for field, message in expected.items():
        assert errors[field].startswith(message), (field, errors[field])
    assert response.get_json()["detail"].startswith(f"{len(expected)} fields are not right: ")
    assert snapshot() == before
