"""Benchmark: a FOSDEM-sized programme, and what its pages and API cost.

    .venv/bin/python -m benchmarks.programme [--sessions 1000] [--rooms 35] [--runs 5]
    LMEVENTS_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python …

Builds the programme through the real services (every scheduling rule checked), then requests
each URL `--runs` times and prints SQL statements per request, the median and the 95th
percentile wall time (feeds as served once rendered: from the cache).
"""

from __future__ import annotations

import argparse
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from benchmarks.runner import bench_app, drop_tables, fresh_tables, measure
from lmevents.agenda.models import SessionKind
from lmevents.agenda.rooms import RoomInput, create_room
from lmevents.agenda.services import SessionInput, SpeakerEntry, TopicEntry, create_session
from lmevents.events.models import Event
from lmevents.events.services import EventInput, create_event, publish_event
from lmevents.extensions import db
from lmevents.speakers.services import SpeakerInput, create_speaker
from lmevents.subforums.services import SubForumInput, create_subforum

SLUG = "bench-programme"
ZONE = ZoneInfo("Europe/Brussels")


def build(sessions: int, rooms: int, slug: str = SLUG) -> Event:
    """A published two-day event of `sessions` 25-minute talks, each with its own speaker,
    laid out half-hourly in `rooms` parallel rooms, one sub-forum (track) per room."""
    days = 2
    per_room_day = -(-sessions // (rooms * days))
    first_day = date(2027, 2, 6)
    event = create_event(db.session, EventInput(
        slug=slug, timezone=ZONE.key, start_date=first_day,
        end_date=first_day + timedelta(days=days - 1), title_en="Benchmark programme"))
    made = 0
    for r in range(rooms):
        room = create_room(db.session, event, RoomInput(name_en=f"Room {r}"))
        forum = create_subforum(db.session, event, SubForumInput(
            code=f"T{r}", title_en=f"Track {r}", room_id=room.id, position=r))
        for d in range(days):
            for slot in range(per_room_day):
                if made == sessions:
                    break
                start = datetime.combine(first_day + timedelta(days=d),
                                         datetime.min.time(), ZONE) + timedelta(
                    hours=8, minutes=30 * slot)
                speaker = create_speaker(db.session, SpeakerInput(name_en=f"Speaker {made}"))
                create_session(db.session, event, SessionInput(
                    kind=SessionKind.SUBFORUM, starts_at=start,
                    ends_at=start + timedelta(minutes=25), room_id=room.id,
                    subforum_id=forum.id, title_en=f"Talk {made}", title_zh=f"报告 {made}",
                    speakers=[SpeakerEntry(speaker.id, "presenter")],
                    topics=[TopicEntry("主题", "Topic")]))
                made += 1
        db.session.commit()
    publish_event(db.session, event)
    db.session.commit()
    return event


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--rooms", type=int, default=35)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = bench_app()
    with app.app_context():
        fresh_tables()
        began = time.perf_counter()
        build(args.sessions, args.rooms)
        print(f"database: {db.engine.dialect.name}; built {args.sessions} sessions in "
              f"{args.rooms} parallel rooms in {time.perf_counter() - began:.1f} s")
        forum_id = db.session.execute(sa.text("SELECT min(id) FROM subforums")).scalar_one()
        db.session.remove()
    client = app.test_client()
    print(f"{'URL':60} {'status':>6} {'pages':>5} {'queries':>7} {'median ms':>9} {'p95 ms':>7}")
    for path in (f"/events/{SLUG}/agenda", f"/events/{SLUG}/",
                 f"/events/{SLUG}/subforums/{forum_id}",
                 f"/events/{SLUG}/speakers", f"/api/v1/events/{SLUG}/sessions",
                 f"/api/v1/events/{SLUG}/subforums", f"/api/v1/events/{SLUG}/speakers",
                 f"/events/{SLUG}/calendar.ics",
                 f"/events/{SLUG}/subforums/{forum_id}/calendar.ics"):
        cost = measure(app, client, path, args.runs)
        print(f"{path:60} {cost.status:>6} {cost.pages:>5} {cost.statements:>7} "
              f"{cost.median * 1000:>9.0f} {cost.p95 * 1000:>7.0f}")
    with app.app_context():
        drop_tables()


if __name__ == "__main__":
    main()
