"""oEmbed 1.0 (https://oembed.com): a chapter or embed URL of ours becomes an iframe.

`rich` responses carry a `<blockquote>` link followed by the iframe, as WordPress expects;
`width` and `height` are always set (Ghost needs them), while the iframe itself is
`width="100%"`, so it fills the host's column, and as tall as the embed's closed compact
layout at that width (measured: `heights.json`, `bench/fit.py`); the embed's height
messages do the rest. Pasted embeds are light unless the URL chooses a theme: a dark box
on a light host page is the commoner mistake. Only JSON: XML is 501.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, JsonResponse, QueryDict
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from explainer import simulation
from systems.translated import languages

from . import options as embed_options
from .views import EMBEDS, FOR_CHAPTER, closed_height, embed_url

CACHE_AGE = 86400
DEFAULT_WIDTH = 640


def error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def positive(value: str | None, name: str) -> tuple[int | None, str]:
    if value is None or value == "":
        return None, ""
    if value.isascii() and value.isdigit() and 0 < int(value) <= 100_000:
        return int(value), ""
    return None, f"{name} must be a positive whole number of pixels."


@require_safe
def oembed(request: HttpRequest) -> JsonResponse:
    fmt = request.GET.get("format", "json")
    if fmt != "json":
        return error(501, "Only format=json is available.")
    maxwidth, problem = positive(request.GET.get("maxwidth"), "maxwidth")
    maxheight, problem2 = positive(request.GET.get("maxheight"), "maxheight")
    if problem or problem2:
        return error(400, " ".join(p for p in (problem, problem2) if p))
    url = request.GET.get("url", "")
    if not url:
        return error(400, "Give the url of a page of ours with a simulation.")
    found = resolve_ours(request, url)
    if found is None:
        return error(404, "That is not a page of ours with a simulation or an embed.")
    key, query, language, chapter = found
    embed = EMBEDS[key]
    width = min(DEFAULT_WIDTH, maxwidth or DEFAULT_WIDTH)
    tall = closed_height(key, width, QueryDict(query).get("layout", "compact"))
    height = min(tall, maxheight or tall)
    with translation.override(language):
        title = str(embed.title)
        src = embed_url(request, key, query)
        link = request.build_absolute_uri(chapter)
        html = (f'<blockquote class="china-credit-embed"><a href="{escape(link)}">'
                f'{escape(title)}</a></blockquote>'
                f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" '
                f'height="{height}" loading="lazy" frameborder="0"></iframe>')
        data = {
            "version": "1.0", "type": "rich", "title": title,
            "provider_name": _("China's credit systems, explained"),
            "provider_url": request.build_absolute_uri("/"),
            # The site writes every widget; its home in the page's language.
            "author_name": _("China's credit systems, explained"),
            "author_url": request.build_absolute_uri(reverse("explainer:home")),
            "html": html, "width": width, "height": height, "cache_age": CACHE_AGE,
            "privacy": _("The embed sets no cookies, uses no local storage and makes no "
                         "request to any other site."),
        }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Language"] = language  # the page's, from its URL
    patch_cache_control(response, public=True, max_age=CACHE_AGE, s_maxage=CACHE_AGE,
                        stale_while_revalidate=60)
    return response


def resolve_ours(request: HttpRequest, url: str):
    """(embed key, embed query, language, chapter path) for a URL of ours, else None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.netloc.rsplit("@", 1)[-1]
    domain, _port = split_domain_port(host)
    if not (validate_host(domain, settings.ALLOWED_HOSTS) or host == request.get_host()):
        return None
    # Reader pages resolve only under the active language's prefix: use the URL's own.
    prefix = parts.path.strip("/").split("/")[0]
    try:
        with translation.override(prefix if prefix in languages() else settings.LANGUAGE_CODE):
            match = resolve(parts.path)
    except Resolver404:
        return None
    query = QueryDict(parts.query)
    if match.namespace == "embeds" and match.url_name in EMBEDS:
        embed = EMBEDS[match.url_name]
        opts = embed_options.read(query)
        # The chapter the embed's own "Open the full explainer" link opens: same record.
        record = (simulation.read(query, own=embed_options.OPTIONS).query
                  if embed.takes_record else "")
        with translation.override(opts.lang):
            chapter = reverse("explainer:misconception", args=[embed.chapter])
        state = parts.query if "theme" in query else "&".join(
            q for q in (parts.query, "theme=light") if q)
        return (match.url_name, state, opts.lang,
                chapter + (f"?{record}" if record else ""))
    if match.namespace == "explainer" and match.url_name == "misconception":
        slug = match.kwargs.get("slug")
        if slug not in FOR_CHAPTER:
            return None
        language = parts.path.strip("/").split("/")[0]
        key = FOR_CHAPTER[slug]
        # The chapter's own options (systems, theme, layout, predicting first) ride along;
        # a pasted chapter is light unless it says otherwise.
        wanted = QueryDict(mutable=True)
        for name in simulation.CHAPTER_OPTIONS & set(query):
            wanted.setlist(name, query.getlist(name))
        opts = embed_options.read(wanted)
        opts = opts.but(lang=language, theme=opts.theme if "theme" in wanted else "light",
                        class_code="")
        if EMBEDS[key].takes_record:
            sim = simulation.read(query, own=simulation.CHAPTER_OPTIONS)
            state = "&".join(q for q in (sim.query, opts.query()) if q)
        else:
            state = opts.query()
        return key, state, language, parts.path + (f"?{parts.query}" if parts.query else "")
    return None
