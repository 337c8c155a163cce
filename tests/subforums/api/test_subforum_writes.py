from lmevents.agenda.models import SessionKind
from tests import factories
from tests.probes import PROBLEM

SUBFORUMS = "/api/v1/events/test-event/subforums"


def test_an_organizer_creates_and_edits_a_subforum(client, dbs, organizer_headers, event):
    room = factories.make_room(dbs, event)
    first = factories.make_speaker(dbs, "First Moderator")
    second = factories.make_speaker(dbs, "Second Moderator")

    created = client.post(SUBFORUMS, headers=organizer_headers, json={
        "code": "B", "title_zh": "能源", "title_en": "Energy", "room_id": room.id,
        "capacity": 30, "moderator_ids": [first.id, second.id],
        "topics": [{"title_en": "Grids"}, {"title_zh": "储能"}],
    })

    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert [m["speaker_id"] for m in body["moderators"]] == [first.id, second.id]
    assert body["topics"] == [{"zh": None, "en": "Grids"}, {"zh": "储能", "en": None}]
    assert body["seats_left"] == 30

    edited = client.patch(f"{SUBFORUMS}/{body['id']}", headers=organizer_headers,
                          json={"capacity": 50, "moderator_ids": [second.id]})

    assert edited.status_code == 200
    body = edited.get_json()
    assert body["capacity"] == 50
    assert [m["speaker_id"] for m in body["moderators"]] == [second.id]
    assert body["topics"] == [{"zh": None, "en": "Grids"}, {"zh": "储能", "en": None}]
    assert body["title"] == {"zh": "能源", "en": "Energy"}


def test_a_taken_code_is_a_conflict(client, dbs, organizer_headers, event, snapshot):
    factories.make_subforum(dbs, event, code="A")
    before = snapshot()

    response = client.post(SUBFORUMS, headers=organizer_headers,
                           json={"code": "A", "title_en": "Again"})

    assert response.status_code == 409
    assert response.get_json()["errors"] == {
        "code": "Sub-forum 'A' already exists in this event."}
    assert snapshot() == before


def test_an_unknown_moderator_is_refused(client, organizer_headers, event):
    response = client.post(SUBFORUMS, headers=organizer_headers,
                           json={"code": "C", "title_en": "C", "moderator_ids": [424242]})

    assert response.status_code == 422
    assert response.get_json()["errors"] == {"moderator_ids": "Speaker 424242 does not exist."}


def test_a_subforum_with_sessions_cannot_be_deleted(client, dbs, organizer_headers, event):
    busy = factories.make_subforum(dbs, event, code="A")
    empty = factories.make_subforum(dbs, event, code="B")
    factories.make_session(dbs, event, kind=SessionKind.SUBFORUM, subforum_id=busy.id)

    refused = client.delete(f"{SUBFORUMS}/{busy.id}", headers=organizer_headers)
    deleted = client.delete(f"{SUBFORUMS}/{empty.id}", headers=organizer_headers)

    assert refused.status_code == 409
    assert refused.mimetype == PROBLEM
    assert "still has 1 session(s)" in refused.get_json()["detail"]
    assert deleted.status_code == 204
    assert [f["code"] for f in client.get(SUBFORUMS).get_json()] == ["A"]
