"""Embeds, oEmbed and the builder through the test client."""

import json
import re
from html import unescape
from urllib.parse import parse_qs, quote, urlsplit

import pytest

pytestmark = pytest.mark.django_db

EMBEDS = ["/embed/compare/", "/embed/dataflow/", "/embed/pilots/", "/embed/surveys/"]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize("path", EMBEDS)
def test_each_embed_has_minimal_chrome_and_a_source_line(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="open-full"' in html and "Open the full explainer" in html
    assert re.search(r"Source: <a id=\"open-full-source\" class=\"open-full\" href=\"http://testserver/en/"
                     r"misconceptions/[a-z-]+/\"[^>]*>China's credit systems, explained</a>, "
                     r"rules as of \d{1,2} \w+ \d{4}\.", html)
    assert 'class="site-header"' not in html and 'class="chapters"' not in html
    assert '<link rel="alternate" type="application/json+oembed"' in html
    assert '<base target="_blank">' in html


@pytest.mark.parametrize("path", EMBEDS)
def test_only_embeds_may_be_framed(client, path):
    response = client.get(path)
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    page = client.get("/en/misconceptions/one-system/")
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


@pytest.mark.parametrize("path", EMBEDS)
def test_embeds_are_cacheable_by_url_with_an_etag_and_304(client, path):
    response = client.get(path + "?lang=nl")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(path + "?lang=nl", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get(path + "?lang=nl", HTTP_IF_NONE_MATCH='"other"').status_code == 200
    assert client.get(path).get("ETag") != etag  # another URL, another body


@pytest.mark.parametrize("path", EMBEDS)
def test_embeds_set_no_cookie(client, path):
    response = client.get(path + "?theme=dark")
    assert not response.cookies
    assert "Set-Cookie" not in str(response.headers)


def test_the_compare_embed_takes_the_record_systems_language_theme_and_plain(client):
    response = client.get("/embed/compare/?court_judgment=refused&systems=blacklists,sesame"
                          "&lang=nl&theme=dark&plain=1&layout=full")
    assert response.status_code == 200 and response["Content-Language"] == "nl"
    html = response.content.decode()
    assert '<html lang="nl" data-theme="dark" class="embed layout-full is-plain">' in html
    body = html.split("</head>")[1]
    assert "embed-head" not in body and "embed-foot" not in body
    rows = re.findall(r'<tr role="row" class="strip-row[^"]*" data-system="([a-z]+)"', html)
    assert rows == ["blacklists", "sesame"]
    columns = re.findall(r'<section id="col-([a-z]+)"', html)
    assert columns == ["blacklists", "sesame"]
    # The options ride along with every control change, and nothing pushes history.
    assert '<input type="hidden" name="systems" value="blacklists,sesame">' in html
    assert 'hx-push-url="false"' in html and 'hx-push-url="true"' not in html
    assert 'target="_self"' in html  # controls stay in the frame
    # Reset clears the record and keeps the options.
    assert ('href="/embed/compare/?systems=blacklists%2Csesame&amp;lang=nl&amp;theme=dark'
            '&amp;layout=full&amp;plain=1#simulation"') in html


@pytest.mark.parametrize(("query", "message"), [
    ("lang=fr", "lang must be one of en, nl, de, not &#x27;fr&#x27;."),
    ("theme=blue", "theme must be one of auto, light, dark, not &#x27;blue&#x27;."),
    ("plain=yes", "plain must be 0 or 1"),
    ("systems=sesame,sesame", "systems must list one or more of"),
    ("systems=", "systems must list one or more of"),
    ("loan_arrears=99", "Loan arrears must be a whole number from 0 to 12"),
    ("lang=en&lang=nl", "lang is given 2 times"),
])
def test_bad_embed_values_get_a_clear_message_inside_the_embed_and_a_400(client, query,
                                                                         message):
    response = client.get(f"/embed/compare/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'role="alert"' in html
    assert 'class="strip"' in html  # the embed still works with defaults


def test_embeds_without_a_record_refuse_record_parameters(client):
    response = client.get("/embed/surveys/?loan_arrears=2")
    assert response.status_code == 400
    assert "There is no setting called &#x27;loan_arrears&#x27;." in response.content.decode()
    assert client.get("/embed/pilots/?sort=started&order=desc").status_code == 200
    assert client.get("/embed/pilots/?sort=colour").status_code == 400


def test_htmx_inside_an_embed_swaps_regions_without_pushing_history(client):
    response = client.get("/embed/compare/?loan_arrears=3&systems=sesame",
                          HTTP_HX_TARGET="results", **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "HX-Push-Url" not in response
    assert re.findall(r'data-system="([a-z]+)"', html) == ["sesame"]
    assert "HX-Request" in response["Vary"]


def test_cors_is_open_for_the_api_and_embeds_and_nothing_else(client):
    preflight = client.options("/embed/compare/", HTTP_ORIGIN="null",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                               HTTP_ACCESS_CONTROL_REQUEST_HEADERS="hx-request,hx-target,"
                                                                  "hx-current-url")
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "hx-target" in preflight["Access-Control-Allow-Headers"]
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    api = client.get("/api/v1/rules.json", HTTP_ORIGIN="https://school.example")
    assert api["Access-Control-Allow-Origin"] == "*"
    page = client.get("/en/misconceptions/one-system/", HTTP_ORIGIN="https://school.example")
    assert "Access-Control-Allow-Origin" not in page


def test_the_loader_script_has_a_stable_address(client):
    response = client.get("/embed/loader.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"china-credit-embed:height" in response.content


# --- oEmbed -------------------------------------------------------------------------------


def oembed(client, **params):
    return client.get("/oembed", params)


@pytest.mark.parametrize("url", [
    "http://testserver/en/misconceptions/one-system/?court_judgment=refused",
    "http://testserver/en/misconceptions/data-sharing/",
    "http://testserver/en/misconceptions/citizens/",
    "http://testserver/embed/pilots/?sort=started",
    "http://testserver/nl/misconceptions/points/?loan_arrears=2",
])
def test_oembed_gives_a_rich_embed_with_every_required_field(client, url):
    response = oembed(client, url=url, format="json")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["version"] == "1.0" and data["type"] == "rich"
    for field in ("html", "width", "height", "title", "provider_name", "provider_url",
                  "cache_age"):
        assert data[field], field
    assert isinstance(data["width"], int) and isinstance(data["height"], int)
    html = data["html"]
    assert html.startswith('<blockquote class="china-credit-embed"><a href="http://testserver/')
    src = re.search(r'<iframe src="([^"]+)"', html)[1].replace("&amp;", "&")
    assert urlsplit(src).path.startswith("/embed/")
    assert client.get(src).status_code == 200  # the iframe works
    assert "cookies" in data["privacy"]


def test_oembed_keeps_the_state_and_the_language(client):
    data = json.loads(oembed(client, url="http://testserver/nl/misconceptions/points/"
                                         "?loan_arrears=2").content)
    src = re.search(r'<iframe src="([^"]+)"', data["html"])[1].replace("&amp;", "&")
    assert parse_qs(urlsplit(src).query) == {"loan_arrears": ["2"], "lang": ["nl"],
                                              "theme": ["light"]}
    assert 'href="http://testserver/nl/misconceptions/points/?loan_arrears=2"' in data["html"]
    # An embed URL links to the chapter with the same record, as the embed itself does.
    data = json.loads(oembed(client, url="http://testserver/embed/compare/?loan_arrears=2"
                                         "&lang=nl&theme=dark").content)
    assert 'href="http://testserver/nl/misconceptions/one-system/?loan_arrears=2"' in \
        data["html"]


def test_oembed_honours_maxwidth_and_maxheight(client):
    data = json.loads(oembed(client, url="http://testserver/embed/compare/", maxwidth="300",
                             maxheight="400").content)
    assert data["width"] <= 300 and data["height"] <= 400
    # The frame fills the host's column; the JSON keeps the number hosts size boxes by.
    assert 'width="100%"' in data["html"] and 'height="400"' in data["html"]


@pytest.mark.parametrize(("params", "status"), [
    ({"url": "https://elsewhere.example/en/misconceptions/one-system/"}, 404),
    ({"url": "http://testserver/en/sources/"}, 404),
    ({"url": "http://testserver/en/systems/sesame/"}, 404),
    ({"url": "javascript:alert(1)"}, 404),
    ({"url": "http://testserver/embed/compare/", "format": "xml"}, 501),
    ({"url": "http://testserver/embed/compare/", "maxwidth": "wide"}, 400),
    ({}, 400),
])
def test_oembed_refuses_what_it_cannot_embed(client, params, status):
    assert oembed(client, **params).status_code == status


@pytest.mark.parametrize("path", ["/en/misconceptions/one-system/",
                                  "/en/misconceptions/data-sharing/",
                                  "/en/misconceptions/points/", "/en/misconceptions/citizens/"])
def test_pages_with_a_simulation_advertise_oembed(client, path):
    html = client.get(path).content.decode()
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"',
                     html)
    assert link
    target = link[1].replace("&amp;", "&")
    assert client.get(target).status_code == 200
    assert "json+oembed" not in client.get("/en/sources/").content.decode()


# --- The builder ---------------------------------------------------------------------------


def test_every_output_of_the_builder_is_the_same_embed_address(client):
    response = client.get("/en/embed/?widget=compare&court_judgment=refused&theme=dark"
                          "&height=900&systems=blacklists&systems=sesame&layout=full")
    assert response.status_code == 200
    html = response.content.decode()
    src = ("http://testserver/embed/compare/?court_judgment=refused&amp;systems=blacklists"
           "%2Csesame&amp;theme=dark&amp;layout=full")
    snippet = unescape(html.split('<textarea id="c-iframe" readonly rows="4">')[1]
                       .split("</textarea>")[0])
    assert 'title="One person, every credit system"' in snippet
    assert 'loading="lazy"' in snippet and 'width="100%"' in snippet
    assert 'height="900"' in snippet
    assert f'src="{src}"' in snippet
    # What WordPress and Ghost take is the embed's own address, not an /oembed one.
    assert f'id="c-paste" type="text" readonly value="{src}"' in html
    assert f'id="c-link" type="text" readonly value="{src}"' in html
    assert "/oembed?url=" not in html.split('id="preview"')[1]
    assert f'<iframe class="preview" src="{src}"' in html
    assert 'sandbox="allow-scripts"' in html and 'width="500"' in html
    assert ("https://classroom.google.com/share?url=http%3A%2F%2Ftestserver%2Fembed%2Fcompare"
            "%2F%3Fcourt_judgment%3Drefused%26systems%3Dblacklists%252Csesame%26theme%3Ddark"
            "%26layout%3Dfull") in html
    qr = html.split('<figure class="qr-figure">')[1].split("</figure>")[0]
    assert 'class="qr"' in qr and "<path" in qr and " style=" not in qr


def test_the_builders_qr_code_is_the_embed_address(client):
    from explainer import qr
    html = client.get("/en/embed/?widget=compare&persona=volunteer").content.decode()
    src = unescape(re.search(r'id="c-link" type="text" readonly value="([^"]+)"', html)[1])
    assert re.search(r"<path[^>]+>", qr.svg(src, "QR code of the link"))[0] in html


def test_the_builder_says_the_record_in_readers_words_and_picks_personas(client):
    html = client.get("/en/embed/?widget=compare&persona=debtor-who-refuses").content.decode()
    record = html.split('id="b-record">')[1].split("</p>")[0]
    assert "Debtor who refuses to pay" in record
    assert "Refused to carry out a court judgment" in record
    assert "court_judgment=" not in record
    assert '<option value="debtor-who-refuses" selected>' in html
    # Picking another persona replaces the record the form was shown with.
    html = client.get("/en/embed/?widget=compare&was=debtor-who-refuses&court_judgment=refused"
                      "&persona=volunteer").content.decode()
    assert '<option value="volunteer" selected>' in html
    assert "court_judgment" not in html.split('id="c-link"')[1].split(">")[0]


def test_the_builder_orders_systems_with_buttons(client):
    response = client.get("/en/embed/?widget=compare&systems=sesame&systems=blacklists"
                          "&systems=nosedive&up=nosedive")
    assert response.status_code == 302
    assert "systems=sesame%2Cnosedive%2Cblacklists" in response["Location"]
    assert "up=" not in response["Location"]
    html = client.get(response["Location"]).content.decode()
    ticked = re.findall(r'name="systems" value="([a-z]+)" checked', html)
    assert ticked == ["sesame", "nosedive", "blacklists"]
    assert 'aria-label="Move Nosedive (fiction) up"' in html


def test_the_builder_defaults_to_light_compact_and_the_measured_height(client):
    from explainer.embeds.views import closed_height
    html = client.get("/en/embed/?widget=dataflow").content.decode()
    snippet = unescape(html.split('<textarea id="c-iframe" readonly rows="4">')[1]
                       .split("</textarea>")[0])
    assert "theme=light" in snippet and "layout=" not in snippet
    assert f'height="{closed_height("dataflow", 500)}"' in snippet
    html = unescape(client.get("/en/embed/?widget=dataflow&width=360").content.decode())
    assert f'height="{closed_height("dataflow", 360)}"' in html.split('id="c-iframe"')[1]
    assert client.get("/en/embed/?widget=dataflow&width=1").status_code == 400


def test_the_builder_documents_every_option_it_accepts(client):
    from explainer.embeds.options import DEFINITIONS, OPTIONS
    html = client.get("/en/embed/").content.decode()
    table = html.split('class="options-table"')[1].split("</table>")[0]
    for d in DEFINITIONS:
        assert f"<code>{d.name}</code>" in table
    assert OPTIONS - {d.name for d in DEFINITIONS} == {"class"}  # a lesson's, not a choice


def test_the_builder_turns_ticked_systems_into_one_parameter(client):
    html = client.get("/en/embed/?widget=compare&systems=sesame&systems=nosedive").content.decode()
    assert "/embed/compare/?systems=sesame%2Cnosedive" in html
    every = "&".join(f"systems={k}" for k in ("sesame", "blacklists", "rongcheng", "suining",
                                                 "hangzhou", "nosedive"))
    assert "systems=" not in client.get(f"/en/embed/?{every}").content.decode().split(
        'id="c-iframe"')[1].split("</textarea>")[0]


def test_the_builder_offers_only_languages_with_text(client, monkeypatch, tmp_path):
    # Without Dutch text, the builder neither offers Dutch nor starts in it.
    from tests.explainer.test_pages import english_only
    english_only(monkeypatch, tmp_path)
    html = client.get("/nl/embed/?widget=surveys").content.decode()
    assert 'src="http://testserver/embed/surveys/?theme=light"' in html
    assert '<option value="nl"' not in html.split('id="b-lang"')[1].split("</select>")[0]
    # With it (as shipped), it does, and a Dutch builder starts its widget in Dutch.
    monkeypatch.undo()
    from django.core.cache import cache
    cache.clear()  # the page stored a moment ago
    html = client.get("/nl/embed/?widget=surveys").content.decode()
    languages = html.split('id="b-lang"')[1].split("</select>")[0]
    assert '<option value="nl"' in languages and '<option value="de"' in languages
    assert 'src="http://testserver/embed/surveys/?lang=nl&amp;theme=light"' in html


def test_the_builder_reports_bad_choices(client):
    response = client.get("/en/embed/?height=5&theme=neon")
    assert response.status_code == 400
    html = response.content.decode()
    assert "height must be a whole number of pixels" in html and "theme must be one of" in html
    assert client.get("/en/embed/?widget=nothing").status_code == 404


def test_every_simulation_has_an_embed_this_link(client):
    for path, widget in [("/en/misconceptions/one-system/?loan_arrears=2", "compare"),
                         ("/en/misconceptions/data-sharing/", "dataflow"),
                         ("/en/misconceptions/points/", "pilots"),
                         ("/en/misconceptions/citizens/", "surveys")]:
        html = client.get(path).content.decode()
        assert f'href="/en/embed/?widget={widget}' in html, path


def test_the_privacy_page_says_what_embeds_do_not_do(client):
    html = client.get("/en/privacy/").content.decode()
    assert "no cookies" in html.lower() and "local storage" in html


# --- Compact layout, links, one state ---------------------------------------------------


def test_the_compact_layout_is_the_default_and_folds_all_but_the_verdicts(client):
    html = client.get("/embed/compare/?persona=debtor-who-refuses").content.decode()
    body = html.split("<body>")[1]
    # The persona menu, then the verdicts, then the record's settings and each system's
    # detail, folded.
    assert body.index('id="persona-picker"') < body.index('class="strip"') \
        < body.index('<details class="record-fold"') < body.index('id="record"')
    # Folded, the settings load on opening; without JavaScript, a link opens them.
    assert '<form id="record"' not in body
    assert ('<div id="record" hx-get="/embed/compare/?court_judgment=refused" hx-trigger='
            '"toggle from:closest details once"') in body
    assert 'href="?court_judgment=refused&amp;layout=full#record" target="_self">' in body
    settings = client.get("/embed/compare/?court_judgment=refused", HTTP_HX_REQUEST="true",
                          HTTP_HX_TARGET="record").content.decode()
    assert settings.lstrip().startswith('<form id="record"') and 'name="loan_arrears"' in settings
    # Invalid values open the settings at once, with their messages.
    bad = client.get("/embed/compare/?loan_arrears=99").content.decode()
    assert '<details class="record-fold" open>' in bad and '<form id="record"' in bad
    assert '<details class="systems-fold" id="systems-detail">' in body
    assert '<details class="systems-fold" id="systems-detail" open' not in body
    full = client.get("/embed/compare/?persona=debtor-who-refuses&layout=full")
    assert full.status_code == 200
    body = full.content.decode().split("<body>")[1]
    assert "record-fold" not in body and "systems-fold" not in body
    assert body.index('id="record"') < body.index('class="strip"')
    bad = client.get("/embed/compare/?layout=tiny")
    assert bad.status_code == 400 and "layout must be one of compact, full" in bad.content.decode()


def test_the_compact_data_flow_and_pilots_fold_their_long_parts(client):
    html = client.get("/embed/dataflow/").content.decode()
    assert '<details class="flow-fold">' in html
    html = client.get("/embed/pilots/").content.decode()
    assert '<details class="table-fold">' in html
    # Folded, the table loads on opening; without JavaScript its link opens it.
    assert 'hx-trigger="toggle from:closest details once"' in html and "<tbody>" not in html
    assert 'href="?sort=province#pilot-table" target="_self">Show the table</a>' in html
    # A sorted table is what the reader asked to see: it stays open.
    assert '<details class="table-fold" open>' in client.get(
        "/embed/pilots/?sort=city").content.decode()


def test_links_in_an_embed_stay_in_the_frame_or_go_to_our_own_site(client):
    html = client.get("/embed/compare/?persona=debtor-who-refuses&layout=full").content.decode()
    body = html.split("<body>")[1]
    # In-page links stay in the frame (the page's base target is a new tab).
    for link in re.findall(r'<a [^>]*href="#[^"]*"[^>]*>', body):
        assert 'target="_self"' in link, link
    # Citations point to our Sources page entry: WordPress lets a frame open links on the
    # embed's own host only, and the entry carries the original's address.
    cites = re.findall(r'<a class="cite" href="([^"]+)"', body)
    assert cites and all(c.startswith("/en/sources/#source-") for c in cites)
    sources = client.get("/en/sources/").content.decode()
    for c in set(cites):
        assert f'id="{c.split("#")[1]}"' in sources
    pilots = client.get("/embed/pilots/?sort=province").content.decode().split("<body>")[1]
    table = pilots.split('id="pilot-table"')[1].split("</table>")[0]
    assert "/en/sources/#source-" in table and 'href="http' not in table


def test_open_the_full_explainer_follows_the_readers_edits(client):
    response = client.get("/embed/compare/?persona=volunteer&loan_arrears=6&lang=en",
                          HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    html = response.content.decode()
    for anchor in ("open-full", "open-full-source"):
        link = re.search(rf'<a id="{anchor}" class="open-full" href="([^"]+)"[^>]*'
                         r'hx-swap-oob="true"', html)
        assert link, anchor
        assert "loan_arrears=6" in link[1] and "/en/misconceptions/one-system/" in link[1]
    # A persona picked in the widget (the whole simulation swapped) too.
    html = client.get("/embed/compare/?persona=debtor-who-refuses", HTTP_HX_REQUEST="true",
                      HTTP_HX_TARGET="simulation").content.decode()
    assert re.search(r'<a id="open-full" class="open-full" href="[^"]*court_judgment=refused',
                     html)


def test_a_widget_in_a_language_with_no_text_says_so(client, monkeypatch, tmp_path):
    from tests.explainer.test_pages import english_only
    english_only(monkeypatch, tmp_path)
    html = client.get("/embed/compare/?lang=nl").content.decode()
    assert 'class="untranslated"' in html and "nog niet vertaald" in html
    assert 'class="untranslated"' not in client.get("/embed/compare/").content.decode()
    monkeypatch.undo()
    from django.core.cache import cache
    cache.clear()
    assert 'class="untranslated"' not in client.get("/embed/compare/?lang=de").content.decode()


def test_oembed_gives_the_measured_height_for_the_width_and_a_light_theme(client):
    from explainer.embeds.views import closed_height
    data = json.loads(oembed(client, url="http://testserver/en/misconceptions/data-sharing/",
                             maxwidth="500", maxheight="750").content)
    assert data["width"] == 500 and data["height"] == min(closed_height("dataflow", 500), 750)
    assert 'width="100%"' in data["html"] and "theme=light" in data["html"]
    data = json.loads(oembed(client, url="http://testserver/embed/compare/?theme=dark").content)
    assert "theme=dark" in data["html"] and "theme=light" not in data["html"]


def test_oembed_accepts_our_host_with_a_port(client, settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    response = oembed(client, url="http://localhost:8302/en/misconceptions/points/")
    assert response.status_code == 200


def test_a_widget_and_its_chapter_carry_one_state_both_ways(client):
    html = client.get("/embed/compare/?court_judgment=refused&systems=blacklists,sesame"
                      "&theme=dark&layout=full&lang=nl").content.decode()
    full = unescape(re.search(r'<a id="open-full" class="open-full" href="([^"]+)"', html)[1])
    assert full == ("http://testserver/nl/misconceptions/one-system/?court_judgment=refused"
                    "&systems=blacklists%2Csesame&theme=dark&layout=full")
    # The chapter honours the systems, their order and the theme, and keeps the layout...
    response = client.get(full.removeprefix("http://testserver").replace("/nl/", "/en/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" data-theme="dark">' in html
    rows = re.findall(r'<tr role="row" class="strip-row[^"]*" data-system="([a-z]+)"', html)
    assert rows == ["blacklists", "sesame"]
    assert html.count('<input type="hidden" name="systems" value="blacklists,sesame">') == 2
    # ... and its "Embed this" gives them back to the builder.
    embed_this = unescape(re.search(r'<p class="embed-this"><a href="([^"]+)"', html)[1])
    assert parse_qs(urlsplit(embed_this).query) == {
        "widget": ["compare"], "court_judgment": ["refused"], "systems": ["blacklists,sesame"],
        "theme": ["dark"], "layout": ["full"]}
    bad = client.get("/en/misconceptions/one-system/?systems=sesame,nowhere")
    assert bad.status_code == 400 and "systems must list one or more of" in bad.content.decode()


def test_the_builder_is_linked_from_home_every_chapter_and_the_footer(client):
    for path in ["/en/", "/en/glossary/", "/en/teach/",
                 *[f"/en/misconceptions/{s}/" for s in ("one-system", "data-sharing", "points",
                                                        "nosedive", "citizens")]]:
        html = client.get(path).content.decode()
        footer = html.split('<footer class="site-footer"')[1]
        assert 'href="/en/embed/"' in footer, path
    assert 'href="/en/embed/"' in client.get("/en/").content.decode().split("<footer")[0]


def test_the_qr_image_is_for_our_own_addresses_only(client):
    ours = "http://testserver/en/misconceptions/one-system/?court_judgment=refused"
    response = client.get("/qr.svg", {"url": ours})
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg") and b"<path" in response.content
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "public" in response["Cache-Control"]
    for url in ["https://elsewhere.example/", "javascript:alert(1)", "", "/en/"]:
        assert client.get("/qr.svg", {"url": url}).status_code == 404, url
    assert client.get("/qr.svg").status_code == 404
    assert client.get(f"/qr.svg?url={ours}&url={ours}").status_code == 404
    assert client.post("/qr.svg", {"url": ours}).status_code == 405
    # An embed's printed QR code is this image of its live address.
    html = client.get("/embed/compare/?court_judgment=refused").content.decode()
    src = unescape(re.search(r'<img class="qr" src="([^"]+)"', html)[1])
    assert src == "/qr.svg?url=" + quote(ours, safe="")
