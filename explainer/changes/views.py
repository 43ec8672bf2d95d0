"""The public record of releases: what changed in the rules, when, and on what source."""

from __future__ import annotations

from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from explainer.chapters import CHAPTERS
from explainer.serving.cache import public
from systems import engine
from systems.models import Source
from systems.releases import editions
from systems.releases.changes import Diff, draft_diff, release_diff
from systems.releases.models import Release
from systems.releases.superseded import superseded

# A release that changes more rows than this is summarised by system (the first release).
SUMMARISE_ABOVE = 40


def release_entries() -> list[dict]:
    """Every published release with what it changed, newest first; for an editor
    previewing the draft, the draft's changes first (cached per edition: publishing moves
    it on)."""
    return _release_entries(editions.token(), get_language())


@lru_cache(maxsize=16)
def diffs(edition: tuple | None, language: str) -> list[tuple[Release | None, Diff]]:
    """(release, what it changed), newest first; (None, the draft's changes) first in an
    editor's preview. Per language: a change names its row by its label."""
    found = [(None, draft_diff())] if editions.current().is_draft else []
    return found + [(release, release_diff(release))
                    for release in Release.objects.published().order_by("-number")]


@lru_cache(maxsize=16)
def _release_entries(edition: tuple | None, language: str) -> list[dict]:
    names = {s.key: s.name for s in engine.systems()}
    sources = engine.rows().by_key(Source)
    entries = []
    for release, found in diffs(edition, language):
        changes = found.changes
        counts: dict[str, int] = {}
        for change in changes:
            for system in change.systems or ("other",):
                counts[system] = counts.get(system, 0) + 1
        entries.append({
            "release": release,
            "changes": [] if len(changes) > SUMMARISE_ABOVE else [
                (change, [names.get(s, s) for s in change.systems],
                 [sources[k] for k in change.source_keys if k in sources])
                for change in changes],
            "count": len(changes), "rechecked": found.rechecked,
            "by_system": [(names.get(key, key), n) for key, n in counts.items()],
        })
    return entries


@require_safe
@public
def changes(request: HttpRequest) -> HttpResponse:
    return render(request, "explainer/changes/changes.html", {
        "entries": release_entries(), "chapters": CHAPTERS})


def system_changes(key: str, limit: int = 12) -> list[tuple]:
    """Changes that touched one system since the first release: (change, release number,
    or None for the draft in an editor's preview), newest first; cached per edition."""
    return _system_changes(key, limit, editions.token(), get_language())


@lru_cache(maxsize=64)
def _system_changes(key: str, limit: int, edition: tuple | None,
                    language: str) -> list[tuple]:
    found = []
    for release, changed in diffs(edition, language):
        if release is not None and release.previous() is None:
            continue  # the first release: everything in it was added
        found += [(change, release.number if release else None)
                  for change in changed.changes if key in change.systems]
    return found[:limit]


def system_superseded(key: str) -> dict:
    """Each of a system's rules' earlier values, in the releases where they held (for the
    system page, beside the value now); cached per edition."""
    return _system_superseded(key, editions.token(), get_language())


@lru_cache(maxsize=64)
def _system_superseded(key: str, edition: tuple | None, language: str) -> dict:
    current = editions.current()
    releases = Release.objects.published().order_by("number")
    if current.release is not None:
        releases = releases.filter(number__lte=current.release.number)
    chain = [editions.pinned(release) for release in releases]
    if current.is_draft:
        chain.append(current)
    return superseded(key, chain)
