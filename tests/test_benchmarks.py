"""The benchmarks' code path at a tiny size, so it cannot rot (no timings are judged: a
benchmark is not a test). README, "Benchmarks"."""

from __future__ import annotations

from benchmarks.runner import REDIS_ENV, bench_app
from benchmarks.scaling import PROBES, benchmark, format_report


def test_scaling_benchmark_measures_every_request_at_a_tiny_size(tmp_path, monkeypatch):
    monkeypatch.delenv(REDIS_ENV, raising=False)
    app = bench_app("sqlite:///" + str(tmp_path / "bench.sqlite3"))

    report = benchmark(app, sizes=[3], registrants=5, runs=1, log=lambda line: None)

    (size,) = report.sizes
    for probe in PROBES:
        cost = size.costs[probe.label]
        assert (probe.label, cost.status) == (probe.label, probe.expected_status)
        assert cost.statements > 0, probe.label
    assert size.feeds["event ICS"].vevents == 3
    assert size.floor.vevents == 3 and size.floor.to_ical > 0
    assert report.memory.traced_peak > 0
    assert "event ICS, 304 poll" in format_report(report)
