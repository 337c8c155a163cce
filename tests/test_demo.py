"""The demo roundtable: everything the seed report holds, and a second run changes nothing."""

from __future__ import annotations

from sqlalchemy import select

from lmevents.agenda.models import Session, SessionKind
from lmevents.demo.roundtable import SLUG
from lmevents.events.models import Event
from lmevents.exchange.content.services import exchange_overview
from lmevents.extensions import db
from lmevents.registration.questions import event_questions
from lmevents.subforums.models import SubForum


def snapshot() -> dict[str, list]:
    result = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            result[table.name] = sorted(map(tuple, conn.execute(table.select())), key=repr)
    return result


def load(runner):
    result = runner.invoke(args=["lmevents", "demo"])
    assert result.exit_code == 0, result.output
    return result.output


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
    assert [q.kind for q in questions] == ["choice", "yes_no", "text"]
    assert questions[0].required and len(questions[0].options) == 5
    assert exchange.capacity == 300 and subforums[0].capacity == 100
