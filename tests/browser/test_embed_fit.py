"""The compact embeds fit WordPress's 1000 px cap closed, at a phone's and a blog column's
width, and the heights the builder and oEmbed give (explainer/embeds/heights.json, written
by bench/fit.py) are the real ones."""

import json

import pytest

from explainer.embeds.views import HEIGHTS, SLACK
from tests.browser.measure import EMBEDS, WIDTHS, height


@pytest.mark.parametrize("key", EMBEDS)
def test_each_compact_embed_fits_closed_and_its_stored_height_is_true(page, server, key):
    for width in WIDTHS:
        measured = height(page, server, key, width)
        if width <= 500:
            assert measured <= 1000, (key, width, measured)
        stored = HEIGHTS[key][str(width)]
        # Never short (that is a scrollbar), and not stale: rerun bench/fit.py --write.
        assert stored + SLACK >= measured, (key, width, measured, stored)
        assert stored - measured <= 48, (key, width, measured, stored)


def test_the_stored_heights_cover_every_embed_and_width():
    assert set(HEIGHTS) == set(EMBEDS)
    assert all(set(HEIGHTS[k]) == {str(w) for w in WIDTHS} for k in EMBEDS)
    json.dumps(HEIGHTS)


def test_the_builders_previews_show_what_wordpress_and_a_full_page_would(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1500, "height": 2400})
    page = context.new_page()

    def heights():
        """Each preview's frame height beside its content's height."""
        found = []
        for frame in page.locator("iframe.preview").element_handles():
            inner = frame.content_frame().evaluate(
                "Math.ceil(document.documentElement.getBoundingClientRect().height)")
            found.append((int(frame.get_attribute("height")), inner))
        return found

    def settled(check):
        for _ in range(50):
            found = heights()
            if check(found):
                return found
            page.wait_for_timeout(100)
        raise AssertionError(found)

    page.goto("/en/embed/?widget=compare&persona=debtor-who-refuses&layout=full")
    assert page.locator("iframe.preview").first.get_attribute("width") == "500"
    # The full layout is taller than WordPress allows: its preview stops at 1000 px, as
    # wp-embed.js does, while the full-width one takes the whole height.
    (wp, wp_inner), (full, full_inner) = settled(
        lambda f: f[0][0] == 1000 and abs(f[1][0] - f[1][1]) <= 2)
    assert wp_inner > 1000 and full > 1000
    page.goto("/en/embed/?widget=compare&persona=debtor-who-refuses")  # compact: it fits
    (wp, wp_inner), _full = settled(lambda f: abs(f[0][0] - f[0][1]) <= 2)
    assert wp < 1000
    context.close()
