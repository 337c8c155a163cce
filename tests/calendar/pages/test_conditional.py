"""Feeds answer conditional requests: clients that already hold the feed get 304."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from werkzeug.http import http_date, parse_date

from lmevents.agenda.services import SpeakerEntry, update_session
from lmevents.calendar.services import feed_changed_at
from tests import factories

URL = "/events/test-event/calendar.ics"


def test_feed_has_a_strong_etag_and_last_modified(client, roundtable):
    response = client.get(URL)
    assert response.headers["ETag"].startswith('"')  # strong: no W/ prefix
    assert parse_date(response.headers["Last-Modified"]) is not None
    assert response.headers["Cache-Control"] == "public, max-age=300"


def test_unchanged_feed_answers_304_to_if_none_match_and_if_modified_since(client, roundtable):
    first = client.get(URL)
    again = client.get(URL, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    since = client.get(URL, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    assert client.get(URL, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_any_change_gives_a_new_etag_and_a_later_last_modified(client, dbs, roundtable):
    first = client.get(URL)
    # Anything in the feed, even a speaker's position, changes the ETag.
    speaker = factories.make_speaker(dbs, "Pu Lifeng")
    update_session(dbs, roundtable.keynote, {}, speakers=[SpeakerEntry(speaker.id, "keynote")])
    dbs.commit()
    second = client.get(URL, headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200 and second.headers["ETag"] != first.headers["ETag"]

    speaker.position_en = "Deputy Director-General"
    dbs.commit()
    third = client.get(URL, headers={"If-None-Match": second.headers["ETag"]})
    assert third.status_code == 200 and third.headers["ETag"] != second.headers["ETag"]


def test_a_client_asking_since_before_a_change_gets_the_new_feed(client, dbs, roundtable):
    first = client.get(URL)
    long_ago = http_date(parse_date(first.headers["Last-Modified"]) - timedelta(hours=1))
    roundtable.keynote.title_en = "Renamed keynote"
    dbs.commit()
    changed = client.get(URL, headers={"If-Modified-Since": long_ago})
    assert changed.status_code == 200 and b"Renamed keynote" in changed.get_data()
    # The feed's Last-Modified moved forward with its content.
    assert parse_date(changed.headers["Last-Modified"]) >= parse_date(
        first.headers["Last-Modified"])
    assert client.get(URL, headers={
        "If-Modified-Since": changed.headers["Last-Modified"]}).status_code == 304


def test_each_language_is_its_own_feed_version(client, roundtable):
    english, chinese = client.get(URL + "?lang=en"), client.get(URL + "?lang=zh")
    assert english.headers["ETag"] != chinese.headers["ETag"]
    assert client.get(URL + "?lang=zh", headers={
        "If-None-Match": chinese.headers["ETag"]}).status_code == 304


def test_a_change_within_the_same_second_still_reads_as_later(dbs):
    now = datetime(2026, 11, 25, 10, 0, 0, 400_000, tzinfo=UTC)
    first = feed_changed_at(dbs, "event:1:en", "etag-one", now)
    again = feed_changed_at(dbs, "event:1:en", "etag-one", now + timedelta(seconds=5))
    changed = feed_changed_at(dbs, "event:1:en", "etag-two", now + timedelta(milliseconds=300))
    assert first == again == datetime(2026, 11, 25, 10, 0, 0, tzinfo=UTC)
    assert changed == first + timedelta(seconds=1)


def test_if_modified_since_from_the_same_second_gets_the_changed_feed(client, dbs, roundtable):
    first = client.get(URL)
    roundtable.keynote.title_en = "Changed at once"
    dbs.commit()
    # Whatever the clock says, the client that holds the first version gets the new one.
    response = client.get(URL, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert response.status_code == 200 and b"Changed at once" in response.get_data()
