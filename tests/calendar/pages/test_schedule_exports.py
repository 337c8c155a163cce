"""The programme for conference schedule apps: /events/<slug>/schedule.json (c3voc) and
/events/<slug>/schedule.xml (frab), as Giggity, EventFahrplan or info-beamer read them."""

from __future__ import annotations

import re
import uuid

import pytest
from werkzeug.http import parse_date

from lmevents.agenda.labels import KIND_LABELS
from lmevents.agenda.models import SessionKind
from lmevents.agenda.services import cancel_session, update_session
from lmevents.calendar.schedule import SCHEDULE_NAMESPACE, session_guid, speaker_guid
from lmevents.core.text import written_for
from lmevents.demo.roundtable import SLUG as DEMO
from lmevents.demo.roundtable import load_demo
from lmevents.extensions import db
from tests import factories
from tests.calendar.schedules import (
    build_forums,
    json_talks,
    read_json,
    read_xml,
    xml_talks,
)
from tests.factories import at

SLUG = "test-event"
SITE = "http://lmevents.test"


def rooms_of(document: dict) -> list[str]:
    return [room["name"] for room in document["schedule"]["conference"]["rooms"]]


def revision_of(version: str) -> int:
    return int(re.fullmatch(r"rev (\d+), .+", version).group(1))


def test_the_conference_its_day_and_its_rooms_in_the_agenda_order(client, dbs):
    forums = build_forums(dbs)

    document = read_json(client, SLUG)
    root = read_xml(client, SLUG)

    conference = document["schedule"]["conference"]
    assert {key: conference[key] for key in (
        "acronym", "title", "start", "end", "daysCount", "time_zone_name", "timeslot_duration",
        "url")} == {
        "acronym": "test_event", "title": "Test roundtable", "start": "2020-11-26",
        "end": "2020-11-26", "daysCount": 1, "time_zone_name": "Asia/Shanghai",
        "timeslot_duration": "00:15", "url": f"{SITE}/events/test-event/"}
    # The plenary first, then sub-forum B before A as the agenda shows them; sessions without
    # a room last.
    in_order = ["Plenary room", "Room B", "Room A", "No virtual room"]
    assert rooms_of(document) == in_order
    [day] = conference["days"]
    assert (day["index"], day["date"]) == (1, "2020-11-26")
    assert (day["day_start"], day["day_end"]) == ("2020-11-26T00:00:00+08:00",
                                                  "2020-11-27T00:00:00+08:00")
    assert list(day["rooms"]) == in_order
    assert [len(talks) for talks in day["rooms"].values()] == [1, 1, 1, 1]

    assert root.findtext("conference/acronym") == "test_event"
    assert root.findtext("conference/days") == "1"
    assert root.findtext("conference/time_zone_name") == "Asia/Shanghai"
    [xml_day] = root.findall("day")
    assert (xml_day.get("index"), xml_day.get("date"), xml_day.get("start")) == (
        "1", "2020-11-26", "2020-11-26T00:00:00+08:00")
    assert [room.get("name") for room in xml_day.findall("room")] == in_order
    assert forums.withdrawn.title_en not in str(document)


def test_a_session_as_schedule_apps_read_it(app, client, dbs, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://programme.example.org")
    forums = build_forums(dbs)
    keynote, speaker = forums.keynote, forums.speaker
    page = f"https://programme.example.org/events/test-event/sessions/{keynote.id}"

    talk = json_talks(read_json(client, SLUG))[session_guid(keynote)]

    assert talk == {
        "guid": str(uuid.uuid5(SCHEDULE_NAMESPACE, f"session:{keynote.uid}")),
        "id": keynote.id,
        "date": "2020-11-26T09:00:00+08:00",
        "start": "09:00",
        "end": "2020-11-26T10:00:00+08:00",
        "duration": "01:00",
        "room": "Plenary room",
        "slug": f"test_event-{keynote.id}-opening-keynote",
        "url": page,
        "title": "Opening keynote",
        "subtitle": "",
        "track": "Keynote",
        "type": "keynote",
        "language": "en",
        "abstract": "Why the basin needs green infrastructure.",
        "description": "Why the basin needs green infrastructure.\n\n"
                       "Speakers:\n1. Ada Speaker (Keynote) — Director: A green belt\n\n"
                       "Topics:\n- Biodiversity conservation",
        "persons": [{"id": speaker.id, "guid": speaker_guid(speaker.id),
                     "public_name": "Ada Speaker",
                     "url": f"https://programme.example.org/events/test-event/speakers/"
                            f"{speaker.id}"}],
        "links": [{"url": page, "title": "Public page", "type": "web"}],
    }
    assert uuid.UUID(talk["guid"]).version == 5


def test_the_track_is_the_subforum_else_the_kind_and_rooms_follow_subforums(client, dbs):
    forums = build_forums(dbs)

    talks = json_talks(read_json(client, SLUG))

    tea = talks[session_guid(forums.tea)]
    assert (tea["track"], tea["type"], tea["room"]) == ("Break", "break", "No virtual room")
    talk_a = talks[session_guid(forums.talk_a)]
    assert (talk_a["track"], talk_a["type"], talk_a["room"]) == (
        "Low-carbon parks", "subforum", "Room A")
    talk_b = talks[session_guid(forums.talk_b)]
    assert (talk_b["track"], talk_b["room"], talk_b["duration"]) == (
        "Ecological corridors", "Room B", "01:45")
    # A title without Latin letters: the slug says the session's kind.
    assert talk_a["slug"] == f"test_event-{forums.talk_a.id}-subforum"


def test_json_and_xml_hold_the_same_programme(client, dbs):
    build_forums(dbs)

    talks = json_talks(read_json(client, SLUG, "?lang=zh"))
    elements = xml_talks(read_xml(client, SLUG, "?lang=zh"))

    assert list(talks) == list(elements)
    for guid, talk in talks.items():
        element = elements[guid]
        assert element.get("id") == str(talk["id"])
        for field in ("date", "start", "duration", "room", "slug", "url", "title", "subtitle",
                      "track", "type", "language", "abstract", "description"):
            assert (element.findtext(field) or "") == talk[field], field
        assert [(p.get("id"), p.get("guid"), p.text) for p in element.iterfind(
            "persons/person")] == [(str(p["id"]), p["guid"], p["public_name"])
                                   for p in talk["persons"]]
        assert [link.get("href") for link in element.iterfind("links/link")] == [talk["url"]]
        # Each session sits in the room it names.
        assert element.getparent().get("name") == talk["room"]


def test_lang_chooses_the_language_else_the_events_default(client, dbs):
    load_demo(dbs)  # its default language is Chinese
    dbs.commit()
    assert read_json(client, DEMO)["schedule"]["conference"]["title"] == "澜湄环境合作圆桌对话"
    assert read_json(client, DEMO, "?lang=fr")["schedule"]["conference"]["title"] == \
        "澜湄环境合作圆桌对话"
    assert read_json(client, DEMO, "?lang=en")["schedule"]["conference"]["title"] == \
        "Lancang-Mekong Environmental Cooperation Roundtable"
    assert read_xml(client, DEMO, "?lang=en").findtext("conference/title") == \
        "Lancang-Mekong Environmental Cooperation Roundtable"

    forums = build_forums(dbs)  # its default language is English
    forums.talk_b.title_zh = None
    dbs.commit()
    english = json_talks(read_json(client, SLUG))
    chinese = json_talks(read_json(client, SLUG, "?lang=zh"))
    keynote = session_guid(forums.keynote)
    assert (english[keynote]["title"], english[keynote]["language"]) == ("Opening keynote", "en")
    assert (chinese[keynote]["title"], chinese[keynote]["language"]) == ("开幕主旨发言", "zh")
    assert chinese[keynote]["room"] == "主会场"
    assert chinese[keynote]["persons"][0]["public_name"] == "艾达"
    with written_for("zh"):
        assert chinese[session_guid(forums.tea)]["track"] == str(KIND_LABELS[SessionKind.BREAK])
    # A title missing in the language asked for is shown, and labelled, in the other one.
    talk_a, talk_b = session_guid(forums.talk_a), session_guid(forums.talk_b)
    assert (english[talk_a]["title"], english[talk_a]["language"]) == (
        "分论坛A：低碳园区建设", "zh")
    assert (chinese[talk_b]["title"], chinese[talk_b]["language"]) == (
        "Forum B: corridors in practice", "en")


def test_guids_and_people_stay_through_a_move_and_a_cancelled_session_leaves(client, dbs):
    forums = build_forums(dbs)
    before = read_json(client, SLUG)
    keynote, talk_b = session_guid(forums.keynote), session_guid(forums.talk_b)

    update_session(dbs, forums.keynote, {"starts_at": at(8), "ends_at": at(9)})
    dbs.commit()
    moved = read_json(client, SLUG)
    moved_xml = xml_talks(read_xml(client, SLUG))

    old, new = json_talks(before)[keynote], json_talks(moved)[keynote]
    assert (old["start"], new["start"]) == ("09:00", "08:00")
    assert new["date"] == "2020-11-26T08:00:00+08:00" and new["id"] == old["id"]
    assert new["persons"] == old["persons"]
    assert moved_xml[keynote].findtext("start") == "08:00"
    assert moved_xml[keynote].find("persons/person").get("guid") == old["persons"][0]["guid"]
    assert revision_of(moved["schedule"]["version"]) > revision_of(before["schedule"]["version"])

    cancel_session(dbs, forums.talk_b)
    dbs.commit()
    after = read_json(client, SLUG)
    after_xml = read_xml(client, SLUG)

    assert talk_b in json_talks(moved) and talk_b not in json_talks(after)
    assert talk_b not in xml_talks(after_xml)
    assert "Room B" not in rooms_of(after)  # its only session is gone
    assert revision_of(after["schedule"]["version"]) > revision_of(moved["schedule"]["version"])
    assert after_xml.findtext("version") == after["schedule"]["version"]
    assert set(json_talks(after)) == {keynote, session_guid(forums.tea),
                                      session_guid(forums.talk_a)}


def test_join_details_and_hidden_speakers_are_never_exported(client, dbs):
    forums = build_forums(dbs)

    for lang in ("en", "zh"):
        for kind in ("json", "xml"):
            body = client.get(f"/events/{SLUG}/schedule.{kind}?lang={lang}").get_data(
                as_text=True)
            assert forums.speaker.display_name(lang) in body
            for private in ("meeting.example.org", "555 000", "forum-a-pass", "plenary-pass",
                            "forum-b-pass", "private.example.org", "Quiet Invitee",
                            str(speaker_guid(forums.hidden.id))):
                assert private not in body, (kind, lang, private)


@pytest.mark.parametrize("kind", ["json", "xml"])
def test_only_published_events_have_a_schedule(client, dbs, kind):
    factories.make_event(dbs)
    factories.make_event(dbs, slug="draft-event", published=False)
    assert client.get(f"/events/{SLUG}/schedule.{kind}").status_code == 200
    assert client.get(f"/events/draft-event/schedule.{kind}").status_code == 404
    assert client.get(f"/events/no-such-event/schedule.{kind}").status_code == 404


@pytest.mark.parametrize("kind", ["json", "xml"])
def test_unchanged_schedules_answer_304_and_changed_ones_a_new_etag(client, dbs, kind):
    forums = build_forums(dbs)
    url = f"/events/{SLUG}/schedule.{kind}"

    first = client.get(url)
    assert first.headers["ETag"].startswith('"')  # strong
    assert parse_date(first.headers["Last-Modified"]) is not None
    assert first.headers["Cache-Control"] == "public, max-age=300"
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert client.get(url, headers={
        "If-Modified-Since": first.headers["Last-Modified"]}).status_code == 304
    chinese = client.get(url + "?lang=zh")
    assert chinese.headers["ETag"] != first.headers["ETag"]

    forums.keynote.title_en = "Renamed keynote"
    dbs.commit()
    changed = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and "Renamed keynote" in changed.get_data(as_text=True)
    assert changed.headers["ETag"] != first.headers["ETag"]


def queries_for(client, count_queries, url: str) -> int:
    client.get(url)  # the first answer records the export's version
    db.session.remove()  # as after every real request: nothing already loaded
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.count


@pytest.mark.parametrize("kind", ["json", "xml"])
def test_a_schedule_costs_the_same_queries_for_3_and_40_sessions(client, dbs, count_queries,
                                                                kind):
    for slug, count in (("small", 3), ("large", 40)):
        event = factories.make_event(dbs, slug=slug)
        factories.build_programme(dbs, event, count, subforums=True)

    few = queries_for(client, count_queries, f"/events/small/schedule.{kind}")
    many = queries_for(client, count_queries, f"/events/large/schedule.{kind}")

    assert few == many, (few, many)
    assert many <= 10, many
    assert len(json_talks(read_json(client, "large"))) == 40


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_agenda_offers_both_schedules_in_the_viewers_language(client, dbs, lang):
    build_forums(dbs)

    page = client.get(f"/events/{SLUG}/agenda?lang={lang}").get_data(as_text=True)

    for kind in ("json", "xml"):
        url = f"{SITE}/events/{SLUG}/schedule.{kind}?lang={lang}"
        assert f'href="{url}"' in page
        assert client.get(url.removeprefix(SITE)).status_code == 200
    if lang == "en":
        assert "Schedule for conference apps:" in page
