"""Faults of a real deployment: the database server restarting under load, and two app
instances behind a reverse proxy sharing PostgreSQL and Redis.

Both run the app over real HTTP. The restart happens on a PostgreSQL server of the test's own,
never on the shared one other test runs use.
"""

from __future__ import annotations

import glob
import http.client
import itertools
import json
import os
import pwd
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.serving import make_server

from lmevents.auth.services import issue_token
from lmevents.extensions import db
from lmevents.registration.models import Registration, Seat
from tests import factories
from tests.conftest import make_app
from tests.probes import PROBLEM
from tests.redis_db import own_redis

ROOT = Path(__file__).resolve().parents[2]
CONSENT = {"consent": True}
# An HTTP answer that takes longer than this is a hang, not an answer.
PATIENCE = 15.0
# Client threads of the load run, each registering one participant after another.
CLIENTS = 16


# --- HTTP as a client sees it ------------------------------------------------------------

@dataclass
class Reply:
    status: int | None  # None: no HTTP answer at all (timeout, connection dropped)
    body: dict
    headers: dict = field(default_factory=dict)
    mimetype: str = ""
    sent: float = 0.0
    answered: float = 0.0
    who: int = 0  # the participant (user id) who sent it


# Straight to the loopback servers, whatever proxy the environment names.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def call(url: str, method: str = "POST", body: dict | None = None,
         headers: dict | None = None) -> Reply:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Content-Type": "application/json", **(headers or {})})
    sent = time.monotonic()
    try:
        with _opener.open(request, timeout=PATIENCE) as response:
            status, raw, answer = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, raw, answer = error.code, error.read(), error.headers
    except OSError as error:  # refused, reset, timed out: no answer
        return Reply(None, {"error": repr(error)}, sent=sent, answered=time.monotonic())
    try:
        parsed = json.loads(raw) if raw else {}
    except ValueError:
        parsed = {"raw": raw[:200].decode(errors="replace")}
    return Reply(status, parsed, dict(answer.items()), answer.get_content_type(), sent,
                 time.monotonic())


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def participants(dbs, count: int, prefix: str) -> list[tuple[int, str]]:
    """`count` participant accounts, each with a bearer token issued directly (so many at
    once do not trip the sign-in rate limit): [(user id, token)]."""
    people = []
    for i in range(count):
        user = factories.make_user(dbs, f"{prefix}{i}@example.org")
        people.append((user.id, issue_token(dbs, user, label="tests")))
    dbs.commit()
    return people


@contextmanager
def serving(app):
    """The app on a threaded HTTP server on a free loopback port (as `live_server`)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- Test 1: the database restarts during a load run ------------------------------------

def postgres_bindir() -> Path | None:
    """Where initdb and pg_ctl are: the newest /usr/lib/postgresql/<n>/bin, else PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path and shutil.which("initdb") else None


class PrivatePostgres:
    """A throwaway PostgreSQL server (trust auth, fsync off) on a free loopback port."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="lmevents-pg-"))
        # initdb refuses to run as root: as root, the server belongs to the postgres user.
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = self.root / "data"
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self.running = False

    def _pg(self, program: str, *args: str) -> None:
        done = subprocess.run([*self.as_user, str(self.bindir / program), *args],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"{program} {' '.join(args)}: {done.stdout}{done.stderr}"

    def init(self) -> None:
        self._pg("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                 "--no-sync")

    def start(self) -> None:
        options = (f"-c port={self.port} -c listen_addresses=127.0.0.1 "
                   "-c unix_socket_directories='' -c fsync=off -c full_page_writes=off")
        self._pg("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w",
                 "-t", "30", "-o", options, "start")
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        self._pg("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")
        self.running = False

    def destroy(self) -> None:
        try:
            if self.running:
                self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def private_postgres():
    """A PostgreSQL server of this test's own, removed afterwards even when the test fails."""
    bindir = postgres_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed: the "
                    "database restart test needs a server of its own to restart")
    if os.geteuid() == 0 and not (shutil.which("runuser") and _has_user("postgres")):
        pytest.skip("running as root needs the 'postgres' OS user and runuser to start a "
                    "private PostgreSQL server")
    server = PrivatePostgres(bindir)
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.destroy()


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture
def private_app(private_postgres):
    """The app on the private server, with the schema built as the suite builds it."""
    app = make_app(private_postgres.url)
    with app.app_context():
        db.create_all()
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


class RegistrationLoad:
    """Client threads registering distinct participants, each retrying (after a short
    pause, as a person would) until the app acknowledges the registration."""

    def __init__(self, url: str, people: list[tuple[int, str]], clients: int):
        self.url = url
        self.pending: queue.Queue = queue.Queue()
        for person in people:
            self.pending.put(person)
        self.replies: list[Reply] = []
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._client, daemon=True)
                        for _ in range(clients)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(PATIENCE * 2)

    def _client(self) -> None:
        while not self.stopping.is_set():
            try:
                user_id, token = self.pending.get_nowait()
            except queue.Empty:
                return
            while not self.stopping.is_set():
                reply = call(self.url, body=CONSENT, headers=bearer(token))
                reply.who = user_id
                with self.changed:
                    self.replies.append(reply)
                    self.changed.notify_all()
                if reply.status in (200, 201):
                    break
                self.stopping.wait(0.05)

    def wait_until(self, predicate, timeout: float = 15.0) -> list[Reply]:
        with self.changed:
            reached = self.changed.wait_for(lambda: predicate(self.replies), timeout)
            assert reached, f"the load stalled: {Counter(r.status for r in self.replies)}"
            return list(self.replies)


def acknowledged(reply: Reply) -> bool:
    return reply.status in (200, 201)


@pytest.mark.postgres_only("a database restart needs a PostgreSQL server of the test's own")
def test_no_acknowledged_registration_is_lost_when_the_database_restarts_under_load(
    database_url, private_postgres, private_app  # database_url: the PostgreSQL run only
):
    """A participant told "registered" (201, or 200 "already registered") is registered, even
    when the database restarts mid-load; during the outage each request gets a prompt, clean
    problem+json error (never a hang), and afterwards the same app process serves again."""
    dbs = db.session
    event = factories.make_event(dbs)
    people = participants(dbs, 500, "loaded")
    (late_id, late_token), people = people[-1], people[:-1]
    url_of = f"/api/v1/events/{event.slug}/registrations"
    dbs.remove()
    began = time.monotonic()

    with serving(private_app) as base, RegistrationLoad(base + url_of, people, CLIENTS) as load:
        load.wait_until(lambda rs: sum(map(acknowledged, rs)) >= 60)
        down = time.monotonic()
        private_postgres.stop("fast")
        # Kept down until every client has been refused: a restart, not a blip nobody saw.
        load.wait_until(lambda rs: len({r.who for r in rs
                                        if r.answered > down and not acknowledged(r)}) >= CLIENTS)
        private_postgres.start()
        up = time.monotonic()
        load.wait_until(lambda rs: sum(r.sent > up and acknowledged(r) for r in rs) >= 120)
        load.stop()
        # The same app process, never restarted, registers a newcomer.
        late = call(base + url_of, body=CONSENT, headers=bearer(late_token))
    late.who = late_id
    replies = [*load.replies, late]
    elapsed = time.monotonic() - began

    assert late.status == 201, late.body
    assert [r for r in replies if r.status is None] == []  # no hang, no dropped connection
    before = [r for r in replies if r.answered < down]
    after = [r for r in replies if r.sent > up]
    during = [r for r in replies if r.answered >= down and r.sent <= up]
    assert {r.status for r in before} <= {201}, Counter(r.status for r in before)
    assert {r.status for r in after} <= {200, 201}, Counter(r.status for r in after)
    errors = [r for r in during if not acknowledged(r)]
    assert len({r.who for r in errors}) >= CLIENTS
    assert {r.status for r in errors} == {503}, Counter(r.status for r in errors)
    assert {r.mimetype for r in errors} == {PROBLEM}
    assert all(r.body["status"] == r.status for r in errors)
    slowest = max(r.answered - r.sent for r in errors)
    assert slowest < 5, f"an error answer took {slowest:.1f} s"

    dbs.expire_all()
    stored = dict(dbs.execute(select(Registration.user_id, Registration.id)).all())
    told = {r.who: r.body["id"] for r in replies if acknowledged(r)}
    # Every acknowledged registration is stored, under the id its participant was told ...
    assert {who: stored.get(who) for who in told} == told
    # ... once per participant, and nothing is stored that nobody was told about.
    assert dbs.scalar(select(func.count()).select_from(Registration)) == len(stored)
    assert set(stored) == set(told)
    assert sum(map(acknowledged, replies)) == len(told)  # one acknowledgement each

    print(f"\nrestart under load: {len(replies)} requests, "
          f"{sum(map(acknowledged, replies))} acknowledged "
          f"({Counter(r.status for r in replies if acknowledged(r))}), "
          f"{len(errors)} errors during the outage "
          f"{Counter((r.status, r.body.get('detail')) for r in errors)}, of which "
          f"{sum(r.status == 200 for r in replies)} were in fact stored (200 on retry), "
          f"{len(during) - len(errors)} acknowledged while it went down or came up, "
          f"outage {up - down:.2f} s, slowest error answer {slowest:.2f} s, "
          f"{len(after)} requests after it, all answered 2xx; run {elapsed:.1f} s; "
          f"{len(stored)} registrations stored")


# --- Test 2: two app instances behind a reverse proxy -------------------------------------

# The Redis database this test owns (and flushes): CI counts rate limits in database 0.
REDIS_DB = 14
# The address a simulated client connects from, as the proxy sees it; and which instance
# served a request, as the proxy reports it.
CLIENT_ADDRESS = "X-Test-Client-Address"
SERVED_BY = "X-Test-Served-By"
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te",
              "trailer", "upgrade", "proxy-authorization", "proxy-authenticate"}

# One app instance, its own process: the app's Flask-Limiter is one object per process, so
# two apps in one process would share counters whatever the storage, proving nothing.
INSTANCE = """
import sys
from werkzeug.serving import make_server
from tests.conftest import make_app

app = make_app(sys.argv[1], TRUSTED_PROXIES=1, RATELIMIT_STORAGE_URI=sys.argv[2])
server = make_server("127.0.0.1", 0, app, threaded=True)
print(server.server_port, flush=True)
server.serve_forever()
"""


@pytest.fixture
def shared_redis():
    """An empty Redis database for the instances' rate-limit counters."""
    with own_redis(REDIS_DB, "instances cannot share rate limits") as shared:
        yield shared


@pytest.fixture
def instances(app, database_url, shared_redis, tmp_path):
    """Two app instances (separate processes, each with its own connection pool) on the test
    database, counting rate limits in the shared Redis and trusting one proxy in front."""
    started = []
    try:
        for number in (1, 2):
            log = open(tmp_path / f"instance{number}.log", "w")  # noqa: SIM115
            process = subprocess.Popen(
                [sys.executable, "-c", INSTANCE, database_url, shared_redis[0]],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True)
            started.append((process, log))
            port = process.stdout.readline().strip()
            assert port.isdigit(), (tmp_path / f"instance{number}.log").read_text()[-3000:]
            started[-1] = (process, log, ("127.0.0.1", int(port)))
        yield [address for _, _, address in started]
    finally:
        for process, log, *_ in started:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
            log.close()


class ProxyHandler(BaseHTTPRequestHandler):
    """Forwards each request to the next instance, telling it the client's address."""

    def _forward(self) -> None:
        number, (host, port) = self.server.next_instance()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {name: value for name, value in self.headers.items()
                   if name.lower() not in HOP_BY_HOP | {"host", "content-length",
                                                         "x-forwarded-for",
                                                         CLIENT_ADDRESS.lower()}}
        headers["X-Forwarded-For"] = self.headers.get(CLIENT_ADDRESS, self.client_address[0])
        headers["X-Forwarded-Proto"] = "http"
        upstream = http.client.HTTPConnection(host, port, timeout=PATIENCE)
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            payload = answer.read()
        except OSError:
            self.send_error(502)
            return
        finally:
            upstream.close()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in HOP_BY_HOP | {"content-length", "server", "date"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header(SERVED_BY, str(number))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _forward

    def log_message(self, format, *args):
        pass


class RoundRobinProxy(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, instances):
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.instances = instances
        self._turns = itertools.count()
        self._lock = threading.Lock()

    def next_instance(self):
        with self._lock:
            index = next(self._turns) % len(self.instances)
        return index + 1, self.instances[index]


@pytest.fixture
def proxy(instances):
    """The reverse proxy's URL: requests alternate between the two instances."""
    server = RoundRobinProxy(instances)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(10)


def burst(calls) -> list[Reply]:
    """Every call in flight at the same moment."""
    start = threading.Barrier(len(calls), timeout=30)

    def one(job):
        start.wait()
        return job()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(one, calls))


def served_by(replies: list[Reply]) -> Counter:
    return Counter(r.headers.get(SERVED_BY) for r in replies)


@pytest.mark.postgres_only("instances share a database server; SQLite is one process's file")
def test_two_instances_behind_a_proxy_share_the_event_the_rate_limits_and_the_seats(
    dbs, instances, proxy, shared_redis
):
    """Behind a reverse proxy, two app instances act as one site: what one stores the other
    shows at once, guessing passwords is counted across both (per visitor, not per instance),
    and a rush for seats through both never gives away more than the room holds."""
    # The instances run on the real clock: an event ahead of it, open for registration.
    coming = date.today() + timedelta(days=30)
    event = factories.make_event(dbs, start_date=coming, end_date=coming)
    forum_a = factories.make_subforum(dbs, event, "A", capacity=20)
    forum_b = factories.make_subforum(dbs, event, "B", capacity=20)
    first, second = (f"http://{host}:{port}/api/v1/events/{event.slug}"
                     for host, port in instances)

    # (a) One event: a registration and a seat made on one instance show on the other.
    ((_, ada),) = participants(dbs, 1, "ada")
    made = call(f"{first}/registrations", body=CONSENT, headers=bearer(ada))
    assert made.status == 201, made.body
    seen = call(f"{second}/registrations/me", "GET", headers=bearer(ada))
    assert (seen.status, seen.body["id"], seen.body["status"]) == (
        200, made.body["id"], "confirmed")
    seat = call(f"{second}/subforums/{forum_a.id}/seats", body={}, headers=bearer(ada))
    assert (seat.status, seat.body["state"]) == (201, "held")
    mine = call(f"{first}/registrations/me", "GET", headers=bearer(ada))
    assert [s["id"] for s in mine.body["seats"]] == [seat.body["id"]]
    forum = call(f"{first}/subforums/{forum_a.id}", "GET")
    assert (forum.body["seats_left"], forum.body["waiting"]) == (19, 0)

    # (b) Ten wrong sign-ins from one address, alternating between the instances, use up the
    # address's allowance (10 a minute) for both; another visitor behind the proxy goes on.
    for i in range(12):
        factories.make_user(dbs, f"guessed{i}@example.org")  # each guessed at once, wrongly
    tokens_url = f"{proxy}/api/v1/auth/tokens"
    guesses = [call(tokens_url, body={"email": f"guessed{i}@example.org",
                                      "password": "wrong password"},
                    headers={CLIENT_ADDRESS: "203.0.113.7"}) for i in range(12)]
    statuses = [r.status for r in guesses]
    assert statuses == [401] * 10 + [429, 429], statuses
    assert served_by(guesses[:10]) == {"1": 5, "2": 5}
    assert served_by(guesses[10:]) == {"1": 1, "2": 1}
    assert guesses[10].mimetype == PROBLEM
    assert "Retry-After" in guesses[10].headers
    neighbour = call(tokens_url, body={"email": "ada0@example.org",
                                       "password": factories.PASSWORD},
                     headers={CLIENT_ADDRESS: "198.51.100.2"})
    assert neighbour.status == 201, neighbour.body
    counted = [key.decode() for key in shared_redis[1].scan_iter(count=1000)]
    assert any("203.0.113.7" in key for key in counted), counted

    # (c) 60 participants register, then all ask for 20 seats at once, through both instances.
    crowd = participants(dbs, 60, "crowd")
    register_url = f"{proxy}/api/v1/events/{event.slug}/registrations"
    registered = burst([lambda t=token: call(register_url, body=CONSENT, headers=bearer(t))
                        for _, token in crowd])
    assert [r.status for r in registered] == [201] * 60, [r.body for r in registered
                                                         if r.status != 201][:3]
    seats_url = f"{proxy}/api/v1/events/{event.slug}/subforums/{forum_b.id}/seats"
    began = time.monotonic()
    asked = burst([lambda t=token: call(seats_url, body={}, headers=bearer(t))
                   for _, token in crowd])
    rush = time.monotonic() - began

    assert Counter(r.status for r in asked) == {201: 60}, [r.body for r in asked
                                                         if r.status != 201][:3]
    assert served_by(asked) == {"1": 30, "2": 30}
    states = Counter(r.body["state"] for r in asked)
    assert states == {"held": 20, "waiting": 40}
    told = {r.body["id"]: r.body["waiting_position"] for r in asked
            if r.body["state"] == "waiting"}
    assert sorted(told.values()) == list(range(1, 41))
    dbs.expire_all()
    stored = Counter(dbs.scalars(select(Seat.state).where(Seat.subforum_id == forum_b.id)))
    assert stored == {"held": 20, "waiting": 40}
    line = dbs.scalars(select(Seat.id).where(Seat.subforum_id == forum_b.id,
                                            Seat.state == "waiting").order_by(Seat.id)).all()
    assert [told[seat_id] for seat_id in line] == list(range(1, 41))
    per_person = Counter(dbs.scalars(select(Seat.registration_id)
                                     .where(Seat.subforum_id == forum_b.id)))
    assert set(per_person.values()) == {1}
    forum = call(f"{second}/subforums/{forum_b.id}", "GET")
    assert (forum.body["seats_left"], forum.body["waiting"]) == (0, 40)

    print(f"\ntwo instances: sign-ins {statuses} (429 from attempt 11), "
          f"served by {dict(served_by(guesses))}; seats {dict(states)} in {rush:.2f} s, "
          f"served by {dict(served_by(asked))}")
