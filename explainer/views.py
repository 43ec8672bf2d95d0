"""The reader's pages: thin views that read input, call the domain and render."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from urllib.parse import urlencode

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import push_url

from systems import engine
from systems.models import SOURCE_LANGUAGES, Feed, Source
from systems.pilots.models import Pilot
from systems.releases import editions

from . import charts, content, simulation, steps
from .changes.views import system_changes, system_superseded
from .chapters import BY_SLUG, CHAPTERS, neighbours
from .embeds import options as embed_options
from .lessons import predict
from .serving.cache import public
from .timeline.views import steps_for

PILOT_SORTS = {"city": gettext_lazy("City"), "province": gettext_lazy("Province"),
               "kind": gettext_lazy("Kind"), "started": gettext_lazy("Since"),
               "state": gettext_lazy("Status")}
# htmx may ask for one region of a chapter; each needs one of these widgets on the page.
PARTIALS = {"results": {"simulation", "dataflow"}, "simulation": {"simulation", "dataflow"},
            "record": {"simulation", "dataflow"}, "pilot-table": {"pilot-map"}}
# Regions outside the swapped one (field errors, the persona menu, the live region) are
# updated out of band, only when one of these is swapped.
OOB_TARGETS = {"results", "pilot-table"}


def page(name: str):
    return content.load(name, get_language())


@require_safe
@public
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "explainer/home.html",
                  {"page": page("home"), "glance": engine.systems(), "chapter_list": CHAPTERS})


@csrf_exempt  # readers' guesses arrive with no cookie; a guess changes only a class count
@require_http_methods(["GET", "HEAD", "POST"])
@public
def misconception(request: HttpRequest, slug: str) -> HttpResponse:
    """A chapter. POST only sends a reader's guesses (`reveal=after`, explainer/lessons/):
    the answer is the same page with the guesses beside the verdicts, never cached."""
    if request.method == "POST" and request.GET.get("reveal") != "after":
        return HttpResponseNotAllowed(["GET", "HEAD"])
    chapter = BY_SLUG.get(slug)
    if chapter is None:
        return render(request, "404.html", status=404)
    text = page(slug)
    previous, following = neighbours(chapter)
    context = {"page": text, "chapter": chapter, "chapters": CHAPTERS,
               "previous": previous, "next": following}
    statuses = [200]
    options = chapter_options(request)
    context.update(widget_options=options, kept=options.hidden)
    if options.errors:
        statuses.append(400)
    if text.widgets & {"simulation", "dataflow"}:
        sim = simulation.read(request.GET, own=simulation.CHAPTER_OPTIONS)
        present = {r.system for r in sim.outcome.results}
        shown = [k for k in options.systems if k in present] or [
            r.system for r in sim.outcome.results]
        context.update(sim=sim, show_flow="dataflow" in text.widgets,
                       columns=[sim.outcome[k] for k in shown],
                       # a pinned release's own systems (a scheme may have come since)
                       systems_by_key={s.key: s
                                       for s in engine.systems(engine.of(sim.release))},
                       permalink_absolute=request.build_absolute_uri(
                           request.path + (f"?{sim.query}" if sim.query else "")))
        if context["show_flow"]:
            context.update(flow_context(sim))
        context["step"] = step = steps.position(slug, text, sim)
        if step and step.next_href and options.shared_query:  # the next step keeps them
            context["step"] = replace(step, next_href=step.next_href.replace(
                "#results", f"&{options.shared_query}#results"))
        context["predict"] = predict.prediction(request, sim, shown)
        statuses.append(sim.status)
        if context["predict"] and context["predict"].errors:
            statuses.append(400)
        if not sim.errors and not simulation.is_canonical(request.GET, sim):
            # Persona picks and full form submits land on the record's short permalink.
            context["push"] = permalink(request, sim.query)
            if not request.htmx:
                return HttpResponseRedirect(context["push"])
    if not request.htmx:  # what only the whole page shows, not a swapped region
        context["on_timeline"] = steps_for(slug)
        if following is None:  # the walk-through ends with its answers
            context["recap"] = [(c, page(c.slug).short) for c in CHAPTERS]
            context["home_absolute"] = request.build_absolute_uri(reverse("explainer:home"))
        if text.glance and not context.get("predict"):  # the glance would give it away
            context["glance"] = glance(text.glance)
    if "pilot-map" in text.widgets:
        context.update(pilot_map(request, context["sim"].query if "sim" in context else None))
        statuses.append(400 if context["sort_error"] else 200)
    if "survey-chart" in text.widgets:
        context.update(survey_context())

    if text.widgets and not request.htmx:  # hosts discover how to embed it in <head>
        context["oembed_url"] = request.build_absolute_uri(reverse("oembed")) + "?" + urlencode(
            {"url": request.build_absolute_uri(), "format": "json"})
    template = "explainer/misconception.html"
    if target := partial_of(request, text.widgets):
        template += "#" + target  # the partial of the same name
        context["oob_updates"] = target in OOB_TARGETS
    response = render(request, template, context, status=max(statuses))
    if request.method == "POST":
        response["Cache-Control"] = "private, no-store"
    if request.htmx and "push" in context:
        push_url(response, context["push"])
    # The body depends on these headers: caches and the back button must keep them apart.
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def glance(persona_key: str) -> dict | None:
    """A chapter's opening: one persona's record through every system, before the
    evidence, with the link that loads it into the simulation."""
    sim = simulation.read(QueryDict(urlencode({"persona": persona_key})))
    if sim.errors:  # a persona an editor renamed: the chapter opens without it
        return None
    return {"persona": sim.active_persona, "outcome": sim.outcome,
            "baseline": simulation.read(QueryDict()).outcome,
            "systems": {s.key: s for s in engine.systems()}, "query": sim.query}


def partial_of(request: HttpRequest, widgets) -> str | None:
    """The region an htmx request asks for, if one of these widgets has it."""
    target = request.htmx.target if request.htmx else None
    return target if target and PARTIALS.get(target, set()) & set(widgets) else None


def flow_context(sim) -> dict:
    """The data-flow diagram for this record, and the sources its arrows cite."""
    styles = {s.key: s.style for s in engine.systems(engine.of(sim.release))}
    return {"flow": charts.data_flow(sim.outcome, styles), "flow_sources": sources_by_key(
        tuple(charts.FLOW_SOURCES.values()), editions.token())}


def survey_context() -> dict:
    bars = charts.survey_bars()
    return {"survey": bars, "survey_sources": sources_by_key(
        tuple(sorted({bar.source for bar in bars})), editions.token())}


@lru_cache(maxsize=16)
def sources_by_key(keys: tuple[str, ...], edition) -> dict[str, Source]:
    """Sources a widget cites, from the request's edition (every new record asks again)."""
    known = engine.rows().by_key(Source)
    return {key: known[key] for key in keys if key in known}


def chapter_options(request: HttpRequest):
    """The embed options a chapter honours (which systems in which order, the theme) or
    keeps (the layout, predict first, a class code), read and checked as an embed does."""
    wanted = QueryDict(mutable=True)
    for name in simulation.CHAPTER_OPTIONS & set(request.GET):
        wanted.setlist(name, request.GET.getlist(name))
    return embed_options.read(wanted)


def permalink(request: HttpRequest, query: str) -> str:
    """The record's short query, keeping the table's sort order and a lesson's settings."""
    sorting = urlencode({k: request.GET[k] for k in simulation.KEPT if k in request.GET})
    both = "&".join(q for q in (query, sorting) if q)
    return request.path + (f"?{both}" if both else "")


def pilot_map(request: HttpRequest, record: str | None = None) -> dict:
    """The registry for the map and the sortable table; a bad sort is reported, not fatal.
    Sort links keep the record (`record`: its permalink query, when the page has one)."""
    sort = request.GET.get("sort", "province")
    order = request.GET.get("order", "asc")
    error = ""
    repeated = [k for k in ("sort", "order") if len(request.GET.getlist(k)) > 1]
    if repeated or sort not in PILOT_SORTS or order not in ("asc", "desc"):
        error = _("Cannot sort the table that way; sort by one of %(columns)s, in asc or desc "
                  "order, each given once.") % {"columns": ", ".join(PILOT_SORTS)}
        sort, order = "province", "asc"
    pilots = sorted(engine.rows().all(Pilot), key=lambda p: p.city)  # ties: by city
    pilots.sort(key=lambda p: getattr(p, sort), reverse=order == "desc")
    present = {p.kind for p in pilots}
    if record is None:
        record = urlencode({k: v for k, v in request.GET.items() if k not in ("sort", "order")})
    base = record + "&" if record else ""
    columns = [(key, label, f"?{base}sort={key}&order="
                + ("desc" if sort == key and order == "asc" else "asc"))
               for key, label in PILOT_SORTS.items()]
    announcement = _("Pilots sorted by %(column)s, %(order)s.") % {
        "column": PILOT_SORTS[sort],
        "order": _("descending") if order == "desc" else _("ascending")}
    # A pilot that is a simulated scheme carries that system's colour and glyph.
    styles = {s.scheme.pilot_id: s.style for s in engine.systems() if s.scheme is not None}
    return {"pilots": pilots, "pilot_styles": styles, "sort": sort, "order": order,
            "sort_error": error,
            "sort_columns": columns, "sort_announcement": announcement,
            "map_size": charts.MAP_SIZE, "markers": charts.markers(pilots),
            "kinds": [k for k in Pilot.Kind.choices if k[0] in present]}


@require_safe
@public
def system(request: HttpRequest, key: str) -> HttpResponse:
    try:
        system, rules, _sees, cannot_see = engine.rules_of(key)
    except KeyError:
        return render(request, "404.html", status=404)
    described = system.describe(rules)
    feeds = [feed for feed in engine.rows().all(Feed) if feed.system == key]
    bands = charts.band_chart(described["bands"], described["scale"]) \
        if described["bands"] else []
    return render(request, "explainer/system.html", {
        "page": content.system_page(system, get_language()), "system": system,
        "rows": described["rows"],
        "bands": bands, "chart_width": charts.CHART_WIDTH,
        "illustrative_bands": any(b.status == "illustrative" for b in bands),
        "feeds": feeds, "cannot_see": cannot_see, "systems": engine.systems(),
        "scale_text": charts.scale_text(system, described), "chapters": CHAPTERS,
        "changes": system_changes(key), "superseded": system_superseded(key)})


@require_safe
@public
def systems_index(request: HttpRequest) -> HttpResponse:
    """Every system side by side: who runs it, what it answers, whom it covers, what it sees."""
    columns = [{"system": system, "page": content.system_page(system, get_language()),
                "sees": sees,
                "scale": charts.scale_text(system, system.describe(rules))}
               for system, rules, sees, _cannot in engine.snapshot()]
    return render(request, "explainer/systems.html", {"columns": columns, "chapters": CHAPTERS})


@require_safe
@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "explainer/text_page.html",
                  {"page": page("privacy"), "chapters": CHAPTERS})


@require_safe
@public
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "explainer/text_page.html",
                  {"page": page("glossary"), "chapters": CHAPTERS})


@require_safe
@public
def sources(request: HttpRequest) -> HttpResponse:
    cited = content.cited_on()
    used: dict[str, list] = {}
    for system, rules, _sees, _cannot in engine.snapshot():
        for row in system.describe(rules)["rows"]:
            if row.source and system not in used.setdefault(row.source.key, []):
                used[row.source.key].append(system)
    systems = {system.key: system for system in engine.systems()}
    for feed in engine.rows().all(Feed):
        if feed.source and systems[feed.system] not in used.setdefault(feed.source.key, []):
            used[feed.source.key].append(systems[feed.system])
    rows = [(source, cited.get(source.key, []), used.get(source.key, []))
            for source in engine.rows().all(Source)]
    by_language: dict[str, list[Source]] = {}
    for source, _cited, _used in rows:
        by_language.setdefault(source.language, []).append(source)
    languages = [(label, by_language[code]) for code, label in SOURCE_LANGUAGES
                 if code in by_language]
    return render(request, "explainer/sources.html",
                  {"rows": rows, "chapters": CHAPTERS, "pages": page_titles(),
                   "page_language": get_language(), "source_languages": languages})


def page_titles() -> dict[str, tuple[str, str]]:
    """Content page name → (title, URL), for the Sources page's "cited on" links."""
    titles = {c.slug: (page(c.slug).title, c.get_absolute_url()) for c in CHAPTERS}
    for system in engine.systems():
        titles[f"systems/{system.key}"] = (
            content.system_page(system, get_language()).title,
            reverse("explainer:system", args=[system.key]))
    titles["home"] = (page("home").title, reverse("explainer:home"))
    titles["glossary"] = (page("glossary").title, reverse("explainer:glossary"))
    titles["timeline"] = (page("timeline").title, reverse("explainer:timeline"))
    titles["memorandums"] = (page("memorandums").title, reverse("explainer:memorandums"))
    for c in CHAPTERS:  # the teacher guides (explainer/lessons/guide.py) cite sources too
        titles[f"teach/{c.slug}"] = (page(f"teach/{c.slug}").title,
                                     reverse("explainer:teach", args=[c.slug]))
    return titles


