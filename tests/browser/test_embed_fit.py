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
