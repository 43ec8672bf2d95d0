"""Shared start-up for the bench scripts: Django on a throwaway SQLite database."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ["sources", "commercial", "blacklists", "pilots", "nosedive", "personas"]


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
    call_command("loaddata", *settings.RULE_FIXTURES, verbosity=0)


@contextmanager
def production_server(extra_env: dict | None = None):
    """gunicorn as in production (DEBUG off, whitenoise, manifest static files) on a
    throwaway SQLite database with the shipped fixtures; yields its base URL."""
    root = Path(tempfile.mkdtemp())
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "bench",
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "DJANGO_SECURE_SSL_REDIRECT": "0",
           "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
           "DJANGO_STATIC_ROOT": str(root / "static"),
           "DJANGO_SETTINGS_MODULE": "explainer.settings", **(extra_env or {})}
    python = sys.executable
    for args in (["migrate", "--noinput"], ["loaddata", *FIXTURES],
                 ["publish_release", "--first"], ["collectstatic", "--noinput"]):
        subprocess.run([python, "manage.py", *args, "-v0"], env=env, cwd=ROOT, check=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # The same configuration as `make serve` (explainer/gunicorn.conf.py).
    process = subprocess.Popen(
        [python, "-m", "gunicorn", "explainer.wsgi", "-c", "explainer/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env={**env, "ACCESS_LOG": ""}, cwd=ROOT)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start") from None
            time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


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
