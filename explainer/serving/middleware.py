"""HTTP behaviour for every response: refuse oversize requests early, the security
headers (Permissions-Policy; Cross-Origin-Resource-Policy; CSP built once, allowing the
inline stylesheets by hash), and the language taken from the URL alone."""

import json
from functools import lru_cache

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils import translation
from django.utils.csp import CSP, build_policy

from . import styles
from .errors import unavailable


class RequestLimitsMiddleware:
    """A query string longer than any page needs is refused at once (414), before any
    work, so it is never parsed, echoed or cached. Coming before the middleware that adds
    the security headers, the refusal adds them itself (`hardened`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > settings.MAX_QUERY_STRING:
            return hardened(request, HttpResponse(
                "URI too long: the query string is over "
                f"{settings.MAX_QUERY_STRING} characters.\n", status=414,
                content_type="text/plain; charset=utf-8"))
        return self.get_response(request)


def hardened(request, response):
    """A response made before the header middleware ran, with the headers that middleware
    gives every other response, from the same settings and the same code: HSTS (over
    HTTPS), nosniff, Referrer-Policy, COOP, Permissions-Policy, CORP, CSP and
    X-Frame-Options. Only their response halves run (Django's SecurityMiddleware would
    otherwise redirect to HTTPS first)."""
    def given(_request):
        return response

    response = SecurityMiddleware(given).process_response(request, response)
    response = PermissionsPolicyMiddleware(given)(request)
    response = CrossOriginResourcePolicyMiddleware(given)(request)
    response = StaticContentSecurityPolicyMiddleware(given).process_response(request, response)
    return XFrameOptionsMiddleware(given).process_response(request, response)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# What other sites load from us, in their pages: embeds (frames and loader.js), static
# files (the embeds' stylesheets, scripts and fonts), the QR image, oEmbed, the API and the
# share cards (link previews); everything else is ours alone.
CROSS_ORIGIN = ("/embed/", "/" + settings.STATIC_URL.strip("/") + "/", "/qr.svg",
                "/oembed", "/api/",
                *(f"/{code}/cards/" for code, _name in settings.LANGUAGES))


class CrossOriginResourcePolicyMiddleware:
    """Cross-Origin-Resource-Policy: `same-origin` for pages, partials, the admin and
    errors, so no other site can load them as a script, image or the like (a Spectre-style
    side channel reads whatever it loads); `cross-origin` for what other sites are meant
    to load. Below the page cache, so cached pages replay it, and above whitenoise, so
    static files get it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy",
            "cross-origin" if request.path.startswith(CROSS_ORIGIN) else "same-origin")
        return response


class StaticContentSecurityPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """Django's CSP middleware, with each policy string built once: our policies use no
    nonce (scripts and styles are files or hashes), so the header never changes per
    response, and building it anew for every cached page would cost more than the page."""

    def process_request(self, request):
        pass  # no nonce

    def process_response(self, request, response):
        for header, config in ((CSP.HEADER_ENFORCE, getattr(response, "_csp_config",
                                                            settings.SECURE_CSP)),
                               (CSP.HEADER_REPORT_ONLY, getattr(
                                   response, "_csp_ro_config", settings.SECURE_CSP_REPORT_ONLY))):
            if config and header not in response:
                inline = getattr(request, "inline_styles", ())  # set by {% inline_style %}
                response.headers[str(header)] = policy(json.dumps(config, sort_keys=True),
                                                       styles.hashes(inline) if inline else ())
        return response


@lru_cache(maxsize=32)
def policy(config: str, style_hashes: tuple[str, ...]) -> str:
    """The header for a policy, with the inline stylesheets allowed by their hashes."""
    config = json.loads(config)
    if "style-src" in config:
        config["style-src"] = [*config["style-src"], *style_hashes]
    return build_policy(config)


# Paths whose language is not in a prefix: embeds and the API take `lang=`; oEmbed takes
# the language of the page it describes; the sitemap lists every language.
UNPREFIXED = ("/api/", "/embed/", "/oembed", "/sitemap.xml")
# Reader pages (under a language), and the paths that take their language from the URL
# otherwise; never the admin. A cached page must not depend on Accept-Language, which
# its key leaves out: so one list serves both. A draft never leaves these in a cache.
CACHED_PREFIXES = (*(f"/{code}/" for code, _name in settings.LANGUAGES), *UNPREFIXED)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that the language always comes from the URL. Outside the language
    prefixes Django would read Accept-Language and cookies, so the same URL could answer
    in two languages, which the page cache (keyed by URL) and any CDN would mix up. Only
    the bare root still reads the browser's languages, to redirect to /en/ or /nl/."""

    def process_request(self, request):
        if not request.path.startswith(UNPREFIXED):
            return super().process_request(request)
        language = settings.LANGUAGE_CODE
        if request.path.startswith(("/embed/", "/api/")):
            asked = request.GET.getlist("lang")  # given twice: an error, in the default
            asked = asked[0] if len(asked) == 1 else ""
            if asked in dict(settings.LANGUAGES):
                language = asked
        translation.activate(language)
        request.LANGUAGE_CODE = language
        request.language_from_url = True
        return None

    def process_response(self, request, response):
        if getattr(request, "language_from_url", False):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


class EditionMiddleware:
    """Which data this request reads (systems.releases.editions): the latest published
    release, or, for a signed-in editor who asked to preview it, the draft. Read once per
    request, so every worker notices a change made anywhere (another worker, another
    server, the shell, `loaddata`) on its next request. A draft page is never cached, by
    us or by anyone: it is the editor's alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from systems.releases import editions
        from systems.releases.version import current

        if getattr(request, "database_unavailable", False):
            return unavailable()  # found out just now (PageCacheMiddleware): not again
        try:
            version = getattr(request, "data_version", None) or current()
            previews = previews_draft(request)
            edition = editions.for_request(version, previews)
        except DatabaseError:
            return unavailable()
        request.edition = edition
        request.previewing_draft = edition.is_draft and previews
        request.rules_as_of = edition.as_of  # the footer's "rules as of"
        token = editions.activate(edition)
        try:
            response = self.get_response(request)
        finally:
            editions.deactivate(token)
        if edition.is_draft and request.path.startswith(CACHED_PREFIXES):
            response["Cache-Control"] = "private, no-store"
        return response


def previews_draft(request) -> bool:
    """A signed-in editor who turned the draft preview on (in the admin): a genuine preview
    cookie naming the account signed in, which may still preview."""
    from systems.releases import editions
    account = editions.previewer(request.COOKIES.get(editions.PREVIEW_COOKIE))
    if account is None:
        return False  # readers carry none: no query to find that out
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.pk == account
                and editions.may_preview(user))
