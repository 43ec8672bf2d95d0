"""A circuit breaker per process, for the services pages depend on (PostgreSQL, Redis).

A service that hangs costs each request that touches it a whole timeout. After one such
failure, the breaker opens: for `seconds`, callers are refused at once (and fall back:
a page from the cache, a 503, or no cache at all) instead of each waiting again. Then one
caller at a time is let through to try; its success closes the breaker, its failure opens
it again. Per process on purpose: no shared state to reach when the shared things are
exactly what is failing.
"""

from __future__ import annotations

import threading
import time


class Breaker:
    def __init__(self, name: str, seconds: float):
        self.name = name
        self.seconds = seconds
        self._lock = threading.Lock()
        self._open_until = 0.0  # 0: closed
        self._trying = False  # one caller is testing the service after the pause
        self.last_error = ""

    def allow(self) -> bool:
        """May this caller use the service? Always while closed; after the pause, one
        caller at a time (the trial), until it reports back."""
        if not self._open_until:  # closed: the common case, no lock
            return True
        with self._lock:
            if not self._open_until:
                return True
            if self._trying or time.monotonic() < self._open_until:
                return False
            self._trying = True
            return True

    def failed(self, error: BaseException | str = "") -> None:
        with self._lock:
            self._open_until = time.monotonic() + self.seconds
            self._trying = False
            self.last_error = error if isinstance(error, str) else type(error).__name__

    def succeeded(self) -> None:
        if self._open_until:
            with self._lock:
                self._open_until = 0.0
                self._trying = False

    def released(self) -> None:
        """The caller stopped before learning anything (failed() already said so if it
        was the service's fault): the next caller may try."""
        if self._trying:
            with self._lock:
                self._trying = False

    @property
    def is_open(self) -> bool:
        return bool(self._open_until)

    def report(self) -> dict:
        """What /readyz says about the service."""
        if not self._open_until:
            return {"state": "closed"}
        left = max(0.0, self._open_until - time.monotonic())
        return {"state": "open", "retry_in_seconds": round(left, 1),
                "last_error": self.last_error}

    def reset(self) -> None:
        """Closed again (tests)."""
        with self._lock:
            self._open_until = 0.0
            self._trying = False
