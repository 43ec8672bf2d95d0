"""What readers see at the point of use: the step bar and what a step changed, the
chapter's opening, the recap, citations, share cards."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from explainer import content

pytestmark = pytest.mark.django_db


def chapter(slug, query=""):
    return reverse("explainer:misconception", args=[slug]) + (f"?{query}" if query else "")


def test_a_step_says_where_the_reader_is_what_changed_and_what_comes_next(client):
    steps = content.load_steps()["one-system"]
    html = client.get(chapter("one-system", steps[1]["record"])).content.decode()
    bar = html.split('<nav class="step-bar"')[1].split("</nav>")[0]
    assert "Step 2 of 3" in bar
    assert "Lives in Rongcheng; Opted in to local scoring" in bar  # in the form's words
    assert "Next: Lives in Suining" in bar
    assert f'href="?{steps[2]["record"]}#results"'.replace("&", "&amp;") in bar
    row = html.split('data-system="rongcheng"')[1].split("</tr>")[0]
    assert '<span class="change-mark"' in row and "now covered" in row
    assert '<span class="change-mark"' not in html.split('data-system="sesame"')[1] \
        .split("</tr>")[0]  # what the step did not change is not marked
    # It sits at the top of the results, so an htmx swap brings it along.
    results = html.split('<div id="results"')[1]
    assert results.index('class="step-bar"') < results.index('class="strip"')


def test_a_step_marks_a_score_by_how_much_it_moved(client):
    steps = {s["id"]: s for s in content.load_steps()["points"]}
    html = client.get(chapter("points", steps["one-month-behind"]["record"])).content.decode()
    row = html.split('data-system="rongcheng"')[1].split("</tr>")[0]
    assert "\u221210" in row.split('class="change-mark"')[1]


def test_marks_compare_with_the_step_before_in_reading_order(client):
    """Points step 6 follows step 5 (both start from a persona): Suining applied already,
    so what is marked is how its score moved, not that it now applies."""
    steps = {s["id"]: s for s in content.load_steps()["points"]}
    html = client.get(chapter("points", steps["neglectful-son"]["record"])).content.decode()
    row = html.split('data-system="suining"')[1].split("</tr>")[0]
    mark = row.split('class="change-mark"')[1].split("</span>")[0]
    assert "\u2212180" in mark and "A → B" in mark and "now covered" not in mark


def test_a_reader_part_way_through_a_step_keeps_their_place(client):
    """The text says 'set Lives in to Suining'; doing that with Opted in still ticked is
    step 3 with the reader's own change, not back to step 1."""
    html = client.get(chapter("one-system", "court_judgment=refused&residence=suining&"
                                            "opted_in=1&from=debtor-who-refuses")).content.decode()
    bar = html.split('<nav class="step-bar"')[1].split("</nav>")[0]
    assert "Step 3 of 3" in bar and "and your own changes" in bar
    assert '<span class="change-mark"' not in html  # marks belong to the step itself


def test_off_the_steps_the_bar_offers_the_first(client):
    html = client.get(chapter("one-system", "late_bills=2")).content.decode()
    bar = html.split('<nav class="step-bar"')[1].split("</nav>")[0]
    first = content.load_steps()["one-system"][0]
    assert "See for yourself in 3 steps." in bar
    assert f'href="?{first["record"]}#results"' in bar


def test_a_chapter_opens_with_a_persona_in_every_system_and_folds_its_evidence(client):
    for slug in ("one-system", "data-sharing", "points", "nosedive"):
        html = client.get(chapter(slug)).content.decode()
        page = content.load(slug, "en")
        assert page.glance and page.question, slug
        glance = html.split('<section class="glance"')[1].split("</section>")[0]
        assert page.question.replace("'", "&#x27;") in glance or page.question in glance
        assert glance.count('<tr class="glance-row') >= 5
        # An illustrative value is marked there as in the strip (Sesame's scores are).
        sesame = glance.split('data-glance="sesame"')[1].split("</tr>")[0]
        assert 'class="illus-mark">illustrative' in sesame
        # Before the evidence, which waits folded.
        assert html.index('<section class="glance"') < html.index('<details class="fold"')


def test_the_last_chapter_ends_with_the_five_answers_and_a_link_to_share(client):
    html = client.get(chapter("citizens")).content.decode()
    recap = html.split('<section class="recap"')[1].split("</section>")[0]
    assert recap.count("<li>") == 5
    assert "mailto:?subject=" in recap and "http://testserver/en/" in recap
    assert html.index('<section class="recap"') < html.index('<nav class="pager"')


def test_footnotes_come_folded_after_the_pager(client):
    html = client.get(chapter("one-system")).content.decode()
    assert html.index('<nav class="pager"') < html.index('<details class="footnotes-fold')
    fold = html.split('<details class="footnotes-fold')[1].split("</details>")[0]
    assert re.search(r"Sources \(\d+\)", fold) and 'id="fn:' in fold
    assert '<div class="footnote">' not in html.split('<nav class="pager"')[0]


@pytest.mark.parametrize("path", ["/en/", "/en/misconceptions/points/", "/en/systems/sesame/",
                                  "/en/sources/", "/en/timeline/", "/en/glossary/",
                                  "/en/systems/blacklists/memorandums/"])
def test_every_page_ends_with_a_citation_in_plain_text_and_bibtex(client, path):
    html = client.get(path).content.decode()
    block = html.split('class="cite-this"')[1].split("</section>")[0]
    assert "release 1 of" in block and f"http://testserver{path}" in block
    assert "retrieved" in block and "@misc{" in block and "howpublished" in block
    assert "cite that source" in block
    assert html.index('class="cite-this"') < html.index('<footer')


def test_a_citation_carries_the_record(client):
    html = client.get(chapter("one-system", "court_judgment=refused")).content.decode()
    block = html.split('class="cite-this"')[1].split("</section>")[0]
    assert "/en/misconceptions/one-system/?court_judgment=refused" in block


def test_every_page_has_share_tags_and_a_chapter_a_card_of_its_record(client):
    html = client.get(chapter("one-system", "court_judgment=refused")).content.decode()
    tags = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" '
                           r'content="([^"]*)"', html))
    assert tags["og:url"] == "http://testserver/en/misconceptions/one-system/?court_judgment=refused"
    assert tags["og:image"] == "http://testserver/en/cards/one-system.png?court_judgment=refused"
    assert tags["twitter:card"] == "summary_large_image"
    card = client.get(tags["og:image"].removeprefix("http://testserver"))
    assert card["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(card.content)).size == (1200, 630)
    for path in ("/en/", "/en/sources/", "/en/timeline/"):
        assert 'og:image" content="http://testserver/en/cards/site.png"' in \
            client.get(path).content.decode()
    assert client.get("/en/cards/site.png").status_code == 200
    assert client.get("/en/cards/nothing.png").status_code == 404
    assert client.get("/en/cards/one-system.png?loan_arrears=99").status_code == 400


def test_hreflang_alternates_are_absolute(client):
    html = client.get("/en/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in html


def test_an_htmx_change_brings_a_citation_of_the_new_record(client):
    response = client.get(chapter("one-system", "late_bills=2"), HTTP_HX_REQUEST="true",
                          HTTP_HX_TARGET="results")
    html = response.content.decode()
    block = html.split('<section id="cite-this"')[1].split("</section>")[0]
    assert 'hx-swap-oob="true"' in block
    assert "http://testserver/en/misconceptions/one-system/?late_bills=2&amp;rules=1" in block


def test_the_diagram_routes_the_fiction_through_people_and_names_what_the_record_holds(client):
    from django.http import QueryDict

    from explainer import charts, simulation
    flow = charts.data_flow(simulation.read(QueryDict("jaywalking=3&residence=suining")).outcome)
    active = [line.label for line in flow["lines"] if line.active]
    assert "People they meet → Nosedive (fiction): jaywalking" in active
    assert not any(label.startswith("Traffic police → Nosedive") for label in
                   (line.label for line in flow["lines"]))
    assert "Traffic police → Suining points: jaywalking" in active  # not its other inputs
