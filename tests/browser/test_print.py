"""Printed handouts (issue 15, review finding 5), in a real Chromium: an embed prints its
results and system cards, not its form, in light colours, with the live page's address and
its QR code, on at most two A4 pages, on its own and inside a host page; a chapter prints
shorter than it did; the builder's "Print a handout" opens that handout."""

import io
import re
import shutil
import subprocess

import pytest
from PIL import Image, ImageOps
from playwright.sync_api import expect

# A host page as WordPress frames an embed, from the host tests (module-scoped server).
from tests.browser.test_embed_hosts import host, host_page_context  # noqa: F401

# Form controls. A glossary term in the prose is a button that prints as its words.
CONTROLS = ":is(input, select, textarea, button:not(.term), [role=button]):visible"
DEBTOR = "persona=debtor-who-refuses"
# The chapter each embed's live address points to, with the debtor's record.
LIVE = {"compare": "/en/misconceptions/one-system/?court_judgment=refused",
        "dataflow": "/en/misconceptions/data-sharing/?court_judgment=refused",
        "pilots": "/en/misconceptions/points/"}
# Chapter 1 with this record printed 5 A4 pages before the handout work (measured with
# page.pdf(format="A4") at the commit before it); 4 since.
CHAPTER_PAGES_BEFORE = 5


def pdf_pages(page) -> int:
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def embed_url(key: str, option: str = "") -> str:
    # The pilots embed loads its folded table on opening; the builder's "Print a handout"
    # asks for it open (sort=province), as a reader who opened it has it.
    query = "&".join(q for q in (DEBTOR if key != "pilots" else "sort=province", option) if q)
    return f"/embed/{key}/" + (f"?{query}" if query else "")


def expect_live_address(page, server, key):
    """The printed address is the chapter with this record (and whatever options the
    embed passes on), the same address as the embed's own link to the chapter."""
    live = page.locator(".print-link .live-url")
    expect(live).to_have_text(re.compile("^" + re.escape(server + LIVE[key]) + r"([?&]\S*)?$"))
    assert live.inner_text().strip() == page.locator("a.open-full").first.get_attribute("href")


def loaded(image) -> bool:
    """Whether an image has arrived (our CSP refuses wait_for_function's eval)."""
    for _ in range(50):
        if image.evaluate("i => i.complete && i.naturalWidth > 0"):
            return True
        image.page.wait_for_timeout(100)
    return False


def scan(png: bytes, tmp_path) -> str:
    """What a phone reads from a QR code as printed: the picture, read by zbar."""
    image = ImageOps.expand(Image.open(io.BytesIO(png)).convert("L"), border=40, fill=255)
    path = tmp_path / "qr.png"
    image.save(path)
    result = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True,
                            text=True, check=True)
    return result.stdout.strip()


@pytest.mark.parametrize("option", ["", "theme=dark", "layout=full"])
@pytest.mark.parametrize("key", ["compare", "dataflow", "pilots"])
def test_an_embed_prints_its_results_on_at_most_two_pages(page, server, key, option):
    page.goto(embed_url(key, option))
    page.emulate_media(media="print")
    assert page.locator(CONTROLS).count() == 0, "a control prints"
    if key == "pilots":
        expect(page.locator(".map-frame")).to_be_visible()
        expect(page.locator("#pilot-table tbody tr").first).to_be_visible()
    else:
        expect(page.locator(".record-words")).to_have_text(re.compile(
            r"^This record: Debtor who refuses to pay: Refused to carry out a court judgment"))
        expect(page.locator("table.strip")).to_be_visible()
        rows = page.locator("tr.strip-row").count()
        assert rows >= 5
        # Every system's card, unfolded from the compact layout's fold.
        cards = page.locator(".panel .system")
        expect(cards).to_have_count(rows)
        for i in range(rows):
            expect(cards.nth(i)).to_be_visible()
        expect(page.locator('.system[id="col-blacklists"] .trace li').first).to_be_visible()
        expect(page.locator("form#record")).to_be_hidden()
    expect_live_address(page, server, key)
    qr = page.locator(".print-link .qr")  # an image of /qr.svg: loaded before anyone prints
    expect(qr).to_be_visible()
    if qr.evaluate("q => q.tagName") == "IMG":
        assert loaded(qr)
    assert pdf_pages(page) <= 2


@pytest.mark.parametrize("theme", ["dark", "auto"])
def test_a_dark_embed_prints_dark_on_light(page, theme):
    """theme=dark, or a reader whose system is dark: light-grey text on white, before."""
    page.emulate_media(color_scheme="dark")
    page.goto(f"/embed/compare/?{DEBTOR}&theme={theme}")

    def colours():
        return page.evaluate("""() => {
            const css = (selector, property) =>
                getComputedStyle(document.querySelector(selector))[property];
            return {text: css("body", "color"), scheme: css("html", "colorScheme"),
                    verdict: css(".strip-verdict", "color"),
                    sesame: css('tr[data-system="sesame"] th', "borderLeftColor")};
        }""")

    on_screen = colours()
    assert on_screen["text"] == "rgb(236, 236, 240)"  # the dark theme, on screen
    page.emulate_media(media="print", color_scheme="dark")
    printed = colours()
    assert printed["text"] == printed["verdict"] == "rgb(29, 29, 31)"
    assert printed["scheme"] == "light"
    assert printed["sesame"] == "rgb(15, 110, 110)"  # the system colours' light variants


def test_the_printed_qr_code_reads_as_the_live_address_and_follows_edits(browser, server,
                                                                          tmp_path):
    if not shutil.which("zbarimg"):
        pytest.skip("zbarimg missing: scripts/system-packages zbar-tools")
    context = browser.new_context(base_url=server, device_scale_factor=4)
    page = context.new_page()
    page.goto(f"/embed/compare/?{DEBTOR}")
    # The reader changes the record inside the widget: the handout follows.
    page.locator(".record-fold>summary").click()
    page.locator("#group-1").click()
    page.locator("#f-loan_arrears").fill("3")
    page.keyboard.press("Tab")
    expect(page.locator(".print-link .live-url")).to_contain_text("loan_arrears=3")
    expect_live_address(page, server, "compare")
    live = page.locator(".print-link .live-url").inner_text().strip()
    page.emulate_media(media="print")
    expect(page.locator(".record-words")).to_contain_text("3")
    qr = page.locator(".print-link img.qr")
    expect(qr).to_be_visible()
    assert loaded(qr)
    assert scan(qr.screenshot(), tmp_path) == live
    context.close()


def test_a_chapters_qr_code_follows_the_readers_edits(browser, server, tmp_path):
    """A whole chapter carries its code drawn by the server; results htmx swaps in carry
    the address only, and reader.js draws its code in the browser (lean-qr): it reads as
    the live address."""
    if not shutil.which("zbarimg"):
        pytest.skip("zbarimg missing: scripts/system-packages zbar-tools")
    context = browser.new_context(base_url=server, device_scale_factor=4)
    page = context.new_page()
    page.goto("/en/misconceptions/one-system/?court_judgment=refused")
    served = page.locator(".print-link svg.qr")
    expect(served).to_have_count(1)
    page.locator("#f-loan_arrears").fill("3")  # in the first group, open on a chapter
    page.keyboard.press("Tab")
    expect(page.locator(".print-link .live-url")).to_contain_text("loan_arrears=3")
    drawn = page.locator(".print-link svg.qr")
    expect(drawn).to_have_count(1)
    expect(page.locator(".print-link .qr-pending")).to_have_count(0)
    assert drawn.get_attribute("aria-label") == "QR code of this address"
    live = page.locator(".print-link .live-url").inner_text().strip()
    assert live.startswith(server + "/en/misconceptions/one-system/?court_judgment=refused"
                           "&loan_arrears=3")
    page.emulate_media(media="print")
    expect(drawn).to_be_visible()
    assert scan(drawn.screenshot(), tmp_path) == live
    context.close()


def test_a_host_page_prints_the_embeds_results_not_its_controls(host_page_context, host):  # noqa: F811
    """In WordPress the widget printed only its input groups: a host prints a frame at its
    height on screen, so the handout's top must be its results and its address."""
    page, _requests, _context = host_page_context
    page.goto(f"{host}/wordpress.html")
    page.wait_for_function("window.heights.length > 0")
    frame = page.frame_locator("#embed")
    expect(frame.locator("table.strip")).to_be_visible()
    page.emulate_media(media="print")
    assert frame.locator(CONTROLS).count() == 0, "a control prints"
    expect(frame.locator(".print-link img.qr")).to_be_visible()
    # The QR image came in the sandbox (origin null) from our site: it will print.
    assert loaded(frame.locator(".print-link img.qr"))
    expect(frame.locator(".print-link .live-url")).to_contain_text("/en/misconceptions/")
    box = page.locator("#embed").bounding_box()
    for part in (".print-link", "table.strip"):
        inside = frame.locator(part).bounding_box()
        assert inside["y"] + inside["height"] <= box["y"] + box["height"], part
    assert pdf_pages(page) >= 1


def test_chapter_one_prints_a_shorter_handout(page, server):
    page.goto("/en/misconceptions/one-system/?court_judgment=refused")
    page.emulate_media(media="print")
    expect(page.locator(".record-words")).to_contain_text("Refused")
    expect(page.locator(".print-link .live-url")).to_have_text(
        server + "/en/misconceptions/one-system/?court_judgment=refused")
    expect(page.locator(".print-link svg.qr")).to_be_visible()
    for hidden in ("form#record", "form#persona-picker", ".step-bar", ".embed-this",
                   ".on-timeline", ".glance", ".permalink"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(".panel .system").first).to_be_visible()
    assert page.locator(f"main {CONTROLS}").count() == 0
    # Real printing first unfolds every fold and writes out each link's address.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    pages = pdf_pages(page)
    assert pages < CHAPTER_PAGES_BEFORE, f"{pages} pages"


def test_the_builder_prints_no_controls_and_links_to_the_handout(browser, server):
    context = browser.new_context(base_url=server)
    context.add_init_script("window.print = function () { window.printed = "
                            "(window.printed || 0) + 1; };")
    page = context.new_page()
    page.goto(f"/en/embed/?widget=dataflow&{DEBTOR}")
    link = page.locator("a.print-handout")
    src = page.locator("#c-link").input_value()
    assert link.get_attribute("href") == src + "#print"  # the same state as the snippet
    page.emulate_media(media="print")
    assert page.locator(f"main {CONTROLS}").count() == 0
    page.goto(src + "#print")  # what the link opens (in a new tab)
    # It prints itself once loaded (polled from here: the embed's CSP forbids eval).
    for _ in range(50):
        if page.evaluate("window.printed"):
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.printed") == 1
    expect_live_address(page, server, "dataflow")
    page.emulate_media(media="print")
    assert pdf_pages(page) <= 2
    context.close()
