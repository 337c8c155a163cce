"""Benchmark: an event with 20,000 registrants in 35 sub-forums, and what registration costs.

    .venv/bin/python -m benchmarks.registrations [--registrants 20000] [--subforums 35] [--runs 3]
    LMEVENTS_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python …

Registrants, registrations and seats are written in bulk (each sub-forum fills up, then its
waiting list grows); then the organizers' pages and exports, the public sub-forum pages and
API, one participant's agenda and feed, and a seat request are measured: SQL statements per
request, the median and the 95th percentile wall time.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from benchmarks.runner import bench_app, drop_tables, fresh_tables, measure
from lmevents.agenda.models import SessionKind
from lmevents.agenda.rooms import RoomInput, create_room
from lmevents.agenda.services import SessionInput, create_session
from lmevents.auth.models import User
from lmevents.auth.services import issue_token
from lmevents.core.models import utcnow
from lmevents.events.models import Event
from lmevents.events.services import EventInput, create_event, publish_event
from lmevents.extensions import db
from lmevents.registration.models import Registration, Seat
from lmevents.subforums.models import SubForum
from lmevents.subforums.services import SubForumInput, create_subforum

SLUG = "bench-registrations"
ZONE = ZoneInfo("Asia/Bangkok")
PASSWORD = "benchmark password"


def participant_email(number: int) -> str:
    return f"p{number}@bench.example.org"


def build(registrants: int, subforums: int) -> dict:
    day = date(2027, 3, 1)
    organizer = User(email="organizer@bench.example.org", name="Organizer", role="organizer",
                     password_hash=generate_password_hash(PASSWORD),
                     email_confirmed_at=utcnow())
    db.session.add(organizer)
    event = create_event(db.session, EventInput(
        slug=SLUG, timezone=ZONE.key, start_date=day, end_date=day, title_en="Big roundtable"),
        owner=organizer)
    start = datetime.combine(day, datetime.min.time(), ZONE) + timedelta(hours=9)
    plenary = create_room(db.session, event, RoomInput(name_en="Plenary",
                                                       join_url="https://meet.example.org/p"))
    create_session(db.session, event, SessionInput(
        kind=SessionKind.KEYNOTE, starts_at=start, ends_at=start + timedelta(hours=1),
        room_id=plenary.id, title_en="Keynote"))
    capacity = max(registrants // subforums * 9 // 10, 1)  # every line has people waiting
    forums = []
    for f in range(subforums):
        room = create_room(db.session, event, RoomInput(name_en=f"Room {f}"))
        forum = create_subforum(db.session, event, SubForumInput(
            code=f"F{f}", title_en=f"Sub-forum {f}", room_id=room.id, capacity=capacity,
            position=f))
        create_session(db.session, event, SessionInput(
            kind=SessionKind.SUBFORUM, starts_at=start + timedelta(hours=2),
            ends_at=start + timedelta(hours=4), room_id=room.id, subforum_id=forum.id,
            title_en=f"Sub-forum {f} session"))
        forums.append(forum)
    publish_event(db.session, event)
    db.session.commit()
    register_participants(event, forums, registrants)
    return {"event": event.id, "forum": forums[0].id, "other_forum": forums[1].id,
            "capacity": capacity}


def register_participants(event: Event, forums: list[SubForum], registrants: int) -> None:
    """`registrants` confirmed participants (`participant_email(0)`…, who sign in with
    PASSWORD) registered in `event`, each asking for a seat in one of `forums` in turn: held
    while the sub-forum has room, waiting after. Written in bulk, past the services."""
    now, hashed = utcnow(), generate_password_hash(PASSWORD)
    db.session.execute(sa.insert(User), [
        {"email": participant_email(i), "password_hash": hashed, "name": f"参会者 {i}",
         "organization": "", "language": "zh" if i % 2 else "en", "role": "participant",
         "active": True, "email_confirmed_at": now, "created_at": now}
        for i in range(registrants)])
    users = dict(db.session.execute(sa.select(User.email, User.id)).all())
    db.session.execute(sa.insert(Registration), [
        {"event_id": event.id, "user_id": users[participant_email(i)],
         "status": "confirmed", "name": f"参会者 {i}", "organization": "Org", "position": "",
         "country": "TH", "language": "en", "timezone": ZONE.key, "consented_at": now,
         "answers": {}, "created_at": now, "updated_at": now} for i in range(registrants)])
    registrations = db.session.scalars(
        sa.select(Registration.id).where(Registration.event_id == event.id)
        .order_by(Registration.id)).all()
    rows, held = [], {f.id: 0 for f in forums}
    for i, registration_id in enumerate(registrations):
        forum = forums[i % len(forums)]
        room = forum.capacity is None or held[forum.id] < forum.capacity
        held[forum.id] += room
        rows.append({"registration_id": registration_id, "subforum_id": forum.id,
                     "state": "held" if room else "waiting", "requested_at": now,
                     "held_since": now})
    db.session.execute(sa.insert(Seat), rows)
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrants", type=int, default=20_000)
    parser.add_argument("--subforums", type=int, default=35)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = bench_app()
    with app.app_context():
        fresh_tables()
        began = time.perf_counter()
        made = build(args.registrants, args.subforums)
        print(f"database: {db.engine.dialect.name}; {args.registrants} registrants in "
              f"{args.subforums} sub-forums of {made['capacity']} seats, built in "
              f"{time.perf_counter() - began:.1f} s")
        participant = db.session.scalar(sa.select(User).where(
            User.email == participant_email(0)))
        token = issue_token(db.session, participant)
        db.session.commit()
        db.session.remove()
    run_requests(app, made, token, args.runs)
    with app.app_context():
        drop_tables()


def run_requests(app, made: dict, token: str, runs: int) -> None:
    bearer = {"Authorization": f"Bearer {token}"}
    response = app.test_client().post("/api/v1/auth/tokens", json={
        "email": "organizer@bench.example.org", "password": PASSWORD})
    organizer_bearer = {"Authorization": f"Bearer {response.get_json()['token']}"}
    organizer = app.test_client()
    organizer.post("/auth/login", data={"email": "organizer@bench.example.org",
                                        "password": PASSWORD})
    member = app.test_client()
    member.post("/auth/login", data={"email": participant_email(0), "password": PASSWORD})
    feed = member.get("/api/v1/me/calendar", headers=bearer).get_json()["feed_url"]
    anonymous = app.test_client()
    print(f"{'URL':64} {'status':>6} {'pages':>5} {'queries':>7} {'median ms':>9} {'p95 ms':>7}")
    forum = made["forum"]
    for client, path, headers in (
        (organizer, f"/manage/events/{SLUG}/registrations", None),
        (organizer, f"/manage/events/{SLUG}/subforums/{forum}/registrations", None),
        (organizer, f"/manage/events/{SLUG}/registrations.csv", None),
        (anonymous, f"/api/v1/events/{SLUG}/registrations", organizer_bearer),
        (anonymous, f"/events/{SLUG}/subforums/{forum}", None),
        (member, f"/events/{SLUG}/subforums/{forum}", None),
        (anonymous, f"/api/v1/events/{SLUG}/subforums", None),
        (member, "/me/agenda", None),
        (anonymous, urlsplit(feed).path, None),
        (anonymous, "/api/v1/me/registrations", bearer),
    ):
        cost = measure(app, client, path, runs, headers=headers)
        print(f"{path[:64]:64} {cost.status:>6} {cost.pages:>5} {cost.statements:>7} "
              f"{cost.median * 1000:>9.0f} {cost.p95 * 1000:>7.0f}")
    # A switch to a full sub-forum: the request joins a line thousands long.
    seat_url = f"/api/v1/events/{SLUG}/subforums/{made['other_forum']}/seats"
    began = time.perf_counter()
    response = anonymous.post(seat_url, json={"switch": True}, headers=bearer)
    print(f"{'POST ' + seat_url:64} {response.status_code:>6} {'':>5} {'':>7} "
          f"{(time.perf_counter() - began) * 1000:>9.0f}")


if __name__ == "__main__":
    main()
