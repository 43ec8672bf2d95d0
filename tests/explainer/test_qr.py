"""QR codes (explainer/qr.py): drawn by libqrencode where the system has it, by segno
where it does not; either way the drawing is exactly the code's modules, and reads, with
a real decoder, as the address."""

import shutil

import pytest

from explainer import qr
from tests.explainer.test_teach import qr_matrix, scan

URL = ("http://testserver/en/misconceptions/one-system/?court_judgment=refused&loan_arrears=7"
       "&late_bills=3&shopping=heavy&assets=car&jaywalking=12&residence=rongcheng&opted_in=1")
BACKENDS = [pytest.param(None, id="segno"),
            pytest.param(qr.LIBQRENCODE, id="libqrencode", marks=pytest.mark.skipif(
                qr.LIBQRENCODE is None,
                reason="libqrencode missing: scripts/system-packages libqrencode4"))]


def drawn(url: str, error: str, lib) -> str:
    rows = qr.modules(url, error, lib=lib)
    size = len(rows) + 2 * qr.BORDER
    return (f'<svg viewBox="0 0 {size} {size}" class="qr">'
            f'<path stroke="#000" d="{qr.path(rows)}"/></svg>')


@pytest.mark.parametrize("lib", BACKENDS)
@pytest.mark.parametrize("error", ["l", "m"])
def test_a_code_draws_its_modules_and_reads_as_its_address(lib, error, tmp_path):
    for url in (URL, "http://testserver/en/", URL + "&volunteering=50&blood_donation=5"):
        rows = qr.modules(url, error, lib=lib)
        assert len(rows) == len(rows[0]) >= 21 and len(rows) % 4 == 1  # versions: 17 + 4n
        grid = qr_matrix(drawn(url, error, lib))
        assert [row[2:-2] for row in grid[2:-2]] == [[int(m == ord("1")) for m in row]
                                                     for row in rows]
        if shutil.which("zbarimg"):  # Debian's zbar-tools: scripts/system-packages zbar-tools
            assert scan(drawn(url, error, lib), tmp_path) == url


def test_the_markup_is_titled_sized_by_css_and_grounded_on_screen_only():
    screen, paper = qr.svg.__wrapped__(URL, "Link & <QR>"), qr.svg.__wrapped__(
        URL, "Link & <QR>", "l", None)
    size = len(qr.modules(URL, "m")) + 2 * qr.BORDER
    assert screen.startswith(f'<svg viewBox="0 0 {size} {size}" class="qr"><title>'
                             "Link &amp; &lt;QR&gt;</title>")
    assert f'<path fill="#fff" d="M0 0h{size}v{size}h-{size}z"/>' in screen
    assert "fill=" not in paper and 'class="qr"' in paper
    assert " style=" not in screen + paper and "width=" not in screen + paper


@pytest.mark.parametrize("lib", BACKENDS)
def test_too_long_for_any_code_is_no_code(lib):
    assert qr.modules("http://testserver/?" + "x" * 8000, "l", lib=lib) is None
    assert qr.svg.__wrapped__("http://testserver/?" + "x" * 8000, "t") == ""


def test_text_that_is_not_ascii_is_drawn_by_segno():
    """segno picks the text's encoding (ISO 8859-1 when it fits, else UTF-8)."""
    text = "http://testserver/nl/één/"
    assert qr.modules(text, "m") == qr.modules(text, "m", lib=None)


@pytest.mark.django_db
def test_the_qr_image_reads_as_the_address(client, tmp_path):
    url = "http://testserver/en/misconceptions/one-system/?court_judgment=refused"
    body = client.get("/qr.svg", {"url": url}).content.decode()
    assert body.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="')
    assert 'fill="#fff"' in body and " style=" not in body
    if shutil.which("zbarimg"):
        assert scan(body, tmp_path) == url


@pytest.mark.django_db
def test_a_chapter_draws_its_code_and_leaves_swapped_results_to_the_browser(client):
    """A whole page (read without JavaScript too) carries the drawn code; results htmx
    swaps in carry this record's address, for the page's script to draw (reader.js)."""
    path = "/en/misconceptions/one-system/?court_judgment=refused&loan_arrears=3"
    whole = client.get(path).content.decode()
    link = whole.split('<div class="print-only print-link">')[1].split("</div>")[0]
    assert '<svg viewBox="0 0 ' in link and "qr-pending" not in link
    swapped = client.get(path, headers={"HX-Request": "true", "HX-Target": "results"})
    link = swapped.content.decode().split('<div class="print-only print-link">')[1]
    link = link.split("</div>")[0]
    assert "<svg" not in link
    assert ('data-qr="http://testserver/en/misconceptions/one-system/?court_judgment=refused'
            '&amp;loan_arrears=3"') in link
    # The script that draws it, and where it finds the drawing code.
    script = whole.split('reader.js" data-qr-module="')[1].split('"')[0]
    assert script.startswith("/static/explainer/vendor/lean-qr-nano") and script.endswith(".mjs")
