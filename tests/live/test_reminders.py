"""Reminders before each session a participant attends: the day before and 15 minutes
before, in their language and zone with their own join link; never twice (two workers
included), never for a cancelled session, re-timed when a session moves; switchable per
event, with the same alarm in the personal feed."""

from __future__ import annotations

import threading
from datetime import timedelta

import icalendar
import pytest
from aiosmtpd.controller import Controller
from ical.calendar_stream import IcsCalendarStream
from sqlalchemy import select

from lmevents.agenda.services import cancel_session, update_session
from lmevents.calendar.feeds import personal_feed_token
from lmevents.extensions import db
from lmevents.live.reminders import due_reminders, queue_due_reminders
from lmevents.mail.models import OutboxMessage
from lmevents.registration.registrations import find_registration
from lmevents.registration.seats import take_seat
from tests import factories
from tests.live.conftest import minutes
from tests.smtp import Inbox, free_port

SECRET = "test secret"


def reminders(dbs, address: str) -> list[OutboxMessage]:
    """The reminders queued for `address`, oldest first (not their registration's mail)."""
    dbs.expire_all()
    return [m for m in dbs.scalars(select(OutboxMessage).where(
        OutboxMessage.to_address == address).order_by(OutboxMessage.id))
        if m.subject.startswith(("Coming up", "Starting soon", "即将举行", "即将开始"))]


@pytest.fixture
def mai(dbs, live_day):
    user = factories.make_user(dbs, "mai@example.org")
    factories.make_registration(dbs, live_day.event, user, timezone="Asia/Vientiane")
    return user


def at_before(session, delta):
    return session.starts_at - delta


def test_the_day_before_then_shortly_before_and_never_twice(dbs, live_day, mai):
    closing = live_day.later  # starts in 3 hours: the day-before reminder is due now
    assert queue_due_reminders(dbs, live_day.now, SECRET) >= 1
    dbs.commit()
    assert queue_due_reminders(dbs, live_day.now + minutes(1), SECRET) == 0  # never twice
    dbs.commit()
    (day,) = [m for m in reminders(dbs, "mai@example.org") if "Closing" in m.subject]
    assert day.subject == "Coming up: Closing"
    assert "Asia/Vientiane" in day.body_text  # their zone
    assert f"/sessions/{closing.id}/join?" in day.body_text and "key=" in day.body_text
    assert "meeting.example.org" not in day.body_text

    queue_due_reminders(dbs, at_before(closing, minutes(15)), SECRET)
    dbs.commit()
    subjects = [m.subject for m in reminders(dbs, "mai@example.org") if "Closing" in m.subject]
    assert subjects == [day.subject, "Starting soon: Closing"]


def test_only_those_attending_get_one_none_for_a_cancelled_session(dbs, live_day, mai):
    lin = factories.make_user(dbs, "lin@example.org")
    factories.make_registration(dbs, live_day.event, lin)
    take_seat(dbs, find_registration(dbs, live_day.event, lin), live_day.subforum)
    dbs.commit()
    due = {(d.registration.user.email, d.session.title_en)
           for d in due_reminders(dbs, live_day.now)}
    assert ("lin@example.org", "Forum talk") in due
    assert ("mai@example.org", "Forum talk") not in due  # no seat in the sub-forum
    assert ("mai@example.org", "Exchange") not in due  # its places are limited: no seat
    assert not any(title == "Dropped" for _, title in due)  # cancelled
    assert ("mai@example.org", "Keynote") not in due  # under way already

    cancel_session(dbs, live_day.later)
    dbs.commit()
    assert ("mai@example.org", "Closing") not in {
        (d.registration.user.email, d.session.title_en) for d in due_reminders(dbs, live_day.now)}


def test_a_moved_session_gets_its_reminder_for_the_new_start(dbs, live_day, mai):
    closing = live_day.later
    soon = at_before(closing, minutes(15))
    queue_due_reminders(dbs, soon, SECRET)
    dbs.commit()
    update_session(dbs, closing, {"starts_at": closing.starts_at + minutes(30),
                                  "ends_at": closing.ends_at + minutes(30)})
    dbs.commit()
    # At the old time nothing is due any more; at the new one, the short reminder again.
    assert [d for d in due_reminders(dbs, soon + minutes(1))
            if d.session.id == closing.id and d.kind == "soon"] == []
    queue_due_reminders(dbs, soon + minutes(30), SECRET)
    dbs.commit()
    soon_ones = [m for m in reminders(dbs, "mai@example.org")
                 if m.subject == "Starting soon: Closing"]
    assert len(soon_ones) == 2
    assert "Asia/Vientiane" in soon_ones[1].body_text


def test_a_chinese_participant_is_reminded_in_chinese(dbs, live_day):
    user = factories.make_user(dbs, "wang@example.org")
    factories.make_registration(dbs, live_day.event, user, language="zh",
                                timezone="Asia/Shanghai")
    queue_due_reminders(dbs, at_before(live_day.later, minutes(10)), SECRET)
    dbs.commit()
    (mail,) = [m for m in reminders(dbs, "wang@example.org") if "Closing" in m.subject]
    assert mail.subject.startswith("即将开始")
    assert "Asia/Shanghai" in mail.body_text


def test_switched_off_no_mail_and_no_alarm_in_the_feed(app, client, auth, dbs, live_day, mai):
    token = personal_feed_token(dbs, mai, app.secret_key)
    dbs.commit()

    def alarms() -> tuple[list, list]:
        text = client.get(f"/calendar/{token}.ics").get_data(as_text=True)
        lenient = [(str(e["SUMMARY"]), a.decoded("TRIGGER"))
                   for e in icalendar.Calendar.from_ical(text).walk("VEVENT")
                   for a in e.walk("VALARM")]
        strict = [a for e in IcsCalendarStream.calendar_from_ics(text).events for a in e.alarm]
        return lenient, strict

    lenient, strict = alarms()
    assert ("Closing", -timedelta(minutes=15)) in lenient and len(strict) == len(lenient)

    auth.login("mai@example.org")
    client.post("/events/live-roundtable/reminders", data={"on": "0"})
    assert alarms() == ([], [])
    assert [d for d in due_reminders(dbs, live_day.now)
            if d.registration.user_id == mai.id] == []
    page = client.get("/me/agenda").get_data(as_text=True)
    assert "Reminders: off for this event." in page


def test_the_api_switches_reminders(client, api_token, dbs, live_day, mai):
    headers = api_token("mai@example.org")
    url = "/api/v1/events/live-roundtable/registrations/me"
    assert client.get(url, headers=headers).get_json()["reminders"] is True
    answer = client.patch(url, json={"reminders": False}, headers=headers)
    assert answer.status_code == 200 and answer.get_json()["reminders"] is False
    assert client.patch(url, json={"reminders": "no"}, headers=headers).status_code == 422


def test_the_worker_sends_them_through_the_outbox(app, dbs, runner, live_day, mai,
                                                  monkeypatch):
    port = free_port()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        result = runner.invoke(args=["lmevents", "send-mail"])
        assert result.exit_code == 0, result.output
        # The closing (in 3 hours) and the unplaced session after it: the day-before ones.
        assert "queued 2 reminder(s)" in result.output
        assert {"Coming up: Closing", "Coming up: Not placed"} <= {
            m["Subject"] for m in inbox.messages if m["To"] == "mai@example.org"}
        again = runner.invoke(args=["lmevents", "send-mail"])
        assert "reminder" not in again.output
    finally:
        controller.stop()


@pytest.mark.postgres_only("concurrent writers need PostgreSQL; SQLite lets one writer in "
                           "at a time")
def test_two_workers_at_once_queue_each_reminder_once(app, dbs, live_day):
    for n in range(30):
        user = factories.make_user(dbs, f"p{n}@example.org")
        factories.make_registration(dbs, live_day.event, user)
    dbs.commit()
    start = threading.Barrier(2, timeout=60)
    counts = []

    def worker():
        with app.app_context():
            start.wait()
            counts.append(queue_due_reminders(db.session, live_day.now, SECRET))
            db.session.commit()
            db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    dbs.expire_all()
    queued = dbs.execute(select(OutboxMessage.to_address, OutboxMessage.subject).where(
        OutboxMessage.subject.startswith("Coming up"))).all()
    # 30 people, two sessions each within the day (the closing and the unplaced one): each
    # reminder once, whichever worker queued it.
    assert len(queued) == len(set(queued)) == 60 == sum(counts)
    assert sum(1 for _, subject in queued if subject == "Coming up: Closing") == 30
