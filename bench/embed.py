"""Print an embed's first-load weight and the API's speed against a static file.

Budgets: the HTML and CSS of an embed within 14 KB compressed (the TCP initial window, so
it renders in one round trip) and everything it loads under 30 KB. Requests per second
for /api/v1/simulate are printed beside a static file served by the same server in the
same run. Run `.venv/bin/python bench/embed.py` (or `make bench`).
"""

import re
import urllib.request
from html import unescape
from urllib.parse import urljoin

import brotli
from _setup import production_server, wrk

ONE_WINDOW = 14 * 1024
EVERYTHING = 30 * 1024
EMBEDS = ["/embed/compare/", "/embed/compare/?court_judgment=refused&theme=dark&lang=nl",
          "/embed/dataflow/", "/embed/pilots/", "/embed/surveys/"]


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:
        return response.read()


def sent(url: str) -> int:
    """Bytes on the wire for a browser that accepts Brotli: what the server sends if it
    compresses; otherwise what on-the-fly Brotli (quality 5) would send."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") in ("br", "gzip"):
            return len(body)
    return len(brotli.compress(body, quality=5))


def main() -> None:
    with production_server() as base:
        print("compressed bytes as a browser that accepts Brotli receives them")
        print(f"{'embed':58} {'html':>7} {'css':>7} {'js':>7} {'html+css':>9} {'all':>7}"
              "  (all: with images)")
        worst_window = worst_all = 0
        for path in EMBEDS:
            html = fetch(base + path)
            css = sum(sent(base + href.decode()) for href in
                      re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html))
            js = sum(sent(base + src.decode()) for src in
                     re.findall(rb'<script src="([^"]+)"', html))
            images = 0
            if b'class="map-frame"' in html:  # the base map, drawn by the inline stylesheet
                found = re.search(rb'url\("([^"]*china-map-light[^"]*)"\)', html)
                images = sent(urljoin(base + path, found[1].decode()))
            # Images in the page (the printed QR code: loaded with the page, to print in
            # any host).
            images += sum(sent(urljoin(base + path, unescape(src.decode()))) for src in
                          re.findall(rb'<img [^>]*src="([^"]+)"', html))
            page = sent(base + path)
            window, everything = page + css, page + css + js + images
            worst_window, worst_all = max(worst_window, window), max(worst_all, everything)
            print(f"{path:58} {page:7,} {css:7,} {js:7,} {window:9,} {everything:7,}")
        print(f"largest HTML+CSS: {worst_window / 1024:.1f} KB (budget 14 KB): "
              f"{'within' if worst_window <= ONE_WINDOW else 'OVER'}")
        print(f"largest first load: {worst_all / 1024:.1f} KB (budget 30 KB): "
              f"{'within' if worst_all <= EVERYTHING else 'OVER'}")

        script = re.search(rb'<script src="(/static/explainer/site[^"]+)"',
                           fetch(base + EMBEDS[0]))[1].decode()
        static = wrk(base + script)
        api = wrk(base + "/api/v1/simulate?court_judgment=refused&loan_arrears=3")
        oembed = wrk(base + "/oembed?url=" + urllib.request.quote(
            base + "/en/misconceptions/one-system/?court_judgment=refused", safe=""))
        print("\nwrk, 64 connections, 5 s each, same server (gunicorn) and run:")
        print(f"{'':30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'ratio':>6}")
        for name, row in (("static file", static), ("/api/v1/simulate", api),
                          ("/oembed (hosts wait 2 s)", oembed)):
            print(f"{name:30} {row['rps']:9,.0f} {row['p50']:8.1f} {row['p99']:8.1f} "
                  f"{row['errors']:7} {row['rps'] / static['rps']:6.2f}")


if __name__ == "__main__":
    main()
