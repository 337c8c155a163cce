"""Joining a session through lmevents: the room's link only for those with the right, every
refusal saying why in the reader's language, the first join recorded once."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from lmevents.calendar.feeds import personal_feed_token
from lmevents.live.join import JoinRefused, Refusal, check_join, join, join_key
from lmevents.live.models import Attendance, JoinedVia
from lmevents.registration.registrations import cancel_registration
from lmevents.registration.seats import take_seat
from tests import factories
from tests.live.conftest import minutes

ROOM = "https://meeting.example.org/j/plenary"


def joined(dbs, session) -> list[tuple[int, str]]:
    dbs.expire_all()
    return dbs.execute(select(Attendance.user_id, Attendance.via)
                       .where(Attendance.session_id == session.id)).all()


def refusal(dbs, session, user, now) -> Refusal:
    with pytest.raises(JoinRefused) as refused:
        check_join(dbs, session, user, zone="UTC", now=now)
    return refused.value.reason


@pytest.fixture
def mai(dbs, live_day):
    """A confirmed participant."""
    user = factories.make_user(dbs, "mai@example.org")
    factories.make_registration(dbs, live_day.event, user)
    return user


def test_a_registered_participant_joins_the_room_and_is_counted_once(dbs, live_day, mai):
    first = join(dbs, live_day.keynote, mai, zone="UTC", now=live_day.now)
    again = join(dbs, live_day.keynote, mai, zone="UTC", now=live_day.now + minutes(3))
    dbs.commit()
    assert (first.url, first.first, again.url, again.first) == (ROOM, True, ROOM, False)
    assert joined(dbs, live_day.keynote) == [(mai.id, JoinedVia.PAGE)]


@pytest.mark.parametrize(("offset", "allowed"), [(-16, False), (-15, True), (29, True),
                                                 (30, False)])
def test_the_room_opens_the_events_minutes_before_the_start_until_the_end(
        dbs, live_day, mai, offset, allowed):
    """The keynote runs 30 minutes; the event opens rooms 15 minutes before a start (its
    default)."""
    now = live_day.keynote.starts_at + minutes(offset)
    if allowed:
        assert check_join(dbs, live_day.keynote, mai, zone="UTC", now=now) == ROOM
    else:
        assert refusal(dbs, live_day.keynote, mai, now) == (
            Refusal.TOO_EARLY if offset < 0 else Refusal.OVER)


def test_the_organizer_sets_how_early_rooms_open(dbs, live_day, mai):
    live_day.event.join_opens_minutes = 30
    dbs.commit()
    assert check_join(dbs, live_day.keynote, mai, zone="UTC",
                      now=live_day.keynote.starts_at - minutes(30)) == ROOM


def test_nobody_without_the_right_gets_the_link(dbs, live_day, mai):
    now = live_day.now
    stranger = factories.make_user(dbs, "stranger@example.org")
    assert refusal(dbs, live_day.keynote, None, now) == Refusal.SIGN_IN
    assert refusal(dbs, live_day.keynote, stranger, now) == Refusal.NOT_REGISTERED
    assert refusal(dbs, live_day.cancelled, mai, now) == Refusal.CANCELLED
    assert refusal(dbs, live_day.roomless, mai, now) == Refusal.NO_ROOM
    # Seats: the sub-forum's and the exchange's one seat each.
    assert refusal(dbs, live_day.forum_talk, mai, now) == Refusal.NO_SEAT
    lin = factories.make_user(dbs, "lin@example.org")
    factories.make_registration(dbs, live_day.event, lin)
    take_seat(dbs, factories_registration(dbs, live_day.event, lin), live_day.subforum)
    take_seat(dbs, factories_registration(dbs, live_day.event, mai), live_day.subforum)
    dbs.commit()
    assert refusal(dbs, live_day.forum_talk, mai, now) == Refusal.WAITING
    assert check_join(dbs, live_day.forum_talk, lin, zone="UTC",
                      now=live_day.forum_talk.starts_at) == "https://meeting.example.org/j/forum"
    assert refusal(dbs, live_day.exchange, mai, now) == Refusal.NO_SEAT
    # A cancelled registration is no registration.
    cancel_registration(dbs, factories_registration(dbs, live_day.event, lin))
    dbs.commit()
    assert refusal(dbs, live_day.forum_talk, lin, now) == Refusal.NOT_REGISTERED
    assert joined(dbs, live_day.keynote) == []


def factories_registration(dbs, event, user):
    from lmevents.registration.registrations import find_registration

    return find_registration(dbs, event, user)


def test_a_pending_registration_waits_for_approval(dbs, live_day):
    live_day.event.registration_mode = "approval"
    dbs.commit()
    user = factories.make_user(dbs, "pending@example.org")
    factories.make_registration(dbs, live_day.event, user)
    assert refusal(dbs, live_day.keynote, user, live_day.now) == Refusal.PENDING


def test_the_events_organizers_may_open_a_room_at_any_time(dbs, live_day, organizer):
    assert check_join(dbs, live_day.later, organizer, zone="UTC",
                      now=live_day.now - minutes(600)) == ROOM


# Through the pages ------------------------------------------------------------------------

def join_path(session, **query) -> str:
    path = f"/events/live-roundtable/sessions/{session.id}/join"
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_join_page_sends_a_signed_in_participant_to_the_room(client, auth, dbs, live_day,
                                                                 mai):
    auth.login("mai@example.org")
    response = client.get(join_path(live_day.keynote))
    assert response.status_code == 303
    assert response.headers["Location"] == ROOM
    assert response.headers["Cache-Control"] == "no-store"
    assert joined(dbs, live_day.keynote) == [(mai.id, JoinedVia.PAGE)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Sign in to join this session"), ("zh", "登录后即可加入本场会议")])
def test_an_anonymous_visitor_is_told_to_sign_in_in_their_language(client, live_day, lang,
                                                                    text):
    response = client.get(join_path(live_day.keynote, lang=lang))
    page = response.get_data(as_text=True)
    assert response.status_code == 401
    assert text in page and ROOM not in page
    assert "/auth/login?next=" in page


@pytest.mark.parametrize(("who", "session", "status", "text"), [
    ("stranger", "keynote", 403, "You are not registered for this event"),
    ("mai", "forum_talk", 403, "has limited places and you hold none"),
    ("mai", "later", 403, "The room opens 15 minutes before the session"),
    ("mai", "cancelled", 410, "This session is cancelled"),
    ("mai", "roomless", 404, "have not given this session a room to join yet"),
])
def test_each_refusal_says_why_and_reveals_no_link(client, auth, dbs, live_day, mai, who,
                                                   session, status, text):
    if who == "stranger":
        factories.make_user(dbs, "stranger@example.org")
    auth.login(f"{who}@example.org")
    response = client.get(join_path(getattr(live_day, session)))
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert text in page
    assert "meeting.example.org" not in page
    assert joined(dbs, getattr(live_day, session)) == []


def test_a_signed_link_joins_without_the_cookie_and_stops_after_signing_out_everywhere(
        app, client, dbs, live_day, mai):
    key = join_key(app.secret_key, mai, live_day.keynote)
    response = client.get(join_path(live_day.keynote, key=key))
    assert (response.status_code, response.headers["Location"]) == (303, ROOM)
    assert joined(dbs, live_day.keynote) == [(mai.id, JoinedVia.LINK)]

    other_session = client.get(join_path(live_day.exchange, key=key))
    assert other_session.status_code == 403  # a key is for one session
    mai.session_version += 1  # signed out everywhere
    dbs.commit()
    refused = client.get(join_path(live_day.keynote, key=key))
    assert refused.status_code == 403
    assert "This join link is not valid" in refused.get_data(as_text=True)
    assert ROOM not in refused.get_data(as_text=True)


def test_my_agenda_and_the_personal_feed_join_through_lmevents(app, client, auth, dbs,
                                                              live_day, mai):
    auth.login("mai@example.org")
    page = client.get("/me/agenda").get_data(as_text=True)
    assert join_path(live_day.keynote) in page
    assert ROOM not in page
    token = personal_feed_token(dbs, mai, app.secret_key)
    dbs.commit()
    feed = client.get(f"/calendar/{token}.ics").get_data(as_text=True)
    unfolded = feed.replace("\r\n ", "")
    key = join_key(app.secret_key, mai, live_day.keynote)
    assert f"/events/live-roundtable/sessions/{live_day.keynote.id}/join?key={key}" in unfolded
    assert ROOM not in unfolded


@pytest.mark.postgres_only("concurrent writers need PostgreSQL; SQLite lets one writer in "
                           "at a time")
def test_twenty_joins_at_once_record_one_attendance(app, dbs, live_day, mai, live_server):
    key = join_key(app.secret_key, mai, live_day.keynote)
    url = f"{live_server}{join_path(live_day.keynote, key=key)}"
    start = threading.Barrier(20, timeout=60)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def open_link(_):
        start.wait()
        try:
            opener.open(url, timeout=60)
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location")
        return None

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(open_link, range(20)))
    assert answers == [(303, ROOM)] * 20
    dbs.expire_all()
    assert dbs.scalar(select(func.count()).select_from(Attendance)) == 1


def test_the_organizer_sets_when_rooms_open_and_a_wrong_value_is_named(client, api_token,
                                                                       dbs, live_day,
                                                                       organizer):
    headers = api_token()
    url = "/api/v1/events/live-roundtable"
    assert client.patch(url, json={"join_opens_minutes": 30},
                        headers=headers).get_json()["join_opens_minutes"] == 30
    for wrong in (-1, 241, "soon"):
        refused = client.patch(url, json={"join_opens_minutes": wrong}, headers=headers)
        assert refused.status_code == 422, wrong
        assert "join_opens_minutes" in refused.get_json()["errors"]
    dbs.expire_all()
    assert live_day.event.join_opens_minutes == 30


def test_the_event_form_names_a_wrong_opening(client, auth, dbs, live_day, organizer):
    from lmevents.events.forms import EventForm

    auth.login()
    data = EventForm.data_of(live_day.event)
    form = {k: ("" if v is None else v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in data.items()}
    page = client.post("/manage/events/live-roundtable/edit",
                       data=form | {"join_opens_minutes": "500"})
    assert page.status_code == 422
    assert "Number must be between 0 and 240." in page.get_data(as_text=True)
    client.post("/manage/events/live-roundtable/edit", data=form | {"join_opens_minutes": "5"})
    dbs.expire_all()
    assert live_day.event.join_opens_minutes == 5
