import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from systems import engine
from systems.record import Record


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the real fixtures: tests check the data we ship."""
    with django_db_blocker.unblock():
        call_command("loaddata", *settings.RULE_FIXTURES, verbosity=0)
        call_command("publish_release", first=True, verbosity=0, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _fresh_rules(settings):
    """Pages are cached as in production (not as while developing, where DEBUG turns the
    page cache off); a test that edits rules must not leave its snapshot or pages behind
    for the next."""
    settings.PAGE_CACHE_SECONDS = 24 * 3600
    yield
    engine.clear_cache()
    from django.core.cache import cache
    cache.clear()


@pytest.fixture
def run(django_db_blocker):
    """Evaluate a record given as parameters: run(loan_arrears=3)["rongcheng"]."""
    with django_db_blocker.unblock():
        engine.snapshot()

    def evaluate(**params):
        return engine.evaluate(Record.parse(params))

    return evaluate


ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(root: Path, extra_env: dict | None = None, prepare: bool = True):
    """A real gunicorn server, as in production (DEBUG off, whitenoise, manifest static
    files), on a throwaway SQLite database loaded from the shipped fixtures (or the
    DATABASE_URL of `extra_env`; `prepare=False` for a second server on a database that is
    ready); returns (base URL, environment, stop function)."""
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "browser-tests",
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "DJANGO_SECURE_SSL_REDIRECT": "0",
           "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
           "DJANGO_STATIC_ROOT": str(root / "static"),
           "DJANGO_SETTINGS_MODULE": "explainer.settings", **(extra_env or {})}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests' own need, not the server's

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args, "-v0"], env=env, cwd=ROOT,
                       check=True)

    if prepare:
        manage("migrate", "--noinput")
        manage("loaddata", *settings.RULE_FIXTURES)
        manage("publish_release", "--first")
    manage("collectstatic", "--noinput")
    port = free_port()
    log = open(root / "gunicorn.log", "w")  # noqa: SIM115 (closed by stop)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "explainer.wsgi", "-c", "explainer/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}"],
        env={"WEB_WORKERS": "2", "WEB_THREADS": "2", **env}, cwd=ROOT, stdout=log,
        stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((root / "gunicorn.log").read_text()) from None
            time.sleep(0.2)

    def stop():
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:  # a worker held by an open connection
            process.kill()
            process.wait()
        log.close()

    return f"http://127.0.0.1:{port}", env, stop


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    url, _env, stop = start_server(tmp_path_factory.mktemp("site"))
    yield url
    stop()
