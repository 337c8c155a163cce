"""The demo roundtable: everything the seed report holds, and a second run changes nothing;
placed on a day of one's choosing (`--on`), it is there, or moves there, whole."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from sqlalchemy import func, select

from lmevents.agenda.models import Session, SessionKind
from lmevents.demo.roundtable import SLUG
from lmevents.events.models import Event
from lmevents.exchange.content.services import exchange_overview
from lmevents.exchange.meetings.services import meeting_window
from lmevents.exchange.models import Presentation
from lmevents.exchange.qa.services import closed_reason
from lmevents.extensions import db
from lmevents.registration.questions import event_questions
from lmevents.subforums.models import SubForum

SHANGHAI = ZoneInfo("Asia/Shanghai")
# The demo's programme in local time, as its illustrative day shows it.
LOCAL_TIMES = [("09:00", "09:40"), ("09:40", "10:30"), ("10:30", "10:45"), ("10:45", "12:00"),
               ("12:00", "13:30"), ("13:30", "15:00"), ("13:30", "15:00"), ("15:30", "17:30")]


def snapshot() -> dict[str, list]:
    result = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            result[table.name] = sorted(map(tuple, conn.execute(table.select())), key=repr)
    return result


def load(runner, *args: str):
    result = runner.invoke(args=["lmevents", "demo", *args])
    assert result.exit_code == 0, result.output
    return result.output


def demo_event(dbs) -> Event:
    dbs.expire_all()
    return dbs.scalar(select(Event).where(Event.slug == SLUG))


def sessions_of(dbs, event: Event) -> list[Session]:
    return list(dbs.scalars(select(Session).where(Session.event_id == event.id)
                            .order_by(Session.starts_at, Session.id)))


def local(moment: datetime) -> datetime:
    return moment.astimezone(SHANGHAI)


def programme_on(dbs, event: Event) -> list[tuple[date, str, str]]:
    """Each session's local day, start and end, in programme order."""
    return [(local(s.starts_at).date(), f"{local(s.starts_at):%H:%M}", f"{local(s.ends_at):%H:%M}")
            for s in sessions_of(dbs, event)]


def test_demo_is_idempotent(runner):
    assert "loaded" in load(runner)
    before = snapshot()
    assert "nothing changed" in load(runner)
    assert snapshot() == before


def test_demo_holds_the_seed_programme(runner, dbs):
    load(runner)
    event = dbs.scalar(select(Event).where(Event.slug == SLUG))
    assert event.published and event.timezone == "Asia/Shanghai"
    assert "illustrative" in event.schedule_note_en
    assert [h.abbreviation for h in event.hosts] == ["LMEC", "FECO"]
    assert event.contact.postcode == "100035"
    assert event.contact.fax == "+86-010-82200579"
    assert event.contact.email_list == []  # personal addresses stay out of demo data

    sessions = dbs.scalars(select(Session).where(Session.event_id == event.id)
                           .order_by(Session.starts_at, Session.id)).all()
    by_kind = {}
    for session in sessions:
        by_kind.setdefault(session.kind, []).append(session)

    [opening] = by_kind[SessionKind.OPENING]
    assert [p.speaker.name_en for p in opening.speakers] == [
        "Li Yonghong", "Zhou Yunliang", "Syamphone Sengchadala", "Pu Lifeng"]
    assert {p.role.value for p in opening.speakers} == {"opening_remarks"}

    [keynotes] = by_kind[SessionKind.KEYNOTE]
    assert [(p.speaker.name_en, p.speaker.honorific_en) for p in keynotes.speakers] == [
        ("Tang Dingding", None), ("Alison Jerkins", "Dr.")]
    assert "green economic development belt" in keynotes.speakers[0].talk_title_en
    assert "climate-adaptive infrastructure" in keynotes.speakers[1].talk_title_en

    [roundtable] = by_kind[SessionKind.ROUNDTABLE]
    assert [t.title_en for t in roundtable.topics] == [
        "Ecosystem management", "Sustainable infrastructure", "Biodiversity conservation"]

    forum_a, forum_b = by_kind[SessionKind.SUBFORUM]
    assert (forum_a.starts_at, forum_a.ends_at) == (forum_b.starts_at, forum_b.ends_at)
    assert forum_a.room_id != forum_b.room_id
    subforums = dbs.scalars(select(SubForum).order_by(SubForum.code)).all()
    assert [s.code for s in subforums] == ["A", "B"]
    assert "low-carbon industrial parks" in subforums[0].title_en
    assert [t.title_en for t in subforums[1].topics] == [
        "Transport corridors and ecological corridors",
        "Regional cooperation on mangrove protection"]

    [exchange] = by_kind[SessionKind.EXCHANGE]
    assert len(exchange.topics) == 4
    # The same four topics carry the exchange's presentations and needs.
    exchange_topics = exchange_overview(dbs, event).topics
    assert [(t.session_id, t.title_zh, t.title_en) for t in exchange_topics] == [
        (exchange.id, t.title_zh, t.title_en) for t in exchange.topics]
    assert "waste-to-energy" in exchange_topics[1].title_en
    # One fictional enterprise per topic, marked as demo data, making no real company's claims.
    presentations = [p for t in exchange_topics for p in t.presentations]
    assert len(presentations) == 4
    assert all("(demo data)" in p.enterprise_en and "演示数据" in p.enterprise_zh
               and "fictional" in p.summary_en for p in presentations)
    assert {(p.presenter_id, p.contact_user_id) for p in presentations} == {(None, None)}
    assert exchange.room.join_url.startswith("https://meeting.example.org/")
    assert exchange.starts_at > forum_a.ends_at  # the afternoon, after the sub-forums

    # Participants answer the organizers' questions and take seats in the exchange too.
    questions = event_questions(dbs, event)
    # Interpretation is not a question: the form asks the listening language of everyone.
    assert [q.kind for q in questions] == ["choice", "text"]
    assert questions[0].required and len(questions[0].options) == 5
    # Chinese–English interpretation: each room's floor language and the other's channel.
    rooms = {s.meeting_room.name_en: s.meeting_room for s in sessions if s.meeting_room}
    assert {name: (room.floor_language, [(c.language, c.channel) for c in room.channels])
            for name, room in rooms.items()} == {
        "Plenary room": ("zh", [("en", "English")]),
        "Sub-forum A room": ("zh", [("en", "English")]),
        "Sub-forum B room": ("en", [("zh", "中文")]),
        "Technical exchange room": ("zh", [("en", "English")])}
    assert exchange.capacity == 300 and subforums[0].capacity == 100


def test_without_a_day_the_demo_is_on_its_illustrative_date(runner, dbs):
    assert load(runner) == "demo event lm-roundtable-2020 loaded on 2020-11-26\n"
    event = demo_event(dbs)
    assert (event.start_date, event.end_date) == (date(2020, 11, 26), date(2020, 11, 26))
    assert programme_on(dbs, event) == [(date(2020, 11, 26), *times) for times in LOCAL_TIMES]
    assert load(runner) == ("demo event lm-roundtable-2020 already on 2020-11-26: "
                            "nothing changed\n")


def test_the_demo_loads_on_the_day_given_at_the_same_local_times(runner, dbs):
    output = load(runner, "--on", "2026-12-10")
    assert output == "demo event lm-roundtable-2020 loaded on 2026-12-10\n"
    event = demo_event(dbs)
    assert (event.start_date, event.end_date) == (date(2026, 12, 10), date(2026, 12, 10))
    assert programme_on(dbs, event) == [(date(2026, 12, 10), *times) for times in LOCAL_TIMES]
    first = sessions_of(dbs, event)[0]
    assert first.starts_at == datetime(2026, 12, 10, 9, tzinfo=SHANGHAI)
    assert {s.revision for s in sessions_of(dbs, event)} == {0}  # loaded there, never moved


def test_moving_the_demo_keeps_its_sessions_and_raises_their_revision(runner, dbs):
    load(runner)
    event = demo_event(dbs)
    before = {s.id: (s.uid, s.revision, local(s.starts_at), local(s.ends_at))
              for s in sessions_of(dbs, event)}

    output = load(runner, "--on", "2026-12-10")
    assert output == ("demo event lm-roundtable-2020 moved from 2020-11-26 to 2026-12-10 "
                      "(8 sessions)\n")
    event = demo_event(dbs)
    assert (event.start_date, event.end_date) == (date(2026, 12, 10), date(2026, 12, 10))
    shift = date(2026, 12, 10) - date(2020, 11, 26)
    after = {s.id: (s.uid, s.revision, local(s.starts_at), local(s.ends_at))
             for s in sessions_of(dbs, event)}
    assert after.keys() == before.keys()  # the same sessions, not new ones
    for session_id, (uid, revision, starts_at, ends_at) in before.items():
        assert after[session_id] == (uid, revision + 1, starts_at + shift, ends_at + shift)
    assert programme_on(dbs, event) == [(date(2026, 12, 10), *times) for times in LOCAL_TIMES]
    # Each move is in the session's history, as an organizer's would be.
    first = sessions_of(dbs, event)[0]
    assert [change.action for change in first.changes] == ["created", "modified"]

    # And back again, earlier rather than later.
    assert "moved from 2026-12-10 to 2020-11-26 (8 sessions)" in load(
        runner, "--on", "2020-11-26")
    event = demo_event(dbs)
    assert {s.id: (s.uid, s.revision, local(s.starts_at), local(s.ends_at))
            for s in sessions_of(dbs, event)} == {
        session_id: (uid, revision + 2, starts_at, ends_at)
        for session_id, (uid, revision, starts_at, ends_at) in before.items()}


def test_an_upcoming_demo_takes_questions_and_meetings_around_its_exchange(runner, dbs):
    load(runner)
    presentation = dbs.scalars(select(Presentation)).first()
    assert closed_reason(presentation) is not None  # 2020 is over

    upcoming = date.today() + timedelta(days=30)
    assert f"to {upcoming:%Y-%m-%d} (8 sessions)" in load(runner, "--on", f"{upcoming:%Y-%m-%d}")
    event = demo_event(dbs)
    [exchange] = [s for s in sessions_of(dbs, event) if s.kind == SessionKind.EXCHANGE]
    assert local(exchange.starts_at) == datetime.combine(upcoming, time(15, 30), tzinfo=SHANGHAI)
    presentation = dbs.scalars(select(Presentation)).first()
    assert closed_reason(presentation) is None
    assert closed_reason(presentation, exchange.ends_at) is not None  # closes when it ends
    window = meeting_window(event, dbs)
    assert window[0] == exchange.starts_at
    assert local(window[1]).date() == upcoming + timedelta(days=8)


def _feed(client) -> dict[str, icalendar.Event]:
    response = client.get(f"/events/{SLUG}/calendar.ics")
    assert response.status_code == 200, response.get_data(as_text=True)
    calendar = icalendar.Calendar.from_ical(response.get_data(as_text=True))
    return {str(vevent["UID"]): vevent for vevent in calendar.walk("VEVENT")}


def test_the_calendar_feed_follows_a_move(runner, dbs, client):
    load(runner)
    opening = sessions_of(dbs, demo_event(dbs))[0]
    before = _feed(client)[opening.uid]
    assert before.decoded("DTSTART") == datetime(2020, 11, 26, 9, tzinfo=SHANGHAI)

    load(runner, "--on", "2026-12-10")
    feed = _feed(client)
    assert len(feed) == 8
    after = feed[opening.uid]  # the same calendar entry, updated in place
    assert after.decoded("DTSTART") == datetime(2026, 12, 10, 9, tzinfo=SHANGHAI)
    assert after.decoded("DTEND") == datetime(2026, 12, 10, 9, 40, tzinfo=SHANGHAI)
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_placing_the_demo_twice_on_a_day_changes_nothing(runner):
    load(runner, "--on", "2026-12-10")
    load(runner, "--on", "2027-03-04")
    before = snapshot()
    assert load(runner, "--on", "2027-03-04") == (
        "demo event lm-roundtable-2020 already on 2027-03-04: nothing changed\n")
    assert snapshot() == before
    # Without a day, a placed demo stays where it is.
    assert "already on 2027-03-04: nothing changed" in load(runner)
    assert snapshot() == before


@pytest.mark.parametrize(("day", "message"), [
    ("2026-13-01", "'2026-13-01' is not a day: give YYYY-MM-DD or today."),
    ("tomorrow", "'tomorrow' is not a day: give YYYY-MM-DD or today."),
    ("1969-12-31", "from 1970-01-01 to 2999-12-31, not on 1969-12-31"),
    ("3000-01-01", "from 1970-01-01 to 2999-12-31, not on 3000-01-01"),
])
def test_a_bad_day_is_refused_and_changes_nothing(runner, dbs, day, message):
    result = runner.invoke(args=["lmevents", "demo", "--on", day])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert dbs.scalar(select(func.count()).select_from(Event)) == 0  # nothing loaded

    load(runner)
    before = snapshot()
    result = runner.invoke(args=["lmevents", "demo", "--on", day])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert snapshot() == before  # nothing moved


def test_the_demo_placed_today_is_live(runner, client, dbs):
    """`--on today` puts the demo on today's date in its zone, to see its day as it runs: the
    live page and its API follow the clock."""
    from datetime import datetime

    from lmevents.demo.roundtable import ZONE

    today = datetime.now(ZONE).date()
    assert f"on {today:%Y-%m-%d}" in load(runner, "--on", "today")
    body = client.get("/api/v1/events/lm-roundtable-2020/live").get_json()
    shown = body["on_now"] + body["up_next"]
    # Every session is today, in Beijing time; until the exchange ends (17:30) one is on or
    # next, after it the day is over.
    assert all(datetime.fromisoformat(s["starts_at"]).astimezone(ZONE).date() == today
               for s in shown)
    if datetime.now(ZONE).hour < 17:
        assert shown
    assert runner.invoke(args=["lmevents", "demo", "--on", "soon"]).exit_code == 2
