"""The page cache through the real middleware: what it stores, under which key, and that
no stale page survives an edit, a release or new code."""

import gzip

import brotli
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from explainer.serving import cache as page_cache
from systems.models import Source
from systems.pilots.models import Adjustment
from systems.releases.models import Release
from systems.releases.publishing import publish_now
from tests.helpers import PAID, verdict

pytestmark = pytest.mark.django_db

CHAPTER = "/en/misconceptions/one-system/"
PARTIAL = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results"}
CACHED = [f"{CHAPTER}?{PAID}", "/en/", "/en/systems/rongcheng/", "/en/sources/",
          "/embed/compare/?loan_arrears=2", "/api/v1/simulate?loan_arrears=2",
          "/sitemap.xml", f"/oembed?url=http%3A%2F%2Ftestserver{CHAPTER}"]


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return response, len(captured)


@pytest.fixture
def stored(monkeypatch):
    """The keys the page cache writes, in order."""
    keys = []
    real = page_cache.cache.set

    def spy(key, *args, **kwargs):
        keys.append(key)
        return real(key, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "set", spy)
    return keys


@pytest.mark.parametrize("url", CACHED)
def test_a_repeat_request_is_answered_from_the_cache_after_one_version_read(client, url):
    first, _ = queries(client, url)
    again, count = queries(client, url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert count == 1  # the data version; no view ran


def test_a_released_edit_is_seen_on_the_next_request_and_a_draft_leaves_pages_cached(
        client, stored):
    before = client.get(f"{CHAPTER}?{PAID}").content.decode()
    assert verdict(before, "rongcheng") == "970 points · A"
    row = Adjustment.objects.get(key="rc-court-paid")
    row.points = "-40"
    row.save()
    entries = len(stored)
    draft = client.get(f"{CHAPTER}?{PAID}").content.decode()
    assert verdict(draft, "rongcheng") == "970 points · A" and len(stored) == entries
    publish_now(Release.Kind.MAJOR, "Rongcheng deducts more.")
    after = client.get(f"{CHAPTER}?{PAID}").content.decode()
    assert verdict(after, "rongcheng") == "960 points · A"


def test_a_source_edit_reaches_every_cached_page_that_shows_it(client):
    source = Source.objects.get(key="clt-rongcheng-measures")
    assert source.title in client.get("/en/sources/").content.decode()
    source.title = "Rongcheng Measures, as retitled by an editor"
    source.save()
    assert "as retitled by an editor" not in client.get("/en/sources/").content.decode()
    publish_now(Release.Kind.MINOR, "A clearer title.")
    assert "as retitled by an editor" in client.get("/en/sources/").content.decode()


def test_a_published_release_is_seen_on_the_next_request(client):
    url = reverse("explainer:changes")
    assert 'id="release-2"' not in client.get(url).content.decode()
    Source.objects.filter(key="clt-rongcheng-measures").update(note_en="A note for readers.")
    publish_now(Release.Kind.MINOR, "A note for readers.")
    assert 'id="release-2"' in client.get(url).content.decode()


def test_new_code_never_serves_pages_cached_by_the_old(client, monkeypatch, stored):
    client.get("/en/")
    client.get("/en/")
    assert len(stored) == 1
    monkeypatch.setattr(page_cache, "build_id", lambda: "another-build")
    client.get("/en/")
    assert len(stored) == 2 and stored[0] != stored[1]  # rendered and stored anew


def test_the_results_partial_and_the_full_page_are_cached_apart(client):
    url = f"{CHAPTER}?{PAID}"
    partial = client.get(url, **PARTIAL)
    page = client.get(url)
    partial_again = client.get(url, **PARTIAL)
    assert b"<html" not in partial.content and b'id="results"' in partial.content
    assert b"<html" in page.content and partial_again.content == partial.content
    for response in (partial, page):
        vary = {v.strip() for v in response["Vary"].split(",")}
        assert {"HX-Request", "HX-Target", "Accept-Encoding"} <= vary


@pytest.mark.parametrize(("accept", "encoding", "decode"), [
    ("br, gzip", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress),
    ("identity", None, bytes)])
def test_each_encoding_is_cached_as_its_own_body(client, accept, encoding, decode):
    plain = client.get(CHAPTER, HTTP_ACCEPT_ENCODING="identity").content
    for _ in range(2):  # a miss, then a hit
        response = client.get(CHAPTER, HTTP_ACCEPT_ENCODING=accept)
        assert response.get("Content-Encoding") == encoding
        assert decode(response.content) == plain


def test_a_browser_that_has_the_page_gets_a_304_until_a_release_changes_it(client):
    first = client.get("/en/sources/")
    etag = first["ETag"]
    for _ in range(2):  # from the miss's entry, then from a hit
        response = client.get("/en/sources/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304 and response.content == b""
        assert response["ETag"] == etag and "max-age=0" in response["Cache-Control"]
    source = Source.objects.get(key="clt-rongcheng-measures")
    source.title = "Retitled"
    source.save()
    assert client.get("/en/sources/", HTTP_IF_NONE_MATCH=etag).status_code == 304  # a draft
    publish_now(Release.Kind.MINOR, "A clearer title.")
    response = client.get("/en/sources/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag


def test_a_head_request_never_leaves_an_empty_body_for_the_next_get(client):
    head = client.head("/en/glossary/")
    assert head.status_code == 200
    get = client.get("/en/glossary/")
    assert b"<h1" in get.content and get["ETag"] == head["ETag"]


@pytest.mark.parametrize("first_with_origin", [True, False])
def test_cross_origin_headers_follow_the_request_not_the_cached_entry(client,
                                                                      first_with_origin):
    url = "/api/v1/simulate?late_bills=2"
    origin = {"HTTP_ORIGIN": "https://course.example.edu"}
    order = [origin, {}] if first_with_origin else [{}, origin]
    for headers in order * 2:
        response = client.get(url, **headers)
        assert response.status_code == 200
        assert response.get("Access-Control-Allow-Origin") == ("*" if headers else None)


def test_a_cached_embed_may_still_be_framed_and_a_cached_page_still_may_not(client):
    for _ in range(2):
        embed = client.get("/embed/compare/")
        assert "frame-ancestors *" in embed["Content-Security-Policy"]
        assert "X-Frame-Options" not in embed
        page = client.get(CHAPTER)
        assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
        assert page["X-Frame-Options"] == "DENY"


def test_cache_control_says_what_a_browser_and_a_cdn_may_do(client):
    page = client.get(CHAPTER)["Cache-Control"]
    # A CDN may go on serving what it has for a day while the site answers with errors.
    assert set(page.split(", ")) == {"public", "max-age=0", "s-maxage=60",
                                     "stale-while-revalidate=30", "stale-if-error=86400"}
    for url in ("/embed/compare/", "/api/v1/simulate"):
        assert set(client.get(url)["Cache-Control"].split(", ")) == {
            "public", "max-age=300", "s-maxage=300", "stale-while-revalidate=60",
            "stale-if-error=86400"}


def test_errors_the_admin_and_probes_are_never_cached(client, stored):
    assert client.get(f"{CHAPTER}?loan_arrears=99").status_code == 400
    login = client.get("/admin/login/")
    assert "public" not in login.get("Cache-Control", "")
    for probe in ("/healthz", "/readyz"):
        assert "no-cache" in client.get(probe)["Cache-Control"]
    assert not [key for key in stored if key.startswith("page:")]


def test_the_api_and_embeds_answer_the_same_whatever_the_browser_language(client):
    for url in ("/api/v1/simulate?loan_arrears=2", "/embed/compare/"):
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        dutch_browser = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
        assert dutch_browser.content == english.content
        assert "Accept-Language" not in dutch_browser.get("Vary", "")
    assert client.get("/embed/compare/?lang=nl")["Content-Language"] == "nl"


def test_a_response_that_varies_on_what_the_key_leaves_out_is_never_stored():
    from django.http import HttpResponse
    from django.utils.cache import patch_cache_control, patch_vary_headers

    for vary in ("Cookie", "Accept-Language", "*"):
        response = HttpResponse("same URL, other body")
        patch_cache_control(response, public=True, max_age=0)
        patch_vary_headers(response, ("Accept-Encoding", vary))
        assert not page_cache.PageCacheMiddleware.storable(response)
    patch_vary_headers(response := HttpResponse("x"), ("HX-Request", "HX-Target", "Origin"))
    patch_cache_control(response, public=True)
    assert page_cache.PageCacheMiddleware.storable(response)
