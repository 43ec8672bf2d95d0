"""The public record of releases: what changed in the rules, when, and on what source."""

from __future__ import annotations

from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from explainer.chapters import CHAPTERS
from explainer.serving.cache import public
from systems import engine
from systems.engine import request_version
from systems.models import Source
from systems.releases.changes import changes_between, release_changes, unreleased
from systems.releases.models import Release

# A release that changes more rows than this is summarised by system (the first release).
SUMMARISE_ABOVE = 40


def release_entries() -> list[dict]:
    """Every release with its changes, newest first (cached per data version: publishing
    moves it on)."""
    return _release_entries(request_version.get())


@lru_cache(maxsize=16)
def _release_entries(version: tuple | None) -> list[dict]:
    names = {s.key: s.name for s in engine.systems()}
    sources = Source.objects.in_bulk(field_name="key")
    entries = []
    for release in Release.objects.all():
        changes = release_changes(release)
        counts: dict[str, int] = {}
        for change in changes:
            for system in change.systems or ("other",):
                counts[system] = counts.get(system, 0) + 1
        entries.append({
            "release": release,
            "changes": [] if len(changes) > SUMMARISE_ABOVE else [
                (change, [names.get(s, s) for s in change.systems],
                 sources.get(change.source_key)) for change in changes],
            "count": len(changes),
            "by_system": [(names.get(key, key), n) for key, n in counts.items()],
        })
    return entries


@require_safe
@public
def changes(request: HttpRequest) -> HttpResponse:
    return render(request, "explainer/changes/changes.html", {
        "entries": release_entries(), "pending": len(unreleased()), "chapters": CHAPTERS})


def system_changes(key: str, limit: int = 12) -> list[tuple]:
    """Changes that touched one system since the first release: (change, release number
    or None while not yet released), newest first; cached per data version."""
    return _system_changes(key, limit, request_version.get())


@lru_cache(maxsize=64)
def _system_changes(key: str, limit: int, version: tuple | None) -> list[tuple]:
    releases = list(Release.objects.order_by("number"))
    if not releases:
        return []
    found = []
    for change in changes_between(releases[0].published_at, None):
        if key in change.systems:
            number = next((r.number for r in releases if r.published_at >= change.when), None)
            found.append((change, number))
    return found[:limit]
