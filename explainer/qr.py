"""QR codes as inline SVG, one way everywhere (the builder, the teacher guides, class
polls, printed handouts): one module per dark square run, sized by CSS (no inline style,
for the CSP), titled for screen readers, cached per address."""

from functools import lru_cache

import segno
from django.utils.safestring import SafeString, mark_safe


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
