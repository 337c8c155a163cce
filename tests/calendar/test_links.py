"""Subscribe and add-to-calendar links on the pages."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from lmevents.calendar.links import google_calendar_url


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
