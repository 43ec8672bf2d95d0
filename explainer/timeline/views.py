"""The national picture, dated: the timeline and the joint-punishment memorandums, both
built from data editors keep (systems.timeline, systems.blacklists.Memorandum)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from explainer import content
from explainer.chapters import BY_SLUG, CHAPTERS
from explainer.serving.cache import public
from systems import engine
from systems.blacklists.models import Memorandum
from systems.timeline.models import Step


def when(value: str) -> str:
    """A date as precise as the data gives it: "14 June 2014", "June 2014" or "2014"."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return date_format(datetime.date.fromisoformat(value))
        if len(parts) == 2:
            return date_format(datetime.date(int(parts[0]), int(parts[1]), 1), "F Y")
    except ValueError:
        pass
    return value


@dataclass(frozen=True)
class Dated:
    row: object
    when: str
    chapters: tuple = ()


def steps() -> list[Dated]:
    """Every step of the request's edition, in date order, with the chapters it matters to."""
    return [Dated(step, when(step.date),
                  tuple(BY_SLUG[slug] for slug in step.chapter_slugs if slug in BY_SLUG))
            for step in engine.rows().all(Step)]


def steps_for(slug: str) -> list[Dated]:
    """The steps that matter to one chapter (its "On the timeline" links)."""
    return [step for step in steps() if any(c.slug == slug for c in step.chapters)]


@require_safe
@public
def timeline(request: HttpRequest) -> HttpResponse:
    dated = steps()
    years = [(year, list(group)) for year, group in groupby(dated, key=lambda d: d.row.year)]
    return render(request, "explainer/timeline/timeline.html", {
        "page": content.load("timeline", get_language()), "years": years,
        "count": len(dated), "topics": Step.Topic, "chapters": CHAPTERS})


@require_safe
@public
def memorandums(request: HttpRequest) -> HttpResponse:
    rows = [Dated(m, when(m.signed)) for m in engine.rows().all(Memorandum)]
    return render(request, "explainer/timeline/memorandums.html", {
        "page": content.load("memorandums", get_language()), "memorandums": rows,
        "chapters": CHAPTERS})
