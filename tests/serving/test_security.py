"""Hardening, checked on the production server (gunicorn, DEBUG off) over real HTTP, as a
load balancer that ends TLS reaches it (X-Forwarded-Proto: https)."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.urls import reverse

from tests.services import ROOT, start_app_server

HTTPS = {"X-Forwarded-Proto": "https"}
YEAR = 365 * 24 * 3600
PAGES = ["/en/", "/en/misconceptions/points/", "/en/sources/", "/api/v1/simulate",
         "/en/changes/feed/", "/admin/login/"]
EMBEDS = ["/embed/compare/", "/embed/pilots/"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hardened")
    url, env, stop = start_app_server(root, {"DJANGO_SECURE_SSL_REDIRECT": "1"})
    yield url, env, root / "gunicorn.log"
    stop()


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={**HTTPS, **(headers or {})})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def directives(csp: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}


@pytest.mark.parametrize("path", PAGES + EMBEDS)
def test_every_response_carries_the_security_headers(site, path):
    status, headers, _ = fetch(site[0] + path)
    assert status == 200
    hsts = dict(p.strip().partition("=")[::2] for p in headers["Strict-Transport-Security"]
                .split(";"))
    assert int(hsts["max-age"]) >= YEAR and "includeSubDomains" in hsts and "preload" in hsts
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
    csp = directives(headers["Content-Security-Policy"])
    assert "'unsafe-inline'" not in str(csp) and "'unsafe-eval'" not in str(csp)
    assert csp["script-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["default-src"] == ["'self'"] and csp["base-uri"] == ["'none'"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_refuse_to_be_framed(site, path):
    _, headers, _ = fetch(site[0] + path)
    assert headers["X-Frame-Options"] == "DENY"
    assert directives(headers["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("path", EMBEDS)
def test_embeds_may_be_framed_by_anyone(site, path):
    _, headers, _ = fetch(site[0] + path)
    assert "X-Frame-Options" not in headers
    assert directives(headers["Content-Security-Policy"])["frame-ancestors"] == ["*"]


def test_plain_http_is_sent_to_https(site):
    status, headers, _ = fetch(site[0] + "/en/", {"X-Forwarded-Proto": "http"})
    assert status == 301 and headers["Location"].startswith("https://")


def test_probes_answer_by_ip_over_plain_http(site):
    for path in ("/healthz", "/readyz"):
        status, headers, _ = fetch(site[0] + path, {"X-Forwarded-Proto": "http",
                                                    "Host": "10.0.0.7:8000"})
        assert status == 200
        # The headers every response carries, though probes answer before their middleware.
        for header in ("Content-Security-Policy", "X-Content-Type-Options",
                       "X-Frame-Options", "Referrer-Policy", "Cross-Origin-Resource-Policy"):
            assert header in headers, (path, header)


def test_an_oversize_query_string_is_refused_at_once_without_echo(site):
    query = "loan_arrears=" + "9" * 3000
    start = time.monotonic()
    status, _, body = fetch(site[0] + "/en/misconceptions/one-system/?" + query)
    assert status == 414 and time.monotonic() - start < 1
    assert len(body) < 200 and b"999" not in body
    status, _, body = fetch(site[0] + "/en/?" + "x=" + "y" * 10_000)  # past gunicorn's limit
    assert status in (400, 414) and len(body) < 1000


def test_a_bad_host_header_gets_a_400_and_one_line_in_the_log(site):
    url, _, log = site
    marker = "bad-host-probe.example"
    status, _, _ = fetch(url + "/en/", {"Host": marker})
    assert status == 400
    time.sleep(0.5)
    lines = [line for line in log.read_text().splitlines() if marker in line]
    assert len(lines) == 1 and "DisallowedHost" in lines[0]
    assert "Traceback" not in log.read_text()


def test_public_pages_do_not_link_to_the_admin(site):
    for path in ("/en/", "/en/misconceptions/points/", "/en/sources/", "/en/systems/",
                 "/embed/compare/"):
        _, _, body = fetch(site[0] + path)
        assert b"/admin" not in body


def test_the_deploy_checklist_reports_nothing(site):
    _, env, _ = site
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, "DJANGO_SECRET_KEY": "x" * 20 + os.urandom(24).hex()}, cwd=ROOT,
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_admin_logins_are_throttled_after_five_failures(client, django_user_model):
    django_user_model.objects.create_superuser("ada", "ada@example.org", "the right one")
    url = reverse("admin:login")
    for _ in range(4):
        response = client.post(url, {"username": "ada", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    assert client.post(url, {"username": "ada", "password": "wrong"}).status_code == 429
    locked = client.post(url, {"username": "ada", "password": "the right one"})
    assert locked.status_code == 429 and b"locked" in locked.content.lower()
    assert "_auth_user_id" not in client.session


def exchange(url: str, data: dict | None = None, headers: dict | None = None):
    """(status, headers with every Set-Cookie, body), over HTTPS as the proxy says."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={**HTTPS, **(headers or {})})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def cookies(headers) -> dict[str, str]:
    """name → the whole Set-Cookie line, attributes and all."""
    return {line.split("=", 1)[0]: line for line in headers.get_all("Set-Cookie") or []}


def test_the_admin_signs_in_over_https_with_host_prefixed_cookies(site):
    url, env, _ = site
    password = "a long editor passphrase 42"
    subprocess.run([sys.executable, "manage.py", "createeditor", "hardy", "--noinput"],
                   env={**env, "DJANGO_EDITOR_PASSWORD": password}, cwd=ROOT, check=True,
                   capture_output=True)
    status, headers, html = exchange(url + "/admin/login/")
    assert status == 200
    csrf = cookies(headers)["__Host-csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1].decode()
    origin = "https://" + url.split("://")[1]
    status, headers, _ = exchange(
        url + "/admin/login/", {"username": "hardy", "password": password,
                                "csrfmiddlewaretoken": token, "next": "/admin/"},
        {"Cookie": csrf.split(";")[0], "Origin": origin})
    assert status == 302 and headers["Location"] == "/admin/"
    set_now = cookies(headers)
    assert "sessionid" not in set_now and "csrftoken" not in set_now
    session = set_now["__Host-sessionid"]
    for line in (csrf, session):  # what browsers demand of the prefix
        attributes = [a.strip().lower() for a in line.split(";")[1:]]
        assert "secure" in attributes and "path=/" in attributes
        assert not any(a.startswith("domain") for a in attributes)
    assert "httponly" in session.lower()
    status, _, html = exchange(url + "/admin/", headers={"Cookie": session.split(";")[0]})
    assert status == 200 and b"hardy" in html


def test_the_414_carries_every_security_header_a_page_does(site):
    _, page, _ = fetch(site[0] + "/en/sources/")
    status, refused, _ = fetch(site[0] + "/en/sources/?x=" + "9" * 3000)
    assert status == 414
    for header in ("Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy",
                   "Cross-Origin-Opener-Policy", "Permissions-Policy", "X-Frame-Options",
                   "Cross-Origin-Resource-Policy"):
        assert refused[header] == page[header], header
    ours, theirs = (directives(h["Content-Security-Policy"]) for h in (refused, page))
    ours.pop("style-src"), theirs.pop("style-src")  # the page's also allows its inline styles
    assert ours == theirs


@pytest.mark.parametrize(("path", "policy"), [
    ("/en/", "same-origin"), ("/admin/login/", "same-origin"),
    ("/embed/loader.js", "cross-origin"), ("/static/explainer/embed.js", "cross-origin")])
def test_static_files_and_embeds_may_be_loaded_by_other_sites_pages_may_not(site, path,
                                                                           policy):
    status, headers, _ = fetch(site[0] + path)
    assert status == 200 and headers["Cross-Origin-Resource-Policy"] == policy
