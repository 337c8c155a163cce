from datetime import datetime

import pytest

from lmevents.agenda.models import SessionKind, SpeakerRole
from lmevents.agenda.services import SpeakerEntry, TopicEntry, cancel_session
from lmevents.speakers.services import SpeakerInput, create_speaker
from tests import factories
from tests.factories import at, build_programme
from tests.probes import PROBLEM

SESSION_FIELDS = {
    "id", "uid", "kind", "status", "revision", "title", "title_text", "description",
    "starts_at", "ends_at", "timezone", "room", "subforum", "capacity", "floor_language", "topics",
    "speakers",
    "url",
}
SECRETS = ("https://meeting.example.org/j/1", "123 456", "secret", "private.example.org",
           "join_url", "meeting_id", "passcode", "email")


@pytest.fixture
def keynote(dbs, event):
    room = factories.make_room(dbs, event, name_zh="主会场")
    speaker = create_speaker(dbs, SpeakerInput(
        name_zh="张三", name_en="Zhang San", honorific_zh="博士", honorific_en="Dr.",
        organization_en="Tsinghua University", country="CN",
        email="zhang@private.example.org",
    ))
    second = factories.make_speaker(dbs, "Somchai", email="somchai@private.example.org")
    return factories.make_session(
        dbs, event, at(9), at(9, 40), kind=SessionKind.KEYNOTE, title_zh="主旨演讲",
        title_en="Keynote", room_id=room.id, capacity=200,
        speakers=[SpeakerEntry(speaker.id, SpeakerRole.KEYNOTE, "绿色发展", "Green growth"),
                  SpeakerEntry(second.id, SpeakerRole.CHAIR)],
        topics=[TopicEntry("水资源", "Water")],
    )


def test_a_session_shows_the_programme_fields(client, keynote):
    body = client.get("/api/v1/events/test-event/sessions").get_json()

    assert len(body) == 1
    session = body[0]
    assert set(session) == SESSION_FIELDS
    assert session["title"] == {"zh": "主旨演讲", "en": "Keynote"}
    assert (session["kind"], session["status"], session["revision"]) == (
        "keynote", "scheduled", 0)
    assert session["starts_at"] == "2020-11-26T09:00:00+08:00"
    assert session["ends_at"] == "2020-11-26T09:40:00+08:00"
    assert session["timezone"] == "Asia/Shanghai"
    assert session["room"] == {"id": keynote.room_id, "platform": "zoom",
                               "name": {"zh": "主会场", "en": "Plenary room"}}
    assert session["subforum"] is None
    assert session["capacity"] == 200
    assert session["topics"] == [{"zh": "水资源", "en": "Water"}]
    assert [s["role"] for s in session["speakers"]] == ["keynote", "chair"]
    first = session["speakers"][0]
    assert first["name"] == {"zh": "张三", "en": "Zhang San"}
    assert first["honorific"] == {"zh": "博士", "en": "Dr."}
    assert first["organization"]["en"] == "Tsinghua University"
    assert first["country"] == "CN"
    assert first["talk_title"] == {"zh": "绿色发展", "en": "Green growth"}
    assert session["url"] == f"http://lmevents.test/events/test-event/sessions/{keynote.id}"


def test_one_session_reads_like_its_line_in_the_programme(client, keynote):
    listed = client.get("/api/v1/events/test-event/sessions?tz=UTC").get_json()[0]
    single = client.get(f"/api/v1/events/test-event/sessions/{keynote.id}?tz=UTC").get_json()

    assert single == listed


def test_times_convert_to_the_asked_zone_keeping_the_same_instants(client, keynote):
    shanghai = client.get("/api/v1/events/test-event/sessions").get_json()[0]
    yangon = client.get("/api/v1/events/test-event/sessions?tz=Asia/Yangon").get_json()[0]

    assert yangon["starts_at"] == "2020-11-26T07:30:00+06:30"
    assert yangon["ends_at"] == "2020-11-26T08:10:00+06:30"
    assert yangon["timezone"] == "Asia/Yangon"
    for name in ("starts_at", "ends_at"):
        assert datetime.fromisoformat(yangon[name]) == datetime.fromisoformat(shanghai[name])


@pytest.mark.parametrize("lang, title, display", [
    ("zh", "主旨演讲", "张三博士"),
    ("en", "Keynote", "Dr. Zhang San"),
])
def test_lang_chooses_the_convenience_texts(client, keynote, lang, title, display):
    session = client.get(f"/api/v1/events/test-event/sessions?lang={lang}").get_json()[0]

    assert session["title_text"] == title
    assert session["speakers"][0]["display"] == display
    assert session["title"] == {"zh": "主旨演讲", "en": "Keynote"}


@pytest.mark.parametrize("query, field", [
    ("tz=Mars/Olympus_Mons", "tz"),
    ("tz=", "tz"),
    ("lang=fr", "lang"),
])
def test_a_bad_zone_or_language_is_a_422_naming_it(client, keynote, query, field):
    for url in ("/api/v1/events/test-event/sessions",
                f"/api/v1/events/test-event/sessions/{keynote.id}",
                "/api/v1/events/test-event/subforums"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 422, url
        assert response.mimetype == PROBLEM
        assert list(response.get_json()["errors"]) == [field]


def test_cancelled_sessions_stay_in_the_programme_as_cancelled(client, dbs, event, keynote):
    cancel_session(dbs, keynote)
    dbs.commit()

    body = client.get("/api/v1/events/test-event/sessions").get_json()

    assert [(s["id"], s["status"]) for s in body] == [(keynote.id, "cancelled")]


def test_public_responses_never_reveal_join_details_or_speaker_emails(client, dbs, keynote):
    forum = factories.make_subforum(dbs, keynote.event, room_id=keynote.room_id,
                                    moderator_ids=[keynote.speakers[0].speaker_id])
    urls = [
        "/api/v1/events", "/api/v1/events/test-event",
        "/api/v1/events/test-event/sessions", f"/api/v1/events/test-event/sessions/{keynote.id}",
        "/api/v1/events/test-event/subforums",
        f"/api/v1/events/test-event/subforums/{forum.id}",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        for secret in SECRETS:
            assert secret not in text, (url, secret)


def test_a_session_of_another_event_is_not_found_here(client, dbs, event, keynote):
    factories.make_event(dbs, slug="other")

    response = client.get(f"/api/v1/events/other/sessions/{keynote.id}")

    assert response.status_code == 404
    assert response.mimetype == PROBLEM


def test_the_programme_costs_the_same_queries_for_3_and_30_sessions(
    client, dbs, event, count_queries
):
    counts = {}
    for size, slug in ((3, "test-event"), (30, "big-event")):
        target = event if size == 3 else factories.make_event(dbs, slug=slug)
        build_programme(dbs, target, size)
        dbs.remove()  # the request starts with an empty identity map, as in production
        with count_queries() as counter:
            response = client.get(f"/api/v1/events/{slug}/sessions?tz=Asia/Yangon")
        assert response.status_code == 200
        assert len(response.get_json()) == size
        counts[size] = counter.count

    assert counts[3] == counts[30], counts
    assert counts[30] <= 8
