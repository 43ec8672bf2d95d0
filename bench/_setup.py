"""Shared start-up for the bench scripts: Django on a throwaway SQLite database, the
production server on it, nginx in front of that, and wrk."""

import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_with_rules() -> None:
    sys.path.insert(0, str(ROOT))
    db = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "explainer.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("loaddata", *settings.RULE_FIXTURES, verbosity=0, by="bench",
                 reason="The shipped fixtures")


@contextmanager
def production_server(extra_env: dict | None = None):
    """The site on gunicorn with the settings of `make serve` (workers and threads from the
    core count), on a throwaway SQLite database with the shipped data; yields its base
    URL. No access log: writing one line per request would be measured too."""
    sys.path.insert(0, str(ROOT))
    from tests.services import start_app_server

    root = Path(tempfile.mkdtemp())
    base, _env, stop = start_app_server(root, {"ACCESS_LOG": "", **(extra_env or {})},
                                        workers=None, threads=None)
    try:
        yield base
    finally:
        stop()
        shutil.rmtree(root, ignore_errors=True)



@contextmanager
def front_proxy(base: str):
    """nginx (Debian's) in front of the server at `base`, configured as `make serve` and
    compose.yaml run it (deploy/nginx.conf.template: buffering, keep-alive to gunicorn,
    every request passed to gunicorn, static files included); yields its base URL. Its
    access log is on, as in production."""
    sys.path.insert(0, str(ROOT))
    from tests.services import start_proxy

    root = Path(tempfile.mkdtemp())
    url, stop = start_proxy(base, root)
    try:
        yield url
    finally:
        stop()
        shutil.rmtree(root, ignore_errors=True)

def wrk(url: str, seconds: int = 5, connections: int = 64, threads: int = 2,
        script: str = "report.lua", headers: dict | None = None, env: dict | None = None) -> dict:
    """Run wrk against one URL; requests per second, latency p50 and p99 (ms), errors.

    Requests say `Accept-Encoding: br, gzip`, as browsers do.
    """
    if shutil.which("wrk") is None:
        subprocess.run([str(ROOT / "scripts" / "system-packages"), "wrk"], check=True)
    report = ROOT / "bench" / "report.lua"
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
            "-H", "Accept-Encoding: br, gzip", "-s", str(ROOT / "bench" / script)]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True,
                         env={**os.environ, "REPORT_LUA": str(report), **(env or {})}).stdout
    report = dict(line.split("=", 1) for line in out.splitlines() if line.startswith("@"))
    return {"rps": float(report["@rps"]), "p50": float(report["@p50"]) / 1000,
            "p99": float(report["@p99"]) / 1000, "errors": int(report["@errors"])}
