"""The reader's pages through the test client: status, partials, permalinks, queries."""

import base64
import hashlib
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SLUGS = ["one-system", "data-sharing", "points", "nosedive", "citizens"]
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(slug, query=""):
    return reverse("explainer:misconception", args=[slug]) + (f"?{query}" if query else "")


def test_the_root_redirects_to_english(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("path", ["/en/", "/en/sources/", "/en/systems/sesame/",
                                  "/en/systems/blacklists/", "/en/systems/rongcheng/",
                                  "/en/systems/suining/", "/en/systems/nosedive/",
                                  *[f"/en/misconceptions/{s}/" for s in SLUGS]])
def test_every_page_renders_with_a_title_and_description(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    head = html.split("</head>")[0]
    assert head.count("<title>") == 1 and "<title> ·" not in head
    description = html.split('<meta name="description" content="')[1].split('"')[0]
    assert 20 < len(description) <= 160


@pytest.mark.parametrize("slug", SLUGS)
def test_misconception_pages_have_chapter_bar_and_pager(client, slug):
    html = client.get(url(slug)).content.decode().split("</head>")[1]
    assert html.count('aria-current="page"') == 1
    for other in SLUGS:
        assert f'href="/en/misconceptions/{other}/"' in html
    assert 'rel="next"' in html and 'rel="prev"' in html


def test_unknown_pages_are_404(client):
    assert client.get("/en/misconceptions/no-such-thing/").status_code == 404
    assert client.get("/en/systems/no-such-system/").status_code == 404


def test_the_panel_shows_every_system_for_the_record(client):
    html = client.get(url("one-system", "court_judgment=refused")).content.decode()
    for name in ("Sesame Credit", "Government blacklists", "Rongcheng points",
                 "Suining points", "Nosedive (fiction)"):
        assert name in html
    assert ">350 / 950<" in html and ">Listed<" in html
    assert 'popovertarget="why-' in html  # illustrative values carry their reason


def test_a_persona_link_lands_on_the_records_permalink(client):
    response = client.get(url("one-system", "persona=debtor-who-refuses"))
    assert response.status_code == 302
    assert response["Location"] == url("one-system", "court_judgment=refused")
    html = client.get(response["Location"]).content.decode()
    assert '<option value="debtor-who-refuses" selected>' in html


def test_a_full_form_submit_redirects_to_the_short_permalink(client):
    response = client.get(url("one-system", "court_judgment=none&loan_arrears=2&shopping=light"))
    assert response.status_code == 302
    assert response["Location"] == url("one-system", "loan_arrears=2")


@pytest.mark.parametrize(("query", "message"), [
    ("loan_arrears=99", "Loan arrears must be a whole number from 0 to 12, not &#x27;99&#x27;."),
    ("shopping=lots",
     "Online shopping must be one of none, light, heavy, not &#x27;lots&#x27;."),
    ("karma=9", "There is no setting called &#x27;karma&#x27;."),
    ("persona=nobody", "There is no persona called &#x27;nobody&#x27;."),
])
def test_invalid_parameters_get_a_message_and_a_400_and_the_page_still_renders(
        client, query, message):
    response = client.get(url("one-system", query))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert "What is actually true" in html  # the rest of the page is there


def test_htmx_gets_only_the_results_partial_with_a_canonical_push_url(client):
    response = client.get(url("one-system", "loan_arrears=2&shopping=light"),
                          HTTP_HX_TARGET="results", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html and "What is actually true" not in html
    assert 'id="announce"' not in html  # the live region stays; site.js rewrites its text
    assert 'id="persona-picker"' in html and 'hx-swap-oob="true"' in html
    assert response["HX-Push-Url"] == url("one-system", "loan_arrears=2")


def test_htmx_persona_pick_returns_the_whole_widget(client):
    response = client.get(url("one-system", "persona=volunteer"), HTTP_HX_TARGET="simulation",
                          **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="simulation"')
    assert 'value="40"' in html  # the form shows the persona's values
    assert "volunteering=40" in response["HX-Push-Url"]


def test_htmx_invalid_input_is_a_400_partial_with_the_message(client):
    response = client.get(url("one-system", "jaywalking=21"), HTTP_HX_TARGET="results", **HTMX)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Jaywalking must be a whole number from 0 to 20, not &#x27;21&#x27;." in html
    # The messages also travel as JSON, for site.js to show next to each field.
    assert ('<script id="field-errors" type="application/json">{"jaywalking": "Jaywalking '
            "must be a whole number") in html


def test_the_data_flow_diagram_follows_the_record(client):
    quiet = client.get(url("data-sharing")).content.decode()
    listed = client.get(url("data-sharing", "court_judgment=refused")).content.decode()
    assert "Where this person" in quiet
    assert "flow-special is-active" not in quiet
    assert 'class="flow-court-list flow-special is-active"' in listed
    assert 'class="flow-joint flow-special is-active"' in listed
    # A paid debt still reaches Sesame (the mark stays five years), but lists nobody.
    paid = client.get(url("data-sharing", "court_judgment=paid")).content.decode()
    assert paid.count("flow-special is-active") == 1
    # The documented Huabei flow and the undocumented one are always shown, side by side.
    for html in (quiet, listed):
        assert 'class="flow-huabei flow-special"' in html
        assert 'class="flow-none flow-none"' in html
        assert "Huabei repayment data, since 2021" in html
        assert "No documented bulk flow of Sesame scores or raw data" in html
    # The text alternative describes this record's flows.
    desc = listed.split('<desc id="flow-desc">')[1].split("</desc>")[0]
    assert "Courts → Government blacklists: court judgment" in desc
    assert "Joint punishment" in desc
    assert "no line is highlighted" in quiet.split('<desc id="flow-desc">')[1]


def test_the_pilot_table_sorts_by_any_column_and_refuses_unknown_sorts(client):
    html = client.get(url("points", "sort=started&order=desc")).content.decode()
    rows = html.split('<div id="pilot-table"')[1].split('<tbody>')[1].split("</tbody>")[0]
    assert rows.index("Jiangxi") < rows.index("Suining County")  # 2020 before 2010
    assert 'aria-sort="descending"' in html
    bad = client.get(url("points", "sort=colour"))
    assert bad.status_code == 400
    assert "Cannot sort the table that way" in bad.content.decode()


def test_the_pilot_table_partial_for_htmx(client):
    response = client.get(url("points", "sort=city"), HTTP_HX_TARGET="pilot-table", **HTMX)
    assert response.content.decode().lstrip().startswith('<div id="pilot-table"')


def test_the_map_has_a_marker_per_pilot(client):
    from systems.pilots.models import Pilot
    html = client.get(url("points")).content.decode()
    assert html.count('class="marker kind-') == Pilot.objects.count()
    assert 'class="map-frame"' in html  # the base map is a static image behind the markers


def test_the_systems_table_counts_its_systems_and_marks_the_fiction(client):
    from systems import engine
    html = client.get(reverse("explainer:systems")).content.decode()
    caption = html.split('<caption id="compare-caption">')[1].split("</caption>")[0]
    assert caption.startswith(f"{len(engine.systems())} systems compared")
    assert [s.name for s in engine.systems() if s.fiction] == ["Nosedive (fiction)"]
    assert "Nosedive (fiction) is there for contrast" in caption


def test_sorting_the_table_does_not_move_the_markers(client):
    def placed(html):
        return sorted(re.findall(r'href="#pilot-([a-z-]+)"[^>]*><g transform="([^"]+)"', html))

    default = placed(client.get(url("points")).content.decode())
    assert default
    for query in ("sort=city", "sort=started&order=desc", "sort=kind&order=desc"):
        assert placed(client.get(url("points", query)).content.decode()) == default


def test_the_survey_chart_shows_the_figures_with_sources(client):
    html = client.get(url("citizens")).content.decode()
    for figure in ("about 80%", "41–57%", "at most 19%", "53%", "29%"):
        assert figure in html
    assert "MERICS" in html


def test_every_survey_figure_names_a_known_source():
    from explainer.charts import survey_bars
    from systems.models import Source
    keys = {bar.source for bar in survey_bars()}
    assert keys and keys <= set(Source.objects.values_list("key", flat=True))


@pytest.mark.parametrize("system", ["sesame", "rongcheng", "suining", "nosedive"])
def test_every_illustrative_mark_on_a_system_page_opens_its_reason(client, system):
    html = client.get(f"/en/systems/{system}/").content.decode()
    targets = re.findall(r'popovertarget="(why-[0-9a-f]+)"', html)
    popovers = re.findall(r'<span class="popover" popover id="(why-[0-9a-f]+)"', html)
    assert targets and set(targets) == set(popovers)
    assert len(popovers) == len(set(popovers))  # one popover per reason, however many marks


def test_system_pages_show_rules_bands_and_visibility(client):
    html = client.get("/en/systems/rongcheng/").content.decode()
    row = html.split("Bank-loan arrears, per monthly cycle</th>")[1].split("</tr>")[0]
    assert "−10 each" in row and "documented" in row and "China Law Translate" in row
    assert "AAA" in html and "≥ 1,050" in html
    assert "It cannot see:" in html
    assert "Dashed bands" in html
    assert 'href="#"' not in html


def test_sources_page_links_back_to_citing_pages(client):
    html = client.get("/en/sources/").content.decode()
    assert 'id="source-kostka-2019"' in html
    section = html.split('id="source-kostka-2019"')[1].split("</li>")[0]
    assert 'href="/en/misconceptions/citizens/"' in section
    rules = html.split('id="source-clt-rongcheng-standards"')[1].split("</li>")[0]
    assert 'href="/en/systems/rongcheng/"' in rules


def test_the_sitemap_lists_every_page_in_both_languages(client):
    xml = client.get("/sitemap.xml").content.decode()
    for slug in SLUGS:
        assert f"/en/misconceptions/{slug}/" in xml and f"/nl/misconceptions/{slug}/" in xml
    assert "/en/systems/suining/" in xml and "/en/sources/" in xml


@pytest.mark.parametrize("path", [url("one-system"), "/en/sources/", "/embed/compare/"])
def test_strict_csp_external_scripts_and_one_inline_stylesheet_allowed_by_hash(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp and "unsafe-hashes" not in csp
    html = response.content.decode()
    scripts = html.split("<script")[1:]
    assert scripts and all(s.lstrip().startswith('src="/static/') for s in scripts)
    head, body = html.split("</head>")
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(styles) == 1 and "<style>" in head  # the critical CSS, first thing painted
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    style_src = csp.split("style-src ")[1].split(";")[0].split()
    assert f"'sha256-{digest}'" in style_src and style_src[0] == "'self'"
    assert " style=" not in html and "hx-on" not in html


def test_the_widgets_stylesheet_is_linked_once_just_before_the_first_widget(client):
    head, body = client.get(url("points")).content.decode().split("</head>")
    assert "widget.css" not in head and body.count("widget.css") == 1
    assert body.index("widget.css") < body.index('id="simulation"') < body.index('class="map')
    # The title and the short answer paint first; the stylesheet comes just before the
    # chapter's opening verdicts, the first thing that needs it.
    assert body.index('class="short-answer"') < body.index("widget.css") < \
        body.index('<section class="glance"')
    for path in ("/en/", "/en/sources/", "/en/systems/sesame/", "/en/glossary/"):
        assert "widget.css" not in client.get(path).content.decode()


def test_the_inline_stylesheets_are_minified_without_changing_meaning():
    from explainer.serving.styles import minify
    assert minify("a :hover { color: red ; }\n/* note */ b{x: 1}") == "a :hover{color:red}b{x:1}"
    assert minify('a::after { content: " <" attr(href) ">" ; }') == \
        'a::after{content:" <" attr(href) ">"}'
    assert minify("a { grid-template-columns: 1fr  auto; }") == "a{grid-template-columns:1fr auto}"


@pytest.mark.parametrize(("path", "limit"), [
    ("/en/", 6), *[(f"/en/misconceptions/{s}/", 6) for s in SLUGS],
    ("/en/systems/rongcheng/", 6), ("/en/sources/", 4)])
def test_no_page_needs_more_than_a_handful_of_queries(client, django_assert_max_num_queries,
                                                      path, limit):
    client.get(path)  # warm the rules snapshot and the content cache, as a running server has
    with django_assert_max_num_queries(limit):
        assert client.get(path).status_code == 200


def english_only(monkeypatch, tmp_path):
    """The site's pages as if no translation existed yet."""
    import shutil

    from explainer import content
    shutil.copytree(content.CONTENT_DIR / "en", tmp_path / "en")
    for data in content.CONTENT_DIR.glob("*.json"):
        shutil.copy(data, tmp_path / data.name)
    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    monkeypatch.setattr(content, "STEPS_FILE", tmp_path / "steps.json")
    return tmp_path


def test_dutch_urls_fall_back_to_english_text_marked_as_such(client, monkeypatch, tmp_path):
    english_only(monkeypatch, tmp_path)
    html = client.get("/nl/misconceptions/one-system/").content.decode()
    assert '<html lang="nl">' in html
    assert '<article class="prose" lang="en">' in html
    assert "nog niet vertaald" in html
    english = client.get("/en/misconceptions/one-system/").content.decode()
    assert "not translated" not in english and "nog niet vertaald" not in english


def test_a_translation_of_an_earlier_english_version_says_so(client, monkeypatch, tmp_path):
    """Until its translator updates it (and its `translation-of:` line), a page made from
    an earlier English version says so, and links the English."""
    from django.core.cache import cache

    from explainer import content
    dutch = content.CONTENT_DIR / "nl" / "privacy.md"
    root = english_only(monkeypatch, tmp_path)
    (root / "nl").mkdir()
    (root / "nl" / "privacy.md").write_text(dutch.read_text(encoding="utf-8"), encoding="utf-8")
    html = client.get("/nl/privacy/").content.decode()
    assert '<article class="prose' in html and "untranslated outdated" not in html
    english = root / "en" / "privacy.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                       encoding="utf-8")
    cache.clear()  # the page as stored for this release: a deploy would change the build
    html = client.get("/nl/privacy/").content.decode()
    note = html.split('class="untranslated outdated"')[1].split("</p>")[0]
    assert 'href="/en/privacy/"' in note


def test_form_groups_unfold_where_the_record_has_something(client):
    html = client.get(url("one-system", "flight_disruption=1")).content.decode()
    opened = [part.split("</summary>")[0].split(">")[-1]
              for part in html.split('<details class="group" open>')[1:]]
    assert opened == ["Money and courts", "Other records"]
