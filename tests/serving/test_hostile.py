"""Hostile requests at every public URL: random and malicious query strings, headers and
methods never cause a 5xx, are never reflected unescaped and never bloat a response.

The URLs come from the site itself: the sitemap, the embeds and the OpenAPI document.
"""

import gzip
import json
import re
import string
import time
from urllib.parse import quote, quote_plus, unquote, unquote_plus, urlsplit
from xml.etree import ElementTree

import brotli
import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from explainer.embeds.options import THEMES
from explainer.embeds.views import EMBEDS
from explainer.views import PARTIALS, PILOT_SORTS
from systems import engine
from systems.models import Persona
from systems.record import PARAMETERS, PARAMETERS_BY_NAME
from systems.releases.models import Release

pytestmark = pytest.mark.django_db

# About three times the largest page (the points chapter with every control set, its pilot
# table and its map: about 106 KB).
MAX_BODY = 300_000
# An error page is at most a page with its messages; more means the input is echoed.
MAX_ERROR_BODY = 150_000
MAX_QUERY = django_settings.MAX_QUERY_STRING

EMBED_PATHS = ("/embed/compare/", "/embed/dataflow/", "/embed/pilots/", "/embed/surveys/",
               "/en/embed/", "/oembed", "/embed/loader.js", "/en/changes/feed/",
               "/healthz", "/readyz", "/admin/login/")
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")
OWN_NAMES = ("persona", "rules", "systems", "lang", "theme", "plain", "height", "sort",
             "order", "from", "url", "maxwidth", "maxheight", "format", "widget")
NAMES = tuple(p.name for p in PARAMETERS) + OWN_NAMES
LANGUAGES = tuple(code for code, _name in django_settings.LANGUAGES)


def system_keys() -> tuple[str, ...]:
    """The systems readers see (points schemes are data: read when a test draws them)."""
    return tuple(system.key for system in engine.systems())

# Each would run or inject something if a page echoed it as it came.
PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
            "javascript:alert(1)", "{{7*7}}", "' OR 1=1 --", "{{1337*1337}}")
HTML_SPECIAL = set("<>\"'&")
# Messages quote at most 24 characters of input; markup cut short is still markup.
SHORTEST_ECHO = 12
EVALUATED = "1787569"  # 1337 * 1337: a template engine ran the input
SCRIPT_URL = re.compile(
    r"""(?:href|src|action|formaction|poster|data|srcdoc)\s*=\s*["']?\s*javascript:""", re.I)
# Types a browser may render as a document; JSON is data (sent with nosniff) and escapes
# by its own rules, so it is parsed instead and only its HTML fragments are checked.
JSON_TYPE = re.compile(r"^application/(?:[\w.+-]+\+)?json\b")
# Data for scripts inside a page (json_script): JSON whose `<` is escaped, so nothing in
# it can end the element; it must parse, and then its quotes are no markup.
DATA_ISLAND = re.compile(r'<script\b[^>]*\btype="application/json"[^>]*>(.*?)</script>', re.S)
PERCENT_GARBAGE = ("%ff%fe", "%", "%%", "%zz", "%f", "%c0%af", "%ed%a0%80", "%e2%82",
                   "%00", "a%00b", "%0d%0a", "%u003c", "%25ff", "+")
HEADER_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF,
                                    exclude_characters="\x7f"), max_size=60)


def wire(text: str) -> str:
    return quote(text, safe="")


def payload_wire_forms(payload: str):
    """A payload as a query would carry it: fully encoded, or with its markup bare."""
    return st.sampled_from((wire(payload), quote_plus(payload, safe="<>\"'(){}=*:/")))


def our_urls(paths: list[str]):
    """Absolute URLs of our pages, some carrying a payload in their own query string."""
    query = st.tuples(st.sampled_from(NAMES), st.sampled_from(PAYLOADS).flatmap(
        payload_wire_forms)).map(lambda pair: f"?{pair[0]}={pair[1]}")
    return st.tuples(st.sampled_from(paths), st.just("") | query).map(
        lambda parts: "http://testserver" + "".join(parts))


def valid_values(name: str, people: list[str], releases: list[int], paths: list[str]):
    """Values a reader could really send for this name."""
    if name in PARAMETERS_BY_NAME:
        parameter = PARAMETERS_BY_NAME[name]
        if parameter.is_choice:
            return st.deferred(lambda: st.sampled_from(parameter.choices))
        return st.integers(parameter.minimum, parameter.maximum).map(str)
    return {
        "persona": st.sampled_from(people), "from": st.sampled_from(people),
        "rules": st.sampled_from(releases).map(str),
        "systems": st.deferred(lambda: st.permutations(system_keys())).flatmap(
            lambda keys: st.integers(1, len(keys)).map(lambda n: ",".join(keys[:n]))),
        "lang": st.sampled_from(LANGUAGES), "theme": st.sampled_from(THEMES),
        "plain": st.sampled_from(("0", "1")), "height": st.integers(200, 4000).map(str),
        "sort": st.sampled_from(tuple(PILOT_SORTS)), "order": st.sampled_from(("asc", "desc")),
        "url": our_urls(paths),
        "maxwidth": st.integers(1, 100_000).map(str),
        "maxheight": st.integers(1, 100_000).map(str),
        "format": st.just("json"), "widget": st.sampled_from(tuple(EMBEDS)),
    }.get(name, st.just(""))


def hostile_values():
    """Everything but valid values, already encoded for the query string."""
    return st.one_of(
        st.integers(10**6, 10**300).map(str), st.integers(-(10**30), -1).map(str),
        st.text(st.characters(categories=["Nd"]), min_size=1, max_size=6).map(wire),
        st.sampled_from(("", "1_0", " 1", "+1", "0x1", "1.5", "1e309", "NaN", "٣", "１２"))
        .map(wire),
        st.sampled_from(PERCENT_GARBAGE),
        st.integers(200, 1500).map(lambda n: "9" * n),
        st.text(string.ascii_letters + string.digits, min_size=200, max_size=600),
        st.sampled_from(PAYLOADS).flatmap(payload_wire_forms),
        st.text(max_size=30).map(wire),
        st.text(max_size=10).map(lambda text: text.encode().decode("latin-1")),
    )


def queries(people: list[str], releases: list[int], paths: list[str]):
    """Query strings of real and random names with valid and hostile values, repeats
    included, cut to the limit (the cut makes more garbage of its own)."""
    names = st.one_of(st.sampled_from(NAMES), st.sampled_from(NAMES), st.text(max_size=12)
                      .map(wire), st.sampled_from(PAYLOADS).flatmap(payload_wire_forms),
                      st.sampled_from(PERCENT_GARBAGE))

    @st.composite
    def pair(draw):
        name = draw(names)
        value = draw(st.one_of(valid_values(unquote(name), people, releases, paths)
                               .map(wire), hostile_values()))
        return draw(st.sampled_from((f"{name}={value}", name, f"={value}", "")))

    pairs = st.lists(pair(), max_size=8)
    repeated = st.tuples(pair(), st.integers(2, 4)).map(lambda p: [p[0]] * p[1])
    return st.tuples(pairs, st.one_of(st.just([]), repeated), st.sampled_from("&;")).map(
        lambda parts: parts[2].join(parts[0] + parts[1])[:MAX_QUERY])


def headers(paths: list[str]):
    """Any of the headers the site reads, or that a proxy or an attacker might send."""
    with_payloads = st.one_of(HEADER_TEXT, st.sampled_from(PAYLOADS))
    return st.fixed_dictionaries({}, optional={
        "HX-Request": st.sampled_from(("true", "false", "")) | HEADER_TEXT,
        "HX-Target": st.one_of(st.sampled_from((*PARTIALS, "preview")),
                               st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
                               with_payloads),
        "HX-Current-URL": st.one_of(our_urls(paths), with_payloads),
        "Accept-Encoding": st.one_of(st.sampled_from(
            ("br", "gzip", "br, gzip", "gzip;q=0, br;q=1", "identity", "*", "br;q=abc")),
            HEADER_TEXT),
        "Accept-Language": st.one_of(st.sampled_from(
            ("nl", "en-US,en;q=0.9", "zh-CN", "*", "nl;q=abc", "x" * 500)), with_payloads),
        "Origin": st.one_of(st.sampled_from(("null", "https://example.com")), with_payloads),
        "If-None-Match": st.one_of(st.sampled_from(("*", '"x"', 'W/"x"', '"', "")),
                                   with_payloads),
        "Range": st.one_of(st.sampled_from(("bytes=0-10", "bytes=-1", "bytes=9-1")),
                           HEADER_TEXT),
        "Cookie": st.one_of(
            HEADER_TEXT,
            with_payloads.map(lambda text: f"{django_settings.SESSION_COOKIE_NAME}={text}"),
            st.sampled_from((f"{django_settings.CSRF_COOKIE_NAME}=<script>alert(1)</script>",
                             "django_language=xx; =; ;;"))),
        "X-Forwarded-Proto": st.one_of(st.sampled_from(("https", "http")), HEADER_TEXT),
    })


@pytest.fixture(autouse=True)
def _behind_a_proxy():
    """As in production, the scheme comes from the proxy's X-Forwarded-Proto."""
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        yield


@pytest.fixture
def site(client):
    """The URLs to attack and the valid values they take, read from the running site."""
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)
    urls = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    urls += [link.get("href") for link in sitemap.iter("{http://www.w3.org/1999/xhtml}link")]
    schema = json.loads(client.get(reverse("api-v1:openapi-json")).content)
    api = list(schema["paths"])
    assert api and not any("{" in path for path in api), "give path parameters valid values"
    paths = sorted({urlsplit(url).path for url in urls})
    assert "/en/misconceptions/points/" in paths
    paths += [*EMBED_PATHS, reverse("api:docs"), reverse("api-v1:openapi-json"), *api]
    return {"paths": paths, "people": list(Persona.objects.values_list("key", flat=True)),
            "releases": list(Release.objects.values_list("number", flat=True))}


def send(client, method: str, path: str, query: str, sent: dict[str, str]):
    body = query if method in ("POST", "PUT", "PATCH") else ""
    return client.generic(method, path, body, "application/x-www-form-urlencoded",
                          headers=sent, QUERY_STRING=query)


def body_of(response) -> bytes:
    content = (b"".join(response.streaming_content) if response.streaming
               else response.content)
    encoding = response.get("Content-Encoding", "")
    if not content:
        return content
    if encoding == "br":
        return brotli.decompress(content)
    if encoding == "gzip":
        return gzip.decompress(content)
    assert not encoding, encoding
    return content


def raw_in_html(payload: str, html: str) -> bool:
    """The payload appears where a browser would run it: its markup unescaped (cut short
    too, as messages quote input), or as a script URL in an attribute."""
    if HTML_SPECIAL & set(payload):
        return payload[:SHORTEST_ECHO] in html
    return payload.startswith("javascript:") and SCRIPT_URL.search(html) is not None


def html_fragments(data) -> list[str]:
    """The HTML that JSON carries for a host page to insert (oEmbed's `html`)."""
    if isinstance(data, dict):
        own = [data["html"]] if isinstance(data.get("html"), str) else []
        return own + html_fragments(list(data.values()))
    if isinstance(data, list):
        return [fragment for item in data for fragment in html_fragments(item)]
    return []


def spellings(text: str) -> list[str]:
    """The text as each layer of decoding sees it (a URL inside a query is encoded twice)."""
    forms = [text]
    for _layer in range(3):
        forms += [unquote(forms[-1]), unquote_plus(forms[-1])]
    return forms


def check(response, method: str, path: str, query: str, sent: dict[str, str]):
    """What every answer to a hostile request must be. The one 5xx allowed is oEmbed's
    501 for a format other than JSON, which its spec prescribes. Redirects stay here."""
    status = response.status_code
    fmt = response.wsgi_request.GET.get("format", "json")
    assert status < 500 or (path == "/oembed" and status == 501 and fmt != "json"), status
    assert urlsplit(response.get("Location", "")).hostname in (None, "testserver")
    body = body_of(response)
    assert len(body) <= (MAX_ERROR_BODY if 400 <= status < 500 else MAX_BODY), len(body)
    if method == "HEAD":
        assert not body
    text = body.decode("utf-8", "replace")
    asked = " ".join(spellings(" ".join((query, *sent.values()))))
    inserted = [payload for payload in PAYLOADS if payload in asked]
    assert EVALUATED not in text or EVALUATED in asked
    if JSON_TYPE.match(response.get("Content-Type", "")) and body:
        assert response["X-Content-Type-Options"] == "nosniff"
        documents = html_fragments(json.loads(body))
    else:
        documents = [text]
    for html in documents:
        for island in DATA_ISLAND.findall(html):
            assert "<" not in island and json.loads(island) is not None
        markup = DATA_ISLAND.sub("", html)
        for payload in inserted:
            assert not raw_in_html(payload, markup), (payload, markup[:2000])


@settings(max_examples=500, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_hostile_requests_are_answered_safely(client, site, data):
    """Any method, query string and headers at any URL: no 5xx, no raw reflection, and
    the body within its budget."""
    path = data.draw(st.sampled_from(site["paths"]), label="path")
    method = data.draw(st.just("GET") | st.sampled_from(METHODS), label="method")
    query = data.draw(queries(site["people"], site["releases"], site["paths"]), label="query")
    sent = data.draw(headers(site["paths"]), label="headers")
    response = send(client, method, path, query, sent)
    event(f"{response.status_code}")
    check(response, method, path, query, sent)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_payloads_are_never_reflected_raw(client, site, data):
    """A payload as the name or value of any parameter the site reads, or in an htmx
    header, comes back escaped or not at all."""
    path = data.draw(st.sampled_from(site["paths"]), label="path")
    payload = data.draw(st.sampled_from(PAYLOADS), label="payload")
    encoded = data.draw(payload_wire_forms(payload), label="encoded")
    name = data.draw(st.sampled_from(NAMES), label="name")
    page = data.draw(st.sampled_from(site["paths"]), label="page")
    query = data.draw(st.sampled_from((
        f"{name}={encoded}", f"{encoded}=1", f"{name}=1&{name}={encoded}",
        "url=" + wire(f"http://testserver{page}?{name}={encoded}"))), label="query")
    sent = data.draw(st.fixed_dictionaries({"HX-Request": st.just("true")}, optional={
        "HX-Target": st.just(payload), "HX-Current-URL": st.just(payload)}), label="headers")
    check(send(client, "GET", path, query, sent), "GET", path, query, sent)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_oembed_html_never_carries_a_payload_raw(client, site, data):
    """oEmbed's `html`, which host pages insert as it is, escapes the page URL it was
    given, payloads in that URL's query included."""
    pages = [path for path in site["paths"] if "/misconceptions/" in path or
             path.startswith("/embed/")]
    url = data.draw(our_urls(pages), label="url")
    sizes = data.draw(st.sampled_from(("", "&maxwidth=300", "&maxheight=99999")), label="size")
    query = f"url={wire(url)}{sizes}"
    response = send(client, "GET", "/oembed", query, {})
    event(f"{response.status_code}")
    check(response, "GET", "/oembed", query, {})


def test_every_url_answers_every_method(client, site):
    """Each URL, under each method, with every payload in a real parameter's value and in
    a name, and the htmx headers set: a proper answer."""
    query = "&".join(f"{name}={wire(payload)}&{wire(payload)}=1"
                     for name, payload in zip(("loan_arrears", "persona", "systems", "url",
                                               "sort", "widget"), PAYLOADS, strict=True))
    sent = {"HX-Request": "true", "HX-Target": "results", "Accept-Encoding": "br",
            "Origin": "null"}
    for path in site["paths"]:
        for method in METHODS:
            check(send(client, method, path, query, sent), method, path, query, sent)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_over_long_query_strings_are_refused_at_once(client, site, data,
                                                     django_assert_num_queries):
    """Over the limit: a 414 before any work (no query to the database), which does not
    echo the query string."""
    path = data.draw(st.sampled_from(site["paths"]), label="path")
    method = data.draw(st.sampled_from(METHODS), label="method")
    filler = data.draw(st.sampled_from(PAYLOADS).flatmap(payload_wire_forms)
                       | st.sampled_from(PERCENT_GARBAGE) | st.just("a"), label="filler")
    length = data.draw(st.integers(MAX_QUERY + 1, 4 * MAX_QUERY), label="length")
    query = ("x=" + filler * length)[:length]
    started = time.perf_counter()
    with django_assert_num_queries(0):
        response = send(client, method, path, query, {"Accept-Encoding": "br"})
    assert time.perf_counter() - started < 0.1
    assert response.status_code == 414
    text = body_of(response).decode()
    assert len(text) < 200 and filler * 3 not in text and unquote(filler) * 3 not in text
    assert not any(payload in text for payload in PAYLOADS)


def test_the_query_limit_is_exact(client):
    """A query string of exactly the limit is read; one character more is refused."""
    at_limit = "loan_arrears=1&x=" + "a" * (MAX_QUERY - len("loan_arrears=1&x="))
    assert len(at_limit) == MAX_QUERY
    assert client.get("/embed/compare/", QUERY_STRING=at_limit).status_code == 400
    assert client.get("/embed/compare/", QUERY_STRING=at_limit + "a").status_code == 414
