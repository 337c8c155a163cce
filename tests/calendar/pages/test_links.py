"""Subscribe and add-to-calendar links on the pages."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from lmevents.calendar.links import google_calendar_url
from lmevents.calendar.models import PersonalFeed
from tests import factories


def test_agenda_offers_subscription_and_download(client, roundtable):
    page = client.get("/events/test-event/agenda").get_data(as_text=True)
    assert 'href="webcal://lmevents.test/events/test-event/calendar.ics"' in page
    assert 'href="http://lmevents.test/events/test-event/calendar.ics"' in page


def test_google_calendar_link_carries_the_session_in_utc(app, roundtable):
    with app.test_request_context():
        url = google_calendar_url(roundtable.keynote, "en")
    parts = urlsplit(url)
    assert parts.netloc == "calendar.google.com"
    query = parse_qs(parts.query)
    assert query["action"] == ["TEMPLATE"] and query["text"] == ["Keynote"]
    assert query["dates"] == ["20201126T010000Z/20201126T020000Z"]  # 09:00–10:00 Shanghai
    assert query["ctz"] == ["Asia/Shanghai"] and query["location"] == ["Plenary room"]
    assert query["details"][0].endswith(f"/events/test-event/sessions/{roundtable.keynote.id}")
    assert "meeting.example.org" not in url


def test_session_page_offers_google_calendar_and_ics(client, roundtable):
    page = client.get(f"/events/test-event/sessions/{roundtable.keynote.id}").get_data(
        as_text=True)
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in page
    assert f"/events/test-event/sessions/{roundtable.keynote.id}/calendar.ics" in page


def test_subforum_page_offers_its_feed(client, roundtable):
    page = client.get(f"/events/test-event/subforums/{roundtable.subforum_a.id}").get_data(
        as_text=True)
    assert (f'href="webcal://lmevents.test/events/test-event/subforums/'
            f'{roundtable.subforum_a.id}/calendar.ics"') in page


def test_my_agenda_shows_the_personal_feed_and_a_reset(client, dbs, auth, roundtable):
    user = factories.make_user(dbs, "mai@example.org")
    factories.make_registration(dbs, roundtable.event, user)
    auth.login("mai@example.org")
    page = client.get("/me/agenda").get_data(as_text=True)
    feed = dbs.scalar(select(PersonalFeed).where(PersonalFeed.user_id == user.id))
    assert feed is not None
    match = re.search(r'href="(webcal://lmevents\.test/calendar/[^"]+\.ics)"', page)
    assert match, page
    http_url = match.group(1).replace("webcal://", "http://")
    assert http_url in page
    assert 'action="/me/calendar/reset"' in page
    assert client.get(http_url.split("lmevents.test", 1)[1]).status_code == 200
