"""Preview images for shared links: /<lang>/cards/<chapter>.png?<record> draws the
chapter's verdict strip for that record; /<lang>/cards/site.png the site's own card."""

from __future__ import annotations

from html import unescape
from urllib.parse import urlencode

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotFound,
    QueryDict,
)
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from explainer import content, simulation
from explainer.chapters import BY_SLUG, CHAPTERS
from explainer.panel import uncovered_answer, words
from explainer.serving.cache import public
from systems import engine

from . import cards


def rows_of(outcome, styles: dict) -> list[tuple]:
    """(name, answer, state, illustrative, style) per system, as the verdict strip says."""
    w = words(get_language())
    found = []
    for r in outcome.results:
        illustrative = r.verdict.status == "illustrative"
        style = styles.get(r.system, "")
        if r.fiction:
            found.append((r.name, r.verdict.headline, "fiction", illustrative, style))
        elif not r.applies:
            found.append((r.name, unescape(strip_tags(uncovered_answer(r, w))), "no", False,
                          style))
        else:
            found.append((r.name, r.verdict.headline, "yes", illustrative, style))
    return found


@require_safe
@public
def card(request: HttpRequest, name: str) -> HttpResponse:
    site = _("China's credit systems, explained")
    address = request.get_host()
    if name == "site":
        image = cards.text_card(site, _("Five misconceptions, with sources"),
                                [f"{c.number}. {c.short}" for c in CHAPTERS], "", address)
        return HttpResponse(image, content_type="image/png")
    chapter = BY_SLUG.get(name)
    if chapter is None:
        return HttpResponseNotFound(_("No such card."), content_type="text/plain")
    page = content.load(chapter.slug, get_language())
    kicker = _("Misconception %(n)s of %(total)s") % {"n": chapter.number,
                                                      "total": len(CHAPTERS)}
    if "simulation" not in page.widgets and "dataflow" not in page.widgets:
        image = cards.text_card(page.title, kicker, [page.short], site, address)
        return HttpResponse(image, content_type="image/png")
    # A chapter's own address shows the persona it opens with.
    query = request.GET if request.GET or not page.glance else QueryDict(
        urlencode({"persona": page.glance}))
    sim = simulation.read(query)
    if sim.errors:
        return HttpResponseBadRequest(" ".join(sim.errors.values()), content_type="text/plain")
    who = sim.active_persona.name if sim.active_persona else _("This record")
    image = cards.strip_card(page.title, _("%(who)s, in every system") % {"who": who},
                             rows_of(sim.outcome, {s.key: s.style for s in engine.systems(
                                 engine.of(sim.release))}), site, address,
                             _("* Illustrative: no source gives this value; see the page."))
    return HttpResponse(image, content_type="image/png")
