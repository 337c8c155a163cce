"""Benchmark: lmevents under load, through gunicorn on loopback: requests per second beside a
trivial Flask view, a burst of seat requests for a full sub-forum, and how long each seat
change holds its event's row lock.

    LMEVENTS_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/lmevents_load \\
    LMEVENTS_BENCH_REDIS_URL=redis://127.0.0.1:6379/11 .venv/bin/python -m benchmarks.load
      [--sessions 1000] [--participants 1000] [--burst-threads 64]
      [--seconds 10] [--connections 16] [--client wrk|python]

The tables of the PostgreSQL database named are dropped and made anew (give it one of its
own), then filled: through the services, the demo roundtable placed 30 days ahead (8
sessions, sub-forums A and B of 100 seats) and a programme of `--sessions` talks in 35 rooms
(benchmarks.programme; 0: none); in bulk, as benchmarks.registrations does, `--participants`
+ 1 confirmed registrants, each with a bearer token (issue_token; the last holds a seat in
A). Rendered feeds go to the Redis database named (its lmevents: keys cleared first), else
stay in each worker.

gunicorn serves with benchmarks/gunicorn_load.py (rate limits off, the row-lock log). Rates:
`gunicorn -w 2` serving benchmarks/trivial_app.py, then the app (wsgi:app); each target is
asked for by wrk (one thread, `--connections`), or by Python threads when wrk is missing, for
`--seconds` after two seconds of warm-up. The burst: `gunicorn -w 4`; every participant but
the last POSTs a seat request for sub-forum B once, through `--burst-threads` client threads
started together; its outcome is then read from the database.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import gunicorn
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from werkzeug.security import generate_password_hash

from benchmarks import gunicorn_load
from benchmarks.load_clients import (
    BurstAnswers,
    Rate,
    Target,
    ask,
    python_rate,
    seat_burst,
    wrk_rate,
    wrk_version,
)
from benchmarks.load_locks import LockHolds, lock_holds, read_lock_log
from benchmarks.programme import SLUG as LARGE_SLUG
from benchmarks.programme import build as build_programme
from benchmarks.registrations import PASSWORD, participant_email
from benchmarks.runner import DATABASE_ENV, REDIS_ENV, bench_app, fresh_tables, percentile
from benchmarks.scaling import rooms_for
from lmevents.agenda.models import Session
from lmevents.auth.models import User
from lmevents.auth.services import issue_token
from lmevents.core.models import utcnow
from lmevents.demo.dates import place_demo
from lmevents.demo.roundtable import SLUG as DEMO_SLUG
from lmevents.events.models import Event
from lmevents.extensions import cache, db
from lmevents.registration.models import Registration, Seat, SeatState
from lmevents.registration.seats import registration_with_seats, take_seat
from lmevents.subforums.models import SubForum

ROOT = Path(__file__).resolve().parent.parent
CONFIG = str(Path(__file__).with_name("gunicorn_load.py"))
READ_WORKERS = 2
BURST_WORKERS = 4
REFERENCE_PATH = "/api/v1/events"  # the seat burst's yardstick
WARM_UP = 2.0  # seconds of requests before each measured run


@dataclass
class Built:
    demo_sessions: int
    large_sessions: int
    burst_forum: int  # the demo's sub-forum B
    capacity: int
    seated_forum: int  # sub-forum A, where the prober holds a seat
    prober_token: str
    burst_tokens: list[str]
    seconds: float


def register_without_seats(event: Event, count: int) -> list[User]:
    """`count` confirmed registrants of `event` (participant_email(0)…), none with a seat yet,
    written in bulk as benchmarks.registrations does."""
    now, hashed = utcnow(), generate_password_hash(PASSWORD)
    emails = [participant_email(i) for i in range(count)]
    db.session.execute(sa.insert(User), [
        {"email": email, "password_hash": hashed, "name": f"参会者 {i}", "organization": "",
         "language": "zh" if i % 2 else "en", "role": "participant", "active": True,
         "email_confirmed_at": now, "created_at": now} for i, email in enumerate(emails)])
    users = {u.email: u for u in db.session.scalars(sa.select(User).where(
        User.email.in_(emails)))}
    db.session.execute(sa.insert(Registration), [
        {"event_id": event.id, "user_id": users[email].id, "status": "confirmed",
         "name": f"参会者 {i}", "organization": "Org", "position": "", "country": "LA",
         "language": "en", "timezone": event.timezone, "consented_at": now, "answers": {},
         "created_at": now, "updated_at": now} for i, email in enumerate(emails)])
    return [users[email] for email in emails]


def build(app, sessions: int, participants: int) -> Built:
    """Fresh tables: the demo roundtable placed ahead, its registrants and their tokens, and
    a programme of `sessions` talks (none when 0)."""
    with app.app_context():
        fresh_tables()
        cache.clear()
        began = time.perf_counter()
        place_demo(db.session, date.today() + timedelta(days=30))
        db.session.commit()
        event = db.session.scalar(sa.select(Event).where(Event.slug == DEMO_SLUG))
        forums = {forum.code: forum for forum in db.session.scalars(
            sa.select(SubForum).where(SubForum.event_id == event.id))}
        users = register_without_seats(event, participants + 1)
        tokens = [issue_token(db.session, user, "load benchmark") for user in users]
        prober = db.session.scalar(sa.select(Registration.id).where(
            Registration.user_id == users[-1].id))
        take_seat(db.session, registration_with_seats(db.session, prober), forums["A"])
        db.session.commit()
        demo_sessions = db.session.scalar(sa.select(sa.func.count()).select_from(Session)
                                          .where(Session.event_id == event.id))
        if sessions:
            build_programme(sessions, rooms_for(sessions), slug=LARGE_SLUG)
        built = Built(demo_sessions, sessions, forums["B"].id, forums["B"].capacity,
                      forums["A"].id, tokens[-1], tokens[:-1], time.perf_counter() - began)
        db.session.remove()
    return built


# gunicorn --------------------------------------------------------------------------------


def server_environment(database_url: str, redis_url: str | None,
                       lock_log: str | None = None) -> dict[str, str]:
    """This process's environment without any LMEVENTS_ setting of the site's, plus the
    benchmark's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LMEVENTS_")}
    env |= {"LMEVENTS_DATABASE_URL": database_url, "LMEVENTS_SECRET_KEY": "load benchmark"}
    if redis_url:
        env["LMEVENTS_REDIS_URL"] = redis_url
    if lock_log:
        env[gunicorn_load.LOCK_LOG_ENV] = lock_log
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(app_path: str, workers: int, env: dict[str, str], scratch: str) -> Iterator[str]:
    """gunicorn serving `app_path` with `workers` sync workers on a free loopback port, once
    every worker has loaded the app: its base URL. Stopped (SIGTERM) on leaving."""
    port = _free_port()
    log = os.path.join(scratch, f"gunicorn-{app_path.replace(':', '-')}-{workers}.log")
    with open(log + ".out", "w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", CONFIG, "-w", str(workers),
             "-b", f"127.0.0.1:{port}", "--error-logfile", log, app_path],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            ready = Path(log).read_text().count(gunicorn_load.READY) if Path(log).exists() else 0
            if ready >= workers:
                break
            if server.poll() is not None or time.monotonic() > deadline:
                tail = Path(log).read_text()[-2000:] if Path(log).exists() else ""
                raise RuntimeError(f"gunicorn {app_path} did not start:\n{tail}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# rates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    target: Target
    status: int  # of one request made before the run
    rate: Rate


Client = Callable[[str, Target, float, int, str], Rate]


def measure_rates(base: str, targets: Sequence[Target], client: Client, seconds: float,
                  connections: int, scratch: str) -> list[Measured]:
    measured = []
    for target in targets:
        status = ask(base, target)[0]
        client(base, target, WARM_UP, connections, scratch)
        measured.append(Measured(target, status, client(base, target, seconds, connections,
                                                        scratch)))
    return measured


def app_targets(base: str, built: Built) -> list[Target]:
    """The agenda page and a 304 poll of the whole-event calendar of each programme (the
    ETag from a GET made now), and a seat request of a participant seated already."""
    programmes = [(DEMO_SLUG, built.demo_sessions)]
    if built.large_sessions:
        programmes.append((LARGE_SLUG, built.large_sessions))
    targets = []
    for slug, sessions in programmes:
        day = " (its first day)" if sessions > 60 else ""  # the agenda shows a day at a time
        targets.append(Target(f"agenda page, {sessions:,} sessions{day}",
                              f"/events/{slug}/agenda"))
        ics = f"/events/{slug}/calendar.ics"
        etag = ask(base, Target("", ics))[1]["etag"]
        targets.append(Target(f"event ICS 304 poll, {sessions:,} sessions", ics,
                              headers={"If-None-Match": etag}, expected=304))
    targets.append(Target(
        f"seat request, already seated, {built.demo_sessions} sessions",
        f"/api/v1/events/{DEMO_SLUG}/subforums/{built.seated_forum}/seats", method="POST",
        headers={"Authorization": f"Bearer {built.prober_token}",
                 "Content-Type": "application/json"}, body=b"{}", expected=200))
    return targets


# the burst -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Burst:
    participants: int
    threads: int
    capacity: int
    seconds: float
    statuses: Counter
    connection_errors: list[str]
    held: int  # in the database afterwards
    waiting: int
    places_in_order: bool  # the stored line is 1…n in seat order, each place as told

    @property
    def rate(self) -> float:
        return self.participants / self.seconds

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    @property
    def as_expected(self) -> bool:
        return (self.statuses == Counter({201: self.participants})
                and not self.connection_errors and self.held == self.capacity
                and self.waiting == self.participants - self.capacity and self.places_in_order)


def burst_outcome(app, built: Built, threads: int, answers: BurstAnswers) -> Burst:
    """The burst's answers beside what the database holds for the sub-forum afterwards."""
    told = {body.get("id"): body.get("waiting_position") for status, body in answers.answers
            if status == 201 and body.get("state") == "waiting"}
    with app.app_context():
        states = Counter(dict(db.session.execute(
            sa.select(Seat.state, sa.func.count()).where(Seat.subforum_id == built.burst_forum)
            .group_by(Seat.state)).all()))
        line = db.session.scalars(sa.select(Seat.id).where(
            Seat.subforum_id == built.burst_forum, Seat.state == SeatState.WAITING)
            .order_by(Seat.id)).all()
        db.session.remove()
    in_order = [told.get(seat_id) for seat_id in line] == list(range(1, len(line) + 1))
    return Burst(len(built.burst_tokens), threads, built.capacity, answers.seconds,
                 Counter(status for status, _ in answers.answers), answers.connection_errors,
                 states[SeatState.HELD], states[SeatState.WAITING], in_order)


# the run ---------------------------------------------------------------------------------


@dataclass
class Report:
    database: str
    cache: str
    client: str
    connections: int
    seconds: float  # per measured run
    built: Built
    trivial: Measured
    rates: list[Measured]
    burst: Burst
    locks: LockHolds
    run: float = 0.0
    # The same client, threads and participants GETting the events list on the same server
    # just before the burst: what a light authenticated read runs at, the burst's yardstick.
    reference: float = 0.0


def run(options: argparse.Namespace, log: Callable[[str], None] = print) -> Report:
    began = time.perf_counter()
    app = bench_app(options.database_url, options.redis_url)
    built = build(app, options.sessions, options.participants)
    log(f"built the demo ({built.demo_sessions} sessions, {options.participants + 1:,} "
        f"registrants with tokens)" + (f" and {built.large_sessions:,} sessions in "
                                       f"{rooms_for(built.large_sessions)} rooms"
                                       if built.large_sessions else "")
        + f" in {built.seconds:.1f} s")
    wrk = wrk_version() if options.client in ("auto", "wrk") else None
    if options.client == "wrk" and wrk is None:
        raise SystemExit("wrk is not installed (apt-get install wrk), try --client python")
    client: Client = wrk_rate if wrk else python_rate
    client_name = (f"{wrk}, 1 thread" if wrk else
                   "Python threads (http.client), one per connection")
    with tempfile.TemporaryDirectory(prefix="lmevents-load-") as scratch:
        env = server_environment(options.database_url, options.redis_url)
        with serving("benchmarks.trivial_app:app", READ_WORKERS, env, scratch) as base:
            (trivial,) = measure_rates(base, [Target("trivial Flask view", "/")], client,
                                       options.seconds, options.connections, scratch)
        log(f"trivial view: {trivial.rate.per_second:,.0f} requests/s")
        with serving("wsgi:app", READ_WORKERS, env, scratch) as base:
            rates = measure_rates(base, app_targets(base, built), client, options.seconds,
                                  options.connections, scratch)
        log("app: " + ", ".join(f"{m.rate.per_second:,.0f}" for m in rates) + " requests/s")
        lock_log = os.path.join(scratch, "locks.jsonl")
        env = server_environment(options.database_url, options.redis_url, lock_log)
        with serving("wsgi:app", BURST_WORKERS, env, scratch) as base:
            read = seat_burst(base, REFERENCE_PATH, built.burst_tokens, options.burst_threads,
                              method="GET")
            answers = seat_burst(
                base, f"/api/v1/events/{DEMO_SLUG}/subforums/{built.burst_forum}/seats",
                built.burst_tokens, options.burst_threads)
        burst = burst_outcome(app, built, options.burst_threads, answers)
        locks = lock_holds(read_lock_log(lock_log))
    url = make_url(options.database_url)
    return Report(f"PostgreSQL, database {url.database}", (
        f"Redis {options.redis_url}" if options.redis_url else "in each worker"),
        client_name, options.connections, options.seconds, built, trivial, rates, burst,
        locks, time.perf_counter() - began, len(read.answers) / read.seconds)


# the table -------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}" if seconds < 0.01 else f"{seconds * 1000:.1f}"


def _spread(values: Sequence[float], show: Callable[[float], str] = _ms) -> list[str]:
    if not values:
        return ["-", "-", "-"]
    return [show(statistics.median(values)), show(percentile(list(values), 0.95)),
            show(max(values))]


def format_report(report: Report) -> str:
    built, burst, locks = report.built, report.burst, report.locks
    lines = [
        f"lmevents under load: gunicorn {gunicorn.__version__} (sync workers) on 127.0.0.1; "
        f"{report.database}; "
        f"feeds kept in {report.cache}",
        f"client: {report.client}, {report.connections} connections, "
        f"{report.seconds:.0f} s per row after {WARM_UP:.0f} s of warm-up; "
        f"{os.cpu_count()} cores shared by client and server",
        "",
    ]
    head = (f"{f'requests per second, gunicorn -w {READ_WORKERS}':48} {'HTTP':>4} "
            f"{'req/s':>7} {'x trivial':>9} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}")
    lines += [head, "-" * len(head)]
    floor = report.trivial.rate.per_second
    for measured in [report.trivial, *report.rates]:
        rate, target = measured.rate, measured.target
        status = f"{measured.status}" + ("" if measured.status == target.expected else "!")
        ratio = rate.per_second / floor if floor else 0.0
        lines.append(f"{target.label:48} {status:>4} {rate.per_second:>7,.0f} {ratio:>9.2f} "
                     f"{_ms(rate.p50):>7} {_ms(rate.p99):>7} {rate.errors:>6}")
    answers = ", ".join(f"{status} x {count:,}" for status, count in sorted(
        burst.statuses.items())) or "none"
    lines += [
        "",
        f"seat burst, gunicorn -w {BURST_WORKERS}: {burst.participants:,} registered "
        f"participants POST a seat in sub-forum B ({burst.capacity} seats) at once, through "
        f"{burst.threads} client threads",
        f"  {sum(burst.statuses.values()):,} answers in {burst.seconds:.2f} s: "
        f"{burst.rate:,.0f} requests/s"
        + (f", {burst.rate / report.reference:.2f} x the {report.reference:,.0f} requests/s "
           f"of GET {REFERENCE_PATH} by the same client and server" if report.reference
           else ""),
        f"  answers: {answers}; 5xx: {burst.server_errors}; connection errors: "
        f"{len(burst.connection_errors)}",
        f"  database afterwards: {burst.held} held, {burst.waiting} waiting with places "
        f"1-{burst.waiting} " + ("in the order stored, each as told" if burst.places_in_order
                                 else "NOT in the order stored or told"),
        f"  expected {burst.capacity} held, {burst.participants - burst.capacity} waiting, "
        f"0 errors: " + ("yes" if burst.as_expected else "NO"),
    ]
    if burst.connection_errors:
        lines.append(f"  first connection error: {burst.connection_errors[0]}")
    lines += [
        "",
        f"the event's row lock in each seat transaction of the burst ({len(locks.held):,} "
        "committed" + (f", {locks.rolled_back} rolled back" if locks.rolled_back else "")
        + "): held from the FOR UPDATE's return to COMMIT's",
        f"  {'':34} {'median':>7} {'p95':>7} {'max':>7}",
        f"  {'held, ms':34} " + " ".join(f"{v:>7}" for v in _spread(locks.held)),
        f"  {'  in statements, ms':34} " + " ".join(
            f"{v:>7}" for v in _spread(locks.in_statements)),
        f"  {'  in COMMIT, ms':34} " + " ".join(f"{v:>7}" for v in _spread(locks.commit)),
        f"  {'  in Python between them, ms':34} " + " ".join(
            f"{v:>7}" for v in _spread(locks.python)),
        f"  {'waited for it, ms':34} " + " ".join(f"{v:>7}" for v in _spread(locks.waited)),
        f"  {'statements inside the lock':34} " + " ".join(
            f"{v:>7}" for v in _spread(locks.statements, lambda n: f"{n:.0f}")),
    ]
    for shape in locks.shapes[:2]:
        lines.append(f"  {shape.count:,} transactions ran these {len(shape.statements)} "
                     "statements under it (median ms each):")
        lines += [f"    {_ms(seconds):>6}  {sql}" for sql, seconds in shape.statements]
    lines += ["", f"built in {built.seconds:.0f} s; whole run {report.run:.0f} s"]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000,
                        help="talks in the large programme, 0 for none (1000)")
    parser.add_argument("--participants", type=int, default=1000,
                        help="participants in the seat burst (1000)")
    parser.add_argument("--burst-threads", type=int, default=64,
                        help="client threads of the burst (64)")
    parser.add_argument("--seconds", type=float, default=10.0,
                        help="seconds per measured rate (10)")
    parser.add_argument("--connections", type=int, default=16,
                        help="concurrent connections of the rate client (16)")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto",
                        help="rate client: wrk when installed (auto), or Python threads")
    parser.add_argument("--database-url", default=os.environ.get(DATABASE_ENV),
                        help=f"PostgreSQL whose tables are made anew (${DATABASE_ENV})")
    parser.add_argument("--redis-url", default=os.environ.get(REDIS_ENV),
                        help=f"Redis for the workers' feeds (${REDIS_ENV}); else per worker")
    options = parser.parse_args(argv)
    if not (options.database_url or "").startswith(("postgresql", "postgres://")):
        parser.error(f"name a PostgreSQL database of its own in {DATABASE_ENV} or "
                     "--database-url: the workers share it, and its row locks are measured")
    if options.participants < 1 or options.burst_threads < 1 or options.connections < 1:
        parser.error("--participants, --burst-threads and --connections must be 1 or more")
    return options


def main() -> None:
    options = parse_args()
    report = run(options)
    print()
    print(format_report(report))


if __name__ == "__main__":
    main()
