"""Faults in the services behind the site, for real: a Debian PostgreSQL and a Debian
redis-server, stopped, killed and frozen (SIGSTOP, by pid: a host that hangs, or a network
that drops packets, rather than one that refuses) under a bounded load of readers, with the
app on gunicorn as in production.

- A hung database costs a reader at most 5 seconds: pages already in the shared cache go
  on being served, others get a 503 with Retry-After, /readyz says so within its own
  timeout, and everything comes back when the database does; nothing is written half-way.
- A hung or dead Redis costs each process at most one short timeout, then the site serves
  without it (its breaker), and uses it again once it is back; /readyz stays 200 and says
  the cache is down.
- A request stuck past the worker's request timeout ends the worker, which is replaced.

These start servers of their own (marked `servers`), so `make test` runs them once, in its
second pass.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.helpers import PAID
from tests.services import ROOT, pg_bin, start_app_server, start_postgres, start_redis
from tests.serving.test_services import PASSWORD, Editor, get, manage

pytestmark = pytest.mark.servers

# What the app servers are told (explainer/settings.py): each wait for PostgreSQL at most
# 3 s (the default); after a failure the database is left alone 2 s (5 in production), the
# cache 3 s (30 in production), so that recovery fits in a test.
SERVICE_ENV = {"DATABASE_RETRY_SECONDS": "2",
               "CACHE_RETRY_SECONDS": "3"}
CHAPTER = "/en/misconceptions/points/"


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def postgres_pids(postgres) -> list[int]:
    main = int((postgres.directory / "data" / "postmaster.pid").read_text().split()[0])
    return [main, *children(main)]


@contextlib.contextmanager
def frozen(pids: list[int]):
    """Every process stopped (SIGSTOP) until the block ends: its kernel still accepts
    connections and acknowledges packets, but nothing answers."""
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


class Load:
    """A few readers asking for pages in a loop, each request timed (seconds from the
    block's start, path, status, seconds taken, headers)."""

    def __init__(self, base: str, paths, headers: dict | None = None):
        self.base, self.paths, self.results = base, paths, []
        self.headers = headers or {}
        self.stopping = threading.Event()

    def reader(self, number: int) -> None:
        turn = 0
        while not self.stopping.is_set():
            path = self.paths(number, turn)
            turn += 1
            sent = time.monotonic()
            try:
                status, _, headers = get(urllib.request.Request(
                    self.base + path, headers=self.headers), timeout=8)
            except OSError as error:  # no answer at all (a timeout, a reset)
                status, headers = type(error).__name__, {}
            self.results.append((sent - self.started, path, status, time.monotonic() - sent,
                                 headers))

    def slowest_since(self, start: float) -> float:
        return max(r[3] for r in self.results if r[0] >= start)

    def baseline(self, seconds: float = 1.5) -> float:
        """How long a request takes under this load with every service up (the 90th
        percentile over `seconds`): a busy machine's own delay, which the limits below
        allow on top."""
        time.sleep(seconds)
        taken = sorted(r[3] for r in self.results)
        return taken[int(len(taken) * 0.9)] if taken else 0.0

    def now(self) -> float:
        return time.monotonic() - self.started

    @contextlib.contextmanager
    def running(self, readers: int = 4):
        self.started = time.monotonic()
        with ThreadPoolExecutor(readers) as pool:
            for number in range(readers):
                pool.submit(self.reader, number)
            try:
                yield self
            finally:
                self.stopping.set()


# What a reader's browser asks when a control moves: the results alone (htmx).
PARTIAL = {"HX-Request": "true", "HX-Target": "results"}


def fresh_record(number: int, turn: int) -> str:
    """A record no one has asked for: the page cache cannot have it."""
    return f"{CHAPTER}?loan_arrears={(number * 1000 + turn) % 12}&late_bills={turn % 12}" \
           f"&jaywalking={number}&volunteering={turn % 50}&traffic_tickets={turn // 50 % 10}"


def ready(base: str) -> tuple[int, dict, float]:
    sent = time.monotonic()
    status, body, _ = get(base + "/readyz", timeout=8)
    return status, json.loads(body), time.monotonic() - sent


def wait_until(check, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "did not recover"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One app server (2 workers × 2 threads) with a PostgreSQL and a Redis of its own."""
    postgres, redis = start_postgres(), start_redis()
    env = {"DATABASE_URL": postgres.url, "CACHE_URL": redis.url, **SERVICE_ENV}
    base, env, stop = start_app_server(tmp_path_factory.mktemp("faults"), env)
    manage({**env, "DJANGO_EDITOR_PASSWORD": PASSWORD}, "createeditor", "ada", "--noinput",
           check=True)
    yield base, env, postgres, redis
    stop()
    postgres.remove()
    redis.remove()


CACHED = [f"{CHAPTER}?{PAID}", "/en/systems/", f"/embed/compare/?{PAID}",
          f"/api/v1/simulate?{PAID}"]


def warm(base: str) -> None:
    """Every page of CACHED in the shared cache, as a reader and as htmx ask for it, and
    every worker having seen the data version."""
    for path in CACHED:
        for headers in ({}, PARTIAL):
            for _ in range(3):
                assert get(urllib.request.Request(base + path, headers=headers))[0] == 200


PUBLISH = "/admin/releases/release/add/"
COUNT = ("from systems.releases.models import Release, DataVersion as V; "
         "print(Release.objects.count(), V.objects.get().release)")


def test_a_hung_database_costs_a_reader_at_most_five_seconds(site):
    base, env, postgres, _ = site
    warm(base)
    # An editor about to publish a change when the database hangs.
    manage(env, "shell", "--no-imports", "-c",
           "from systems.models import Source; s = Source.objects.get(key='sander-2018'); "
           "s.note = 'Read again during an outage.'; s.save()", check=True)
    editor = Editor(base, "ada")
    token = editor.token(PUBLISH)
    before = manage(env, "shell", "--no-imports", "-c", COUNT, check=True).stdout
    load = Load(base, lambda n, turn: CACHED[turn % 4] if n == 0 else fresh_record(n, turn),
                PARTIAL)
    with load.running():
        busy = load.baseline()
        with frozen(postgres_pids(postgres)):
            start = load.now()
            time.sleep(6)  # past the data version's few seconds in Redis
            status, body, seconds = ready(base)
            assert status == 503 and body["database"]["status"] == "unavailable"
            assert seconds < 5 + busy
            sent = time.monotonic()
            status, page = editor.post(PUBLISH, {"kind": "minor",
                                                 "note": "During the outage."}, token)
            assert status == 503 and "Back soon" in page
            assert time.monotonic() - sent < 5 + busy
            time.sleep(2)
            end = load.now()
    # Asked once the data version had left Redis, answered before the database came back.
    during = [r for r in load.results if start + 6 <= r[0] and r[0] + r[3] <= end]
    assert {r[1] in CACHED for r in during} == {True, False}, "no requests while frozen"
    slowest = load.slowest_since(start)
    assert slowest < 5 + busy, f"a reader waited {slowest:.1f} s (busy machine: {busy:.2f})"
    fresh = []
    for _sent, path, status, _seconds, headers in during:
        if path in CACHED:
            assert status == 200, path  # served from the cache through the outage
        else:
            # A page the cache does not hold is a 503 if it needs the database; one the
            # process can render from the rules it holds in memory may still be served.
            assert status in (200, 503), path
            assert status == 200 or headers["Retry-After"] == "30"
            fresh.append(status)
    assert 503 in fresh
    # Back: the next fresh record renders, /readyz is green again, and the release the
    # editor tried to publish was not written at all; publishing it now works.
    wait_until(lambda: get(base + fresh_record(9, 999))[0] == 200)
    wait_until(lambda: ready(base)[0] == 200)
    assert manage(env, "shell", "--no-imports", "-c", COUNT, check=True).stdout == before
    status, page = editor.post(PUBLISH, {"kind": "minor", "note": "After the outage."})
    assert status == 200 and "is published" in page




def test_a_hung_cache_costs_each_process_one_short_timeout(site):
    base, _env, _, redis = site
    warm(base)
    load = Load(base, fresh_record, PARTIAL)
    with load.running(readers=3):
        busy = load.baseline()
        with frozen([redis.process.pid]):
            start = load.now()
            time.sleep(2.5)
            status, body, seconds = ready(base)
            # Ready: every server can serve without the shared cache, so a load balancer
            # must not take them all away; the body says what is wrong.
            assert status == 200 and body["cache"]["status"] == "unavailable", body
            assert seconds < 2 + busy
            assert get(base + CACHED[0], timeout=3)[0] == 200  # rendered without the cache
    frozen_results = [r for r in load.results if start <= r[0] <= start + 2.5]
    assert all(r[2] == 200 for r in load.results), {r[2] for r in load.results}
    assert load.slowest_since(start) < 2 + busy
    # Each of the 2 processes waits out the half-second timeout once for the requests it
    # is serving (2 threads), and once more when its breaker lets one request try again:
    # about 6 requests that take the timeout longer than usual. Without the breaker every
    # request would wait three times (the version, the page read, the page write).
    slow = [r for r in frozen_results if r[3] >= 0.5 + busy]
    assert len(slow) <= 6, [round(r[3], 2) for r in slow]
    # The others took no timeout at all (without the breaker, none would be quick).
    assert len(frozen_results) - len(slow) >= 5, [round(r[3], 2) for r in frozen_results]

    # Back: after the breaker's pause, the cache is used again.
    wait_until(lambda: ready(base)[1]["cache"]["status"] == "ok")


def test_with_redis_down_the_site_is_ready_and_serves_without_it(site):
    base, _env, _, redis = site
    redis.stop()
    try:
        status, body, seconds = ready(base)
        assert status == 200 and body["cache"]["status"] == "unavailable"
        assert body["cache"]["error"] in ("ConnectionError", "Unavailable")
        assert get(base + "/healthz")[0] == 200
        sent = time.monotonic()
        assert get(base + f"{CHAPTER}?late_bills=7&jaywalking=3")[0] == 200
        assert time.monotonic() - sent < 2  # no wait for the cache
    finally:
        redis.start()
    wait_until(lambda: ready(base)[1]["cache"]["status"] == "ok")


def test_with_the_database_stopped_cached_pages_stay_and_others_answer_503(site):
    base, _env, postgres, _ = site
    warm(base)
    postgres.stop()
    try:
        time.sleep(6)  # past the data version's few seconds in Redis
        status, body, _seconds = ready(base)
        assert status == 503 and body["failed"]["database"]
        for path in CACHED:
            assert get(base + path, timeout=5)[0] == 200, path
        for query in ("loan_arrears=5", "late_bills=3"):  # never rendered before
            sent = time.monotonic()
            status, html, headers = get(base + f"{CHAPTER}?{query}", timeout=5)
            assert status == 503 and time.monotonic() - sent < 5
            assert "Back soon" in html and headers["Retry-After"] == "30"
            assert headers["Cache-Control"] == "no-store"
            assert "default-src" in headers["Content-Security-Policy"]
        assert get(base + "/healthz")[0] == 200
    finally:
        postgres.start()
    wait_until(lambda: ready(base)[0] == 200, 30)
    wait_until(lambda: get(base + f"{CHAPTER}?late_bills=3")[0] == 200)


def test_a_load_cut_off_by_the_database_stopping_leaves_nothing_behind(site, tmp_path):
    base, env, postgres, _ = site
    count = ("from systems.models import Source; from systems.releases.models import "
             "DataVersion as V; from simple_history.utils import get_history_model_for_model "
             "as h; print(Source.objects.count(), V.objects.get().number, "
             "h(Source).objects.count())")
    before = manage(env, "shell", "--no-imports", "-c", count, check=True).stdout
    fixture = tmp_path / "many-sources.json"
    fixture.write_text(json.dumps([
        {"model": "systems.source", "fields": {
            "key": f"bulk-{i}", "title": f"Bulk source {i}", "outlet": "Test outlet",
            "url": f"https://example.org/{i}", "published": "2020", "status": "reported",
            "kind": "press",
            "checked": "2026-11-25"}} for i in range(4000)]))
    load = subprocess.Popen([sys.executable, "manage.py", "loaddata", str(fixture),
                             "--reason", "Many sources"], env=env,
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_writes(postgres)
        postgres.stop("immediate")  # mid-transaction, as a crash would
        _, error = load.communicate(timeout=60)
    finally:
        postgres.start()
    assert load.returncode != 0 and error
    # One line saying what happened, not a traceback or libpq's paragraph.
    assert len(error.strip().splitlines()) == 1 and "nothing was loaded" in error, error
    after = manage(env, "shell", "--no-imports", "-c", count, check=True).stdout
    assert after == before  # no source, no version step, no history row
    # The app servers' persistent connections died with the server: each is replaced at
    # once, not taken for a database that is still down.
    for _ in range(6):
        assert ready(base)[0] == 200


def wait_for_writes(postgres) -> None:
    """Until a transaction that has begun inserting is open on the server."""
    query = ("select count(*) from pg_stat_activity where xact_start is not null and "
             "query ilike 'insert%' and pid <> pg_backend_pid()")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        out = subprocess.run([*postgres.as_user, pg_bin("psql"), "-h", "127.0.0.1", "-p",
                              str(postgres.port), "-U", "postgres", "-Atc", query],
                             capture_output=True, text=True).stdout.strip()
        if out and out != "0":
            return
        time.sleep(0.05)
    raise AssertionError("the load never started writing")


def test_a_request_stuck_past_the_request_timeout_ends_its_worker(site, tmp_path):
    """With the database deadline turned off, a hung database holds a request until the
    worker's own request timeout ends the worker; a fresh one serves again."""
    _base, env, postgres, _ = site
    root = tmp_path / "stuck"
    root.mkdir()
    base, _env, stop = start_app_server(
        root, {"DATABASE_URL": env["DATABASE_URL"], "CACHE_URL": "", "DATABASE_TIMEOUT": "0",
               "WEB_REQUEST_TIMEOUT": "3"}, prepare=False, workers=1, threads=1)
    try:
        # /readyz keeps a persistent connection to the database, then hangs on it.
        assert get(base + "/readyz")[0] == 200
        with frozen(postgres_pids(postgres)):
            sent = time.monotonic()
            with pytest.raises(OSError):  # the worker ends: the connection drops
                get(base + "/readyz", timeout=15)
            assert time.monotonic() - sent < 8
        wait_until(lambda: get(base + "/readyz")[0] == 200)
        assert "WORKER TIMEOUT" in (root / "gunicorn.log").read_text()
    finally:
        stop()
