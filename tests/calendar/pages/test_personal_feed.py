"""A participant's personal feed: exactly their agenda, with join details, behind a secret URL."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from lmevents.calendar.models import PersonalFeed
from lmevents.registration.registrations import approve_registration
from lmevents.registration.seats import release_seat, take_seat
from tests import factories
from tests.calendar.conftest import parse


@pytest.fixture
def somchai(dbs):
    return factories.make_user(dbs, "somchai@example.org", language="en",
                               timezone="Asia/Bangkok")


def feed_of(client, api_token, email="somchai@example.org") -> dict:
    response = client.get("/api/v1/me/calendar", headers=api_token(email))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def path_of(url: str) -> str:
    return url.split("lmevents.test", 1)[1]


def test_personal_feed_holds_exactly_the_participants_sessions(client, dbs, roundtable, somchai,
                                                               api_token):
    registration = factories.make_registration(dbs, roundtable.event, somchai,
                                               subforum_id=roundtable.subforum_b.id)
    take_seat(dbs, registration, roundtable.exchange)
    dbs.commit()
    feed = parse(client.get(path_of(feed_of(client, api_token)["feed_url"])))
    expected = {roundtable.keynote.uid, roundtable.session_b.uid, roundtable.exchange.uid}
    assert set(feed.events()) == set(feed.strict_events()) == expected

    release_seat(dbs, registration.seats[-1])  # gives up the exchange
    dbs.commit()
    feed = parse(client.get(path_of(feed_of(client, api_token)["feed_url"])))
    assert set(feed.events()) == {roundtable.keynote.uid, roundtable.session_b.uid}


def test_only_the_personal_feed_carries_join_details(client, dbs, roundtable, somchai, api_token):
    factories.make_registration(dbs, roundtable.event, somchai)
    feed = parse(client.get(path_of(feed_of(client, api_token)["feed_url"])))
    description = str(feed.events()[roundtable.keynote.uid]["DESCRIPTION"])
    # The owner's own link to join through lmevents (which records the join), not the room's.
    assert f"/events/test-event/sessions/{roundtable.keynote.id}/join?key=" in description
    assert "https://meeting.example.org/j/1" not in description
    assert "Meeting ID: 123 456" in description and "Passcode: secret" in description
    public = client.get("/events/test-event/calendar.ics").get_data(as_text=True)
    assert "meeting.example.org" not in public


def test_waiting_or_pending_places_are_not_in_the_feed(client, dbs, roundtable, somchai,
                                                       api_token, organizer):
    roundtable.event.registration_mode = "approval"
    dbs.commit()
    registration = factories.make_registration(dbs, roundtable.event, somchai,
                                               subforum_id=roundtable.subforum_a.id)
    url = path_of(feed_of(client, api_token)["feed_url"])
    empty = parse(client.get(url))  # both parsers accept it: it still holds a VTIMEZONE
    assert empty.events() == {} and empty.strict.timezones
    approve_registration(dbs, registration, organizer)
    dbs.commit()
    assert set(parse(client.get(url)).events()) == {roundtable.keynote.uid,
                                                    roundtable.session_a.uid}


def test_feed_language_defaults_to_the_participants_and_follows_lang(client, dbs, roundtable,
                                                                     api_token):
    # The account says English; the registration form asked for Chinese: the form wins.
    user = factories.make_user(dbs, "mai@example.org", language="en")
    factories.make_registration(dbs, roundtable.event, user, language="zh")
    roundtable.keynote.title_zh = "主旨发言"
    dbs.commit()
    url = path_of(feed_of(client, api_token, "mai@example.org")["feed_url"])
    assert str(parse(client.get(url)).events()[roundtable.keynote.uid]["SUMMARY"]) == "主旨发言"
    english = parse(client.get(url + "?lang=en")).events()[roundtable.keynote.uid]
    assert str(english["SUMMARY"]) == "Keynote"


def test_feed_urls_are_stable_and_webcal_is_offered(client, somchai, api_token):
    first, again = feed_of(client, api_token), feed_of(client, api_token)
    assert first == again
    assert first["feed_url"].startswith("http://lmevents.test/calendar/")
    assert first["webcal_url"] == "webcal://" + first["feed_url"].split("://", 1)[1]


def test_token_has_128_random_bits_and_only_its_hash_is_stored(client, dbs, somchai, api_token):
    url = feed_of(client, api_token)["feed_url"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 22  # 22 URL-safe base64 characters carry 128 bits
    feed = dbs.scalar(select(PersonalFeed))
    assert len(bytes.fromhex(feed.nonce)) >= 16
    dumped = " ".join(str(v) for v in dbs.execute(text("SELECT * FROM personal_feeds")).one())
    assert token not in dumped


def test_reset_kills_the_old_url_at_once(client, dbs, roundtable, somchai, api_token):
    factories.make_registration(dbs, roundtable.event, somchai)
    old = path_of(feed_of(client, api_token)["feed_url"])
    assert client.get(old).status_code == 200
    response = client.post("/api/v1/me/calendar/reset",
                           headers=api_token("somchai@example.org"))
    assert response.status_code == 201
    new = path_of(response.get_json()["feed_url"])
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_reset_from_the_agenda_page(client, dbs, somchai, auth, api_token):
    old = path_of(feed_of(client, api_token)["feed_url"])
    auth.login("somchai@example.org")
    response = client.post("/me/calendar/reset")
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/agenda")
    assert client.get(old).status_code == 404


@pytest.mark.parametrize("token", ["nope", "A" * 43, "../etc/passwd"])
def test_unknown_token_is_404(client, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_feed_of_a_disabled_account_is_gone(client, dbs, somchai, api_token):
    url = path_of(feed_of(client, api_token)["feed_url"])
    somchai.active = False
    dbs.commit()
    assert client.get(url).status_code == 404


def test_personal_feed_is_private_and_conditional(client, dbs, roundtable, somchai, api_token):
    factories.make_registration(dbs, roundtable.event, somchai)
    url = path_of(feed_of(client, api_token)["feed_url"])
    first = client.get(url)
    assert "private" in first.headers["Cache-Control"]
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


@pytest.mark.parametrize("method, path", [("GET", "/api/v1/me/calendar"),
                                          ("POST", "/api/v1/me/calendar/reset")])
def test_feed_api_needs_a_token(client, method, path):
    response = client.open(path, method=method)
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"


def test_reset_page_needs_sign_in(client):
    response = client.post("/me/calendar/reset")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_subforum_session_meets_in_the_subforums_room(client, dbs, roundtable, somchai,
                                                      api_token):
    room = factories.make_room(dbs, roundtable.event, "Sub-forum B room",
                               join_url="https://meeting.example.org/j/forum-b")
    roundtable.subforum_b.room_id = room.id
    dbs.commit()
    factories.make_registration(dbs, roundtable.event, somchai,
                                subforum_id=roundtable.subforum_b.id)
    event = parse(client.get(path_of(feed_of(client, api_token)["feed_url"]))).events()[
        roundtable.session_b.uid]
    assert str(event["LOCATION"]) == "Sub-forum B room (Zoom)"
    assert f"/sessions/{roundtable.session_b.id}/join?key=" in str(event["DESCRIPTION"])


def test_a_new_secret_key_gives_a_working_new_url(app, client, dbs, roundtable, somchai,
                                                  api_token):
    factories.make_registration(dbs, roundtable.event, somchai)
    old = path_of(feed_of(client, api_token)["feed_url"])
    original = app.secret_key
    app.secret_key = "a rotated secret key"
    try:
        new = path_of(feed_of(client, api_token)["feed_url"])
        assert new != old
        assert client.get(new).status_code == 200
        assert client.get(old).status_code == 404
    finally:
        app.secret_key = original
