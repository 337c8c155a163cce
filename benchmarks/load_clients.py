"""The load benchmark's clients (benchmarks.load): requests per second from wrk, or from a pool
of Python threads when wrk is not installed, and the seat burst, many participants' seat
requests at once, each answer kept."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from benchmarks.runner import percentile


@dataclass(frozen=True)
class Target:
    """One request, made over and over."""

    label: str
    path: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    expected: int = 200


@dataclass(frozen=True)
class Rate:
    """What a client made of a target in a fixed time."""

    requests: int
    seconds: float
    p50: float  # seconds
    p99: float
    errors: int  # answers other than 2xx/3xx, and connections refused, reset or timed out

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def ask(base: str, target: Target, timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
    """One request: status, headers (lower-case names) and body."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(target.method, target.path, body=target.body,
                           headers=target.headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def wrk_version() -> str | None:
    """wrk's version line, or None when it is not installed."""
    if shutil.which("wrk") is None:
        return None
    shown = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    first = (shown.stdout or shown.stderr).strip().splitlines()
    return first[0].split(" [")[0] if first else "wrk"


def _lua_string(text: str) -> str:
    return '"' + "".join(f"\\{ord(c)}" if c in '"\\' or not c.isprintable() else c
                         for c in text) + '"'



def wrk_script(target: Target) -> str:
    """A wrk script making `target`'s request (method, headers, body)."""
    lines = [f"wrk.method = {_lua_string(target.method)}"]
    if target.body is not None:
        lines.append(f"wrk.body = {_lua_string(target.body.decode())}")
    lines += [f"wrk.headers[{_lua_string(k)}] = {_lua_string(v)}"
              for k, v in target.headers.items()]
    return "\n".join(lines) + "\n"


_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def _seconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> Rate:
    """The rate in wrk's report (run with --latency)."""
    found = re.search(r"(\d+) requests in ([\d.]+\w+),", output)
    latency = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)\s*$", output, re.MULTILINE))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       output)
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = (sum(int(n) for n in socket.groups()) if socket else 0) + (
        int(failed.group(1)) if failed else 0)
    return Rate(int(found.group(1)), _seconds(found.group(2)), _seconds(latency["50"]),
                _seconds(latency["99"]), errors)


def wrk_rate(base: str, target: Target, seconds: float, connections: int,
             scratch: str) -> Rate:
    """`target` requested by wrk (one thread: the client leaves the cores to the server) over
    `connections` connections for `seconds`."""
    script = os.path.join(scratch, "request.lua")
    with open(script, "w") as lua:
        lua.write(wrk_script(target))
    ran = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{max(round(seconds), 1)}s", "--latency",
         "-s", script, base + target.path], capture_output=True, text=True, check=True)
    return parse_wrk(ran.stdout)


def python_rate(base: str, target: Target, seconds: float, connections: int,
                scratch: str = "") -> Rate:
    """`target` requested by `connections` Python threads, each on a connection of its own
    kept open while the server allows (http.client opens a new one when it closes)."""
    parts = urlsplit(base)
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                connection.request(target.method, target.path, body=target.body,
                                   headers=target.headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors.append(str(response.status))
            except (OSError, http.client.HTTPException) as error:
                errors.append(repr(error))
                connection.close()
                continue
            latencies.append(time.perf_counter() - began)
        connection.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if not latencies:
        return Rate(0, elapsed, 0.0, 0.0, len(errors))
    return Rate(len(latencies), elapsed, percentile(latencies, 0.5),
                percentile(latencies, 0.99), len(errors))


@dataclass
class BurstAnswers:
    seconds: float  # from the start signal to the last answer
    answers: list[tuple[int, dict]]  # status and JSON body of each answered request
    connection_errors: list[str]


def seat_burst(base: str, path: str, tokens: list[str], threads: int,
               method: str = "POST") -> BurstAnswers:
    """Each token POSTs (or GETs) `path` once; `threads` client threads start at one signal
    and take the next token as soon as their last request is answered."""
    parts = urlsplit(base)
    waiting: queue.SimpleQueue[str] = queue.SimpleQueue()
    for token in tokens:
        waiting.put(token)
    answers: list[tuple[int, dict]] = []
    failures: list[str] = []
    start = threading.Barrier(threads + 1)

    def client() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        start.wait()
        while True:
            try:
                token = waiting.get_nowait()
            except queue.Empty:
                break
            try:
                connection.request(method, path, body=b"{}" if method == "POST" else None,
                                   headers={"Authorization": f"Bearer {token}",
                                            "Content-Type": "application/json"})
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as error:
                failures.append(repr(error))
                connection.close()
                continue
            try:
                shown = json.loads(body) if body else {}
            except ValueError:
                shown = {"body": body[:200].decode(errors="replace")}
            answers.append((response.status, shown))
        connection.close()

    pool = [threading.Thread(target=client) for _ in range(threads)]
    for thread in pool:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in pool:
        thread.join()
    return BurstAnswers(time.perf_counter() - began, answers, failures)
