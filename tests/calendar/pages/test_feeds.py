"""Whole-programme, sub-forum and session calendars: RFC 5545 as the clients need it."""

from __future__ import annotations

import re
from datetime import UTC, timedelta

import pytest

from lmevents.agenda.models import SessionSpeaker, SpeakerRole
from lmevents.agenda.services import SpeakerEntry, cancel_session, update_session
from lmevents.speakers.services import set_invitation
from tests import factories
from tests.factories import at

SLUG = "test-event"


def feed_url(kind: str = "event", item_id: int | None = None) -> str:
    if kind == "event":
        return f"/events/{SLUG}/calendar.ics"
    return f"/events/{SLUG}/{kind}s/{item_id}/calendar.ics"


def test_calendar_header_is_what_clients_expect(read_feed, roundtable):
    feed = read_feed(feed_url())
    cal = feed.lenient
    assert str(cal["VERSION"]) == "2.0" and str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["CALSCALE"]) == "GREGORIAN" and str(cal["PRODID"]).startswith("-//lmevents")
    assert str(cal["X-WR-CALNAME"]) == "Test roundtable"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in feed.text
    assert "X-PUBLISHED-TTL:PT1H" in feed.text
    assert feed.strict.method == "PUBLISH" and feed.strict.version == "2.0"


def test_lines_end_in_crlf_and_fold_at_75_octets(read_feed, roundtable, dbs):
    roundtable.keynote.description_zh = "澜湄国家生物多样性保护与可持续基础设施政策交流，" * 8
    dbs.commit()
    feed = read_feed(feed_url() + "?lang=zh")
    raw = feed.text.encode()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # no bare LF
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    assert "\r\n " in feed.text  # long lines were folded


def test_times_in_utc_equal_the_stored_ones_in_both_parsers(read_feed, roundtable):
    feed = read_feed(feed_url())
    sessions = [roundtable.keynote, roundtable.session_a, roundtable.session_b,
                roundtable.exchange]
    lenient, strict = feed.events(), feed.strict_events()
    assert set(lenient) == set(strict) == {s.uid for s in sessions}
    for session in sessions:
        event = lenient[session.uid]
        assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert event.decoded("DTSTART").astimezone(UTC) == session.starts_at
        assert event.decoded("DTEND").astimezone(UTC) == session.ends_at
        assert strict[session.uid].dtstart.astimezone(UTC) == session.starts_at
        assert strict[session.uid].dtend.astimezone(UTC) == session.ends_at


def test_every_tzid_has_its_vtimezone(read_feed, dbs, roundtable):
    other = factories.make_event(dbs, slug="yangon", timezone="Asia/Yangon")
    factories.make_session(dbs, other, at(9), at(10))
    for url in (feed_url(), "/events/yangon/calendar.ics"):
        feed = read_feed(url)
        used = set(re.findall(r"TZID=([^:;]+)", feed.text))
        defined = {str(tz["TZID"]) for tz in feed.lenient.walk("VTIMEZONE")}
        assert used and used <= defined
        assert {tz.tz_id for tz in feed.strict.timezones} == defined


def test_event_fields_summary_description_location_url_categories(read_feed, dbs, roundtable):
    speakers = [factories.make_speaker(dbs, "Li Yonghong"), factories.make_speaker(dbs, "Ada")]
    update_session(dbs, roundtable.keynote, {}, speakers=[
        SpeakerEntry(speakers[1].id, SpeakerRole.CHAIR),
        SpeakerEntry(speakers[0].id, SpeakerRole.KEYNOTE)])
    dbs.commit()
    event = read_feed(feed_url() + "?lang=en").events()[roundtable.keynote.uid]
    assert str(event["SUMMARY"]) == "Keynote"
    description = str(event["DESCRIPTION"])
    assert description.index("1. Ada (Chair)") < description.index("2. Li Yonghong (Keynote)")
    assert str(event["LOCATION"]) == "Plenary room (Zoom)"
    assert str(event["URL"]).endswith(f"/events/{SLUG}/sessions/{roundtable.keynote.id}")
    assert event["CATEGORIES"].cats == ["Keynote"]
    assert event.get("DTSTAMP") and event.get("LAST-MODIFIED")


def test_no_public_calendar_tells_how_to_join(read_feed, roundtable):
    for url in (feed_url(), feed_url("subforum", roundtable.subforum_a.id),
                feed_url("session", roundtable.keynote.id)):
        text = read_feed(url).text
        assert "meeting.example.org" not in text and "secret" not in text and "123 456" not in text


def test_uid_stays_and_sequence_rises_across_an_edit_and_a_cancel(read_feed, dbs, roundtable):
    uid = roundtable.keynote.uid
    before = read_feed(feed_url()).events()[uid]
    assert int(before["SEQUENCE"]) == 0 and str(before["STATUS"]) == "CONFIRMED"

    update_session(dbs, roundtable.keynote, {"title_en": "Keynote, moved",
                                             "starts_at": at(8), "ends_at": at(8, 45)})
    dbs.commit()
    moved = read_feed(feed_url())
    event = moved.events()[uid]
    assert int(event["SEQUENCE"]) == 1 and str(event["SUMMARY"]) == "Keynote, moved"
    assert event.decoded("DTSTART").astimezone(UTC) == at(8).astimezone(UTC)
    assert moved.strict_events()[uid].sequence == 1

    cancel_session(dbs, roundtable.keynote)
    dbs.commit()
    cancelled = read_feed(feed_url())
    event = cancelled.events()[uid]
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 2
    assert str(cancelled.strict_events()[uid].status) in ("CANCELLED", "EventStatus.CANCELLED")


@pytest.mark.parametrize("title", [
    "Water, waste; energy",
    "Line one\nLine two",
    "澜湄环境合作：水污染治理，垃圾发电；绿色园区",
    "Back\\slash, \"quotes\" and ; semicolons",
])
def test_text_is_escaped_and_round_trips_in_both_parsers(read_feed, dbs, roundtable, title):
    roundtable.keynote.title_en = title
    roundtable.keynote.description_en = f"About: {title}"
    dbs.commit()
    feed = read_feed(feed_url() + "?lang=en")
    event = feed.events()[roundtable.keynote.uid]
    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]).startswith(f"About: {title}")
    strict = feed.strict_events()[roundtable.keynote.uid]
    assert strict.summary == title and strict.description.startswith(f"About: {title}")


def test_language_is_chosen_with_lang_and_defaults_to_the_events(read_feed, dbs, roundtable):
    roundtable.keynote.title_zh = "主旨发言"
    dbs.commit()
    uid = roundtable.keynote.uid
    assert str(read_feed(feed_url()).events()[uid]["SUMMARY"]) == "Keynote"  # event: en
    assert str(read_feed(feed_url() + "?lang=zh").events()[uid]["SUMMARY"]) == "主旨发言"
    assert str(read_feed(feed_url() + "?lang=zh").lenient["X-WR-CALNAME"]) == "测试圆桌"


def test_a_subforum_without_sessions_is_still_a_valid_calendar(read_feed, dbs, roundtable):
    empty = factories.make_subforum(dbs, roundtable.event, "C")
    feed = read_feed(feed_url("subforum", empty.id))
    assert feed.events() == {} and [str(t["TZID"]) for t in feed.lenient.walk("VTIMEZONE")] == [
        "Asia/Shanghai"]


def test_subforum_and_session_calendars_hold_only_theirs(read_feed, roundtable):
    forum = read_feed(feed_url("subforum", roundtable.subforum_a.id))
    assert set(forum.events()) == {roundtable.session_a.uid}
    assert "Sub-forum A" in str(forum.lenient["X-WR-CALNAME"])
    one = read_feed(feed_url("session", roundtable.exchange.id))
    assert set(one.events()) == {roundtable.exchange.uid}


def test_speakers_not_yet_confirmed_are_not_named(read_feed, dbs, roundtable):
    speaker = factories.make_speaker(dbs, "Undecided Person")
    dbs.add(SessionSpeaker(session=roundtable.keynote, speaker=speaker,
                           role=SpeakerRole.PANELIST, position=1))
    set_invitation(dbs, roundtable.event, speaker, "invited")
    dbs.commit()
    assert "Undecided Person" not in read_feed(feed_url()).text


@pytest.mark.parametrize("url", [
    "/events/nowhere/calendar.ics", f"/events/{SLUG}/subforums/999/calendar.ics",
    f"/events/{SLUG}/sessions/999/calendar.ics",
])
def test_unknown_calendars_are_404(client, roundtable, url):
    assert client.get(url).status_code == 404


def test_unpublished_event_has_no_calendar(client, dbs):
    factories.make_event(dbs, slug="draft", published=False)
    assert client.get("/events/draft/calendar.ics").status_code == 404


def test_event_calendar_costs_the_same_queries_for_any_size(client, dbs, count_queries):
    def cost(slug: str, sessions: int) -> int:
        event = factories.make_event(dbs, slug=slug)
        room = factories.make_room(dbs, event)
        speaker = factories.make_speaker(dbs, f"Speaker {slug}")
        for i in range(sessions):
            start = at(8) + timedelta(minutes=15 * i)
            factories.make_session(dbs, event, start, start + timedelta(minutes=15),
                                   room_id=room.id, title_en=f"S{i}",
                                   speakers=[SpeakerEntry(speaker.id, SpeakerRole.PANELIST)])
        client.get(f"/events/{slug}/calendar.ics")  # the feed's first version is recorded
        with count_queries() as counter:
            assert client.get(f"/events/{slug}/calendar.ics").status_code == 200
        return counter.count

    assert cost("small", 3) == cost("large", 30)


def test_subforum_calendar_costs_the_same_queries_for_any_size(client, dbs, count_queries):
    def cost(slug: str, sessions: int) -> int:
        event = factories.make_event(dbs, slug=slug)
        room = factories.make_room(dbs, event)
        forum = factories.make_subforum(dbs, event, "A", room_id=room.id)
        speaker = factories.make_speaker(dbs, f"Speaker {slug}")
        for i in range(sessions):
            start = at(8) + timedelta(minutes=15 * i)
            factories.make_session(dbs, event, start, start + timedelta(minutes=15),
                                   kind="subforum", subforum_id=forum.id, title_en=f"S{i}",
                                   speakers=[SpeakerEntry(speaker.id, SpeakerRole.PANELIST)])
        url = f"/events/{slug}/subforums/{forum.id}/calendar.ics"
        client.get(url)
        with count_queries() as counter:
            response = client.get(url)
        assert response.status_code == 200
        assert response.get_data().count(b"BEGIN:VEVENT") == sessions
        return counter.count

    assert cost("small", 3) == cost("large", 30)
