from collections import OrderedDict
from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, to_locale

from explainer.links import source_href, web_url
from explainer.panel import Notes, glance_rows, panel, words
from systems.record import PARAMETERS_BY_NAME
from systems.translated import marked

register = template.Library()


@register.filter
def param_label(name: str) -> str:
    parameter = PARAMETERS_BY_NAME.get(name)
    return str(parameter.label) if parameter else name


register.filter("web_url", web_url)
register.filter("source_href", source_href)
# A data text as element content: English shown for a missing translation is marked.
register.filter("marked", marked, is_safe=True)


@register.simple_tag
def fixed_url(name: str) -> str:
    """`{% url name %}` for an address without arguments, reversed once per language:
    Django's reverse takes about 50 µs here, and the results every new record renders
    link three such pages."""
    return _reversed(name, get_language(), get_urlconf(), get_script_prefix())


# Open Graph wants a territory; Django's locale names have none.
OG_LOCALES = {"en": "en_GB", "nl": "nl_NL", "de": "de_DE", "zh-hans": "zh_CN"}


@lru_cache(maxsize=256)
def _reversed(name: str, language: str, urlconf, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


@register.simple_tag(takes_context=True)
def illustrative(context, note: str) -> str:
    """An illustrative value's mark, and once per page the popover with its reason: the
    comparison's own markup (explainer/panel.py), shared by every mark with that note."""
    from django.utils.safestring import mark_safe

    notes = Notes(words(get_language()))
    button = notes.button(note)
    shown = context.render_context.setdefault("illustrative_notes", set())
    popover = "" if notes.ids.keys() <= shown else notes.popovers()
    shown.update(notes.ids)
    return mark_safe(button + popover)


def cite(source, titled=False, embed=False) -> str:
    """A source as a short citation link: "China Daily, 2017-02-14"; `titled` adds the
    first words of its title, to tell apart two sources of one outlet and date. In an
    embed it opens the source's entry on our Sources page, which links the original:
    WordPress's sandbox lets a frame open only links on its own host."""
    if source is None:
        return ""
    date = format_html(", {}", source.published) if source.published else ""
    if titled:
        words = source.title.split()
        short = " ".join(words[:5]) + ("…" if len(words) > 5 else "")
        date = format_html("{}: “{}”", date, short)
    href = (reverse("explainer:sources") + f"#source-{source.key}" if embed
            else source_href(source))
    return format_html('<a class="cite" href="{}">{}{}</a>', href, source.outlet, date)


@register.simple_tag(name="cite", takes_context=True)
def cite_tag(context, source, titled=False) -> str:
    return cite(source, titled, embed=bool(context.get("embed")))


@register.simple_tag(takes_context=True)
def language_url(context, code: str, absolute: bool = False) -> str:
    """This page in another language; `absolute` for hreflang, which search engines want
    as a full address."""
    request = context["request"]
    # After an htmx swap, the address the browser now shows (the record's permalink).
    url = translate_url(context.get("push") or request.get_full_path(), code)
    return request.build_absolute_uri(url) if absolute else url


@register.simple_tag(takes_context=True)
def translated_languages(context) -> list[str]:
    """The languages this page is written in, for its hreflang alternates."""
    from explainer.translations.pages import languages_of
    return languages_of(getattr(context.get("page"), "name", ""))


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def field_html(page, name: str):
    """A page's cited front-matter line (e.g. "since"), as HTML with source links."""
    return page.field_html(name)


@register.filter
def unpin(query: str) -> str:
    """A permalink's query without its `rules=` pin: the same record with today's rules."""
    from django.http import QueryDict
    params = QueryDict(query, mutable=True)
    params.pop("rules", None)
    return params.urlencode()


@register.simple_tag
def comparison(sim, columns, systems, embed=None, step=None):
    """The comparison's strip rows, columns and popovers (built in explainer/panel.py)."""
    return panel(sim, columns, systems, embed or None, step or None)


_pickers: OrderedDict = OrderedDict()


@register.simple_tag(takes_context=True)
def persona_picker(context, oob=False):
    """The persona menu (templates/explainer/misconception.html#persona-picker), rendered
    once per state: it depends only on these few things, and it is sent again, out of band,
    with every change to the record."""
    from django.template.loader import get_template

    from systems.releases import editions
    sim, request, embed = context["sim"], context["request"], context.get("embed")
    key = (request.path, getattr(sim.active_persona, "key", None),
           getattr(sim.edited_from, "key", None), getattr(sim.release, "number", None),
           embed.query() if embed else None, tuple(context.get("kept") or ()), get_language(),
           editions.token(), oob)
    html = _pickers.get(key)
    if html is None:
        html = get_template("explainer/misconception.html#persona-picker").render(
            {**context.flatten(), "oob": oob}, request)
        _pickers[key] = html
        if len(_pickers) > 512:
            _pickers.popitem(last=False)
    return html


@register.simple_tag(takes_context=True)
def inline_style(context, bundle: str):
    """The stylesheets a page needs before its first paint, inline; the page's CSP header
    allows exactly this text by its hash (explainer/serving/styles.py)."""
    from django.utils.safestring import mark_safe

    from explainer.serving import styles
    request = context.get("request")
    if request is not None:
        request.inline_styles = (*getattr(request, "inline_styles", ()), bundle)
    return mark_safe(f"<style>{styles.inline(bundle)}</style>")  # our own files


@register.simple_tag(takes_context=True)
def widget_styles(context, *sheets: str):
    """Links to the stylesheets a widget needs (widget, flow, map, chart), each once per
    page, just before the widget: what comes before a link paints without waiting for it."""
    from django.templatetags.static import static
    from django.utils.html import format_html_join

    from explainer.serving.styles import LINKED
    request = context.get("request")
    linked = getattr(request, "linked_styles", set()) if request is not None else set()
    new = [sheet for sheet in sheets if sheet in LINKED and sheet not in linked]
    if request is not None:
        request.linked_styles = linked | set(new)
    return format_html_join("", '<link rel="stylesheet" href="{}">',
                            ((static(f"explainer/{sheet}.css"),) for sheet in new))


_citations: OrderedDict = OrderedDict()
ADDRESS = "\ue000"  # stands for the cited address in a kept block (a private-use character)


@register.simple_tag(takes_context=True)
def cite_this(context, title, oob=False):
    """The page's citation block (explainer/includes/cite_this.html): plain text, BibTeX,
    and a reminder to cite the sources. Sent again, out of band, with every new record, so
    it cites what the reader sees: rendered once per page, release, language and day, and
    the address (the record's) written into the plain text and the BibTeX each time."""
    from dataclasses import replace

    from django.template.loader import get_template
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    from explainer.citing import citation
    request = context["request"]
    cited = citation(request, str(title), getattr(request, "edition", None),
                     context.get("permalink_absolute", ""))
    chrome_lang = context.get("chrome_lang")
    key = (replace(cited, url=""), chrome_lang, bool(oob), get_language())
    html = _citations.get(key)
    if html is None:
        html = _citations[key] = get_template("explainer/includes/cite_this.html").render(
            {"citation": replace(cited, url=ADDRESS), "chrome_lang": chrome_lang, "oob": oob})
        if len(_citations) > 256:
            _citations.popitem(last=False)
    plain, bibtex = html.split("<textarea", 1)
    return mark_safe(plain.replace(ADDRESS, escape(cited.url)) + "<textarea"
                     + bibtex.replace(ADDRESS, escape(cited.bibtex_url)))


@register.simple_tag
def glance(outcome, systems, baseline=None):
    """A persona's verdicts in short rows, for a chapter's opening."""
    return glance_rows(outcome.results, systems, words(get_language()), baseline or None)


@register.inclusion_tag("explainer/includes/share_meta.html", takes_context=True)
def share_meta(context, title, description):
    """OpenGraph and Twitter card tags: the page, its address with the record, its card
    (a chapter's strip for that record; the site's card elsewhere)."""
    from django.utils.translation import gettext as _
    request = context["request"]
    chapter = context.get("chapter")
    name = chapter.slug if chapter is not None else "site"
    sim = context.get("sim")
    image = reverse("explainer:card", args=[name])
    if name != "site" and sim is not None and sim.query and not sim.errors:
        image += "?" + sim.query
    language = get_language()
    alt = (_("Every system's answer for this record, on the page “%(title)s”") % {
        "title": title} if name != "site" else _("China's credit systems, explained: five "
                                                  "misconceptions, with sources"))
    return {"title": str(title), "description": str(description), "image_alt": alt,
            "site_name": _("China's credit systems, explained"),
            "url": request.build_absolute_uri(), "image": request.build_absolute_uri(image),
            "locale": OG_LOCALES.get(language, to_locale(language))}


@register.simple_tag
def qr_code(url: str, title: str = ""):
    """A QR code of `url` as inline SVG, for print (the handout's link back to the live
    state). Small on purpose: embeds carry it inline within their size budget."""
    from explainer import qr
    return qr.svg(str(url), str(title), error="l", light=None)
