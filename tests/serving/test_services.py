"""Production's moving parts for real: gunicorn app servers on loopback sharing a Debian
PostgreSQL and a Debian redis-server, each started for these tests and stopped by them.

- The app servers are stateless: a release published through one is served by the other
  on the next request.

Faults (a database or cache stopped, killed or frozen) are in test_faults.py.
"""

import http.cookiejar
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.services import ROOT, start_app_server, start_postgres, start_redis

pytestmark = pytest.mark.servers

PASSWORD = "a long editor passphrase"


def get(url: str, opener=None, timeout: float = 15) -> tuple[int, str, dict]:
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=timeout) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def timed(url: str) -> tuple[int, float]:
    start = time.monotonic()
    status, _, _ = get(url)
    return status, time.monotonic() - start


def manage(env: dict, *args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, **options)


class BehindTLS(http.cookiejar.DefaultCookiePolicy):
    """Secure cookies go back to the app server, as they do through a load balancer that
    ends TLS and says so with X-Forwarded-Proto."""

    def return_ok_secure(self, cookie, request):
        return True


class Editor:
    """An editor's browser session, as it reaches an app server behind a TLS-ending load
    balancer: cookies, the CSRF token, forms."""

    HEADERS = {"X-Forwarded-Proto": "https"}

    def __init__(self, base: str, username: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar(BehindTLS())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.addheaders = list(self.HEADERS.items())
        self.post("/admin/login/?next=/admin/", {"username": username, "password": PASSWORD})

    def post(self, path: str, fields: dict, token: str | None = None) -> tuple[int, str]:
        token = token or self.token(path)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        secure_origin = self.base.replace("http://", "https://")
        request = urllib.request.Request(self.base + path, data=data,
                                         headers={"Referer": secure_origin + path})
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, path: str) -> str:
        """The CSRF token of the form at `path`."""
        _, form, _ = get(self.base + path, self.opener)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """Two app servers, one PostgreSQL, one Redis."""
    postgres, redis = start_postgres(), start_redis()
    services = {"DATABASE_URL": postgres.url, "CACHE_URL": redis.url}
    one, env, stop_one = start_app_server(tmp_path_factory.mktemp("one"), services)
    two, _, stop_two = start_app_server(tmp_path_factory.mktemp("two"), services, prepare=False)
    manage({**env, "DJANGO_EDITOR_PASSWORD": PASSWORD}, "createeditor", "ada", "--noinput",
           check=True)
    yield one, two, env
    stop_one()
    stop_two()
    postgres.remove()
    redis.remove()


def test_a_release_published_through_one_server_is_served_by_the_other(shared):
    one, two, env = shared
    for base in (two, one, two):  # both have rendered and cached What changed
        status, html, _ = get(base + "/en/changes/")
        assert status == 200 and 'id="release-1"' in html and 'id="release-2"' not in html
    manage(env, "shell", "--no-imports", "-c",
           "from systems.models import Source; s = Source.objects.get(key='sander-2018'); "
           "s.note = 'Read again.'; s.save()", check=True)  # a change in the draft
    status, page = Editor(one, "ada").post("/admin/releases/release/add/", {
        "kind": "minor", "note_en": "Published through the first app server."})
    assert status == 200 and "Release 2 is published" in page
    status, html, _ = get(two + "/en/changes/")
    assert status == 200 and 'id="release-2"' in html
    assert "Published through the first app server." in html
    _, api, _ = get(two + "/api/v1/simulate?rules=2")
    assert json.loads(api)["systems"]
