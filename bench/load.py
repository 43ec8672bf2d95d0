"""Load on the production server: each page type, random records, an embed and the API,
beside a static file served by the same server in the same run; straight to gunicorn,
and through nginx in front of the same gunicorn, as `make serve` and compose.yaml run it.
The static file then also goes through nginx to gunicorn (whitenoise), as in production:
not a file nginx serves from disk, which would be a different ceiling.

Targets: every page type on repeat URLs at least 1.0 of the static file; random records
(no two alike) at least 0.25; p99 under 100 ms; zero errors. Each repeat URL is warmed
first (every worker renders its own first copy; a second at a time until it answers),
then measured. The static file is measured again just before each row and each ratio is
to that neighbour, so a machine whose speed drifts during the run (shared virtual
machines do) moves both. The targets are the same through nginx; each row is measured
direct, then through nginx.
Run `.venv/bin/python bench/load.py [seconds] [--rows WORDS]` (default 8 s per URL;
`make bench`); `--rows random,repeat record` measures only the rows whose names contain one
of those words (the static file always), to check one change quickly.
"""

import argparse
import re
import urllib.request

from _setup import front_proxy, production_server, wrk

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


def measure_rows(routes: dict[str, str], static_path: str, seconds: int,
                 only: list[str] | None = None) -> dict[str, list]:
    """For each route (name: base URL), (row name, wrk result, static file's requests/s
    just before) for every row. The routes take turns row by row, so both see the same
    machine and the same warmed server."""
    rows = {route: [] for route in routes}

    def measure(url, **options):
        if "script" not in options:
            # Warm up: every worker renders its own first copy, all threads at once; on a
            # busy machine a second may not be enough for a single answer.
            for _ in range(10):
                if wrk(url, 1, **options)["rps"] > 0:
                    break
        return wrk(url, seconds, **options)

    def beside_static(name, path, **options):
        if only and not any(word in name for word in only):
            return
        for route, base in routes.items():
            static = wrk(base + static_path, max(2, seconds // 2))
            rows[route].append((name, measure(base + path, **options), static["rps"]))

    for route, base in routes.items():
        first = measure(base + static_path)
        rows[route].append(("static file", first, first["rps"]))
    for name, path in PAGES:
        beside_static(name, path)
    partial = {"HX-Request": "true", "HX-Target": "results"}
    beside_static("results partial, repeat record", f"/en/misconceptions/one-system/?{RECORD}",
                  headers=partial)
    beside_static("results partial, random records", "/", script="random_record.lua")
    return rows


def report(title: str, route: str, rows: list[tuple]) -> list[str]:
    """Print one table; the targets it misses, each named with its route."""
    print(f"\n{title}")
    print(f"{'':34} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>7} {'static':>7}"
          f" {'ratio':>6}")
    failed = []
    for name, row, static in rows:
        ratio = row["rps"] / static
        print(f"{name:34} {row['rps']:8,.0f} {row['p50']:7.1f} {row['p99']:7.1f} "
              f"{row['errors']:7} {static:7,.0f} {ratio:6.2f}")
        target = 0.25 if "random" in name else 1.0
        where = f"{name} ({route})"
        if name != "static file" and ratio < target:
            failed.append(f"{where}: {ratio:.2f} of static (target {target})")
        if row["p99"] >= 100:
            failed.append(f"{where}: p99 {row['p99']:.0f} ms (target under 100)")
        if row["errors"]:
            failed.append(f"{where}: {row['errors']} errors")
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seconds", nargs="?", type=int, default=8)
    parser.add_argument("--rows", help="only the rows whose names contain one of these "
                        "comma-separated words")
    options = parser.parse_args()
    seconds, only = options.seconds, options.rows.split(",") if options.rows else None
    with production_server() as base, front_proxy(base) as proxied:
        # The static file: the widgets' stylesheet, as a chapter links it (hashed name).
        css = re.search(rb'<link rel="stylesheet" href="([^"]+/widget\.[^"]+)"',
                        urllib.request.urlopen(base + "/en/misconceptions/one-system/").read())
        static_path = css[1].decode()
        rows = measure_rows({"direct": base, "nginx": proxied}, static_path, seconds,
                            only)
    print(f"wrk: 64 connections, {seconds} s per URL, 2 threads, Accept-Encoding: br, gzip;"
          " one gunicorn server (explainer/gunicorn.conf.py) on SQLite, local-memory cache."
          " Ratio: to the static file measured just before the row, by the same route.")
    failed = report("Direct to gunicorn", "direct", rows["direct"])
    failed += report("Through nginx (deploy/nginx.conf.template) to the same gunicorn, the"
                     " static file too", "nginx", rows["nginx"])
    print("\ntargets met" if not failed else "\ntargets missed:\n  " + "\n  ".join(failed))


if __name__ == "__main__":
    main()
