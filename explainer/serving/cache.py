"""Whole responses, cached and compressed once, served without touching a view.

Every reader page, embed and API answer is deterministic for its URL, its language (in
the URL), the htmx headers it varies on, the published release and the code
(`build_id`). `PageCacheMiddleware` stores such responses (those a view marked
`Cache-Control: public`) under exactly that key, final headers and all, with the encoding
the reader accepts, and serves them from the cache next time, before any other middleware
runs. Publishing a release moves the key on (on every worker and server, see
systems/releases), and a deploy changes the build, so no stale page survives a release or
new code; an edit in the admin changes only the draft, which readers do not see, so their
pages stay cached. Editors (who carry a session cookie, and may be previewing the draft)
always get a page rendered for them.
`CompressionMiddleware` sits inside it, so the cache holds Brotli and gzip bodies and
compression happens once per page, not per request. Stored responses get an ETag, so a
browser that asks again (reader pages say max-age=0) gets a 304 when nothing changed.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import re

import brotli
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import parse_etags

from systems.releases import editions
from systems.releases.version import current, last_known

from .build import build_id
from .middleware import CACHED_PREFIXES

COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|atom\+xml|javascript))")
MIN_SIZE = 512
# A reader's page: a browser asks again every time (a 304 when nothing changed, so an
# editor sees a publish at once); a CDN may keep it a minute, and serve it half a minute
# longer while it fetches the new one.
# While our servers answer with errors, a CDN may go on serving what it has for a day.
PUBLIC = {"public": True, "max_age": 0, "s_maxage": 60, "stale_while_revalidate": 30,
          "stale_if_error": 86400}
# Embeds and API answers: fetched again and again by host pages and scripts, for whom five
# minutes late after a publish is fine (the embed says which rules it shows).
PUBLIC_LONGER = {"public": True, "max_age": 300, "s_maxage": 300, "stale_while_revalidate": 60,
                 "stale_if_error": 86400}


def encoding_for(request) -> str:
    """"br", "gzip" or "" (as is), by the reader's Accept-Encoding (RFC 9110, 12.5.3): the
    highest weight wins, Brotli on a tie; `q=0` refuses a coding; `*` stands for every
    coding the header does not name; an `identity` weighed above both keeps the body as
    is. A weight that does not parse counts as 0: we do not guess."""
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if ";" not in accepted and "*" not in accepted:  # what browsers send: no weights
        tokens = {part.strip().lower() for part in accepted.split(",")}
        return "br" if "br" in tokens else "gzip" if "gzip" in tokens else ""
    weights = {}
    for part in accepted.split(","):
        coding, _, parameters = part.partition(";")
        weight = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
                if not 0 <= weight <= 1:  # out of range, or NaN
                    weight = 0.0
        weights[coding.strip().lower()] = weight
    rest = weights.get("*", 0.0)
    br, gz = weights.get("br", rest), weights.get("gzip", rest)
    best = max(br, gz)
    if best <= 0 or weights.get("identity", 0.0) > best:
        return ""
    return "br" if br == best else "gzip"


def cache_key(request, version) -> str:
    meta = request.META
    parts = "|".join((
        build_id(), str(version),
        # Host and scheme: pages carry absolute links (permalinks, oEmbed, snippets). The
        # raw Host: an entry is stored only after CommonMiddleware validated it, so a bad
        # Host never matches one and falls through to the 400.
        # The day: every page's citation says when it was retrieved.
        timezone.localdate().isoformat(),
        request.scheme, meta.get("HTTP_HOST", ""), request.path, meta.get("QUERY_STRING", ""),
        meta.get("HTTP_HX_REQUEST", ""), meta.get("HTTP_HX_TARGET", ""), encoding_for(request),
        # CORS headers are added only for requests that carry an Origin.
        "origin" if "HTTP_ORIGIN" in meta else ""))
    return "page:" + hashlib.sha256(parts.encode("utf-8", "surrogateescape")).hexdigest()


# The request headers `cache_key` includes; a response that varies on any other (Cookie,
# Accept-Language, *) is never stored.
KEYED_HEADERS = {"hx-request", "hx-target", "accept-encoding", "origin"}


def cacheable_request(request) -> bool:
    """A reader's GET: not an editor's previewing the draft (a genuine preview cookie;
    a made-up one does not make the cache step aside)."""
    return (settings.PAGE_CACHE_SECONDS > 0 and request.method in ("GET", "HEAD")
            and request.path.startswith(CACHED_PREFIXES)
            and editions.previewer(request.COOKIES.get(editions.PREVIEW_COOKIE)) is None)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        try:
            version = request.data_version = current()
        except DatabaseError:
            return self.without_database(request)
        try:
            # Readers see the published release: the draft's edits do not touch their pages.
            entry = cache.get(key := cache_key(request, version.published))
        except Exception:  # noqa: BLE001 (a cache that is down must not take pages down)
            entry, key = None, None
        if entry is not None:
            return self.replay(request, entry)
        response = self.get_response(request)
        if key and self.storable(response):
            if not response.has_header("ETag"):  # so browsers can ask "still this?"
                set_response_etag(response)
            # The final response: every middleware below has added its headers.
            entry = (response.status_code, list(response.items()), response.content)
            with contextlib.suppress(Exception):  # a cache that is down is no error
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            return self.replay(request, entry)
        return response

    def without_database(self, request):
        """The database cannot be reached. A page stored under the last version known is
        still the latest anyone here knows of: serve it. Anything else is a 503 at once
        (EditionMiddleware answers it, with every header, and no view waits for the
        database again)."""
        request.database_unavailable = True
        version = last_known()
        if version is not None:
            with contextlib.suppress(Exception):
                entry = cache.get(cache_key(request, version.published))
                if entry is not None:
                    return self.replay(request, entry)
        return self.get_response(request)

    @staticmethod
    def storable(response) -> bool:
        """A public 200 that sets no cookie and varies on nothing the key leaves out."""
        control = response.get("Cache-Control", "")
        vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
        return (response.status_code == 200 and "public" in control
                and "no-store" not in control and not response.cookies
                and vary <= KEYED_HEADERS and not getattr(response, "streaming", False))

    @staticmethod
    def replay(request, entry) -> HttpResponse:
        """The stored response, or a 304 when the browser already has this very one."""
        status, headers, body = entry
        etag = dict(headers).get("ETag")
        if etag and etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            response = HttpResponseNotModified()
            for name, value in headers:
                if name in ("ETag", "Cache-Control", "Vary", "Content-Language"):
                    response[name] = value
            return response
        return HttpResponse(body, status=status, headers=dict(headers))


class CompressionMiddleware:
    """Brotli or gzip, as the reader accepts, for text over 512 bytes (not the admin:
    its pages carry secrets, and compressed secrets leak through their size)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (request.path.startswith("/admin/") or getattr(response, "streaming", False)
                or response.has_header("Content-Encoding")
                or not COMPRESSIBLE.match(response.get("Content-Type", ""))
                or len(response.content) < MIN_SIZE):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = encoding_for(request)
        if not encoding:
            return response
        # A whole page is what a first visit waits for: squeeze it (quality 5, measured
        # in bench/weight.py). An htmx partial answers a control the reader just moved,
        # mostly a record never seen before: quality 1 takes 0.11 ms for a chapter's
        # results (41 KB → 8.9 KB), quality 3 0.24 ms (8.0 KB), quality 5 0.58 ms
        # (7.1 KB); gzip level 1, 0.22 ms (9.1 KB), is for the few without Brotli.
        partial = "HTTP_HX_REQUEST" in request.META
        if encoding == "br":
            body = brotli.compress(response.content, quality=1 if partial else 5)
        else:
            body = gzip.compress(response.content, compresslevel=1 if partial else 6, mtime=0)
        if len(body) >= len(response.content):
            return response
        response.content = body
        response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
        if response.has_header("ETag"):  # a different body, a different strong tag
            response["ETag"] = response["ETag"].rstrip('"') + f'-{encoding}"'
        return response


def public(view):
    """Mark a view's responses as the same for everyone: cacheable here and by a CDN."""
    from functools import wraps

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.has_header("Cache-Control"):
            patch_cache_control(response, **PUBLIC)
        return response
    return wrapped
