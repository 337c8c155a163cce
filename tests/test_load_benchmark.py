"""The load benchmark's parts that need no server: its options, how it reads wrk and the
row-lock log, and its table (no gunicorn, no database; timings are never judged).
README, "Benchmarks"."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.load import Built, Burst, Measured, Report, format_report, parse_args
from benchmarks.load_clients import Rate, Target, parse_wrk, wrk_script
from benchmarks.load_locks import lock_holds, short_sql

POSTGRES = "postgresql://postgres@127.0.0.1:5432/lmevents_load"

# As wrk 4.1 prints it: latencies in whole seconds keep a space after them.
WRK_REPORT = "\n".join([
    "Running 10s test @ http://127.0.0.1:8000/events/x/agenda",
    "  1 threads and 16 connections",
    "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
    "    Latency   648.47ms  417.23ms   1.42s    68.09%",
    "  Latency Distribution",
    "     50%  398.79ms",
    "     75%    1.14s ",
    "     90%    1.25s ",
    "     99%    1.42s ",
    "  470 requests in 10.04s, 2.59MB read",
    "  Socket errors: connect 0, read 2, write 0, timeout 1",
    "  Non-2xx or 3xx responses: 4",
    "Requests/sec:     46.81",
])

LOCK = "SELECT events.id FROM events WHERE events.id = %(id_1)s::INTEGER FOR UPDATE"
READ = "SELECT registrations.id, registrations.name FROM registrations WHERE registrations.id = %(pk_1)s::INTEGER"  # noqa: E501
INSERT = "INSERT INTO seats (registration_id, state) VALUES (%(registration_id)s, %(state)s)"


def test_load_benchmark_wants_a_postgresql_database_of_its_own(monkeypatch, capsys):
    monkeypatch.delenv("LMEVENTS_BENCH_DATABASE_URL", raising=False)
    with pytest.raises(SystemExit):
        parse_args(["--database-url", "sqlite:///bench.sqlite3"])
    assert "PostgreSQL" in capsys.readouterr().err

    options = parse_args(["--database-url", POSTGRES, "--sessions", "0"])

    assert (options.sessions, options.participants, options.burst_threads,
            options.client) == (0, 1000, 64, "auto")


def test_wrk_report_gives_rate_latencies_and_every_error():
    rate = parse_wrk(WRK_REPORT)

    assert rate.requests == 470 and rate.seconds == pytest.approx(10.04)
    assert (rate.p50, rate.p99) == (pytest.approx(0.39879), pytest.approx(1.42))
    assert rate.errors == 7


def test_wrk_script_quotes_what_it_sends():
    script = wrk_script(Target("poll", "/x.ics", headers={"If-None-Match": '"v1-abc"'}))

    assert 'wrk.method = "GET"' in script
    assert 'wrk.headers["If-None-Match"] = "\\34v1-abc\\34"' in script


def test_lock_log_sums_up_each_shape_of_transaction_in_any_order():
    lines = [
        {"end": "commit", "wait": 0.002, "held": 0.010, "commit": 0.001,
         "statements": [[READ, 0.003], [INSERT, 0.002]]},
        {"end": "commit", "wait": 0.004, "held": 0.012, "commit": 0.002,
         "statements": [[INSERT, 0.004], [READ, 0.001]]},
        {"end": "rollback", "wait": 0.0, "held": 0.001, "commit": 0.0, "statements": []},
    ]

    holds = lock_holds(lines)

    assert holds.held == [0.010, 0.012] and holds.rolled_back == 1
    assert holds.statements == [2, 2]
    assert holds.python == [pytest.approx(0.004), pytest.approx(0.005)]
    (shape,) = holds.shapes
    assert shape.count == 2
    assert shape.statements == [
        ("SELECT … FROM registrations WHERE registrations.id = ?", pytest.approx(0.002)),
        ("INSERT INTO seats …", pytest.approx(0.003))]
    assert short_sql(LOCK) == "SELECT … FROM events WHERE events.id = ? FOR UPDATE"


def test_table_gives_each_rate_beside_the_trivial_view_and_the_burst_outcome():
    trivial = Measured(Target("trivial Flask view", "/"), 200, Rate(20000, 10.0, 0.005, 0.01, 0))
    agenda = Measured(Target("agenda page, 8 sessions", "/a"), 200,
                      Rate(1000, 10.0, 0.1, 0.2, 0))
    poll = Measured(Target("event ICS 304 poll, 8 sessions", "/c", expected=304), 200,
                    Rate(5000, 10.0, 0.02, 0.04, 0))
    burst = Burst(1000, 64, 100, 10.0, Counter({201: 1000}), [], 100, 900, True)
    holds = lock_holds([{"end": "commit", "wait": 0.001, "held": 0.008, "commit": 0.001,
                         "statements": [[READ, 0.002], [INSERT, 0.002]]}])
    built = Built(8, 0, 2, 100, 1, "token", ["t"] * 1000, 3.0)

    table = format_report(Report("PostgreSQL", "Redis", "wrk", 16, 10.0, built, trivial,
                                 [agenda, poll], burst, holds, 60.0, reference=400.0))

    assert "agenda page, 8 sessions" in table and " 0.05 " in table
    assert "200!" in table  # the poll was answered 200, not 304: marked
    assert ("1,000 answers in 10.00 s: 100 requests/s, 0.25 x the 400 requests/s of GET "
            "/api/v1/events by the same client and server") in table
    assert "expected 100 held, 900 waiting, 0 errors: yes" in table
    assert "INSERT INTO seats …" in table
