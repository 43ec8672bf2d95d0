"""QR codes as inline SVG, one way everywhere (the builder, the teacher guides, class
polls, printed handouts): one module per dark square run, sized by CSS (no inline style,
for the CSP), titled for screen readers, cached per address.

Every chapter's results carry the printed handout's code of their own address, so a reader
who moves a control gets a new one: the codes are drawn by libqrencode (Debian's
`libqrencode4`, through ctypes) where the system has it, about 0.4 ms each, and by segno
(pure Python, about 15 ms: most of a new record's time) where it does not. Either draws a
valid code of the same address; their pixels may differ (each picks its own mask). The
paths are written here from the modules either one gives.
"""

import ctypes
import ctypes.util
from functools import lru_cache
from html import escape
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound
from django.http.request import split_domain_port, validate_host
from django.utils.cache import patch_cache_control
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

LEVELS = {"l": 0, "m": 1, "q": 2, "h": 3}  # libqrencode's QRecLevel
BORDER = 2  # the quiet zone, in modules (the standard asks for 4; paper around it helps)


class _QRcode(ctypes.Structure):
    _fields_ = [("version", ctypes.c_int), ("width", ctypes.c_int),
                ("data", ctypes.POINTER(ctypes.c_ubyte))]


def _libqrencode():
    """libqrencode's encoder, or None where the system does not have it."""
    for name in ("libqrencode.so.4", ctypes.util.find_library("qrencode")):
        try:
            lib = ctypes.CDLL(name)
            break
        except (OSError, TypeError):  # not there (TypeError: find_library found none)
            continue
    else:
        return None
    # QRcode *QRcode_encodeData(int size, const unsigned char *data, int version, level):
    # the length is given, so no byte of the address is taken for the end of a C string.
    lib.QRcode_encodeData.restype = ctypes.POINTER(_QRcode)
    lib.QRcode_encodeData.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
    lib.QRcode_free.argtypes = [ctypes.POINTER(_QRcode)]
    lib.QRcode_free.restype = None
    return lib


LIBQRENCODE = _libqrencode()
# A module's byte → "1" when dark: libqrencode sets the lowest bit of each dark module
# (the others say what the module is for); segno gives 0 or 1.
DARK = bytes(0x31 if value & 1 else 0x30 for value in range(256))


def modules(text: str, error: str = "m", lib=LIBQRENCODE) -> list[bytes] | None:
    """The code's rows, each module b"1" (dark) or b"0", without the quiet zone; None when
    the text is too long for any QR code. Addresses are ASCII (IRIs are percent-encoded);
    anything else goes to segno, which picks its own text encoding."""
    if lib is not None and text.isascii():
        data = text.encode("ascii")
        code = lib.QRcode_encodeData(len(data), data, 0, LEVELS[error])
        if not code:
            return None  # too long (libqrencode sets errno to ERANGE)
        try:
            width = code.contents.width
            grid = ctypes.string_at(code.contents.data, width * width).translate(DARK)
        finally:
            lib.QRcode_free(code)
        return [grid[start:start + width] for start in range(0, width * width, width)]
    try:
        code = segno.make(text, error=error, micro=False)
    except segno.DataOverflowError:
        return None
    return [bytes(row).translate(DARK) for row in code.matrix]


class _Steps(dict):
    """Each piece as a path step, relative to where the one before it ended: the same few
    pieces recur in every code, so each is written once per process, and a code's path
    is a lookup per piece (drawing it cost more than libqrencode's encoding)."""

    def __init__(self, width: int):
        super().__init__({b"\n": f"m-{width} 1"})  # back to the row's start, one row down

    def __missing__(self, piece: bytes) -> str:
        light = len(piece) - len(piece.lstrip(b"0"))
        dark = len(piece) - light
        step = self[piece] = (f"m{light} 0h{dark}" if dark else f"m{light} 0") if piece else ""
        return step


_steps: dict[int, _Steps] = {}


def path(rows: list[bytes], border: int = BORDER) -> str:
    """The dark modules as one path of horizontal strokes (drawn with stroke width 1
    through the middle of each row), each row from its left edge to its right."""
    steps = _steps.get(len(rows)) or _steps.setdefault(len(rows), _Steps(len(rows)))
    # A row's pieces: the light modules before a run of dark ones and the run, the light
    # ones that end it; then the step to the next row (cut apart by bytes methods: a
    # regular expression took longer than all the rest).
    pieces = b"\n".join(rows).replace(b"10", b"1 0").replace(b"\n", b" \n ").split(b" ")
    return f"M{border} {border}.5" + "".join(map(steps.__getitem__, pieces))


@lru_cache(maxsize=512)
def svg(url: str, title: str, error: str = "m", light: str | None = "#fff") -> SafeString:
    """`url` as a QR code; "" when it is too long for any. On screen it has a white ground
    (a dark theme would hide it); on paper `light=None` and low error correction (`"l"`)
    keep it small, as it is read from a clean copy."""
    rows = modules(str(url), error)
    if rows is None:
        return mark_safe("")
    size = len(rows) + 2 * BORDER
    title = f"<title>{escape(str(title), quote=False)}</title>" if title else ""
    ground = f'<path fill="{light}" d="M0 0h{size}v{size}h-{size}z"/>' if light else ""
    return mark_safe(f'<svg viewBox="0 0 {size} {size}" class="qr">{title}{ground}'
                     f'<path stroke="#000" d="{path(rows)}"/></svg>')


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
    rows = modules(url, "l")
    if rows is None:
        return HttpResponseNotFound("That address is too long for a QR code.",
                                    content_type="text/plain; charset=utf-8")
    size = len(rows) + 2 * BORDER
    body = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
            f'viewBox="0 0 {size} {size}">'
            f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/>'
            f'<path stroke="#000" d="{path(rows)}"/></svg>\n')
    response = HttpResponse(body, content_type="image/svg+xml")
    response["Cross-Origin-Resource-Policy"] = "cross-origin"  # embeds load it in hosts
    patch_cache_control(response, public=True, max_age=86400, s_maxage=86400)
    return response
