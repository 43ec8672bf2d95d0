"""What readers see while PostgreSQL or Redis hangs: the figures behind
tests/serving/test_faults.py, printed.

One gunicorn (the settings of `make serve`) on a throwaway PostgreSQL and Redis; four
readers ask in a loop for cached pages and for records never seen (the htmx results), while
each service in turn is frozen with SIGSTOP for `seconds` (a host that hangs rather than
refuses). Per phase: requests, how many got 200 and 503, the slowest, the 99th percentile,
and how long /readyz took. Run `.venv/bin/python bench/faults.py [seconds]` (default 10).
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.services import start_app_server, start_postgres, start_redis  # noqa: E402
from tests.serving.test_faults import (  # noqa: E402
    CACHED,
    PARTIAL,
    Load,
    fresh_record,
    frozen,
    postgres_pids,
    ready,
    warm,
)


def summary(name: str, results: list, readyz: tuple | None) -> None:
    taken = sorted(r[3] for r in results) or [0.0]
    statuses = [r[2] for r in results]
    print(f"{name:34} {len(results):6} {statuses.count(200):6} {statuses.count(503):6} "
          f"{len(results) - statuses.count(200) - statuses.count(503):6} "
          f"{taken[-1]:8.2f} {taken[int(len(taken) * 0.99)]:8.2f} "
          + (f"{readyz[0]} in {readyz[2]:.2f} s" if readyz else ""))


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    postgres, redis = start_postgres(), start_redis()
    root = Path(tempfile.mkdtemp())
    base, _env, stop = start_app_server(root, {"DATABASE_URL": postgres.url,
                                               "CACHE_URL": redis.url, "ACCESS_LOG": ""})
    try:
        warm(base)
        print(f"4 readers (1 on cached pages, 3 on new records); each service frozen "
              f"{seconds:g} s; times in seconds")
        print(f"{'':34} {'asked':>6} {'200':>6} {'503':>6} {'other':>6} {'slowest':>8}"
              f" {'p99':>8} /readyz")
        for name, pids in (("PostgreSQL frozen", lambda: postgres_pids(postgres)),
                           ("Redis frozen", lambda: [redis.process.pid])):
            load = Load(base, lambda n, turn: CACHED[turn % 4] if n == 0
                        else fresh_record(n, turn), PARTIAL)
            with load.running():
                time.sleep(2)
                summary("  before", list(load.results), ready(base))
                with frozen(pids()):
                    start = load.now()
                    time.sleep(seconds / 2)
                    probe = ready(base)
                    time.sleep(seconds / 2)
                end = load.now()
                time.sleep(seconds)
            during = [r for r in load.results if start <= r[0] < end]
            summary(name, during, probe)
            summary("  cached pages", [r for r in during if r[1] in CACHED], None)
            summary("  new records", [r for r in during if r[1] not in CACHED], None)
            summary("  after", [r for r in load.results if r[0] >= end + seconds / 2],
                    ready(base))
    finally:
        stop()
        postgres.remove()
        redis.remove()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
