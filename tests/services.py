"""Throwaway servers on loopback: the app on gunicorn as in production, nginx in front of
it as in production, and PostgreSQL and Redis from Debian's packages.

Used by `scripts/with-services` (which runs the suite against PostgreSQL and Redis), by
tests that need servers of their own (e.g. to stop one), and by the bench scripts.
PostgreSQL will not run as root: as root, its cluster belongs to the `postgres` user and
its commands run through `runuser`.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import glob
import os
import pwd
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, seconds: float = 30, alive=lambda: True) -> None:
    """Until something listens on `port`; an error after `seconds`, or as soon as `alive()`
    says the process that should listen there has gone."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if not alive() or time.monotonic() > deadline:
                raise RuntimeError(f"nothing listens on port {port}") from None
            time.sleep(0.05)


ROOT = Path(__file__).resolve().parents[1]


def wait_for_process(process: subprocess.Popen, port: int, log: Path, seconds: float) -> None:
    """Until `process` listens on `port`; if it exits or takes longer, it is killed and its
    log is the error."""
    try:
        wait_for(port, seconds, alive=lambda: process.poll() is None)
    except RuntimeError:
        process.kill()
        raise RuntimeError(log.read_text()) from None
# A strong key, as `make serve` demands (explainer/serving/checks.py); one per run, since
# app servers side by side share it in production (sessions are valid on each).
SECRET_KEY = secrets.token_urlsafe(50)


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args, "-v0"], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def _scratch(prefix: str) -> Path:
    root = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


@functools.cache
def _seeded_database() -> Path:
    """A SQLite database migrated and seeded with the shipped data, once per run: each
    server copies it (migrating every app takes about 17 s; a copy takes none)."""
    root = _scratch("seeded-")
    env = _server_env(root)
    _manage(env, "migrate", "--noinput")
    _manage(env, "seed")
    return root / "db.sqlite3"


@functools.cache
def _collected_static() -> Path:
    """The static files, collected once per run for every server (same code, same files)."""
    root = _scratch("static-")
    _manage({**_server_env(root), "DJANGO_STATIC_ROOT": str(root)}, "collectstatic",
            "--noinput")
    return root


def _server_env(root: Path, extra_env: dict | None = None) -> dict:
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": SECRET_KEY,
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "DJANGO_SECURE_SSL_REDIRECT": "0",
           "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "explainer.settings", **(extra_env or {})}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests' own need, not the server's
    return env


def start_app_server(root: Path, extra_env: dict | None = None, prepare: bool = True,
                     workers: int | None = 2, threads: int | None = 2):
    """gunicorn as in production (DEBUG off, whitenoise, manifest static files, the
    settings of `make serve`), on a throwaway SQLite database in `root` seeded with the
    shipped data, or on the DATABASE_URL of `extra_env` (`prepare=False` for a second
    server on a database that is ready). Workers and threads of None leave them to
    explainer/gunicorn.conf.py, as production does. Its log is `root/gunicorn.log`.
    Returns (base URL, environment, stop function)."""
    env = {"DJANGO_STATIC_ROOT": str(_collected_static()), **_server_env(root, extra_env)}
    for name, value in (("WEB_WORKERS", workers), ("WEB_THREADS", threads)):
        if value is not None:
            env.setdefault(name, str(value))

    if prepare and env["DATABASE_URL"] == f"sqlite:///{root / 'db.sqlite3'}":
        # A copy of the run's seeded database, through SQLite's own backup.
        with (contextlib.closing(sqlite3.connect(_seeded_database())) as seeded,
              contextlib.closing(sqlite3.connect(root / "db.sqlite3")) as mine):
            seeded.backup(mine)
    elif prepare:
        _manage(env, "migrate", "--noinput")
        _manage(env, "seed")
    port = free_port()
    log = open(root / "gunicorn.log", "w")  # noqa: SIM115 (closed by stop)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "explainer.wsgi", "-c", "explainer/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    wait_for_process(process, port, root / "gunicorn.log", 30)

    def stop():
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:  # a worker held by an open connection
            process.kill()
            process.wait()
        log.close()

    return f"http://127.0.0.1:{port}", env, stop


def start_proxy(upstream_url: str, root: Path):
    """nginx (Debian's package) in front of the gunicorn at `upstream_url`, configured as
    `make serve` and compose.yaml run it (deploy/nginx.conf.template, rendered by
    deploy/render.py), on a free loopback port. Its runtime directory is its own (nginx's
    workers, user nobody when we are root, must be able to reach their temporary files);
    its log (one line per request, and errors) is `root/nginx.log`.
    Returns (base URL, stop function)."""
    if shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin") is None:
        subprocess.run([str(ROOT / "scripts" / "system-packages"), "nginx"], check=True)
    nginx = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
    runtime = Path(tempfile.mkdtemp(prefix="nginx-"))
    runtime.chmod(0o711)
    port = free_port()
    upstream = upstream_url.split("://", 1)[1].rstrip("/")
    subprocess.run([sys.executable, str(ROOT / "deploy" / "render.py"),
                    str(runtime / "nginx.conf"), f"PROXY_LISTEN=127.0.0.1:{port}",
                    f"PROXY_UPSTREAM={upstream}"], check=True)
    log = open(root / "nginx.log", "w")  # noqa: SIM115 (closed by stop)
    process = subprocess.Popen([nginx, "-p", f"{runtime}/", "-c", str(runtime / "nginx.conf"),
                                "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT)
    wait_for_process(process, port, root / "nginx.log", 10)

    def stop():
        process.terminate()  # a fast shutdown: open connections are closed
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(runtime, ignore_errors=True)

    return f"http://127.0.0.1:{port}", stop


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
    return found[-1]


@dataclass
class Postgres:
    directory: Path
    port: int
    as_user: list[str]

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def ctl(self, *args: str) -> None:
        subprocess.run([*self.as_user, pg_bin("pg_ctl"), "-D", str(self.directory / "data"),
                        "-l", str(self.directory / "log"), "-w", *args],
                       check=True, capture_output=True)

    def start(self) -> None:
        self.ctl("-o", f"-h 127.0.0.1 -p {self.port} -k {self.directory} -F", "start")
        wait_for(self.port)

    def stop(self, mode: str = "fast") -> None:
        self.ctl("-m", mode, "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


def start_postgres() -> Postgres:
    directory = Path(tempfile.mkdtemp(prefix="pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        user = pwd.getpwnam("postgres")
        os.chown(directory, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_user, pg_bin("initdb"), "-D", str(directory / "data"), "-U",
                    "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
                   check=True, capture_output=True)
    server = Postgres(directory, free_port(), as_user)
    server.start()
    return server


@dataclass
class Redis:
    directory: Path
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.port)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def start_redis() -> Redis:
    if shutil.which("redis-server") is None:
        raise RuntimeError("Redis is not installed: apt-get install redis-server")
    server = Redis(Path(tempfile.mkdtemp(prefix="redis-")), free_port())
    server.start()
    return server
