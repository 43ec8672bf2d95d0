"""Embeds in host pages served from another origin, framed the way WordPress frames
untrusted embeds (sandbox="allow-scripts", nothing else)."""

import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

SECRET = "s3cr3t"
WORDPRESS_HOST = """
window.heights = []; window.reported = []; window.links = [];
window.addEventListener("message", function (e) {
  var d = e.data, f = document.getElementById("embed");
  if (!d || d.secret !== "SECRET" || e.source !== f.contentWindow) return;
  if (d.message === "height") {  // as wp-embed.js does: clamp to 200-1000
    window.reported.push(parseInt(d.value, 10));
    var h = Math.max(200, Math.min(1000, parseInt(d.value, 10)));
    f.height = h; window.heights.push(h);
  }
  if (d.message === "link") window.links.push(d.value);
});
""".replace("SECRET", SECRET)


def host_page(src, script="", loader=""):
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title>
<link rel="icon" href="data:,">
</head><body><h1>Week 3: credit systems</h1>
<iframe id="embed" src="{src}" title="Embedded simulation" width="100%" height="300"
 sandbox="allow-scripts" security="restricted" style="border:0"></iframe>
<p>After the simulation.</p>
{f'<script>{script}</script>' if script else ''}
{f'<script src="{loader}" async></script>' if loader else ''}
</body></html>"""


@pytest.fixture(scope="module")
def host(server, tmp_path_factory):
    """A teacher's site on another origin (localhost, not 127.0.0.1, and another port)."""
    root = tmp_path_factory.mktemp("host")
    pages = {
        "loader.html": host_page(f"{server}/embed/compare/?systems=sesame,blacklists",
                                 loader=f"{server}/embed/loader.js"),
        "wordpress.html": host_page(f"{server}/embed/compare/#?secret={SECRET}",
                                    script=WORDPRESS_HOST),
        "themed.html": host_page(f"{server}/embed/compare/?theme=dark&lang=nl",
                                 loader=f"{server}/embed/loader.js"),
        "pilots.html": host_page(f"{server}/embed/pilots/", loader=f"{server}/embed/loader.js"),
    }
    for name, html in pages.items():
        (root / name).write_text(html, encoding="utf-8")
    handler = partial(QuietHandler, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{httpd.server_address[1]}"
    httpd.shutdown()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def host_page_context(browser, server, host):
    context = browser.new_context(viewport={"width": 900, "height": 900})
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page, requests, context
    allowed = {urlsplit(server).netloc, urlsplit(host).netloc}
    others = [url for url in requests if urlsplit(url).netloc not in allowed]
    assert others == [], "the embed asked another host for something"
    assert context.cookies() == [], "the embed set a cookie"
    context.close()
    assert page.errors == [], "console errors"


def frame_height(page):
    return page.evaluate("document.getElementById('embed').getBoundingClientRect().height")


def test_the_controls_work_inside_a_sandboxed_frame_on_another_origin(host_page_context, host):
    page, requests, _context = host_page_context
    page.goto(f"{host}/loader.html")
    frame = page.frame_locator("#embed")
    expect(frame.locator('tr[data-system="sesame"] .strip-verdict')).to_contain_text("638 / 950")
    expect(frame.locator("tr.strip-row")).to_have_count(2)  # systems=sesame,blacklists
    frame.locator("#persona").select_option("debtor-who-refuses")
    expect(frame.locator('tr[data-system="sesame"] .strip-verdict')).to_contain_text("350 / 950")
    expect(frame.locator('tr[data-system="blacklists"] .strip-verdict')).to_have_text("Listed")
    expect(frame.locator("tr.strip-row")).to_have_count(2)  # the options survive the swap
    frame.get_by_text("Change the record", exact=True).click()  # folded when compact
    frame.locator("#group-1").click()
    frame.locator("#f-court_judgment").select_option("paid")
    expect(frame.locator('tr[data-system="sesame"] .strip-verdict')).to_contain_text("599 / 950")
    # The host page never navigated: the frame changed state by htmx requests.
    assert page.url == f"{host}/loader.html"
    assert any("/embed/compare/" in url and "court_judgment=paid" in url for url in requests)


def test_the_loader_fits_the_frame_to_its_content_as_it_grows(host_page_context, host):
    page, _requests, _context = host_page_context
    page.goto(f"{host}/loader.html")
    frame = page.frame_locator("#embed")
    expect(frame.locator("table.strip")).to_be_visible()
    page.wait_for_function("document.getElementById('embed').getBoundingClientRect().height "
                           "> 400")
    content = page.frames[1].evaluate("document.documentElement.scrollHeight")
    assert abs(frame_height(page) - content) <= 2
    before = frame_height(page)
    frame.get_by_text("Why: each system in detail").click()  # unfold: the content grows
    page.wait_for_function(f"document.getElementById('embed').getBoundingClientRect().height "
                           f"> {before}")


def test_wordpress_hosts_get_heights_and_open_the_full_explainer(host_page_context, host,
                                                                  server):
    page, _requests, _context = host_page_context
    page.goto(f"{host}/wordpress.html")
    page.wait_for_function("window.heights.length > 0")
    # Closed, the compact layout fits under WordPress's 1000 px cap: no inner scrollbar.
    content = page.frames[1].evaluate("document.documentElement.scrollHeight")
    assert content <= 1000
    assert abs(page.evaluate("window.reported[window.reported.length - 1]") - content) <= 2
    assert abs(frame_height(page) - content) <= 2
    frame = page.frame_locator("#embed")
    frame.locator("a.open-full").first.click()
    page.wait_for_function("window.links.length > 0")
    link = page.evaluate("window.links[0]")
    assert link == f"{server}/en/misconceptions/one-system/"
    assert page.url == f"{host}/wordpress.html"  # the host decides whether to navigate


def test_theme_and_language_take_effect_in_the_frame(host_page_context, host):
    page, _requests, _context = host_page_context
    page.goto(f"{host}/themed.html")
    frame = page.frame_locator("#embed")
    expect(frame.locator("html")).to_have_attribute("data-theme", "dark")
    expect(frame.locator("html")).to_have_attribute("lang", "nl")
    background = page.frames[1].evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = map(int, re.findall(r"\d+", background)[:3])
    assert red + green + blue < 120, background  # dark, whatever the reader's setting
    expect(frame.locator("a.open-full").first).to_have_attribute(
        "href", re.compile(r"/nl/misconceptions/one-system/\?theme=dark$"))  # one state


def test_the_pilot_map_embed_sorts_inside_the_frame(host_page_context, host):
    page, _requests, _context = host_page_context
    page.goto(f"{host}/pilots.html")
    frame = page.frame_locator("#embed")
    frame.locator("details.table-fold > summary").click()  # folded: it loads on opening
    expect(frame.locator("#pilot-table tbody tr").first).to_contain_text("Chongqing")
    frame.get_by_role("link", name="Since").click()
    expect(frame.locator("#pilot-table tbody tr").first).to_contain_text("Suining")
    assert page.url == f"{host}/pilots.html"


def test_in_page_links_unfold_and_stay_in_the_frame(host_page_context, host):
    page, _requests, context = host_page_context
    page.goto(f"{host}/wordpress.html")
    frame = page.frame_locator("#embed")
    frame.locator('tr[data-system="sesame"] th a').click()
    expect(frame.locator("#col-sesame")).to_be_visible()  # its folded detail opened
    expect(frame.locator("details.systems-fold")).to_have_attribute("open", "")
    assert len(context.pages) == 1 and page.url == f"{host}/wordpress.html"
    assert page.evaluate("window.links") == []


def test_in_wordpress_links_to_our_site_ask_the_host_and_carry_the_state(host_page_context,
                                                                          host, server):
    page, _requests, _context = host_page_context
    page.goto(f"{host}/wordpress.html")
    frame = page.frame_locator("#embed")
    frame.locator("#persona").select_option("debtor-who-refuses")
    expect(frame.locator('tr[data-system="blacklists"] .strip-verdict')).to_have_text("Listed")
    # "Open the full explainer" carries what the student did in the widget.
    frame.locator("a.open-full").first.click()
    page.wait_for_function("window.links.length > 0")
    assert page.evaluate("window.links[0]") == (
        f"{server}/en/misconceptions/one-system/?court_judgment=refused")
    # A citation opens our Sources page entry, through the host too.
    frame.get_by_text("Why: each system in detail").click()
    frame.locator("#col-blacklists a.cite").first.click()
    page.wait_for_function("window.links.length > 1")
    assert page.evaluate("window.links[1]").startswith(f"{server}/en/sources/#source-")
    assert page.url == f"{host}/wordpress.html"
