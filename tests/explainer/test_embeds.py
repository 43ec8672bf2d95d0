"""Embeds, oEmbed and the builder through the test client."""

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

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
    assert re.search(r"Source: <a class=\"open-full\" href=\"http://testserver/en/"
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
                          "&lang=nl&theme=dark&plain=1")
    assert response.status_code == 200 and response["Content-Language"] == "nl"
    html = response.content.decode()
    assert '<html lang="nl" data-theme="dark" class="embed is-plain">' in html
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
            '&amp;plain=1#simulation"') in html


@pytest.mark.parametrize(("query", "message"), [
    ("lang=fr", "lang must be one of en, nl, not &#x27;fr&#x27;."),
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
    assert parse_qs(urlsplit(src).query) == {"loan_arrears": ["2"], "lang": ["nl"]}
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
    assert 'width="300"' in data["html"] and 'height="400"' in data["html"]


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


def test_the_builder_writes_the_snippet_link_oembed_and_qr_code(client):
    response = client.get("/en/embed/?widget=compare&court_judgment=refused&theme=dark"
                          "&height=900")
    assert response.status_code == 200
    html = response.content.decode()
    snippet = unescape(html.split('<textarea id="c-iframe" readonly rows="4">')[1]
                       .split("</textarea>")[0])
    assert 'title="One person, every credit system"' in snippet
    assert 'loading="lazy"' in snippet and 'width="100%"' in snippet
    assert 'height="900"' in snippet
    assert 'src="http://testserver/embed/compare/?court_judgment=refused&amp;theme=dark"' \
        in snippet
    assert '<iframe class="preview" src="http://testserver/embed/compare/?court_judgment=' \
           'refused&amp;theme=dark"' in html
    assert 'sandbox="allow-scripts"' in html
    assert 'value="http://testserver/en/misconceptions/one-system/?court_judgment=refused"' \
        in html
    assert "/oembed?url=" in html
    qr = html.split('<figure class="qr-figure">')[1].split("</figure>")[0]
    assert 'class="qr"' in qr and "<path" in qr and " style=" not in qr


def test_the_builder_turns_ticked_systems_into_one_parameter(client):
    html = client.get("/en/embed/?widget=compare&systems=sesame&systems=nosedive").content.decode()
    assert "/embed/compare/?systems=sesame%2Cnosedive" in html
    every = "&".join(f"systems={k}" for k in ("sesame", "blacklists", "rongcheng", "suining",
                                                 "hangzhou", "nosedive"))
    assert "systems=" not in client.get(f"/en/embed/?{every}").content.decode().split(
        'id="c-iframe"')[1].split("</textarea>")[0]


def test_the_builder_starts_in_the_readers_language(client):
    html = client.get("/nl/embed/?widget=surveys").content.decode()
    assert 'src="http://testserver/embed/surveys/?lang=nl"' in html
    assert '<option value="nl" selected>' in html


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
