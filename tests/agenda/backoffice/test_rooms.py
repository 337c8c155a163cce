"""Organizers manage an event's virtual rooms."""

from __future__ import annotations

import pytest

from lmevents.agenda.models import Platform, VirtualRoom
from tests import factories
from tests.probes import count, fresh, text

ROOM = {"name_zh": "主会场", "name_en": "Plenary room", "platform": "tencent_meeting",
        "join_url": "https://meeting.tencent.com/j/1", "meeting_id": "123 456",
        "passcode": "2020"}


def test_organizer_adds_edits_and_deletes_a_room(client, dbs, signed_in):
    event = factories.make_event(dbs)
    url = f"/manage/events/{event.slug}/rooms"

    assert client.post(url, data=ROOM).status_code == 302
    room = dbs.query(VirtualRoom).one()
    assert (room.name_zh, room.platform, room.passcode) == (
        "主会场", Platform.TENCENT_MEETING, "2020")
    assert "https://meeting.tencent.com/j/1" in text(client.get(url))

    response = client.post(f"{url}/{room.id}/edit", data={**ROOM, "name_en": "Main hall",
                                                          "platform": "zoom"})

    assert response.status_code == 302
    room = fresh(dbs, VirtualRoom, room.id)
    assert (room.name_en, room.platform) == ("Main hall", Platform.ZOOM)

    assert client.post(f"{url}/{room.id}/delete").status_code == 302
    assert count(dbs, VirtualRoom) == 0


@pytest.mark.parametrize(("changes", "message"), [
    ({"name_zh": "", "name_en": ""}, "A room name is required, in Chinese or English"),
    ({"join_url": "javascript:alert(1)"}, "The join URL must start with https:// or http://"),
    ({"platform": "skype"}, "Invalid Choice: could not coerce."),
])
def test_bad_room_is_refused(client, dbs, signed_in, changes, message):
    event = factories.make_event(dbs)

    response = client.post(f"/manage/events/{event.slug}/rooms", data={**ROOM, **changes})

    assert response.status_code == 422
    assert message in text(response)
    assert count(dbs, VirtualRoom) == 0


def test_a_room_in_use_cannot_be_deleted(client, dbs, signed_in, programme):
    response = client.post(f"/manage/events/test-event/rooms/{programme.room.id}/delete")

    assert response.status_code == 422
    assert "Room &#39;Plenary room&#39; is used by 1 session(s)." in text(response)
    assert count(dbs, VirtualRoom) == 1


def test_a_room_of_another_event_is_not_found(client, dbs, signed_in, programme):
    other = factories.make_event(dbs, "other-event")

    response = client.post(f"/manage/events/{other.slug}/rooms/{programme.room.id}/delete")

    assert response.status_code == 404
    assert count(dbs, VirtualRoom) == 1
