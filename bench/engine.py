"""Print how long the engine takes to evaluate every system for one record.

Budget: under 0.5 ms per record in-process, and no database query per evaluation once the
rules are loaded.  Run with `make bench` or `.venv/bin/python bench/engine.py`.
"""

import random
import statistics
import time

from _setup import django_with_rules

BUDGET_MS = 0.5


def main() -> None:
    django_with_rules()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from systems import engine
    from systems.record import Record

    engine.snapshot()  # load the rules once, as a server process does
    rng = random.Random(2026)
    records = [Record.random(rng) for _ in range(10_000)]

    single = []
    for _ in range(2_000):
        start = time.perf_counter()
        engine.evaluate(Record())
        single.append(time.perf_counter() - start)

    with CaptureQueriesContext(connection) as queries:
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            for record in records:
                engine.evaluate(record)
            runs.append(time.perf_counter() - start)

    one = statistics.median(single) * 1000
    batch = statistics.median(runs)
    per = batch / len(records) * 1000
    print(f"systems evaluated per record: {len(engine.systems())}")
    print(f"one record (default), median of {len(single)}: {one:.3f} ms")
    print(f"10,000 random records, median of {len(runs)} runs: {batch * 1000:.0f} ms "
          f"({per:.3f} ms per record)")
    print(f"database queries during the 50,000 evaluations: {len(queries)}")
    verdict = "within" if max(one, per) < BUDGET_MS and not len(queries) else "OVER"
    print(f"budget {BUDGET_MS} ms per record, 0 queries: {verdict}")


if __name__ == "__main__":
    main()
