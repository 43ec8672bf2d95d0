"""Embeds: each simulation of the walk-through on a page of its own, made to be framed.

Thin views: read the options and the record, call the same widget code as the chapters,
render with minimal chrome. The builder (a reader page) writes the snippet for a teacher.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from explainer import simulation
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

    @require_safe
    @embeddable
    def view(request: HttpRequest) -> HttpResponse:
        return render_embed(request, embed)
    view.__name__ = key
    return view


def render_embed(request: HttpRequest, embed: Embed) -> HttpResponse:
    opts = embed_options.read(request.GET)
    with translation.override(opts.lang):
        context, errors = widget_context(request, embed, opts)
        chapter_query = context.get("sim").query if "sim" in context else ""
        full = request.build_absolute_uri(
            reverse("explainer:misconception", args=[embed.chapter])
            + (f"?{chapter_query}" if chapter_query else ""))
        own = request.build_absolute_uri(request.get_full_path())
        context.update(
            embed=opts, embed_kind=embed, full_url=full,
            # The widget shows record errors itself; the rest go at the top.
            top_errors=opts.errors if "sim" in context else errors,
            lang=opts.lang, rules_date=rules_date(request, context.get("sim")),
            oembed_url=request.build_absolute_uri(reverse("oembed")) + "?"
            + urlencode({"url": own, "format": "json"}),
            privacy_url=request.build_absolute_uri(reverse("explainer:privacy")),
            title=embed.title)
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
                       show_flow=embed.widget == "dataflow")
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


def embed_url(request: HttpRequest, key: str, query: str) -> str:
    return request.build_absolute_uri(reverse(f"embeds:{key}") + (f"?{query}" if query else ""))


def snippet(src: str, title: str, height: int) -> str:
    """The iframe a teacher pastes: titled, lazy, full width, no border."""
    return (f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" '
            f'height="{height}" loading="lazy" style="border:0"></iframe>')


BUILDER_OWN = frozenset({"widget", "height", *embed_options.OPTIONS})


@require_safe
@public
def builder(request: HttpRequest) -> HttpResponse:
    """Choose what to embed and copy the code; a GET form, so it works without JavaScript."""
    key = request.GET.get("widget", "compare")
    if key not in EMBEDS:
        raise Http404("No such embed.")
    embed = EMBEDS[key]
    data = request.GET.copy()
    ticked = data.getlist("systems")
    if len(ticked) > 1:
        # Checkboxes send one value each; the embed takes them comma-separated, and all
        # of them in the usual order is the default.
        data.setlist("systems", [",".join(ticked)])
        if ticked == [system.key for system in engine.systems()]:
            del data["systems"]
    if "lang" not in data and translation.get_language() != settings.LANGUAGE_CODE:
        data["lang"] = translation.get_language()  # the reader's language, unless chosen
    opts = embed_options.read(data)
    errors = dict(opts.errors)
    height = data.get("height", str(embed.height))
    if not (height.isascii() and height.isdigit() and 200 <= int(height) <= 4000):
        errors["height"] = str(_("height must be a whole number of pixels from 200 to 4000, "
                                 "not %(given)s.") % {"given": shown(height)})
        height = str(embed.height)
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
    chapter_url = request.build_absolute_uri(
        reverse("explainer:misconception", args=[embed.chapter])
        + (f"?{record_query}" if record_query and embed.takes_record else ""))
    oembed = request.build_absolute_uri(reverse("oembed")) + "?" + urlencode(
        {"url": chapter_url if embed.takes_record else src, "format": "json"})
    qr = segno.make(chapter_url, error="m")
    context = {
        "embed_kind": embed, "embeds": EMBEDS.values(), "opts": opts, "errors": errors,
        "height": int(height), "src": src, "snippet": snippet(src, str(embed.title),
                                                              int(height)),
        "loader_snippet": snippet(src, str(embed.title), int(height))
        + f'\n<script src="{request.build_absolute_uri("/embed/loader.js")}" async></script>',
        "chapter_url": chapter_url, "oembed": oembed, "sim": sim,
        "qr": mark_safe(qr.svg_inline(scale=4, dark="#000", light="#fff", border=2,
                                      svgclass="qr", lineclass=None, omitsize=True,
                                      title=str(_("QR code of the link")))),
        "record_fields": [(k, v) for k, v in QueryDict(record_query).items()],
        "systems": engine.systems(),
    }
    return render(request, "explainer/embeds/builder.html", context,
                  status=400 if errors else 200)
