"""The current data version, read as cheaply as correctness allows.

With a shared cache (Redis), the version lives there too: written the moment a change is
committed here, and otherwise kept for a few seconds only, so that a change made where no
shared cache is configured (a raw SQL fix, a shell without CACHE_URL) is seen within
`TTL` seconds anyway. A request then costs one cache read and, a few times a minute, one
database read. With a local cache, each worker reads the database (one indexed row) on
every request, since another worker may have changed the data.
"""

from __future__ import annotations

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
    """(version number, when it changed) of the committed data."""
    if not shared():
        return current_from_database()
    token = cache.get(KEY)
    if token is None:
        token = current_from_database()
        # add, not set: if a change was committed (and set) since we read, it wins.
        cache.add(KEY, token, TTL)
    return token


def publish_after_commit() -> None:
    """Called on every bump: once the change is committed, tell every app server."""
    if shared():
        transaction.on_commit(lambda: cache.set(KEY, current_from_database(), TTL))


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
