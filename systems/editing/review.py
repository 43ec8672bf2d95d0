"""The review queue: sources, pilots and rules nobody has checked for a while."""

from __future__ import annotations

from systems.models import Source, sourced_models

from .admin import review_cutoff


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
