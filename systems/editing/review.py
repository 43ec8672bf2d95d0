"""Checking rows against their sources: the review queue (sources, pilots and rules nobody
has checked for a while), and what checking one records."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from systems.models import Source, sourced_models


def review_cutoff(months: int | None = None) -> datetime.date:
    """The date before which a row counts as not checked (default: REVIEW_AFTER_MONTHS)."""
    months = settings.REVIEW_AFTER_MONTHS if months is None else months
    today = timezone.localdate()
    month = today.month - 1 - months
    year, month = today.year + month // 12, month % 12 + 1
    for day in (today.day, 30, 29, 28):  # the 31st of a shorter month: its last day
        try:
            return today.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


# Functions that list statements elsewhere (the pages' dated statements of status) checked
# before a cut-off, as lines; the reader pages register theirs, so this module needs no
# knowledge of them.
STATEMENT_CHECKS: list = []


def stale_statements(months: int | None = None) -> list[str]:
    cutoff = review_cutoff(months)
    return [line for check in STATEMENT_CHECKS for line in check(cutoff)]


def reviewable_models() -> list:
    from systems.pilots.models import Pilot
    return [Source, Pilot, *sourced_models()]


def stale(months: int | None = None) -> list[tuple[type, list]]:
    """(model, rows not checked since the cut-off, oldest first) for every reviewable model."""
    cutoff = review_cutoff(months)
    found = []
    for model in reviewable_models():
        rows = list(model.objects.filter(checked__lt=cutoff).order_by("checked", "key"))
        if rows:
            found.append((model, rows))
    return found


def source_rows(row) -> list:
    """The sources a row rests on: its source, a pilot's sources, or a source itself."""
    if isinstance(row, Source):
        return [row]
    if getattr(row, "source_id", None):
        return [row.source] + ([row.second_source] if getattr(row, "second_source_id", None)
                               else [])
    if hasattr(row, "sources"):
        return list(row.sources.all())
    return []


def read_sources(pks, day: datetime.date, reason: str, user) -> None:
    """Sources an editor read on `day` (to check a row against them): each one's retrieved
    date moves on to it. Read afresh: a rehearsal may have changed instances in memory."""
    for source in Source.objects.filter(pk__in=set(pks)):
        if source.retrieved < day.isoformat():
            source.retrieved = day.isoformat()
            source._change_reason = reason
            source._history_user = user
            source.save()


def checked_today(rows, user, reason: str) -> None:
    """Mark rows as checked against their sources today: the rows, and each source's
    retrieved date (an editor who checks a row against its source has just read it)."""
    today = timezone.localdate()
    for row in rows:
        row.checked = today
        if isinstance(row, Source):  # checking a source is reading it
            row.retrieved = max(row.retrieved, today.isoformat())
        row._change_reason = reason
        row._history_user = user
        row.save()
    read_sources({s.pk for row in rows if not isinstance(row, Source)
                  for s in source_rows(row)}, today, reason, user)
