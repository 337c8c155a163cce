from datetime import timedelta

from lmevents.agenda.models import SessionKind
from lmevents.agenda.services import TopicEntry
from tests import factories
from tests.factories import at, build_programme

SUBFORUM_FIELDS = {
    "id", "code", "position", "title", "title_text", "description", "topics", "moderators",
    "room", "capacity", "seats_left", "waiting", "sessions", "url",
}


def test_a_subforum_shows_topics_moderators_room_capacity_and_sessions(client, dbs, event):
    room = factories.make_room(dbs, event, name_en="Room A")
    moderator = factories.make_speaker(dbs, "Mina Moderator", honorific_en="Prof.",
                                       email="mina@private.example.org")
    forum = factories.make_subforum(
        dbs, event, code="A", title_zh="分论坛一", title_en="Water", capacity=40,
        room_id=room.id, moderator_ids=[moderator.id],
        topics=[TopicEntry("跨境河流", "Transboundary rivers")],
    )
    session = factories.make_session(dbs, event, at(14), at(15), kind=SessionKind.SUBFORUM,
                                     subforum_id=forum.id, title_en="Water panel")

    body = client.get("/api/v1/events/test-event/subforums?tz=UTC&lang=zh").get_json()

    assert len(body) == 1
    forum_json = body[0]
    assert set(forum_json) == SUBFORUM_FIELDS
    assert forum_json["code"] == "A"
    assert forum_json["title"] == {"zh": "分论坛一", "en": "Water"}
    assert forum_json["title_text"] == "分论坛一"
    assert forum_json["topics"] == [{"zh": "跨境河流", "en": "Transboundary rivers"}]
    assert forum_json["moderators"][0]["name"] == {"zh": None, "en": "Mina Moderator"}
    assert forum_json["moderators"][0]["speaker_id"] == moderator.id
    assert forum_json["room"] == {"id": room.id, "name": {"zh": None, "en": "Room A"},
                                  "platform": "zoom"}
    assert forum_json["capacity"] == 40
    assert forum_json["seats_left"] == 40 and forum_json["waiting"] == 0
    assert forum_json["sessions"] == [{
        "id": session.id, "kind": "subforum", "status": "scheduled",
        "title": {"zh": None, "en": "Water panel"}, "title_text": "Water panel",
        "starts_at": "2020-11-26T06:00:00+00:00", "ends_at": "2020-11-26T07:00:00+00:00",
        "timezone": "UTC",
        "url": f"http://lmevents.test/events/test-event/sessions/{session.id}",
    }]
    assert forum_json["url"] == f"http://lmevents.test/events/test-event/subforums/{forum.id}"

    single = client.get(f"/api/v1/events/test-event/subforums/{forum.id}?tz=UTC&lang=zh")
    assert single.get_json() == forum_json


def test_a_subforum_of_another_event_is_not_found_here(client, dbs, event):
    forum = factories.make_subforum(dbs, factories.make_event(dbs, slug="other"))

    response = client.get(f"/api/v1/events/test-event/subforums/{forum.id}")

    assert response.status_code == 404


def test_subforums_cost_the_same_queries_for_3_and_30(client, dbs, event, count_queries):
    counts = {}
    for size, slug in ((3, "test-event"), (30, "big-event")):
        target = event if size == 3 else factories.make_event(dbs, slug=slug)
        build_programme(dbs, target, size, subforums=True)
        dbs.remove()
        with count_queries() as counter:
            response = client.get(f"/api/v1/events/{slug}/subforums?tz=Asia/Yangon")
        assert response.status_code == 200
        body = response.get_json()
        assert len(body) == size
        assert all(len(f["sessions"]) == 1 and f["moderators"] for f in body)
        counts[size] = counter.count

    assert counts[3] == counts[30], counts
    assert counts[30] <= 13


def test_sessions_of_a_subforum_are_in_time_order(client, dbs, event):
    forum = factories.make_subforum(dbs, event)
    late = factories.make_session(dbs, event, at(15), at(16), kind=SessionKind.SUBFORUM,
                                  subforum_id=forum.id)
    early = factories.make_session(dbs, event, at(13), at(13) + timedelta(minutes=30),
                                   kind=SessionKind.SUBFORUM, subforum_id=forum.id)

    body = client.get(f"/api/v1/events/test-event/subforums/{forum.id}").get_json()

    assert [s["id"] for s in body["sessions"]] == [early.id, late.id]
