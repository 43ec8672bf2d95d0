"""Production's moving parts for real: gunicorn app servers on loopback sharing a Debian
PostgreSQL and a Debian redis-server, each started for these tests and stopped by them.

- The app servers are stateless: a release published through one is served by the other
  on the next request.
- /readyz answers 503 when the database or the cache is unreachable, and recovers.
- With the database stopped, pages that need it answer 503 quickly, and come back with it;
  a write cut off half-way leaves nothing behind.
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

from tests.helpers import PAID
from tests.services import ROOT, start_app_server, start_postgres, start_redis

PASSWORD = "a long editor passphrase"


def get(url: str, opener=None) -> tuple[int, str, dict]:
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=15) as response:
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

    def post(self, path: str, fields: dict) -> tuple[int, str]:
        _, form, _ = get(self.base + path, self.opener)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        secure_origin = self.base.replace("http://", "https://")
        request = urllib.request.Request(self.base + path, data=data,
                                         headers={"Referer": secure_origin + path})
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


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
        "kind": "minor", "note": "Published through the first app server."})
    assert status == 200 and "Release 2 is published" in page
    status, html, _ = get(two + "/en/changes/")
    assert status == 200 and 'id="release-2"' in html
    assert "Published through the first app server." in html
    _, api, _ = get(two + "/api/v1/simulate?rules=2")
    assert json.loads(api)["systems"]


@pytest.fixture(scope="module")
def alone(tmp_path_factory):
    """One app server with a PostgreSQL and a Redis of its own, for stopping them."""
    postgres, redis = start_postgres(), start_redis()
    base, env, stop = start_app_server(tmp_path_factory.mktemp("alone"),
                                       {"DATABASE_URL": postgres.url, "CACHE_URL": redis.url})
    yield base, env, postgres, redis
    stop()
    postgres.remove()
    redis.remove()


def ready(base: str) -> tuple[int, dict]:
    status, body, _ = get(base + "/readyz")
    return status, json.loads(body)


def test_readyz_fails_when_the_cache_is_down_and_pages_go_on_without_it(alone):
    base, _, _, redis = alone
    assert ready(base) == (200, {"status": "ready"})
    redis.stop()
    try:
        status, body = ready(base)
        assert status == 503 and body["failed"] == {"cache": "ConnectionError"}
        assert get(base + "/healthz")[0] == 200
        status, seconds = timed(base + f"/en/misconceptions/one-system/?{PAID}")
        assert status == 200 and seconds < 5  # rendered without the cache
    finally:
        redis.start()
    assert ready(base)[0] == 200


def test_with_the_database_stopped_pages_answer_503_quickly_and_recover(alone):
    base, _, postgres, _ = alone
    assert get(base + "/en/misconceptions/points/?loan_arrears=4")[0] == 200
    postgres.stop()
    try:
        time.sleep(6)  # past the data version's few seconds in the cache
        status, body = ready(base)
        assert status == 503 and "database" in body["failed"]
        for query in ("loan_arrears=5", "late_bills=3"):  # never rendered before
            status, seconds = timed(base + f"/en/misconceptions/points/?{query}")
            assert status == 503 and seconds < 5
        status, html, headers = get(base + "/en/misconceptions/points/?late_bills=3")
        assert "Back soon" in html and headers["Retry-After"] == "30"
        assert get(base + "/healthz")[0] == 200
    finally:
        postgres.start()
    deadline = time.monotonic() + 30
    while ready(base)[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert ready(base)[0] == 200
    assert get(base + "/en/misconceptions/points/?late_bills=3")[0] == 200


def test_a_load_cut_off_by_the_database_stopping_leaves_nothing_behind(alone, tmp_path):
    base, env, postgres, _ = alone
    count = ("from systems.models import Source; from systems.releases.models import "
             "DataVersion as V; from simple_history.utils import get_history_model_for_model "
             "as h; print(Source.objects.count(), V.objects.get().number, "
             "h(Source).objects.count())")
    before = manage(env, "shell", "--no-imports", "-c", count, check=True).stdout
    fixture = tmp_path / "many-sources.json"
    fixture.write_text(json.dumps([
        {"model": "systems.source", "fields": {
            "key": f"bulk-{i}", "title": f"Bulk source {i}", "outlet": "Test outlet",
            "url": f"https://example.org/{i}", "published": "2020", "status": "reported",
            "kind": "press",
            "checked": "2026-11-25"}} for i in range(4000)]))
    load = subprocess.Popen([sys.executable, "manage.py", "loaddata", str(fixture),
                             "--reason", "Many sources"], env=env,
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_writes(postgres)
        postgres.stop("immediate")  # mid-transaction, as a crash would
        _, error = load.communicate(timeout=60)
    finally:
        postgres.start()
    assert load.returncode != 0 and error
    after = manage(env, "shell", "--no-imports", "-c", count, check=True).stdout
    assert after == before  # no source, no version step, no history row


def wait_for_writes(postgres) -> None:
    """Until a transaction that has begun inserting is open on the server."""
    query = ("select count(*) from pg_stat_activity where xact_start is not null and "
             "query ilike 'insert%' and pid <> pg_backend_pid()")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        out = subprocess.run([*postgres.as_user, pg_bin_psql(), "-h", "127.0.0.1", "-p",
                              str(postgres.port), "-U", "postgres", "-Atc", query],
                             capture_output=True, text=True).stdout.strip()
        if out and out != "0":
            return
        time.sleep(0.05)
    raise AssertionError("the load never started writing")


def pg_bin_psql() -> str:
    from tests.services import pg_bin
    return pg_bin("psql")
