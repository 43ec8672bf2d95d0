"""Print, per page, the compressed bytes of a first load and the widget partial's server time.

Budgets: under 60 KB compressed per page first load (HTML + CSS + JS), and under 15 ms
median server time for the simulation's results partial. Run `.venv/bin/python
bench/pages.py` (or `make bench`).
"""

import gzip
import re
import statistics
import time
from pathlib import Path

from _setup import django_with_rules

PAGE_BUDGET = 60 * 1024
PARTIAL_BUDGET_MS = 15.0


def main() -> None:
    django_with_rules()
    from django.contrib.staticfiles import finders
    from django.test import Client

    from explainer.chapters import CHAPTERS
    from systems import engine

    client = Client()
    paths = ["/en/", *[f"/en/misconceptions/{c.slug}/" for c in CHAPTERS], "/en/systems/",
             *[f"/en/systems/{s.key}/" for s in engine.systems()], "/en/glossary/",
             "/en/sources/"]
    print(f"{'page':44} {'html':>8} {'css+js':>8} {'total':>8}  (gzip bytes)")
    worst = 0
    for path in paths:
        html = client.get(path).content
        assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
        extra = sum(len(gzip.compress(Path(finders.find(a.decode())).read_bytes(), 9))
                    for a in assets)
        size = len(gzip.compress(html, 9))
        worst = max(worst, size + extra)
        print(f"{path:44} {size:8,} {extra:8,} {size + extra:8,}")
    print(f"largest first load: {worst / 1024:.1f} KB (budget {PAGE_BUDGET / 1024:.0f} KB): "
          f"{'within' if worst < PAGE_BUDGET else 'OVER'}")

    queries = ["", "court_judgment=refused&loan_arrears=6&late_bills=3",
               "volunteering=40&blood_donation=3&heroic_deed=1&residence=rongcheng&opted_in=1"]
    timings = []
    for i in range(300):
        url = f"/en/misconceptions/one-system/?{queries[i % len(queries)]}"
        start = time.perf_counter()
        response = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    median = statistics.median(timings[30:])
    print(f"results partial, median of {len(timings) - 30} requests: {median:.2f} ms "
          f"(p90 {statistics.quantiles(timings[30:], n=10)[-1]:.2f} ms; budget "
          f"{PARTIAL_BUDGET_MS:.0f} ms): {'within' if median < PARTIAL_BUDGET_MS else 'OVER'}")


if __name__ == "__main__":
    main()
