import pytest

from lmevents.agenda.models import SessionKind, SpeakerRole
from lmevents.agenda.services import SpeakerEntry, cancel_session
from tests import factories
from tests.factories import at
from tests.probes import PROBLEM

SESSIONS = "/api/v1/events/test-event/sessions"


@pytest.fixture
def room(dbs, event):
    return factories.make_room(dbs, event)


@pytest.fixture
def speaker(dbs):
    return factories.make_speaker(dbs, "Busy Speaker", email="busy@private.example.org")


@pytest.fixture
def keynote(dbs, event, room, speaker):
    """09:00–10:00 Shanghai in the plenary room, with the busy speaker."""
    return factories.make_session(dbs, event, at(9), at(10), title_en="Keynote",
                                  room_id=room.id,
                                  speakers=[SpeakerEntry(speaker.id, SpeakerRole.KEYNOTE)])


def test_an_organizer_places_a_session_with_speakers_and_topics(
    client, organizer_headers, room, speaker
):
    response = client.post(SESSIONS, headers=organizer_headers, json={
        "kind": "roundtable", "title_zh": "圆桌", "title_en": "Roundtable",
        "starts_at": "2020-11-26T02:00:00Z", "ends_at": "2020-11-26T11:30:00+08:00",
        "room_id": room.id, "capacity": 80,
        "speakers": [{"speaker_id": speaker.id, "role": "moderator",
                      "talk_title_en": "Opening the floor"}],
        "topics": [{"title_zh": "水", "title_en": "Water"}],
    })

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["starts_at"] == "2020-11-26T10:00:00+08:00"
    assert body["timezone"] == "Asia/Shanghai"
    assert body["speakers"][0]["role"] == "moderator"
    assert body["speakers"][0]["talk_title"] == {"zh": None, "en": "Opening the floor"}
    assert body["topics"] == [{"zh": "水", "en": "Water"}]
    public = client.get(f"{SESSIONS}/{body['id']}").get_json()
    assert public["title"] == {"zh": "圆桌", "en": "Roundtable"}


@pytest.mark.parametrize("times, status, field, words", [
    (("2020-11-26T09:30:00+08:00", "2020-11-26T10:30:00+08:00"),
     409, "room_id", "Virtual room 'Plenary room' already hosts 'Keynote'"),
    (("2020-11-27T09:00:00+08:00", "2020-11-27T10:00:00+08:00"),
     422, "starts_at", "must start within the event's dates (2020-11-26 to 2020-11-26"),
    (("2020-11-26T12:00:00+08:00", "2020-11-26T11:00:00+08:00"),
     422, "ends_at", "The session must end after it starts."),
])
def test_a_refused_session_says_why_and_changes_nothing(
    client, organizer_headers, room, keynote, snapshot, times, status, field, words,
):
    before = snapshot()

    response = client.post(SESSIONS, headers=organizer_headers, json={
        "kind": "roundtable", "title_en": "Clash", "room_id": room.id,
        "starts_at": times[0], "ends_at": times[1],
    })

    assert response.status_code == status
    assert response.mimetype == PROBLEM
    problem = response.get_json()
    assert words in problem["detail"]
    assert words in problem["errors"][field]
    if status == 409:
        assert problem["session_id"] == keynote.id
    assert snapshot() == before


def test_a_speaker_busy_in_another_event_is_refused_naming_the_session(
    client, dbs, organizer_headers, speaker, keynote, snapshot
):
    factories.make_event(dbs, slug="parallel-event")
    before = snapshot()

    response = client.post("/api/v1/events/parallel-event/sessions", headers=organizer_headers,
                           json={
        "kind": "keynote", "title_en": "Double booking",
        "starts_at": "2020-11-26T09:30:00+08:00", "ends_at": "2020-11-26T10:30:00+08:00",
        "speakers": [{"speaker_id": speaker.id, "role": "keynote"}],
    })

    assert response.status_code == 409
    problem = response.get_json()
    assert "Busy Speaker already speaks in 'Keynote'" in problem["detail"]
    assert set(problem["errors"]) == {"speakers"}
    assert (problem["session_id"], problem["speaker_id"]) == (keynote.id, speaker.id)
    assert snapshot() == before


def test_moving_a_published_session_bumps_its_revision_and_logs_the_change(
    client, organizer_headers, keynote
):
    response = client.patch(f"{SESSIONS}/{keynote.id}", headers=organizer_headers, json={
        "starts_at": "2020-11-26T14:00:00+08:00", "ends_at": "2020-11-26T15:00:00+08:00",
    })

    assert response.status_code == 200
    body = response.get_json()
    assert body["revision"] == 1
    assert body["starts_at"] == "2020-11-26T14:00:00+08:00"
    changes = client.get(f"{SESSIONS}/{keynote.id}/changes", headers=organizer_headers)
    assert changes.status_code == 200
    last = changes.get_json()[-1]
    assert last["action"] == "modified"
    assert last["revision"] == 1
    assert last["changed_by"] == "organizer"
    assert last["changes"]["starts_at"] == ["2020-11-26T01:00:00+00:00",
                                            "2020-11-26T06:00:00+00:00"]


def test_a_patch_changes_only_the_fields_given(client, organizer_headers, keynote):
    response = client.patch(f"{SESSIONS}/{keynote.id}", headers=organizer_headers,
                            json={"description_en": "Why rivers matter"})

    body = response.get_json()
    assert body["description"] == {"zh": None, "en": "Why rivers matter"}
    assert (body["title"]["en"], body["starts_at"], body["room"]["id"]) == (
        "Keynote", "2020-11-26T09:00:00+08:00", keynote.room_id)
    assert body["revision"] == 0  # a description is not in calendars' summary


def test_editing_an_unpublished_event_keeps_revision_zero(
    client, dbs, organizer_headers
):
    draft = factories.make_event(dbs, slug="draft", published=False)
    session = factories.make_session(dbs, draft)

    response = client.patch(f"/api/v1/events/draft/sessions/{session.id}",
                            headers=organizer_headers, json={"title_en": "Renamed"})

    assert response.status_code == 200
    assert response.get_json()["revision"] == 0
    assert client.get(f"/api/v1/events/draft/sessions/{session.id}").status_code == 404


def test_a_speakers_list_replaces_the_speakers(client, dbs, organizer_headers, keynote):
    other = factories.make_speaker(dbs, "New Voice")

    response = client.patch(f"{SESSIONS}/{keynote.id}", headers=organizer_headers, json={
        "speakers": [{"speaker_id": other.id, "role": "presenter"}],
        "topics": [{"title_en": "Energy"}],
    })

    body = response.get_json()
    assert [(s["speaker_id"], s["role"]) for s in body["speakers"]] == [
        (other.id, "presenter")]
    assert body["topics"] == [{"zh": None, "en": "Energy"}]


def test_a_refused_move_changes_nothing(client, dbs, organizer_headers, event, room, keynote,
                                        snapshot):
    later = factories.make_session(dbs, event, at(11), at(12), title_en="Later",
                                   room_id=room.id)
    before = snapshot()

    response = client.patch(f"{SESSIONS}/{later.id}", headers=organizer_headers, json={
        "starts_at": "2020-11-26T09:30:00+08:00", "title_en": "Moved",
        "speakers": [],
    })

    assert response.status_code == 409
    assert response.get_json()["session_id"] == keynote.id
    assert snapshot() == before


def test_delete_cancels_and_the_session_stays_listed(client, organizer_headers, keynote):
    response = client.delete(f"{SESSIONS}/{keynote.id}", headers=organizer_headers)

    assert response.status_code == 200
    assert response.get_json()["status"] == "cancelled"
    assert response.get_json()["revision"] == 1
    listed = client.get(SESSIONS).get_json()
    assert [(s["id"], s["status"]) for s in listed] == [(keynote.id, "cancelled")]
    again = client.delete(f"{SESSIONS}/{keynote.id}", headers=organizer_headers)
    assert again.status_code == 409
    assert again.mimetype == PROBLEM


def test_restore_puts_a_cancelled_session_back(client, dbs, organizer_headers, keynote):
    cancel_session(dbs, keynote)
    dbs.commit()

    response = client.post(f"{SESSIONS}/{keynote.id}/restore", headers=organizer_headers)

    assert response.status_code == 200
    assert response.get_json()["status"] == "scheduled"
    actions = [c["action"] for c in client.get(
        f"{SESSIONS}/{keynote.id}/changes", headers=organizer_headers).get_json()]
    assert actions == ["created", "cancelled", "restored"]


def test_restore_is_refused_when_the_place_was_taken(
    client, dbs, organizer_headers, event, room, keynote
):
    cancel_session(dbs, keynote)
    dbs.commit()
    taker = factories.make_session(dbs, event, at(9), at(10), title_en="Taker",
                                   room_id=room.id, kind=SessionKind.ROUNDTABLE)

    response = client.post(f"{SESSIONS}/{keynote.id}/restore", headers=organizer_headers)

    assert response.status_code == 409
    assert response.get_json()["session_id"] == taker.id
    assert client.get(f"{SESSIONS}/{keynote.id}").get_json()["status"] == "cancelled"


def test_an_unknown_session_is_a_404_problem_for_writes_too(client, organizer_headers, event):
    response = client.patch(f"{SESSIONS}/999999", headers=organizer_headers,
                            json={"title_en": "x"})

    assert response.status_code == 404
    assert response.mimetype == PROBLEM


def test_a_move_whose_new_speakers_clash_is_undone_whole(
    client, dbs, organizer_headers, event, speaker, keynote, snapshot
):
    later = factories.make_session(dbs, event, at(11), at(12), title_en="Later")
    before = snapshot()

    response = client.patch(f"{SESSIONS}/{later.id}", headers=organizer_headers, json={
        "title_en": "Renamed", "starts_at": "2020-11-26T13:00:00+08:00",
        "ends_at": "2020-11-26T14:00:00+08:00",
        "speakers": [{"speaker_id": speaker.id, "role": "panelist"}],
    })
    assert response.status_code == 200  # the busy speaker is free at 13:00
    moved = snapshot()

    response = client.patch(f"{SESSIONS}/{later.id}", headers=organizer_headers, json={
        "title_en": "Renamed again", "starts_at": "2020-11-26T08:00:00+08:00",
        "ends_at": "2020-11-26T08:30:00+08:00",
        "speakers": [{"speaker_id": speaker.id, "role": "panelist"},
                     {"speaker_id": speaker.id, "role": "chair"}],
    })

    assert response.status_code == 422
    assert response.get_json()["errors"] == {"speakers": f"Speaker {speaker.id} is listed twice."}
    assert snapshot() == moved != before
