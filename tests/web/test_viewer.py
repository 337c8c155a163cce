"""Each viewer reads the programme in their own language and time zone.

Language: ?lang=, the account's choice, the browser's Accept-Language, the event's default.
Zone: ?tz=, the account's zone, the zone given when registering, the zone the browser reports
(the `tz` cookie lmevents.js keeps), the event's zone. Every time is labelled with its zone's
name in the reader's language and its UTC offset, with the event's own time beside it where
the two differ; what the site does not know falls back politely, with a notice.
"""

from __future__ import annotations

from datetime import date

import flask_babel
import pytest
from icalendar import Calendar

from lmevents.web.viewer import ZonedClock
from tests import factories
from tests.factories import at
from tests.probes import text

AGENDA = "/events/test-event/agenda"


@pytest.fixture
def keynote(dbs, event):
    """The test event's 09:00–09:40 keynote (Shanghai)."""
    return factories.make_session(dbs, event, at(9), at(9, 40), title_en="Opening keynote",
                                  title_zh="开幕主旨发言")


def test_a_participant_without_an_account_zone_reads_the_zone_they_registered_in(
        client, auth, dbs, event, keynote, participant):
    """The finding: the account had no zone, the registration said Asia/Vientiane, and the
    agenda, sub-forum, session, exchange and presentation pages still said Asia/Shanghai."""
    assert participant.timezone is None
    factories.make_registration(dbs, event, participant, timezone="Asia/Vientiane")
    auth.login("participant@example.org")

    for url in (AGENDA, f"/events/test-event/sessions/{keynote.id}"):
        page = text(client.get(url + "?lang=en"))
        assert "08:00–08:40 Indochina Time (UTC+07:00) · 09:00–09:40 China Standard Time" \
            in page, url


def test_the_browsers_zone_is_used_when_the_viewer_chose_none(client, keynote):
    client.set_cookie("tz", "Europe/Berlin", domain="lmevents.test")
    page = text(client.get(AGENDA + "?lang=en"))
    assert "02:00–02:40 Central European Standard Time (UTC+01:00) · " \
           "09:00–09:40 China Standard Time" in page
    # An asked zone wins, and the event's own time is not repeated when it is the same.
    shanghai = text(client.get(AGENDA + "?lang=en&tz=Asia/Shanghai"))
    assert "09:00–09:40 China Standard Time (UTC+08:00)" in shanghai
    assert "· 09:00–09:40 China Standard Time" not in shanghai


def test_an_account_zone_comes_before_the_registration_and_the_browser(
        client, auth, dbs, event, keynote, participant):
    participant.timezone = "Asia/Yangon"
    dbs.commit()
    factories.make_registration(dbs, event, participant, timezone="Asia/Vientiane")
    client.set_cookie("tz", "Europe/Berlin", domain="lmevents.test")
    auth.login("participant@example.org")
    assert "07:30–08:10 Myanmar Time (UTC+06:30)" in text(client.get(AGENDA + "?lang=en"))


def test_zones_are_named_in_the_readers_language(client, keynote):
    page = text(client.get(AGENDA + "?lang=zh&tz=Asia/Yangon"))
    assert "07:30–08:10 缅甸时间（UTC+06:30） · 09:00–09:40 中国标准时间" in page


@pytest.mark.parametrize(("asked", "notice"), [
    ("tz=Mars/Olympus", "“Mars/Olympus” is not a time zone we know: times are shown in "
                        "Asia/Shanghai."),
    ("lang=xx", "“xx” is not a language of this site: the page is in English."),
])
def test_what_the_site_does_not_know_falls_back_with_a_notice(client, keynote, asked, notice):
    response = client.get(f"{AGENDA}?{asked}", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    page = text(response)
    assert notice in page
    assert "09:00–09:40 China Standard Time (UTC+08:00)" in page


@pytest.mark.parametrize(("query", "field"), [("tz=Mars/Olympus", "tz"), ("lang=xx", "lang")])
def test_the_api_names_the_parameter_it_does_not_know(client, keynote, query, field):
    response = client.get(f"/api/v1/events/test-event/sessions?{query}")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert list(response.get_json()["errors"]) == [field]


def test_the_language_comes_from_the_account_before_the_browser_and_the_event(
        client, auth, dbs, participant, keynote):
    zh_browser = {"Accept-Language": "zh-CN,zh;q=0.9"}
    assert "议程" in text(client.get(AGENDA, headers=zh_browser))
    assert "Agenda" in text(client.get(AGENDA, headers={"Accept-Language": "en"}))
    participant.language = "en"
    dbs.commit()
    auth.login("participant@example.org")
    assert "Agenda" in text(client.get(AGENDA, headers=zh_browser))


def test_without_any_preference_the_event_speaks_its_own_default(client, dbs, keynote, event):
    event.default_language = "zh"
    dbs.commit()
    assert "议程" in text(client.get(AGENDA, headers={"Accept-Language": "de"}))


def test_dates_and_times_are_written_the_readers_way(app):
    moment = at(9, 30)
    with app.test_request_context("/?lang=zh"):
        flask_babel.refresh()
        clock = ZonedClock("Asia/Shanghai")
        assert clock.day_time(moment) == "11月26日周四 09:30"
        assert clock.date(moment) == "2020年11月26日星期四"
    with app.test_request_context("/?lang=en"):
        flask_babel.refresh()  # the test's app context outlives each request's
        clock = ZonedClock("Asia/Shanghai")
        assert clock.day_time(moment) == "Thu 26 Nov, 09:30"
        assert clock.date(moment) == "Thursday, 26 November 2020"


def test_a_remote_speaker_across_a_daylight_saving_change(client, dbs):
    """Berlin leaves summer time on 25 October 2020 at 03:00: the same 16:00 in Shanghai is
    10:00 in Berlin the day before and 09:00 the day after, on pages, in the API and in
    feeds."""
    event = factories.make_event(dbs, slug="dst", start_date=date(2020, 10, 24),
                                 end_date=date(2020, 10, 26))
    for day in (24, 26):
        factories.make_session(dbs, event, at(16, day=date(2020, 10, day)),
                               at(17, day=date(2020, 10, day)), title_en=f"Talk {day}")
    page = text(client.get("/events/dst/agenda?lang=en&tz=Europe/Berlin"))
    assert "10:00–11:00 Central European Summer Time (UTC+02:00)" in page
    assert "09:00–10:00 Central European Standard Time (UTC+01:00)" in page

    sessions = client.get("/api/v1/events/dst/sessions?tz=Europe/Berlin").get_json()
    assert [s["starts_at"] for s in sessions] == ["2020-10-24T10:00:00+02:00",
                                                 "2020-10-26T09:00:00+01:00"]
    feed = Calendar.from_ical(client.get("/events/dst/calendar.ics").data)
    starts = sorted(e.decoded("DTSTART").astimezone(factories.SHANGHAI).hour
                    for e in feed.walk("VEVENT"))
    assert starts == [16, 16]


def test_yangons_half_hour_in_the_api_and_in_chinese(client, keynote):
    sessions = client.get("/api/v1/events/test-event/sessions?tz=Asia/Yangon&lang=zh").get_json()
    assert sessions[0]["starts_at"] == "2020-11-26T07:30:00+06:30"
    assert sessions[0]["timezone"] == "Asia/Yangon"


def test_lists_are_written_the_readers_way(app):
    from lmevents.core.text import word_list

    with app.test_request_context("/?lang=zh"):
        flask_babel.refresh()
        assert word_list(["分论坛A", "分论坛B", "技术交流"]) == "分论坛A、分论坛B和技术交流"
    with app.test_request_context("/?lang=en"):
        flask_babel.refresh()
        assert word_list(["sub-forum A", "sub-forum B", "the exchange"]) == \
            "sub-forum A, sub-forum B and the exchange"
