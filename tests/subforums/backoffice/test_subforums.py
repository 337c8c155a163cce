"""Organizers create, edit and delete sub-forums."""

from __future__ import annotations

import pytest

from lmevents.subforums.models import SubForum
from tests import factories
from tests.probes import count, fresh, text


def _form(**changes) -> dict:
    return {"code": "B", "title_zh": "可持续基础设施", "title_en": "Sustainable infrastructure",
            "description_en": "Roads, dams and grids.", "room_id": "", "capacity": "40",
            "position": "2", "topics": "绿色融资 | Green finance\n| Grid planning", **changes}


def test_organizer_creates_a_subforum_with_topics_and_moderators(client, dbs, signed_in,
                                                                 programme):
    ben = factories.make_speaker(dbs, "Ben Moderator")
    data = _form(room_id=str(programme.room.id))

    response = client.post("/manage/events/test-event/subforums/new",
                           data={**data, "moderator_ids": [str(programme.speaker.id),
                                                           str(ben.id)]})

    assert response.status_code == 302
    subforum = dbs.query(SubForum).filter_by(code="B").one()
    assert (subforum.title_en, subforum.capacity, subforum.position, subforum.room_id) == (
        "Sustainable infrastructure", 40, 2, programme.room.id)
    assert [(t.title_zh, t.title_en) for t in subforum.topics] == [
        ("绿色融资", "Green finance"), (None, "Grid planning")]
    assert [m.speaker.name_en for m in subforum.moderators] == ["Ada Speaker", "Ben Moderator"]
    body = text(client.get("/manage/events/test-event/subforums"))
    assert "Sustainable infrastructure" in body and "Ben Moderator" in body


def test_organizer_edits_a_subforum(client, dbs, signed_in, programme):
    url = f"/manage/events/test-event/subforums/{programme.subforum.id}/edit"
    assert 'value="A"' in text(client.get(url))

    response = client.post(url, data=_form(code="A", title_en="Biodiversity", capacity="",
                                           topics=""))

    assert response.status_code == 302
    subforum = fresh(dbs, SubForum, programme.subforum.id)
    assert (subforum.title_en, subforum.capacity, subforum.topics, subforum.moderators) == (
        "Biodiversity", None, [], [])


@pytest.mark.parametrize(("changes", "message"), [
    ({"code": "A"}, "Sub-forum &#39;A&#39; already exists in this event"),
    ({"code": "no spaces"}, "A short code of 1–10 letters, digits or hyphens"),
    ({"title_zh": "", "title_en": ""}, "A title is required, in Chinese or English"),
    ({"capacity": "-1"}, "Capacity cannot be negative."),
    ({"capacity": "many"}, "Not a valid integer value."),
])
def test_bad_subforum_is_refused(client, dbs, signed_in, programme, changes, message):
    response = client.post("/manage/events/test-event/subforums/new", data=_form(**changes))

    assert response.status_code == 422
    assert message in text(response)
    assert count(dbs, SubForum) == 1


def test_organizer_deletes_an_empty_subforum(client, dbs, signed_in, programme):
    response = client.post(f"/manage/events/test-event/subforums/{programme.subforum.id}/delete")

    assert response.status_code == 302
    assert count(dbs, SubForum) == 0


def test_a_subforum_with_sessions_cannot_be_deleted(client, dbs, signed_in, programme):
    factories.make_session(dbs, programme.event, subforum_id=programme.subforum.id,
                           start=factories.at(14), end=factories.at(15))

    response = client.post(f"/manage/events/test-event/subforums/{programme.subforum.id}/delete")

    assert response.status_code == 422
    assert "Sub-forum &#39;A&#39; still has 1 session(s): move or delete them" in text(response)
    assert count(dbs, SubForum) == 1
