"""The data version: read as cheaply as correctness allows, and moved on after each change.

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
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import DataVersion

KEY = "data-version"
TTL = 5  # seconds
# The last version known, kept a week in the shared cache (and in each process): while the
# database cannot be reached, pages stored under it are still the latest anyone knows of.
LAST_KEY = "data-version:last"
LAST_TTL = 7 * 24 * 3600
_last: tuple | None = None


class Version(NamedTuple):
    """The draft's stamp (number, when it changed) and the release readers see."""

    number: int
    changed_at: datetime | None
    release: int
    released_at: datetime | None

    @property
    def draft(self) -> tuple:
        """What editors' previews key on: moves with every change."""
        return ("draft", self.number, self.changed_at)

    @property
    def published(self) -> tuple:
        """What readers' pages key on: moves only when a release is published."""
        return ("release", self.release, self.released_at)


def shared() -> bool:
    return bool(getattr(settings, "CACHE_URL", ""))


def current() -> Version:
    """The version this connection sees: the committed data, or its own change while that
    is not committed yet (Redis only learns of a change when it is committed, and must
    never learn of one that is rolled back)."""
    global _last
    if not shared() or (getattr(connection, "changed_data", False)
                        and connection.in_atomic_block):
        version = current_from_database()
        if not connection.in_atomic_block:
            _last = tuple(version)
        return version
    try:
        token = cache.get(KEY)
    except Exception:  # noqa: BLE001 (a cache that is down: the database still knows)
        version = current_from_database()
        _last = tuple(version)
        return version
    if not isinstance(token, tuple) or len(token) != len(Version._fields):
        token = tuple(current_from_database())
        # add, not set: if a change was committed (and set) since we read, it wins.
        with contextlib.suppress(Exception):
            cache.add(KEY, token, TTL)
            cache.set(LAST_KEY, token, LAST_TTL)
    _last = tuple(token)
    return Version(*token)


def last_known() -> Version | None:
    """The version read last, here or by any app server (through the shared cache), for
    when the database cannot be reached now: pages stored under it may still be served."""
    candidates = []
    if shared():  # the newest: any process on any server may have written it since
        with contextlib.suppress(Exception):
            candidates.append(cache.get(LAST_KEY))
    candidates.append(_last)
    for token in candidates:
        if isinstance(token, tuple) and len(token) == len(Version._fields):
            return Version(*token)
    return None


def bump(**release) -> None:
    """Move the draft's version on (every change), or record a published release
    (`release=`, `released_at=`); every app server learns of it once it is committed."""
    fields = {"number": F("number") + 1, "changed_at": timezone.now(), **release}
    if not DataVersion.objects.filter(pk=1).update(**fields):
        DataVersion.objects.get_or_create(pk=1, defaults={"number": 1, **release})
    if shared():
        connection.changed_data = True
        transaction.on_commit(publish)


def publish() -> None:
    connection.changed_data = False
    try:
        token = tuple(current_from_database())
        cache.set(KEY, token, TTL)
        cache.set(LAST_KEY, token, LAST_TTL)
    except Exception:  # noqa: BLE001 (the cache is down: forget the old token if we can)
        with contextlib.suppress(Exception):
            cache.delete(KEY)


def current_from_database() -> Version:
    """One row by primary key, in plain SQL: this runs on every request, and the ORM's
    query building would cost several times the database's own work."""
    with connection.cursor() as cursor:
        cursor.execute(SQL)
        row = cursor.fetchone()
    if row is None:
        return Version(0, None, 0, None)
    number, changed_at, release, released_at = row
    return Version(number, aware(changed_at), release, aware(released_at))


def aware(value) -> datetime | None:
    if isinstance(value, str):  # SQLite returns text
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


SQL = (f"SELECT number, changed_at, release, released_at FROM {DataVersion._meta.db_table} "
       "WHERE id = 1")
