"""Running late: the rest of the day in a room or a sub-forum moves by N minutes in one
action, through the programme's rules (a clash refuses it all, named, and nothing moves);
calendars follow, the live page shows it, and each seat holder there is told once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lmevents.agenda.models import Session, SessionKind
from lmevents.errors import Conflict
from lmevents.live.late import run_late
from lmevents.mail.models import OutboxMessage
from lmevents.registration.registrations import find_registration
from lmevents.registration.seats import take_seat
from tests import factories
from tests.live.conftest import minutes


def times(dbs, *sessions):
    dbs.expire_all()
    return [(dbs.get(Session, s.id).starts_at, dbs.get(Session, s.id).ends_at,
             dbs.get(Session, s.id).revision) for s in sessions]


def mails_to(dbs, address: str) -> list[OutboxMessage]:
    """The running-late messages queued for `address`."""
    return list(dbs.scalars(select(OutboxMessage).where(
        OutboxMessage.to_address == address, OutboxMessage.subject.contains("late"))))


@pytest.fixture
def second_talk(dbs, live_day):
    """A second talk in sub-forum A, after the closing."""
    return factories.make_session(dbs, live_day.event, live_day.now + minutes(241),
                                  live_day.now + minutes(248), kind=SessionKind.SUBFORUM,
                                  subforum_id=live_day.subforum.id, title_en="Forum wrap-up")


@pytest.fixture
def holder(dbs, live_day):
    user = factories.make_user(dbs, "holder@example.org")
    factories.make_registration(dbs, live_day.event, user, timezone="Asia/Bangkok")
    take_seat(dbs, find_registration(dbs, live_day.event, user), live_day.subforum)
    dbs.commit()
    return user


def test_a_sub_forum_running_late_moves_its_day_and_tells_each_holder_once(
        dbs, live_day, second_talk, holder):
    bystander = factories.make_user(dbs, "bystander@example.org")
    factories.make_registration(dbs, live_day.event, bystander)
    before = times(dbs, live_day.forum_talk, second_talk, live_day.keynote)

    late = run_late(dbs, live_day.event, 5, subforum_id=live_day.subforum.id,
                    now=live_day.now)
    dbs.commit()

    after = times(dbs, live_day.forum_talk, second_talk, live_day.keynote)
    for (start, end, revision), (new_start, new_end, new_revision) in zip(
            before[:2], after[:2], strict=True):
        assert (new_start, new_end) == (start + minutes(5), end + minutes(5))
        assert new_revision == revision + 1  # calendars see a new SEQUENCE
    assert after[2] == before[2]  # the plenary keynote stays
    assert [s.id for s in late.moved] == [live_day.forum_talk.id, second_talk.id]
    (mail,) = mails_to(dbs, "holder@example.org")  # one message for both sessions
    assert "Running 5 minutes late: Sub-forum A" in mail.subject
    assert "Forum talk" in mail.body_text and "Forum wrap-up" in mail.body_text
    assert "Asia/Bangkok" in mail.body_text  # their own zone
    assert mails_to(dbs, "bystander@example.org") == []


def test_the_session_under_way_ends_later_and_the_following_start_later(dbs, live_day):
    before = times(dbs, live_day.keynote, live_day.later)
    run_late(dbs, live_day.event, 4, room_id=live_day.keynote.room_id, now=live_day.now)
    dbs.commit()
    (k_start, k_end, _), (l_start, l_end, _) = times(dbs, live_day.keynote, live_day.later)
    assert (k_start, k_end) == (before[0][0], before[0][1] + minutes(4))
    assert (l_start, l_end) == (before[1][0] + minutes(4), before[1][1] + minutes(4))


def test_a_clash_refuses_the_whole_move_naming_it(dbs, live_day):
    """The keynote ends at now+25 and sub-forum A starts at now+30: ten minutes more would
    make the plenary overlap it."""
    before = times(dbs, live_day.keynote, live_day.later)
    with pytest.raises(Conflict) as refused:
        run_late(dbs, live_day.event, 10, room_id=live_day.keynote.room_id, now=live_day.now)
    dbs.rollback()
    assert "'Keynote' cannot move 10 minutes later" in refused.value.message
    assert "Forum talk" in refused.value.message
    assert "Nothing was moved." in refused.value.message
    assert times(dbs, live_day.keynote, live_day.later) == before


def test_the_api_moves_and_answers_every_fault_at_once(client, api_token, dbs, live_day,
                                                       organizer, participant):
    url = "/api/v1/events/live-roundtable/running-late"
    headers = api_token()
    wrong = client.post(url, json={"minutes": 0, "room_id": live_day.keynote.room_id,
                                   "subforum_id": live_day.subforum.id}, headers=headers)
    assert wrong.status_code == 422
    assert {"minutes", "room_id"} <= set(wrong.get_json()["errors"])

    done = client.post(url, json={"minutes": 5, "subforum_id": live_day.subforum.id},
                       headers=headers)
    assert done.status_code == 201, done.get_json()
    body = done.get_json()
    assert body["moved"] == [live_day.forum_talk.id]
    assert body["delay"]["minutes"] == 5 and body["delay"]["subforum_id"] == live_day.subforum.id

    clash = client.post(url, json={"minutes": 30, "room_id": live_day.keynote.room_id},
                        headers=headers)
    assert clash.status_code == 409
    assert clash.get_json()["session_id"] == live_day.keynote.id

    refused = client.post(url, json={"minutes": 5, "subforum_id": live_day.subforum.id},
                          headers=api_token("participant@example.org"))
    assert refused.status_code == 403


def test_the_live_page_and_api_show_the_delay(client, dbs, live_day):
    etag = client.get("/api/v1/events/live-roundtable/live").headers["ETag"]
    run_late(dbs, live_day.event, 5, subforum_id=live_day.subforum.id)
    dbs.commit()
    page = client.get("/events/live-roundtable/live").get_data(as_text=True)
    assert "Sub-forum A is running 5 minutes late" in page
    answer = client.get("/api/v1/events/live-roundtable/live", headers={"If-None-Match": etag})
    assert answer.status_code == 200
    assert answer.get_json()["delays"][0]["minutes"] == 5


def test_the_back_office_form_moves_and_shows_a_refusal_on_the_form(client, auth, dbs,
                                                                    live_day, organizer):
    auth.login()
    url = "/manage/events/live-roundtable/running-late"
    assert client.get(url).status_code == 200
    refused = client.post(url, data={"minutes": "10",
                                     "place": f"room-{live_day.keynote.room_id}"})
    assert refused.status_code == 422
    assert "Nothing was moved." in refused.get_data(as_text=True)
    moved = client.post(url, data={"minutes": "5",
                                   "place": f"subforum-{live_day.subforum.id}"},
                        follow_redirects=True)
    assert "Sub-forum A: 1 session moved 5 minutes later; 0 participants told." in (
        moved.get_data(as_text=True))
