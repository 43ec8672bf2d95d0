"""How tall each embed is when nothing is unfolded, at the widths hosts give it: what a
host's iframe must be for no inner scrollbar. Used by `bench/fit.py` (which prints it and
writes `explainer/embeds/heights.json`, the heights the builder and oEmbed give) and by
the browser tests (which check the stored heights against the real ones)."""

from __future__ import annotations

WIDTHS = (360, 500, 760)
EMBEDS = ("compare", "dataflow", "pilots", "surveys")
# The record a teacher most often starts from: the first chapter's persona.
QUERY = {"compare": "persona=debtor-who-refuses", "dataflow": "persona=debtor-who-refuses",
         "pilots": "", "surveys": ""}


def height(page, base: str, key: str, width: int, extra: str = "") -> int:
    """The embed's height as embed.js reports it to hosts, at `width` CSS px."""
    page.set_viewport_size({"width": width, "height": 800})
    query = "&".join(q for q in (QUERY[key], "theme=light", extra) if q)
    page.goto(f"{base}/embed/{key}/?{query}")
    page.wait_for_load_state("load")
    return page.evaluate(
        "Math.ceil(document.documentElement.getBoundingClientRect().height)")


def heights(page, base: str, extra: str = "") -> dict[str, dict[str, int]]:
    return {key: {str(w): height(page, base, key, w, extra) for w in WIDTHS}
            for key in EMBEDS}
