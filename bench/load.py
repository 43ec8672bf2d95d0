"""Load on the production server: each page type, random records, an embed and the API,
beside a static file served by the same server in the same run.

Targets: every page type on repeat URLs at least 1.0 of the static file; random records
(no two alike) at least 0.25; p99 under 100 ms; zero errors. Each repeat URL is warmed
for a second first (every worker renders its own first copy), then measured. The static
file is measured again just before each row and each ratio is to that neighbour, so a
machine whose speed drifts during the run (shared virtual machines do) moves both. Run
`.venv/bin/python bench/load.py [seconds]` (default 8 s per URL; `make bench`).
"""

import re
import sys
import urllib.request

from _setup import production_server, wrk

RECORD = "court_judgment=refused&loan_arrears=3&residence=rongcheng&opted_in=1"
PAGES = [
    ("home", "/en/"),
    ("chapter with simulation", f"/en/misconceptions/one-system/?{RECORD}"),
    ("points chapter (map)", "/en/misconceptions/points/"),
    ("system page", "/en/systems/rongcheng/"),
    ("systems table", "/en/systems/"),
    ("sources", "/en/sources/"),
    ("what changed", "/en/changes/"),
    ("embed", f"/embed/compare/?{RECORD}"),
    ("API simulate", f"/api/v1/simulate?{RECORD}"),
]


def main() -> None:
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    with production_server() as base:
        # The static file: the widgets' stylesheet, as a chapter links it (hashed name).
        css = re.search(rb'<link rel="stylesheet" href="([^"]+/widget\.[^"]+)"',
                        urllib.request.urlopen(base + "/en/misconceptions/one-system/").read())
        static_path = css[1].decode()

        def measure(url, **options):
            if "script" not in options:  # warm up: every worker renders its first copy
                wrk(url, 1, **options)
            return wrk(url, seconds, **options)

        def beside_static(name, url, **options):
            static = wrk(base + static_path, max(2, seconds // 2))
            rows.append((name, measure(url, **options), static["rps"]))

        first = measure(base + static_path)
        rows = [("static file", first, first["rps"])]
        for name, path in PAGES:
            beside_static(name, base + path)
        partial = {"HX-Request": "true", "HX-Target": "results"}
        beside_static("results partial, repeat record",
                      base + f"/en/misconceptions/one-system/?{RECORD}", headers=partial)
        beside_static("results partial, random records", base + "/",
                      script="random_record.lua")
    print(f"wrk: 64 connections, {seconds} s per URL, 2 threads, Accept-Encoding: br, gzip;"
          " one gunicorn server (explainer/gunicorn.conf.py) on SQLite, local-memory cache."
          " Ratio: to the static file measured just before the row.")
    print(f"{'':34} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>7} {'static':>7}"
          f" {'ratio':>6}")
    failed = []
    for name, row, static in rows:
        ratio = row["rps"] / static
        print(f"{name:34} {row['rps']:8,.0f} {row['p50']:7.1f} {row['p99']:7.1f} "
              f"{row['errors']:7} {static:7,.0f} {ratio:6.2f}")
        target = 0.25 if "random" in name else 1.0
        if name != "static file" and ratio < target:
            failed.append(f"{name}: {ratio:.2f} of static (target {target})")
        if row["p99"] >= 100:
            failed.append(f"{name}: p99 {row['p99']:.0f} ms (target under 100)")
        if row["errors"]:
            failed.append(f"{name}: {row['errors']} errors")
    print("targets met" if not failed else "targets missed:\n  " + "\n  ".join(failed))


if __name__ == "__main__":
    main()
