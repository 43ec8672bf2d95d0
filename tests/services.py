"""Throwaway PostgreSQL and Redis servers on loopback, from Debian's packages.

Used by `scripts/with-services` (which runs the suite against them) and by tests that need
servers of their own, e.g. to stop one. PostgreSQL will not run as root: as root, its
cluster belongs to the `postgres` user and its commands run through `runuser`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing listens on port {port}") from None
            time.sleep(0.1)


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
