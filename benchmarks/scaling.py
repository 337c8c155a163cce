"""Benchmark: what each public request costs at 20 and at 1,000 sessions with 20,000
registrants, and the whole-event calendar beside what icalendar alone needs to write it.

    .venv/bin/python -m benchmarks.scaling [--sizes 20,1000] [--registrants 20000] [--runs 20]
    .venv/bin/python -m benchmarks.scaling --quick          # 5 runs per request
    LMEVENTS_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python …
    LMEVENTS_BENCH_REDIS_URL=redis://127.0.0.1:6379/12 …    # feeds kept in Redis

For each size the tables are made anew, the programme built through the services
(benchmarks.programme: one sub-forum per room, 35 rooms at 1,000 sessions, one per five
sessions below) and the registrants written in bulk (benchmarks.registrations: each holds a
seat in one sub-forum). Each request is then made `--runs` times after one warm-up: "cold"
clears the feed cache before each run, "cached" is served from it, a "304 poll" sends the
ETag back. The floor is icalendar building and writing an equivalent calendar, no database
and no Flask.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import statistics
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import Flask
from icalendar import Calendar, vDuration
from icalendar import Event as VEvent

from benchmarks.programme import SLUG, ZONE
from benchmarks.programme import build as build_programme
from benchmarks.registrations import participant_email, register_participants
from benchmarks.runner import (
    Cost,
    bench_app,
    cache_name,
    drop_tables,
    fresh_tables,
    measure,
    percentile,
)
from lmevents.auth.models import User
from lmevents.calendar.feeds import personal_feed_token
from lmevents.extensions import cache, db
from lmevents.subforums.models import SubForum

FOSDEM_ROOMS = 35


@dataclass(frozen=True)
class Probe:
    """One row of the table: a request, and how the feed cache stands when it is made."""

    label: str
    path: Callable[[Programme], str]
    cold: bool = False  # the cache is cleared before each run
    poll: bool = False  # If-None-Match: the ETag of the current feed

    @property
    def expected_status(self) -> int:
        return 304 if self.poll else 200


def _event_ics(p: Programme) -> str:
    return f"/events/{p.slug}/calendar.ics"


def _schedule_json(p: Programme) -> str:
    return f"/events/{p.slug}/schedule.json"


PROBES = (
    Probe("agenda page", lambda p: f"/events/{p.slug}/agenda"),
    Probe("sessions API, all pages", lambda p: f"/api/v1/events/{p.slug}/sessions"),
    Probe("event ICS, cold", _event_ics, cold=True),
    Probe("event ICS, cached", _event_ics),
    Probe("event ICS, 304 poll", _event_ics, poll=True),
    Probe("personal ICS, cold", lambda p: p.personal_feed, cold=True),
    Probe("personal ICS, cached", lambda p: p.personal_feed),
    Probe("speakers page", lambda p: f"/events/{p.slug}/speakers"),
    Probe("schedule.json, cold", _schedule_json, cold=True),
    Probe("schedule.json, cached", _schedule_json),
)


@dataclass
class Programme:
    sessions: int
    rooms: int
    registrants: int
    slug: str
    personal_feed: str  # participant 0's feed
    built_in: float  # seconds


@dataclass(frozen=True)
class Floor:
    """icalendar alone on a calendar like the whole-event feed."""

    vevents: int
    build: float  # median seconds to build the Calendar (VTIMEZONE included)
    to_ical: float  # median seconds of to_ical()
    to_ical_p95: float
    size: int  # bytes written


@dataclass(frozen=True)
class Feed:
    size: int  # bytes
    vevents: int


@dataclass
class SizeReport:
    programme: Programme
    costs: dict[str, Cost] = field(default_factory=dict)
    feeds: dict[str, Feed] = field(default_factory=dict)
    floor: Floor | None = None

    @property
    def ratio(self) -> float:
        """The cold whole-event ICS request against icalendar's to_ical() alone."""
        return self.costs["event ICS, cold"].median / self.floor.to_ical


@dataclass(frozen=True)
class Memory:
    """One cold whole-event ICS request."""

    sessions: int
    rss_before: int | None  # KiB, in a fresh process; None without Linux's /proc
    rss_peak: int | None  # KiB
    traced_peak: int  # bytes, tracemalloc


@dataclass
class Report:
    database: str
    cache: str
    runs: int
    sizes: list[SizeReport]
    memory: Memory | None
    seconds: float


def rooms_for(sessions: int) -> int:
    """FOSDEM's 35 rooms for a large programme; a roundtable's sub-forum per five sessions."""
    return min(FOSDEM_ROOMS, max(1, sessions // 5))


def build(app: Flask, sessions: int, registrants: int) -> Programme:
    """Fresh tables holding the programme and its registrants; no feed kept."""
    rooms = rooms_for(sessions)
    with app.app_context():
        fresh_tables()
        cache.clear()
        began = time.perf_counter()
        event = build_programme(sessions, rooms, slug=SLUG)
        forums = list(db.session.scalars(sa.select(SubForum).where(
            SubForum.event_id == event.id).order_by(SubForum.position)))
        register_participants(event, forums, registrants)
        owner = db.session.scalar(sa.select(User).where(User.email == participant_email(0)))
        token = personal_feed_token(db.session, owner, app.secret_key)
        db.session.commit()
        built_in = time.perf_counter() - began
        db.session.remove()
    return Programme(sessions, rooms, registrants, SLUG, f"/calendar/{token}.ics", built_in)


def clear_cache() -> None:
    cache.clear()


def measure_size(app: Flask, programme: Programme, runs: int) -> SizeReport:
    report = SizeReport(programme)
    client = app.test_client()
    for probe in PROBES:
        path = probe.path(programme)
        headers = None
        if probe.poll:
            headers = {"If-None-Match": client.get(path).headers["ETag"]}
        report.costs[probe.label] = measure(app, client, path, runs, headers=headers,
                                            before=clear_cache if probe.cold else None)
    for label, path in (("event ICS", _event_ics(programme)),
                        ("personal ICS", programme.personal_feed),
                        ("schedule.json", _schedule_json(programme))):
        body = client.get(path).get_data()
        report.feeds[label] = Feed(len(body), body.count(b"BEGIN:VEVENT"))
    report.floor = ics_floor(report.feeds["event ICS"].vevents, ZONE.key, runs)
    return report


def floor_calendar(count: int, zone_name: str) -> Calendar:
    """What the whole-event feed of `count` sessions holds, built with icalendar alone: the
    same calendar properties, and per VEVENT the same properties with texts of the same
    shape (benchmarks.programme's sessions), and the VTIMEZONE."""
    zone = ZoneInfo(zone_name)
    base = "http://127.0.0.1:5000/events/bench-programme/sessions"
    calendar = Calendar()
    calendar.add("prodid", "-//lmevents//lmevents programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", "Benchmark programme")
    calendar.add("x-wr-calname", "Benchmark programme")
    calendar.add("x-wr-timezone", zone_name)
    calendar.add("refresh-interval", vDuration(timedelta(hours=1)),
                 parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(timedelta(hours=1)))
    first = datetime(2027, 2, 6, 8, 30, tzinfo=zone)
    changed = datetime(2026, 11, 2, 10, 15, 30, tzinfo=UTC)
    for number in range(count):
        room = number % FOSDEM_ROOMS
        starts_at = first + timedelta(days=number // 500, minutes=30 * (number // 35 % 15))
        vevent = VEvent()
        vevent.add("uid", f"2f1c8e0a-5b7d-4c3e-9a61-{number:012d}")
        vevent.add("sequence", 0)
        vevent.add("dtstamp", changed)
        vevent.add("created", changed)
        vevent.add("last-modified", changed)
        vevent.add("dtstart", starts_at)
        vevent.add("dtend", starts_at + timedelta(minutes=25))
        vevent.add("summary", f"Talk {number}")
        vevent.add("description", "\n\n".join([
            f"Sub-forum T{room}: Track {room}",
            f"Speakers:\n1. Speaker {number} (Presenter)", "Topics:\n- Topic",
            f"{base}/{number + 1}"]))
        vevent.add("location", f"Room {room} (Other)")
        vevent.add("url", f"{base}/{number + 1}")
        vevent.add("categories", ["Parallel sub-forum"])
        vevent.add("status", "CONFIRMED")
        vevent.add("transp", "OPAQUE")
        calendar.add_component(vevent)
    margin = timedelta(days=366)  # as lmevents.calendar.exporters.ZONE_MARGIN
    calendar.add_missing_timezones((first - margin).date(), (first + margin).date())
    return calendar


def ics_floor(count: int, zone_name: str, runs: int) -> Floor:
    builds, writes = [], []
    gc.collect()
    gc.freeze()  # as benchmarks.runner.measure does for requests
    for _ in range(runs):
        began = time.perf_counter()
        calendar = floor_calendar(count, zone_name)
        built = time.perf_counter()
        body = calendar.to_ical()
        writes.append(time.perf_counter() - built)
        builds.append(built - began)
    return Floor(count, statistics.median(builds), statistics.median(writes),
                 percentile(writes, 0.95), len(body))


def _rss() -> dict[str, int] | None:
    """Linux: the resident set now and its high-water mark (VmRSS, VmHWM), in KiB."""
    try:
        with open("/proc/self/status") as status:
            return {key: int(value.split()[0]) for key, value in (
                line.split(":", 1) for line in status) if key in ("VmRSS", "VmHWM")}
    except OSError:
        return None


def cold_render_rss(database_url: str, redis_url: str | None, warm_up: str,
                    path: str) -> tuple[int, int] | None:
    """In a fresh process: the app made and `warm_up` requested (a smaller feed, so the
    rendering code and catalogues are loaded), then the RSS before and the peak RSS during a
    cold request of `path`, in KiB; None where Linux's /proc is not there to say.

    The peak is VmHWM, reset just before by writing 5 to /proc/self/clear_refs (proc(5)).
    resource.getrusage's ru_maxrss cannot say it here: across exec it keeps the peak of the
    process that started this one."""
    app = bench_app(database_url, redis_url)
    client = app.test_client()
    client.get(warm_up)
    with app.app_context():
        cache.clear()
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return None
    before = _rss()
    if client.get(path).status_code != 200:
        raise RuntimeError(f"{path} failed")
    return before["VmRSS"], _rss()["VmHWM"]


def peak_memory(app: Flask, programme: Programme) -> Memory:
    """One cold whole-event ICS request, twice: in a process of its own for the peak RSS
    (the benchmark's own process reuses the memory the builds freed, which would hide
    it), and here under tracemalloc (which slows it down) for the peak of what Python
    allocated."""
    path = _event_ics(programme)
    redis_url = app.config.get("CACHE_REDIS_URL") if app.config["CACHE_TYPE"] == \
        "RedisCache" else None
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as process:
        rss = process.submit(cold_render_rss, app.config["SQLALCHEMY_DATABASE_URI"],
                             redis_url, programme.personal_feed, path).result()
    client = app.test_client()
    with app.app_context():
        cache.clear()
    gc.collect()
    tracemalloc.start()
    try:
        client.get(path)
        traced_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return Memory(programme.sessions, *(rss or (None, None)), traced_peak)


def benchmark(app: Flask, sizes: list[int], registrants: int, runs: int,
              log: Callable[[str], None] = print) -> Report:
    """Every probe at every size; the memory of the largest size's cold event ICS."""
    began = time.perf_counter()
    with app.app_context():
        database = db.engine.dialect.name
    reports = []
    memory = None
    try:
        for sessions in sorted(sizes):
            programme = build(app, sessions, registrants)
            log(f"built {sessions:,} sessions in {programme.rooms} rooms with "
                f"{registrants:,} registrants in {programme.built_in:.1f} s")
            reports.append(measure_size(app, programme, runs))
            if sessions == max(sizes):
                memory = peak_memory(app, programme)
    finally:
        gc.unfreeze()
        with app.app_context():
            drop_tables()
            cache.clear()
    return Report(database, cache_name(app), runs, reports, memory,
                  time.perf_counter() - began)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}" if seconds < 0.1 else f"{seconds * 1000:.0f}"


def _kib(size: int) -> str:
    return f"{size / 1024:,.0f} KiB"


def format_report(report: Report) -> str:
    cell = "{:>4} {:>5} {:>9} {:>8}"
    width = len(cell.format("", "", "", ""))
    lines = [f"database: {report.database}; feeds kept: {report.cache}; "
             f"{report.runs} runs per request after a warm-up", ""]
    lines.append(f"{'':28}" + "".join(
        f" | {f'{s.programme.sessions:,} sessions':^{width}}" for s in report.sizes))
    lines.append(f"{'request':28}" + "".join(
        " | " + cell.format("HTTP", "SQL", "median ms", "p95 ms") for _ in report.sizes))
    lines.append("-" * len(lines[-1]))
    for probe in PROBES:
        row = f"{probe.label:28}"
        for size in report.sizes:
            cost = size.costs[probe.label]
            status = f"{cost.status}" + ("" if cost.status == probe.expected_status else "!")
            sql = f"{cost.statements}" + (f"/{cost.pages}p" if cost.pages > 1 else "")
            row += " | " + cell.format(status, sql, _ms(cost.median), _ms(cost.p95))
        lines.append(row)
    lines.append("")
    for size in report.sizes:
        p, floor = size.programme, size.floor
        feeds = ", ".join(f"{label} {_kib(feed.size)}"
                          + (f" ({feed.vevents:,} VEVENTs)" if feed.vevents else "")
                          for label, feed in size.feeds.items())
        lines += [
            f"{p.sessions:,} sessions ({p.rooms} rooms, {p.registrants:,} registrants, built in "
            f"{p.built_in:.1f} s): {feeds}",
            f"  floor, icalendar alone: {floor.vevents:,} VEVENTs + VTIMEZONE, to_ical() "
            f"median {_ms(floor.to_ical)} ms (p95 {_ms(floor.to_ical_p95)}), {_kib(floor.size)}"
            f"; building that Calendar {_ms(floor.build)} ms more",
            f"  cold event ICS / floor: {size.ratio:.1f} x to_ical(), "
            f"{size.costs['event ICS, cold'].median / (floor.build + floor.to_ical):.1f} x "
            f"build + to_ical()",
        ]
    memory = report.memory
    if memory is not None:
        lines.append("")
        lines.append(f"memory of one cold event ICS request at {memory.sessions:,} sessions:")
        if memory.rss_peak is not None:
            lines.append(
                f"  peak RSS {memory.rss_peak / 1024:.0f} MiB, "
                f"+{(memory.rss_peak - memory.rss_before) / 1024:.0f} MiB over the "
                f"{memory.rss_before / 1024:.0f} MiB before, in a fresh process (VmHWM of "
                f"/proc/self/status, reset through /proc/self/clear_refs)")
        lines.append(f"  peak of Python allocations {memory.traced_peak / 2**20:.0f} MiB "
                     f"(tracemalloc, a run of its own)")
    lines.append("")
    lines.append(f"whole run: {report.seconds:.0f} s")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,1000",
                        help="programme sizes in sessions, comma-separated (20,1000)")
    parser.add_argument("--registrants", type=int, default=20_000)
    parser.add_argument("--runs", type=int, help="runs per request (20; 5 with --quick)")
    parser.add_argument("--quick", action="store_true", help="fewer runs: 5 per request")
    args = parser.parse_args()
    runs = args.runs or (5 if args.quick else 20)
    sizes = [int(size) for size in args.sizes.split(",")]
    report = benchmark(bench_app(), sizes, args.registrants, runs)
    print()
    print(format_report(report))


if __name__ == "__main__":
    main()
