"""Stylesheets delivered so that a page paints after one round trip.

An external stylesheet in the head costs a first-time reader a second round trip before
anything shows. So the styles every page needs at once (`INLINE`) go into the page
itself, minified, and the Content Security Policy allows exactly those texts by their
SHA-256 hash (no 'unsafe-inline'), each page's header naming only the text it carries.
Styles only a widget needs (widget.css for the simulation, flow.css, map.css, chart.css)
are linked in the body just before the widget: browsers paint what comes before such a
link without waiting for it, so the reader sees the chapter's opening while the widget's
styles arrive. An embed is all widget, so its page inlines its widget's styles too.

The files stay in static/explainer/ (the one place to edit them) and are read once per
process; with DEBUG on, an edited file is read again on the next request, hash and all.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings

STATIC = Path(__file__).resolve().parents[2] / "static" / "explainer"

# What each kind of page inlines, in cascade order: a reader's page, and each embed (by
# the widget it shows), which needs only its own widget's styles, and its print rules (a
# reader's page links print.css with media="print"; an embed carries its own, so they are
# there whenever a host prints the frame).
INLINE = {
    "reader": ("base.css", "pages.css"),
    "embed-simulation": ("base.css", "widget.css", "embed.css", "embed-print.css"),
    "embed-dataflow": ("base.css", "widget.css", "flow.css", "embed.css", "embed-print.css"),
    "embed-pilot-map": ("base.css", "map.css", "embed.css", "embed-print.css"),
    "embed-survey-chart": ("base.css", "chart.css", "embed.css", "embed-print.css"),
    "predict": ("predict.css",),  # an embed that asks first (reveal=after) adds it
}
# What a reader's page links in its body, just before the widget that needs it.
LINKED = ("widget", "flow", "map", "chart", "lists", "predict")

# Strings and comments are tokens of their own, so whitespace inside a string survives.
TOKENS = re.compile(r'("(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|/\*.*?\*/)', re.S)
SPACE = re.compile(r"\s+")
AROUND = re.compile(r"\s*([{};,])\s*|(?<=:)\s+")


def minify(css: str) -> str:
    """Drop comments, runs of whitespace, the spaces around { } ; , and after a colon,
    and the last semicolon of each block. Nothing that could change meaning: a space
    before a colon stays (`a :hover` and `a:hover` differ), and so do strings."""
    out, code = [], []

    def flush():
        out.append(AROUND.sub(r"\1", SPACE.sub(" ", "".join(code))).replace(";}", "}"))
        code.clear()

    for i, part in enumerate(TOKENS.split(css)):
        if i % 2 == 0:
            code.append(part)
        elif not part.startswith("/*"):  # a string, kept as it is
            flush()
            out.append(part)
    flush()
    return "".join(out).strip()


def _stamp(bundle: str) -> tuple[float, ...]:
    return tuple((STATIC / name).stat().st_mtime for name in INLINE[bundle])


# url("china-map-light.svg") in a file is relative to the file; inline, it would be
# relative to the page. So it becomes the file's static URL (hashed in production).
RELATIVE_URL = re.compile(r'url\("(?![a-z]+:|/|#)([^"]+)"\)')


def _absolute_urls(css: str) -> str:
    from django.templatetags.static import static
    return RELATIVE_URL.sub(lambda m: f'url("{static("explainer/" + m[1])}")', css)


@lru_cache(maxsize=32)
def _read(bundle: str, stamp: tuple[float, ...]) -> tuple[str, str]:
    css = "\n".join((STATIC / name).read_text("utf-8") for name in INLINE[bundle])
    css = minify(_absolute_urls(css))
    if "</" in css:  # would end the <style> element early
        raise ValueError(f"The {bundle} stylesheets contain '</', which cannot go inline.")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return css, f"'sha256-{digest}'"


def _bundle(bundle: str) -> tuple[str, str]:
    """Read once per process; with DEBUG on, again whenever a file has changed."""
    return _read(bundle, _stamp(bundle) if settings.DEBUG else ())


def inline(bundle: str) -> str:
    """The minified text of a bundle, for a <style> element."""
    return _bundle(bundle)[0]


def hashes(bundles) -> tuple[str, ...]:
    """The CSP source expressions that allow these inline bundles."""
    return tuple(_bundle(bundle)[1] for bundle in sorted(bundles))
