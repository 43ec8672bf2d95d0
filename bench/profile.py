"""Where a record never seen before spends its time, in-process, layer by layer.

The load test (bench/load.py, "results partial, random records") says how fast random
records are; this says why. It runs the site as production does (DEBUG off, the page
cache on, manifest static files, the shipped data published as release 1, the garbage
collector tuned as a gunicorn worker tunes it) on a throwaway SQLite database, and sends
it, through Django's own WSGI handler, htmx results partials for random records built as
bench/random_record.lua builds them (every parameter given, every value random). It
prints the CPU time per request without any instrument, then split by layer: each
middleware, the view (URL resolving and the view's own code), the engine, the panel
(explainer/panel.py), the print QR code, the rest of the template, compression and the
garbage collector; then how often the per-process caches were hit. `--cprofile` adds the
functions that cost the most. It runs from an older checkout too (copy it into its
bench/), to compare.

    .venv/bin/python bench/profile.py [requests] [--cprofile [--sort cumulative]]
                                      [--path /en/misconceptions/...]

Times are CPU time of this process (`time.process_time`), not wall time, and the plain
figure is the least disturbed of a few batches: other work on the machine (tests, other
benches) then moves them less. Timers wrap functions (about 2 µs each), and each layer's
time excludes the layers it calls; the layers therefore add up to more than the plain
figure (a third more, here), so read them as shares. Why not pyinstrument: cProfile and
these timers come with Python, and a sampling profiler's view of 3 ms requests needs as
many requests either way.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file's name is the standard library's `profile`, which cProfile imports: look for
# the standard one first (bench/ goes back on the path for _setup below).
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import runpy  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from functools import wraps  # noqa: E402

CHOICES = {"court_judgment": ("none", "paid", "refused"), "shopping": ("none", "light", "heavy"),
           "profile": ("bare", "complete"), "assets": ("none", "car", "home"),
           "contacts": ("low", "average", "high"),
           "residence": ("elsewhere", "rongcheng", "suining")}
COUNTS = {"loan_arrears": 12, "late_bills": 12, "traffic_tickets": 10, "drunk_driving": 1,
          "jaywalking": 20, "volunteering": 50, "blood_donation": 5, "heroic_deed": 1,
          "commendation": 1, "neglects_parents": 1, "flight_disruption": 1, "counterfeits": 1,
          "rude_to_strangers": 10, "opted_in": 1}


def production_django(root: Path) -> None:
    """Django with the settings of `make serve`, its data seeded as `make serve` does."""
    os.environ.update({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "throwaway-profile",
                       "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                       "DJANGO_SECURE_SSL_REDIRECT": "0",
                       "DJANGO_STATIC_ROOT": str(root / "static")})
    sys.path.append(str(HERE))
    from _setup import django_with_rules

    django_with_rules()
    from django.core.management import call_command
    call_command("publish_release", first=True, stdout=io.StringIO())
    call_command("collectstatic", interactive=False, verbosity=0)


def random_query(rng: random.Random) -> str:
    parts = [f"{name}={rng.choice(values)}" for name, values in CHOICES.items()]
    parts += [f"{name}={rng.randint(0, top)}" for name, top in COUNTS.items()]
    return "&".join(parts)


clock = time.process_time


class Layers:
    """Exclusive time per layer: a timer's time minus that of the timers it encloses."""

    def __init__(self):
        self.spent = defaultdict(float)
        self.stack: list[list] = []  # [layer, time in children]

    def wrap(self, layer: str, function):
        @wraps(function)
        def timed(*args, **kwargs):
            self.stack.append([layer, 0.0])
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                took = clock() - start
                _layer, inner = self.stack.pop()
                self.spent[layer] += took - inner
                if self.stack:
                    self.stack[-1][1] += took
        timed.__wrapped_by_profile__ = True
        return timed

    def patch(self, owner, name: str, layer: str) -> None:
        function = getattr(owner, name)
        if not getattr(function, "__wrapped_by_profile__", False):
            setattr(owner, name, self.wrap(layer, function))


class Counting(dict):
    """A memo that counts its hits and misses (engine.Loaded.memo, panel._built)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.hits = self.misses = 0

    def get(self, key, default=None):
        found = super().get(key, default)
        if found is default:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def rate(self) -> str:
        asked = self.hits + self.misses
        return f"{self.hits / asked:.0%} of {asked:,}" if asked else "not asked"


def instrument(layers: Layers) -> None:
    """Timers on every middleware (all its hooks), the view, template rendering, the
    comparison panel, the engine and compression."""
    import brotli
    from django.conf import settings
    from django.core.handlers.base import BaseHandler
    from django.utils.module_loading import import_string

    import explainer.templatetags.explainer as tags
    import explainer.views as views
    from explainer import qr
    from explainer.serving import cache as page_cache
    from systems import engine

    for path in settings.MIDDLEWARE:
        cls = import_string(path)
        name = "middleware: " + path.rsplit(".", 1)[1]
        for hook in ("__call__", "process_request", "process_view", "process_response",
                     "process_template_response", "process_exception"):
            if hook in vars(cls) or (hasattr(cls, hook) and hook != "__call__"):
                layers.patch(cls, hook, name)
        if "__call__" not in vars(cls):
            layers.patch(cls, "__call__", name)
    layers.patch(BaseHandler, "_get_response", "view (resolve, view code)")
    layers.patch(views, "render", "template")
    layers.patch(tags, "panel", "panel")
    layers.patch(tags, "persona_picker", "template")
    layers.patch(engine, "evaluate", "engine")
    layers.patch(qr, "svg", "QR code (print)")
    layers.patch(brotli, "compress", "compression")
    layers.patch(page_cache.gzip, "compress", "compression")


class Counts(defaultdict):
    longest: dict[int, float]


def watch_collections(layers: Layers) -> Counts:
    """Time the garbage collector as a layer of its own (it runs wherever an allocation
    happens to trip it, so a profiler charges it to whatever ran then)."""
    import gc
    counts = Counts(int)
    longest: dict[int, float] = defaultdict(float)
    started = []

    def callback(phase, info):
        if phase == "start":
            started.append(clock())
        elif started:
            took = clock() - started.pop()
            counts[info["generation"]] += 1
            longest[info["generation"]] = max(longest[info["generation"]], took)
            layers.spent["garbage collection"] += took
            if layers.stack:  # inside the innermost timer: not that layer's own time
                layers.stack[-1][1] += took
    gc.callbacks.append(callback)
    counts.longest = longest
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("requests", nargs="?", type=int, default=3000)
    parser.add_argument("--cprofile", action="store_true", help="print the costliest functions")
    parser.add_argument("--sort", default="tottime",
                        help="how --cprofile orders them: tottime (default) or cumulative")
    parser.add_argument("--path", default="/en/misconceptions/one-system/")
    parser.add_argument("--warm", type=int, default=300, help="requests before measuring")
    parser.add_argument("--batches", type=int, default=5)
    options = parser.parse_args()

    root = Path(tempfile.mkdtemp())
    try:
        production_django(root)
        run(options)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run(options) -> None:
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.client import RequestFactory

    from explainer import panel
    from systems import engine

    factory = RequestFactory()
    rng = random.Random(2026)
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results",
               "HTTP_ACCEPT_ENCODING": "br, gzip", "SERVER_NAME": "127.0.0.1",
               "HTTP_HOST": "127.0.0.1"}

    def environs(n):
        return [factory._base_environ(PATH_INFO=options.path, QUERY_STRING=random_query(rng),
                                      REQUEST_METHOD="GET", **headers) for _ in range(n)]

    statuses = defaultdict(int)

    def start_response(status, _headers, exc_info=None):
        statuses[status.split()[0]] += 1

    def send(handler, batch) -> list[float]:
        took = []
        for environ in batch:
            start = clock()
            response = handler(dict(environ), start_response)
            b"".join(response)
            response.close()
            took.append(clock() - start)
        return took

    handler = WSGIHandler()
    # As a gunicorn worker starts (explainer/gunicorn.conf.py, post_worker_init; an older
    # tree without it is measured as it was).
    conf = runpy.run_path(str(ROOT / "explainer" / "gunicorn.conf.py"))
    conf.get("tune_garbage_collection", lambda: None)()
    send(handler, environs(options.warm))  # the rules loaded, the caches as a worker has them
    # In batches: the least disturbed batch's mean is the cost (others' work on the
    # machine only ever adds to a batch), the median across all says how typical it was.
    plain, batches = [], []
    for _ in range(options.batches):
        took = send(handler, environs(options.requests // options.batches))
        plain += took
        batches.append(statistics.fmean(took) * 1000)
    statuses.clear()
    print(f"{len(plain):,} random-record results partials ({options.path}), "
          f"after {options.warm} to warm up")
    print(f"plain CPU time per request: {min(batches):.2f} ms (the least disturbed of "
          f"{options.batches} batches; all: {' '.join(f'{b:.2f}' for b in batches)}); median "
          f"{statistics.median(plain) * 1000:.2f} ms, p99 "
          f"{statistics.quantiles(plain, n=100)[-1] * 1000:.2f} ms")

    layers = Layers()
    instrument(layers)
    collections = watch_collections(layers)
    handler = WSGIHandler()  # built after the timers, so it calls them
    loaded = engine.loaded(engine.editions.published(_version()))
    loaded.memo = CountingOrdered(loaded.memo)
    panel._built = CountingOrdered(panel._built)
    batch = environs(options.requests)
    instrumented = send(handler, batch)
    total = sum(instrumented)
    print(f"\ninstrumented: mean {total / len(batch) * 1000:.2f} ms per request; "
          f"by layer (ms per request, excluding what each calls):")
    for layer, spent in sorted(layers.spent.items(), key=lambda item: -item[1]):
        print(f"  {layer:52} {spent / len(batch) * 1000:6.3f}")
    outside = total - sum(layers.spent.values())
    print(f"  {'WSGI handler, outside any layer':52} {outside / len(batch) * 1000:6.3f}")
    print(f"statuses: {dict(statuses)}; garbage collections: "
          + ", ".join(f"generation {g}: {n:,} (longest {collections.longest[g] * 1000:.0f} ms)"
                      for g, n in sorted(collections.items()))
          + f" in {len(batch):,} requests")
    print(f"engine memo hits: {loaded.memo.rate()}; panel fragments (built) hits: "
          f"{panel._built.rate()}")

    if options.cprofile:
        handler = WSGIHandler()
        batch = environs(options.requests)
        profiler = cProfile.Profile()
        profiler.enable()
        send(handler, batch)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(options.sort).print_stats(60)
        print(out.getvalue())


def _version():
    from systems.releases.version import current
    return current()


class CountingOrdered(Counting):
    """panel._built is an OrderedDict it evicts from in order: keep that working."""

    def popitem(self, last=True):
        key = next(reversed(self)) if last else next(iter(self))
        return key, self.pop(key)


if __name__ == "__main__":
    main()
