"""The load benchmark's row-lock log (benchmarks/gunicorn_load.py writes it during the seat
burst of benchmarks.load), summed up: how long each seat transaction held its event's row,
and the statements it ran meanwhile."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    """Transactions that ran the same statements under the lock: how many, and each
    statement with its median time."""

    count: int
    statements: list[tuple[str, float]]


@dataclass(frozen=True)
class LockHolds:
    held: list[float]  # seconds, one per committed transaction
    waited: list[float]  # for the FOR UPDATE to return
    statements: list[int]
    in_statements: list[float]
    commit: list[float]
    rolled_back: int
    shapes: list[Shape]  # commonest first

    @property
    def python(self) -> list[float]:
        """What is neither a statement nor COMMIT: Python between the statements."""
        return [h - s - c for h, s, c in zip(self.held, self.in_statements, self.commit,
                                             strict=True)]


def short_sql(statement: str, width: int = 84) -> str:
    """A statement as one short line: parameters as ?, a SELECT's columns as …"""
    text = re.sub(r"%\(\w+\)s(::[\w\[\]]+)?", "?", statement)
    text = re.sub(r"\?(, \?)+", "?, …", text)
    if text.startswith("SELECT ") and " FROM " in text:
        text = "SELECT … " + text[text.index(" FROM ") + 1:]
    elif text.startswith("INSERT INTO "):
        text = " ".join(text.split(" (")[0].split()[:3]) + " …"
    return text if len(text) <= width else text[:width - 1] + "…"


def lock_holds(lines: Sequence[dict]) -> LockHolds:
    """The lock log's lines (benchmarks/gunicorn_load.py), summed up. Transactions running
    the same statements in another order (the ORM's loads) count as one shape."""
    done = [line for line in lines if line["end"] == "commit"]
    shapes: dict[tuple, list[dict[tuple[str, int], float]]] = {}
    orders: dict[tuple, list[tuple[str, int]]] = {}
    for line in done:
        seen: Counter = Counter()
        timed = {}
        for statement, seconds in line["statements"]:
            sql = short_sql(statement)
            timed[(sql, seen[sql])] = seconds
            seen[sql] += 1
        key = tuple(sorted(timed))
        shapes.setdefault(key, []).append(timed)
        orders.setdefault(key, list(timed))
    return LockHolds(
        held=[line["held"] for line in done], waited=[line["wait"] for line in done],
        statements=[len(line["statements"]) for line in done],
        in_statements=[sum(t for _, t in line["statements"]) for line in done],
        commit=[line["commit"] for line in done], rolled_back=len(lines) - len(done),
        shapes=[Shape(len(same), [(sql, statistics.median(timed[(sql, n)] for timed in same))
                                  for sql, n in orders[key]])
                for key, same in sorted(shapes.items(), key=lambda item: -len(item[1]))])


def read_lock_log(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as log:
        return [json.loads(line) for line in log if line.strip()]
