"""Fail when a page cannot paint after one round trip.

A first visit paints once the browser has the HTML up to what it shows first and
everything render-blocking in the head (stylesheets, scripts without defer). That must
arrive in the TCP initial window: 10 segments, about 14 KB. The critical CSS is inline.
A stylesheet linked in the body (widget.css, just before the first widget) blocks only
what follows it, so what comes before it (the header and the chapter's opening) paints
without waiting; the HTML from there on arrives in the next round trips.

For every page in the sitemap, every embed, and every chapter and embed with a record that
sets every value, this fetches what the production server (gunicorn, DEBUG off) sends a
browser that accepts Brotli, and prints:
- first: the compressed bytes up to the first in-body blocking stylesheet (found by
  decompressing the response as it would arrive), plus render-blocking files in the head;
- whole: the whole compressed HTML document.
It fails (exit 1) when any page's first paint needs more than 14 KB. Run
`.venv/bin/python bench/weight.py` (or `make bench`).
"""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit

import brotli

ONE_WINDOW = 14 * 1024
HEAD = re.compile(rb"<head>(.*?)</head>", re.S)
BLOCKING_CSS = re.compile(rb'<link rel="stylesheet" href="([^"]+)"(?![^>]*media="print")')
BLOCKING_JS = re.compile(rb"<script src=\"([^\"]+)\"(?![^>]*\b(?:defer|async)\b)[^>]*>")
BODY_CSS = re.compile(rb'<link rel="stylesheet" href="([^"]+)"')


def get(url: str) -> tuple[int, bytes, dict]:
    """Status, body as sent, and headers, for a browser that accepts Brotli."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def bytes_until(body: bytes, encoding: str, end: int) -> int:
    """How many bytes of the response must arrive before its decoded text reaches `end`:
    the decoder is fed as the network would feed it, a few bytes at a time."""
    if encoding == "br":
        decoder = brotli.Decompressor()
        feed = decoder.process
    elif encoding == "gzip":
        import zlib
        feed = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress
    else:
        return end
    decoded_length = 0
    for received in range(0, len(body), 64):
        decoded_length += len(feed(body[received:received + 64]))
        if decoded_length >= end:
            return min(received + 64, len(body))
    return len(body)


def decoded(body: bytes, headers: dict) -> bytes:
    if headers.get("Content-Encoding") == "br":
        return brotli.decompress(body)
    if headers.get("Content-Encoding") == "gzip":
        import gzip
        return gzip.decompress(body)
    return body


def sent(url: str) -> int:
    return len(get(url)[1])


def every_value_set() -> list[dict]:
    """Records with every count at its maximum, every flag set and the last choice of
    each menu, once for each place of residence (the pilots add the longest traces)."""
    from systems.record import PARAMETERS

    base = {p.name: (p.choices[-1] if p.is_choice else p.maximum) for p in PARAMETERS}
    residence = next(p for p in PARAMETERS if p.name == "residence")
    return [{**base, "residence": place} for place in residence.choices]


def pages(base: str) -> list[str]:
    _, body, headers = get(base + "/sitemap.xml")
    urls = [urlsplit(u.decode()).path for u in
            re.findall(rb"<loc>([^<]+)</loc>", decoded(body, headers))]
    urls = list(dict.fromkeys(urls))
    records = [urlencode(r) for r in every_value_set()]
    chapters = [u for u in urls if "/misconceptions/" in u]
    embeds = ["/embed/compare/", "/embed/dataflow/", "/embed/pilots/", "/embed/surveys/"]
    extra = ["/en/embed/", "/api/"]
    # Embeds in every language too (German words are long), bare and with a full record.
    languages = [f"lang={code}" for code in ("nl", "de")]
    in_languages = [f"{e}?{lang}" for e in embeds for lang in languages] + [
        f"{e}?{q}&{lang}" for e in embeds[:2] for q in records[:3] for lang in languages]
    return (urls + extra + embeds + [f"{u}?{q}" for u in chapters + embeds[:2] for q in records]
            + in_languages + [f"/embed/compare/?{records[0]}&theme=dark&lang=nl"])


def weigh(base: str, path: str) -> dict | None:
    status, body, headers = get(base + path)
    if status != 200:
        return None
    html = decoded(body, headers)
    head = HEAD.search(html)[1]
    blocking = [m.decode() for m in BLOCKING_CSS.findall(head) + BLOCKING_JS.findall(head)]
    body_start = html.index(b"</head>")
    in_body = BODY_CSS.search(html, body_start)
    paints = in_body.start() if in_body else len(html)
    header_bytes = sum(len(k) + len(v) + 4 for k, v in headers.items())
    return {"whole": len(body), "blocking": sum(sent(base + u) for u in blocking),
            "prefix": bytes_until(body, headers.get("Content-Encoding", ""), paints),
            "later": sum(sent(base + u.decode()) for u in BODY_CSS.findall(html, body_start)),
            "headers": header_bytes,
            "inline_css": sum(len(s) for s in re.findall(rb"<style>(.*?)</style>", head, re.S))}


def main() -> int:
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
    from _setup import ROOT, production_server

    sys.path.insert(0, str(ROOT))
    over = []
    with production_server() as base:
        print("Bytes a browser that accepts Brotli receives, from gunicorn (DEBUG off).")
        print(f"{'page':64} {'first':>7} {'whole':>7} {'inline':>7} {'block':>6} "
              f"{'later':>6} {'hdrs':>5}")
        worst = worst_whole = whole_within = count = 0
        failed = []
        for path in pages(base):
            row = weigh(base, path)
            if row is None:  # not a 200: a page that breaks is no lighter for it
                failed.append(path)
                continue
            first = row["prefix"] + row["blocking"]
            worst, worst_whole = max(worst, first), max(worst_whole, row["whole"])
            count += 1
            whole_within += row["whole"] + row["blocking"] <= ONE_WINDOW
            label = path if len(path) <= 64 else path[:61] + "..."
            flag = "  OVER" if first > ONE_WINDOW else ""
            print(f"{label:64} {first:7,} {row['whole']:7,} {row['inline_css']:7,} "
                  f"{row['blocking']:6,} {row['later']:6,} {row['headers']:5,}{flag}")
            if first > ONE_WINDOW:
                over.append(path)
        print("first: bytes needed before the first paint; whole: the whole HTML; inline: the"
              " inline stylesheet before compression (inside the HTML); block: render-"
              "blocking files in the head; later: the stylesheets linked in the body; hdrs:"
              " response headers")
        print(f"whole HTML within 14 KB on {whole_within} of {count} pages; largest "
              f"{worst_whole / 1024:.1f} KB")
        print(f"largest first paint: {worst:,} bytes = {worst / 1024:.1f} KB "
              f"(budget {ONE_WINDOW / 1024:.0f} KB): "
              f"{'within' if not over else f'OVER on {len(over)} pages'}")
        if failed:
            print(f"not 200, so not weighed: {', '.join(failed)}")
    return 1 if over or failed else 0


if __name__ == "__main__":
    sys.exit(main())
