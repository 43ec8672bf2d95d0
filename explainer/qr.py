"""QR codes as inline SVG, one way everywhere (the builder, the teacher guides, class
polls, printed handouts): one module per dark square run, sized by CSS (no inline style,
for the CSP), titled for screen readers, cached per address."""

import io
from functools import lru_cache
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound
from django.http.request import split_domain_port, validate_host
from django.utils.cache import patch_cache_control
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe


@lru_cache(maxsize=512)
def svg(url: str, title: str, error: str = "m", light: str | None = "#fff") -> SafeString:
    """`url` as a QR code; "" when it is too long for any. On screen it has a white ground
    (a dark theme would hide it); on paper `light=None` and low error correction (`"l"`)
    keep it small, as it is read from a clean copy."""
    try:
        code = segno.make(str(url), error=error, micro=False)
    except segno.DataOverflowError:
        return mark_safe("")
    return mark_safe(code.svg_inline(scale=1, dark="#000", light=light, border=2,
                                     svgclass="qr", lineclass=None, omitsize=True,
                                     title=str(title) or None))


@require_safe
def image(request):
    """GET /qr.svg?url=<one of our addresses>: that address as a QR code image, for a
    printed embed (inline, a long record's code would cost its first paint a kilobyte and
    a half). Only our own addresses: no one else's link gets our name on it."""
    url = request.GET.get("url", "")
    parts = urlsplit(url) if len(url) <= 4000 else None
    host = parts.netloc.rsplit("@", 1)[-1] if parts else ""
    ours = parts is not None and parts.scheme in ("http", "https") and (
        host == request.get_host()
        or validate_host(split_domain_port(host)[0], settings.ALLOWED_HOSTS))
    if not ours or len(request.GET.getlist("url")) != 1:
        return HttpResponseNotFound("Give the url of a page of ours.",
                                    content_type="text/plain; charset=utf-8")
    try:
        code = segno.make(url, error="l", micro=False)
    except segno.DataOverflowError:
        return HttpResponseNotFound("That address is too long for a QR code.",
                                    content_type="text/plain; charset=utf-8")
    out = io.BytesIO()
    code.save(out, kind="svg", scale=1, border=2, dark="#000", light="#fff",
              xmldecl=False, svgns=True, omitsize=False)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cross-Origin-Resource-Policy"] = "cross-origin"  # embeds load it in hosts
    patch_cache_control(response, public=True, max_age=86400, s_maxage=86400)
    return response
