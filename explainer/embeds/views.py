"""Embeds: each simulation of the walk-through on a page of its own, made to be framed.

Thin views: read the options and the record, call the same widget code as the chapters,
render with minimal chrome. The builder (a reader page) writes the snippet for a teacher.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from explainer import content, qr, simulation
from explainer.lessons import predict
from explainer.serving.cache import public
from explainer.views import OOB_TARGETS, flow_context, partial_of, pilot_map, survey_context
from systems import engine
from systems.record import shown

from . import options as embed_options
from .http import embeddable
from .options import Embed

EMBEDS = {
    "compare": Embed("compare", _("One person, every credit system"), "one-system", 1200,
                     "simulation"),
    "dataflow": Embed("dataflow", _("Where one person's data goes"), "data-sharing", 1400,
                      "dataflow"),
    "pilots": Embed("pilots", _("Local credit pilots: map and table"), "points", 1200,
                    "pilot-map", takes_record=False),
    "surveys": Embed("surveys", _("What surveys say about approval"), "citizens", 820,
                     "survey-chart", takes_record=False),
}
# Which embed shows a chapter's own simulation (oEmbed and the builder use this).
FOR_CHAPTER = {"one-system": "compare", "data-sharing": "dataflow", "points": "compare",
               "nosedive": "compare", "citizens": "surveys"}


def embed_view(key: str):
    embed = EMBEDS[key]

    @csrf_exempt  # guesses come from a cookieless frame; they change only a class count
    @require_http_methods(["GET", "HEAD", "POST"])
    @embeddable
    def view(request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and not (embed.takes_record and
                                             request.GET.get("reveal") == "after"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return render_embed(request, embed)
    view.__name__ = key
    return view


def render_embed(request: HttpRequest, embed: Embed) -> HttpResponse:
    opts = embed_options.read(request.GET)
    with translation.override(opts.lang):
        context, errors = widget_context(request, embed, opts)
        chapter_query = "&".join(q for q in (
            context["sim"].query if "sim" in context else "", opts.chapter_query) if q)
        full = request.build_absolute_uri(
            reverse("explainer:misconception", args=[embed.chapter])
            + (f"?{chapter_query}" if chapter_query else ""))
        own = request.build_absolute_uri(request.get_full_path())
        context.update(
            embed=opts, embed_kind=embed, full_url=full,
            permalink_absolute=full,  # what a printed copy links to (its QR code)
            # The widget shows record errors itself; the rest go at the top.
            top_errors=opts.errors if "sim" in context else errors,
            lang=opts.lang, rules_date=rules_date(request, context.get("sim")),
            oembed_url=request.build_absolute_uri(reverse("oembed")) + "?"
            + urlencode({"url": own, "format": "json"}),
            privacy_url=request.build_absolute_uri(reverse("explainer:privacy")),
            title=embed.title,
            # A language with no text yet says so, as the chapters do.
            text_page={"language": opts.lang if content.has_text(opts.lang)
                       else settings.LANGUAGE_CODE})
        template = "explainer/embeds/embed.html"
        if target := partial_of(request, {embed.widget}):
            template = f"explainer/misconception.html#{target}"  # as on the chapter
            context["oob_updates"] = target in OOB_TARGETS
        response = render(request, template, context, status=400 if errors else 200)
    response["Content-Language"] = opts.lang
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def rules_date(request: HttpRequest, sim):
    """The date of the rules the embed shows: its pinned release's, else the release
    readers see (read once per request, by EditionMiddleware)."""
    if sim is not None and sim.release is not None:
        return sim.release.published_at.date()
    return request.rules_as_of.date() if request.rules_as_of else None


def widget_context(request: HttpRequest, embed: Embed, opts) -> tuple[dict, dict]:
    """The same context the chapter gives its widget, for the embed's options."""
    errors = dict(opts.errors)
    context: dict = {}
    if embed.takes_record:
        sim = simulation.read(request.GET, own=embed_options.OPTIONS)
        context["systems_by_key"] = {s.key: s for s in engine.systems(engine.of(sim.release))}
        errors.update(sim.errors)
        # A pinned release may predate a system the embed names: it shows the others.
        present = {r.system for r in sim.outcome.results}
        order = [k for k in opts.systems if k in present] or [
            r.system for r in sim.outcome.results]
        context.update(sim=sim, columns=[sim.outcome[key] for key in order],
                       show_flow=embed.widget == "dataflow",
                       predict=predict.prediction(request, sim, order))
        if context["predict"]:
            errors.update(context["predict"].errors)
        if embed.widget == "dataflow":
            context.update(flow_context(sim))
    else:
        allowed = embed_options.OPTIONS | ({"sort", "order"} if embed.widget == "pilot-map"
                                           else set())
        for name in set(request.GET) - allowed:
            errors[name] = str(_("There is no setting called %(name)s.") % {
                "name": shown(name)})
        if embed.widget == "pilot-map":
            context.update(pilot_map(request))
            if context["sort_error"]:
                errors["sort"] = context["sort_error"]
        else:
            context.update(survey_context())
    return context, errors


compare = embed_view("compare")
dataflow = embed_view("dataflow")
pilots = embed_view("pilots")
surveys = embed_view("surveys")


LOADER = Path(__file__).resolve().parents[2] / "static" / "explainer" / "embed-loader.js"


@require_safe
def loader(request: HttpRequest) -> HttpResponse:
    """The optional auto-height script for host pages, at an address that never changes."""
    response = HttpResponse(LOADER.read_bytes(), content_type="text/javascript; charset=utf-8")
    patch_cache_control(response, public=True, max_age=86400)
    return response


HEIGHTS = json.loads((Path(__file__).with_name("heights.json")).read_text())
SLACK = 16  # px for a host's fonts being a little larger than Chromium's own


def closed_height(key: str, width: int, layout: str = "compact") -> int:
    """How tall an iframe `width` px wide must be to show the embed's closed compact
    layout without a scrollbar: measured at a few widths (`bench/fit.py --write`); between
    two, the narrower one's (the taller). The full layout keeps its old default height."""
    measured = {int(w): h for w, h in HEIGHTS.get(key, {}).items()}
    if layout != "compact" or not measured:
        return EMBEDS[key].height
    narrower = [w for w in measured if w <= width] or [min(measured)]
    return measured[max(narrower)] + SLACK


def embed_url(request: HttpRequest, key: str, query: str) -> str:
    return request.build_absolute_uri(reverse(f"embeds:{key}") + (f"?{query}" if query else ""))


def snippet(src: str, title: str, height: int) -> str:
    """The iframe a teacher pastes: titled, lazy, full width, no border."""
    return (f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" '
            f'height="{height}" loading="lazy" style="border:0"></iframe>')


BUILDER_OWN = frozenset({"widget", "height", "width", "was", "up", *embed_options.OPTIONS})
# The column widths a teacher chooses from: a phone, a blog's column (WordPress gives its
# embeds 500 px), a wide course page. The snippet's height is the embed's closed height there.
COLUMNS = ((360, _("A phone or a narrow column (360 px)")),
           (500, _("A blog's column, as WordPress gives it (500 px)")),
           (760, _("A wide course page (760 px)")))


def builder_data(request: HttpRequest) -> QueryDict:
    """The builder's form as the embed reads it: ticked systems as one comma-separated
    value in their order; a newly picked persona replacing the record it was shown with."""
    data = request.GET.copy()
    ticked = data.getlist("systems")
    if len(ticked) > 1:
        data.setlist("systems", [",".join(ticked)])
    if ticked and ",".join(ticked) == ",".join(s.key for s in engine.systems()):
        del data["systems"]  # all of them in the usual order is the default
    picked = data.get("persona", "")
    if picked and picked != data.get("was", ""):
        for name in list(data):
            if name not in BUILDER_OWN and name != "persona":
                del data[name]
    if "lang" not in data:
        # The reader's language if it has text, else the default (a widget in a language
        # with no text would be English controls under a foreign tag).
        lang = translation.get_language()
        if lang != settings.LANGUAGE_CODE and content.has_text(lang):
            data["lang"] = lang
    if "theme" not in data:
        data["theme"] = "light"  # pasted into a light page, a dark box is the commoner mistake
    return data


def moved_up(systems: tuple[str, ...], key: str) -> tuple[str, ...]:
    order = list(systems)
    if key in order and order.index(key) > 0:
        i = order.index(key)
        order[i - 1], order[i] = order[i], order[i - 1]
    return tuple(order)


def qr_svg(url: str):
    return qr.svg(url, _("QR code of the link"))


@require_safe
@public
def builder(request: HttpRequest) -> HttpResponse:
    """Choose what to embed and copy the code; a GET form, so it works without JavaScript.
    Every output (the snippet, the address to paste, the link, the QR code) is the same
    embed address, so they all carry the same state."""
    key = request.GET.get("widget", "compare")
    if key not in EMBEDS:
        raise Http404("No such embed.")
    embed = EMBEDS[key]
    data = builder_data(request)
    opts = embed_options.read(data)
    every = tuple(s.key for s in engine.systems())
    if "up" in data and not opts.errors.get("systems"):
        # "Move up" is a submit button: apply it, then land on the address without it.
        chosen = opts.systems or every
        data["systems"] = ",".join(moved_up(chosen, data["up"]))
        del data["up"]
        if data["systems"] == ",".join(every):
            del data["systems"]
        return HttpResponseRedirect(f"{request.path}?{data.urlencode()}#b-systems")
    errors = dict(opts.errors)
    width = data.get("width", "500")
    if width not in {str(w) for w, _label in COLUMNS}:
        errors["width"] = str(_("width must be one of %(widths)s, not %(given)s.") % {
            "widths": ", ".join(str(w) for w, _label in COLUMNS), "given": shown(width)})
        width = "500"
    default_height = closed_height(key, int(width), opts.layout)
    height = data.get("height") or str(default_height)
    if not (height.isascii() and height.isdigit() and 200 <= int(height) <= 4000):
        errors["height"] = str(_("height must be a whole number of pixels from 200 to 4000, "
                                 "not %(given)s.") % {"given": shown(height)})
        height = str(default_height)
    record_query = ""
    sim = None
    if embed.takes_record:
        sim = simulation.read(data, own=BUILDER_OWN)
        errors.update(sim.errors)
        record_query = sim.query
    elif "sort" in data:
        record_query = urlencode({k: data[k] for k in ("sort", "order") if k in data})
    query = "&".join(q for q in (record_query, opts.query()) if q)
    src = embed_url(request, key, query)
    with translation.override(opts.lang):
        chapter_url = request.build_absolute_uri(
            reverse("explainer:misconception", args=[embed.chapter])
            + (f"?{record_query}" if record_query and embed.takes_record else ""))
    title = str(embed.title)
    shown_order = list(opts.systems) + [k for k in every if k not in opts.systems]
    by_key = {s.key: s for s in engine.systems()}
    context = {
        "embed_kind": embed, "embeds": EMBEDS.values(), "opts": opts, "errors": errors,
        "height": int(height), "default_height": default_height, "width": int(width),
        "columns": COLUMNS, "src": src, "snippet": snippet(src, title, int(height)),
        "loader_snippet": snippet(src, title, int(height))
        + f'\n<script src="{request.build_absolute_uri("/embed/loader.js")}" async></script>',
        "chapter_url": chapter_url, "sim": sim, "qr": qr_svg(src),
        "classroom": "https://classroom.google.com/share?" + urlencode({"url": src}),
        # A printed pilots handout has its table, which the compact embed loads on opening.
        "print_url": src + ("&" if "?" in src else "?") + "sort=province"
        if key == "pilots" and "sort" not in data else src,
        "wordpress_height": min(closed_height(key, 500, opts.layout), 1000),
        "record_fields": [(k, v) for k, v in QueryDict(record_query).items()
                          if not (sim and sim.active_persona)],
        "systems": [(by_key[k], not opts.systems or k in opts.systems) for k in shown_order],
        "text_languages": content.languages_with_text(),
        "definitions": embed_options.DEFINITIONS,
    }
    return render(request, "explainer/embeds/builder.html", context,
                  status=400 if errors else 200)
