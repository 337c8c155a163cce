"""An accepted meeting goes to both sides' personal calendar feeds, with its join link; a
cancelled one stays there marked cancelled, so subscribed calendars drop it."""

from __future__ import annotations

from lmevents.exchange.meetings.services import cancel, decline
from tests.calendar.conftest import parse
from tests.exchange.meetings.conftest import accepted, ask, at


def feed(client, headers):
    response = client.get("/api/v1/me/calendar", headers=headers)
    assert response.status_code == 200, response.get_json()
    return parse(client.get(response.get_json()["feed_url"].split("lmevents.test", 1)[1]))


def test_both_feeds_hold_the_meeting_once_accepted_and_not_before(client, dbs, exchange):
    meeting = ask(dbs, exchange)
    for handle in ("mai", "lin"):
        assert meeting.uid not in feed(client, exchange.tokens[handle]).events()

    accepted(dbs, meeting)

    for handle in ("mai", "lin"):
        calendar = feed(client, exchange.tokens[handle])
        vevent = calendar.events()[meeting.uid]
        strict = calendar.strict_events()[meeting.uid]
        assert strict.dtstart == at(15) and strict.dtend == at(15, 45)
        assert str(vevent["STATUS"]) == "CONFIRMED"
        assert str(vevent["LOCATION"]) == meeting.join_url
        assert meeting.join_url in str(vevent["DESCRIPTION"])
        assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
        # The programme is still there beside it.
        assert exchange.keynote.uid in calendar.events()
    assert meeting.uid not in feed(client, exchange.tokens["somchai"]).events()


def test_a_cancelled_meeting_stays_in_the_feeds_as_cancelled(client, dbs, exchange):
    meeting = accepted(dbs, ask(dbs, exchange))
    before = feed(client, exchange.tokens["mai"]).events()[meeting.uid]

    cancel(dbs, meeting, exchange.mai)
    dbs.commit()

    for handle in ("mai", "lin"):
        vevent = feed(client, exchange.tokens[handle]).events()[meeting.uid]
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert vevent["SEQUENCE"] == before["SEQUENCE"] + 1


def test_declined_or_withdrawn_requests_never_reach_a_feed(client, dbs, exchange):
    declined = ask(dbs, exchange)
    decline(dbs, declined, exchange.lin)
    withdrawn = ask(dbs, exchange, need=exchange.need)
    decline(dbs, withdrawn, exchange.mai)
    dbs.commit()

    events = feed(client, exchange.tokens["mai"]).events()
    assert declined.uid not in events and withdrawn.uid not in events


def test_the_feed_with_a_meeting_renders_the_same_bytes_each_time(client, dbs, exchange):
    accepted(dbs, ask(dbs, exchange))

    first = feed(client, exchange.tokens["lin"]).text
    assert feed(client, exchange.tokens["lin"]).text == first
