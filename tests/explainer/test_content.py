"""What readers read: steps that do what the text says, sources, glossary, plain words."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.urls import reverse

from explainer import content, steps
from explainer.chapters import CHAPTERS

pytestmark = pytest.mark.django_db

# Working notes that must never reach a reader.
HEDGES = re.compile(r"to be verified|not re-checked|not retrieved|not checked against|"
                    r"\bTODO\b|have not been able to|could not retrieve", re.IGNORECASE)


def every_page(client):
    """Every page in the sitemap, and each chapter with each persona's record."""
    from systems.models import Persona
    xml = client.get("/sitemap.xml").content.decode()
    paths = sorted({re.sub(r"^https?://[^/]+", "", loc)
                    for loc in re.findall(r"<loc>([^<]+)</loc>", xml)} | {"/en/glossary/"})
    for persona in Persona.objects.all():
        paths += [reverse("explainer:misconception", args=[c.slug]) + f"?persona={persona.key}"
                  for c in CHAPTERS[:4]]
    for path in paths:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        yield path, response.content.decode()


def test_no_working_note_or_empty_link_reaches_a_reader(client):
    for path, html in every_page(client):
        text = re.sub(r"<[^>]+>", " ", html)
        assert not HEDGES.search(text), f"{path}: {HEDGES.search(text)[0]!r}"
        assert 'href="#"' not in html, path
        assert 'href=""' not in html, path


def test_every_step_holds_and_every_step_link_sets_its_record(client):
    assert steps.verify() == []
    for chapter, chapter_steps in content.load_steps().items():
        page = reverse("explainer:misconception", args=[chapter])
        html = client.get(page).content.decode()
        links = dict(re.findall(r'<a class="step" href="([^"]+)" data-step="([a-z0-9-]+)"',
                                html)[::1])
        used = {step_id: href for href, step_id in links.items()}
        assert set(used) == {step["id"] for step in chapter_steps}, chapter
        for step in chapter_steps:
            href = used[step["id"]].replace("&amp;", "&")
            assert href == f"?{step['record']}#results"
            response = client.get(urljoin(page, href.split("#")[0]))
            assert response.status_code == 200  # a permalink already: no redirect
            for sentence in step["expect"]:
                system, _, rest = sentence.partition(" is ")
                if rest:  # the page shows the verdict the text promises
                    row = response.content.decode().split(f'data-system="{system}"')[1]
                    assert f'class="strip-verdict">{rest}' in row.split("</tr>")[0]


def test_a_step_that_no_longer_holds_is_reported(monkeypatch):
    broken = {"one-system": [{"id": "x", "record": "court_judgment=refused",
                              "after": "@default", "expect": ["blacklists is Not listed",
                                                              "sesame score up"]}]}
    monkeypatch.setattr(content, "load_steps", lambda: broken)
    found = steps.verify()
    assert len(found) == 2
    assert "expected 'blacklists is Not listed', got Listed" in found[0]


def test_each_chapter_opens_with_a_short_answer(client):
    for chapter in CHAPTERS:
        html = client.get(chapter.get_absolute_url()).content.decode()
        short = html.split('<p class="short-answer">')[1].split("</p>")[0]
        assert 20 < len(re.sub(r"<[^>]+>", "", short)) <= 230


def test_glossary_terms_open_a_definition_and_link_to_the_glossary(client):
    html = client.get("/en/misconceptions/data-sharing/").content.decode()
    button = re.search(r'<button type="button" class="term" popovertarget="(term-huabei-1)">', html)
    assert button
    popover = html.split(f'id="{button[1]}">')[1].split("</span>")[0]
    assert "<strong>Huabei</strong>:" in popover and 'href="/en/glossary/#huabei"' in popover
    glossary = client.get("/en/glossary/").content.decode()
    for key in ("joint-punishment", "mou", "defaulter-list", "huabei"):
        assert f'id="{key}"' in glossary


def test_footnotes_are_named_and_separated_only_when_adjacent(client):
    html = client.get("/en/misconceptions/one-system/").content.decode()
    assert 'aria-label="Source 1">1</a>' in html
    assert 'aria-label="Back to the text"' in html
    assert "</sup><sup" not in html
    # A comma sits between adjacent notes, never after text or punctuation.
    assert '</sup><span class="fn-sep">,</span><sup' in html
    assert not re.search(r'[.,;:]\s*<span class="fn-sep">', html)


def test_sources_say_where_and_when_they_were_read_and_explain_the_statuses(client):
    from systems.models import Source
    html = client.get("/en/sources/").content.decode()
    assert 'id="statuses"' in html
    for word in ("documented", "reported", "illustrative"):
        assert f'<span class="status status-{word}">{word}</span>' in html
    mirrored = Source.objects.exclude(read_at="").first()
    entry = html.split(f'id="source-{mirrored.key}"')[1].split("</li>")[0]
    assert "Read at" in entry and mirrored.read_at in entry
    assert mirrored.retrieved in entry
    unlinked = Source.objects.filter(url="", read_at="").first()
    if unlinked:
        assert "No public copy" in html.split(f'id="source-{unlinked.key}"')[1].split("</li>")[0]


def test_a_source_without_a_link_points_to_its_sources_entry(client):
    from systems.models import Source
    source = Source.objects.get(key="sesame-weights-qa")
    assert not source.url and not source.read_at
    html = client.get("/en/systems/sesame/").content.decode()
    assert 'href="/en/sources/#source-sesame-weights-qa"' in html


def test_the_systems_side_by_side(client):
    html = client.get("/en/systems/").content.decode()
    assert '<a href="/en/systems/">Systems</a>' in html  # the header leads here
    table = html.split('<table class="compare">')[1].split("</table>")[0]
    for row in ("Run by", "Kind of answer", "Scale", "Who it covers", "What it sees",
                "Legal basis", "Since"):
        assert f'<th scope="row">{row}</th>' in table
    assert table.count('<th scope="col"') == 6  # the five, and Hangzhou's scheme from the data
    assert "Hangzhou&#x27;s Qianjiang Score" in table
    assert "350 to 950 points" in table and "Listed or not listed" in table
    assert "grades D to AAA" in table
    assert 'class="cite"' in table  # legal basis and dates carry their sources


class LangChecker(HTMLParser):
    """Finds Chinese text outside an element marked lang="zh"."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "use", "circle", "rect",
            "path", "line"}

    def __init__(self):
        super().__init__()
        self.stack, self.found = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            lang = dict(attrs).get("lang") or (self.stack[-1] if self.stack else "")
            self.stack.append(lang)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if re.search(r"[\u4e00-\u9fff]", data) and not (self.stack and
                                                        self.stack[-1].startswith("zh")):
            self.found.append(data.strip()[:40])


def test_chinese_text_is_marked_as_chinese(client):
    for path, html in every_page(client):
        checker = LangChecker()
        checker.feed(html.split("<body>")[1])
        assert checker.found == [], path


def test_dutch_pages_speak_dutch_and_a_language_without_catalogue_is_marked_english(client,
                                                                                   rf):
    html = client.get("/nl/misconceptions/one-system/").content.decode()
    assert '<html lang="nl">' in html
    assert '<header class="site-header" lang="nl">' in html
    assert '<footer class="site-footer" lang="nl">' in html
    # A language added before its catalogue: its interface is English, and says so.
    from django.utils import translation

    from explainer.context_processors import chrome
    with translation.override("fr"):
        assert chrome(rf.get("/"))["chrome_lang"] == "en"


@pytest.mark.parametrize("path", ["/en/", "/en/misconceptions/points/", "/en/systems/",
                                  "/en/systems/sesame/", "/en/sources/", "/en/glossary/",
                                  "/sitemap.xml"])
def test_head_works_wherever_get_does(client, path):
    response = client.head(path)
    assert response.status_code == 200
    assert response.content == b""
