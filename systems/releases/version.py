"""The current data version, read as cheaply as correctness allows.

With a shared cache (Redis), the version lives there too: written the moment a change is
committed here, and otherwise kept for a few seconds only, so that a change made where no
shared cache is configured (a raw SQL fix, a shell without CACHE_URL) is seen within
`TTL` seconds anyway. A request then costs one cache read and, a few times a minute, one
database read. With a local cache, each worker reads the database (one indexed row) on
every request, since another worker may have changed the data.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import DataVersion

KEY = "data-version"
TTL = 5  # seconds


def shared() -> bool:
    return bool(getattr(settings, "CACHE_URL", ""))


def current() -> tuple[int, datetime | None]:
    """(version number, when it changed) of the data this connection sees: the committed
    data, or its own change while that is not committed yet (Redis only learns of a change
    when it is committed, and must never learn of one that is rolled back)."""
    if not shared() or (getattr(connection, "changed_data", False)
                        and connection.in_atomic_block):
        return current_from_database()
    try:
        token = cache.get(KEY)
    except Exception:  # noqa: BLE001 (a cache that is down: the database still knows)
        return current_from_database()
    if token is None:
        token = current_from_database()
        # add, not set: if a change was committed (and set) since we read, it wins.
        with contextlib.suppress(Exception):
            cache.add(KEY, token, TTL)
    return token


def publish_after_commit() -> None:
    """Called on every bump: once the change is committed, tell every app server."""
    if shared():
        connection.changed_data = True
        transaction.on_commit(publish)


def publish() -> None:
    connection.changed_data = False
    try:
        cache.set(KEY, current_from_database(), TTL)
    except Exception:  # noqa: BLE001 (the cache is down: forget the old token if we can)
        with contextlib.suppress(Exception):
            cache.delete(KEY)


def current_from_database() -> tuple[int, datetime | None]:
    """One row by primary key, in plain SQL: this runs on every request, and the ORM's
    query building would cost several times the database's own work."""
    with connection.cursor() as cursor:
        cursor.execute(SQL)
        row = cursor.fetchone()
    if row is None:
        return 0, None
    number, changed_at = row
    if isinstance(changed_at, str):  # SQLite returns text
        changed_at = parse_datetime(changed_at)
    if changed_at is not None and timezone.is_naive(changed_at):
        changed_at = timezone.make_aware(changed_at, UTC)
    return number, changed_at


SQL = f"SELECT number, changed_at FROM {DataVersion._meta.db_table} WHERE id = 1"
