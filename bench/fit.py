"""Print each embed's closed height (nothing unfolded) at 360, 500 and 760 px wide, in the
compact layout (the default) and the full one, beside WordPress's cap of 1000 px; with
`--write`, store the compact heights in `explainer/embeds/heights.json`, which the
builder's snippet and oEmbed use as the iframe's height.

Measured in Debian's Chromium on the production server. Run `.venv/bin/python bench/fit.py`.
"""

import json
import sys

from _setup import ROOT, production_server

sys.path.insert(0, str(ROOT))
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.measure import EMBEDS, WIDTHS, heights  # noqa: E402

CAP = 1000  # wp-embed.js clamps every height to 200-1000 px
STORED = ROOT / "explainer" / "embeds" / "heights.json"


def main() -> None:
    from playwright.sync_api import sync_playwright

    with production_server() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        compact = heights(page, base)
        full = heights(page, base, "layout=full")
        browser.close()
    print(f"closed height in px (WordPress caps at {CAP}): full → compact")
    print("embed      " + "".join(f"{w:>16} px" for w in WIDTHS))
    failed = False
    for key in EMBEDS:
        cells = []
        for w in WIDTHS:
            h = compact[key][str(w)]
            over = w <= 500 and h > CAP
            failed |= over
            cells.append(f"{full[key][str(w)]:>7} → {h:>5}{' !' if over else '  '}")
        print(f"{key:<10} " + "".join(f"{c:>19}" for c in cells))
    if "--write" in sys.argv:
        STORED.write_text(json.dumps(compact, indent=2, sort_keys=True) + "\n")
        print(f"wrote {STORED.relative_to(ROOT)}")
    print("every compact embed fits 1000 px at 360 and 500 px" if not failed
          else "OVER BUDGET: an embed is taller than 1000 px at 360 or 500 px (marked !)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
