"""The walk-through in Dutch and German (issue 17), in a real Chromium at a phone's and a
desktop's width: every chapter, every "See for yourself" step by its own link, the text
and the interface in the reader's language, nothing wider than the screen, no console
error, and axe finding nothing serious (at the phone's width: what a language changes,
the words and their length, axe sees there; tests/browser/test_accessibility.py runs it at
both widths in English)."""

import re
import urllib.request
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from explainer import content
from explainer.chapters import CHAPTERS
from tests.browser.conftest import open_page

WORDS = {  # what each language calls a step, and the words English would show instead
    "nl": {"step": "Stap {n} van {total}", "last": "Dat was de laatste stap.",
           "english": ["Step 1 of", "See for yourself in", "Show the results"]},
    "de": {"step": "Schritt {n} von {total}", "last": "Das war der letzte Schritt.",
           "english": ["Step 1 of", "See for yourself in", "Show the results"]},
}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def serious(axe, page) -> list[str]:
    return [f"{page.url}: {v['id']} {[n['target'] for n in v['nodes']][:2]}"
            for v in axe.run(page).response["violations"]
            if v["impact"] in ("serious", "critical")]


def wider_than_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("language", ["nl", "de"])
def test_every_chapter_and_step_reads_in_the_readers_language(browser, server, axe,
                                                               language, width):
    context, page = open_page(browser, server, viewport={"width": width, "height": 900})
    words, steps, found = WORDS[language], content.load_steps(), []
    for chapter in CHAPTERS:
        page.goto(f"/{language}/misconceptions/{chapter.slug}/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("article.prose").first).to_have_attribute("lang", language)
        assert page.locator(".untranslated").count() == 0, chapter.slug
        assert page.locator(".untranslated-label").count() == 0, chapter.slug  # data too
        if width == 360:
            found += serious(axe, page)
        assert not wider_than_the_screen(page), f"{chapter.slug} at {width} px"
        total = len(steps.get(chapter.slug, []))
        for n in range(1, total + 1):
            page.locator("nav.step-bar a.step-next").click()
            bar = page.locator("nav.step-bar")
            expect(bar).to_contain_text(words["step"].format(n=n, total=total))
            if n == total:
                expect(bar).to_contain_text(words["last"])
            assert not wider_than_the_screen(page), f"{chapter.slug} step {n} at {width} px"
        if total and width == 360:
            found += serious(axe, page)
        text = page.locator("main").inner_text()
        for english in words["english"]:
            assert english not in text, f"{chapter.slug}: {english!r} in English"
    context.close()
    assert page.errors == [], "console errors"
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("language", ["nl", "de"])
def test_switching_language_keeps_the_page_and_the_record(page, language):
    page.goto("/en/misconceptions/one-system/")
    page.fill("#f-loan_arrears", "4")
    page.keyboard.press("Tab")
    expect(page).to_have_url(re.compile(r"\?loan_arrears=4$"))
    page.locator(f'#languages a[hreflang="{language}"]').click()
    expect(page).to_have_url(re.compile(rf"/{language}/misconceptions/one-system/"
                                        r"\?loan_arrears=4$"))
    expect(page.locator("#f-loan_arrears")).to_have_value("4")
    expect(page.locator("html")).to_have_attribute("lang", language)


def pages_in(server, language) -> list[str]:
    """Every page the sitemap lists in this language, but the chapters (walked above)."""
    with urllib.request.urlopen(f"{server}/sitemap.xml") as response:
        body = response.read().decode()
    paths = dict.fromkeys(urlsplit(u).path for u in re.findall(r"<loc>([^<]+)</loc>", body))
    return [p for p in paths if p.startswith(f"/{language}/") and "/misconceptions/" not in p]


@pytest.mark.parametrize("language", ["nl", "de"])
def test_every_other_page_reads_without_serious_axe_findings(browser, server, axe, language):
    context, page = open_page(browser, server, viewport={"width": 360, "height": 900},
                              color_scheme="dark")
    found = []
    paths = pages_in(server, language)
    assert len(paths) > 15 and f"/{language}/teach/points/" in paths, paths
    for path in [*paths, f"/{language}/embed/"]:
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert page.locator(".untranslated-label").count() == 0, path  # data in full
        found += serious(axe, page)
        assert not wider_than_the_screen(page), path
    page.goto(f"/embed/compare/?lang={language}&court_judgment=refused")
    found += serious(axe, page)
    context.close()
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("language", ["nl", "de"])
def test_the_verdict_strip_fits_a_320_px_phone_for_every_persona(browser, server, language):
    """German words are long: at the narrowest phone, every system's name and verdict in
    the strip stays inside its cell and the page inside the screen, for every persona."""
    context, page = open_page(browser, server, viewport={"width": 320, "height": 800})
    page.goto(f"/{language}/misconceptions/one-system/")
    personas = page.eval_on_selector_all('select[name="persona"] option',
                                         "os => os.map(o => o.value).filter(Boolean)")
    assert len(personas) >= 5
    for key in personas:
        page.goto(f"/{language}/misconceptions/one-system/?persona={key}")
        assert not wider_than_the_screen(page), key
        cut = page.evaluate("""[...document.querySelectorAll('.strip-row th, .strip-row td')]
            .filter(e => e.clientWidth > 1 && e.scrollWidth > e.clientWidth)  // shown, and cut
            .map(e => e.textContent.trim())""")
        assert cut == [], f"{key}: {cut}"
    context.close()
    assert page.errors == [], "console errors"
