from tests import factories
from tests.probes import PROBLEM

ROOMS = "/api/v1/events/test-event/rooms"


def test_organizers_see_join_details(client, dbs, organizer_headers, event):
    room = factories.make_room(dbs, event)

    response = client.get(ROOMS, headers=organizer_headers)

    assert response.status_code == 200
    assert response.get_json() == [{
        "id": room.id, "name": {"zh": None, "en": "Plenary room"}, "platform": "zoom",
        "join_url": "https://meeting.example.org/j/1", "meeting_id": "123 456",
        "passcode": "secret", "floor_language": None, "channels": [],
    }]


def test_rooms_of_an_unpublished_event_are_managed_too(client, dbs, organizer_headers):
    factories.make_event(dbs, slug="draft", published=False)

    response = client.post("/api/v1/events/draft/rooms", headers=organizer_headers, json={
        "name_zh": "腾讯会议室", "platform": "tencent_meeting",
        "join_url": "https://meeting.tencent.com/dm/abc", "meeting_id": "987 654 321",
    })

    assert response.status_code == 201
    body = response.get_json()
    assert body["platform"] == "tencent_meeting"
    assert body["passcode"] is None


def test_a_patch_changes_only_the_fields_given(client, dbs, organizer_headers, event):
    room = factories.make_room(dbs, event)

    response = client.patch(f"{ROOMS}/{room.id}", headers=organizer_headers,
                            json={"passcode": "new-secret", "name_zh": "主会场"})

    assert response.status_code == 200
    body = response.get_json()
    assert body["passcode"] == "new-secret"
    assert body["name"] == {"zh": "主会场", "en": "Plenary room"}
    assert body["join_url"] == "https://meeting.example.org/j/1"


def test_a_room_needs_a_name(client, organizer_headers, event):
    response = client.post(ROOMS, headers=organizer_headers, json={"platform": "zoom"})

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["name_en"]


def test_a_room_in_use_cannot_be_deleted_an_unused_one_can(client, dbs, organizer_headers,
                                                           event):
    used = factories.make_room(dbs, event)
    spare = factories.make_room(dbs, event, name_en="Spare")
    factories.make_session(dbs, event, room_id=used.id)

    refused = client.delete(f"{ROOMS}/{used.id}", headers=organizer_headers)
    deleted = client.delete(f"{ROOMS}/{spare.id}", headers=organizer_headers)

    assert refused.status_code == 409
    assert refused.mimetype == PROBLEM
    assert "used by 1 session(s)" in refused.get_json()["detail"]
    assert deleted.status_code == 204
    remaining = client.get(ROOMS, headers=organizer_headers).get_json()
    assert [r["id"] for r in remaining] == [used.id]
