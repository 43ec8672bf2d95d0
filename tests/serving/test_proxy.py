"""nginx in front of gunicorn, as `make serve` and compose.yaml run it
(deploy/nginx.conf.template), checked with the real nginx in front of the suite's gunicorn.

gunicorn's threads each serve one connection until its request has arrived; nginx reads
whole requests first, with short timeouts, so clients that send slowly (by accident or on
purpose) never reach gunicorn. Everything else must pass through unchanged: the app's own
compression, ETags, caching and security headers, static files, and the client's address.
"""

import contextlib
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import pytest

from tests.services import ROOT, start_proxy

pytestmark = pytest.mark.servers

RECORD = "court_judgment=refused&loan_arrears=3&residence=rongcheng&opted_in=1"
# Headers that are the connection's, or the server's own, and so differ by design.
OWN = {"date", "server", "connection", "keep-alive"}


@pytest.fixture(scope="module")
def proxy(server, tmp_path_factory):
    """nginx in front of the session's gunicorn (tests/conftest.py): its URL and log."""
    root = tmp_path_factory.mktemp("proxy")
    url, stop = start_proxy(server, root)
    yield url, root / "nginx.log"
    stop()


def request(base: str, path: str, headers: dict | None = None, method: str = "GET",
            body: bytes | None = None, timeout: float = 10):
    """(status, headers as a sorted list without the connection's own, body)."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"Host": "localhost",
                                                              **(headers or {})})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    kept = sorted((name.lower(), value) for name, value in response.getheaders()
                  if name.lower() not in OWN)
    return response.status, kept, body


class SlowClient(threading.Thread):
    """Sends `data` one byte every `pause` seconds, until the server closes the
    connection (or answers); `closed_after` is then how long that took."""

    def __init__(self, port: int, data: bytes, first: int = 1, pause: float = 2):
        super().__init__(daemon=True)
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.settimeout(pause)
        self.data, self.sent, self.pause = data, first, pause
        self.answer = b""
        self.closed_after = None
        self.stop = threading.Event()
        self.sock.sendall(data[:first])
        self.started = time.monotonic()

    def run(self):
        try:
            while not self.stop.is_set():
                try:
                    self.answer = self.sock.recv(4096)
                    break  # the server answered or closed (b"")
                except TimeoutError:
                    if self.sent < len(self.data):
                        self.sock.sendall(self.data[self.sent:self.sent + 1])
                        self.sent += 1
            else:
                return
        except OSError:  # reset by the server (nginx's reset_timedout_connection)
            pass
        self.closed_after = time.monotonic() - self.started



def close(clients: list[SlowClient]) -> None:
    for client in clients:
        client.stop.set()
        with contextlib.suppress(OSError):
            client.sock.shutdown(socket.SHUT_RDWR)  # wakes its thread at once
    for client in clients:
        client.join(5)
        client.sock.close()


def slow_headers(port: int) -> SlowClient:
    """A request whose header would take minutes to arrive at a byte every 2 s."""
    return SlowClient(port, b"GET /en/systems/ HTTP/1.1\r\nHost: localhost\r\n"
                            b"User-Agent: slow and steady\r\n\r\n")


def timed_reads(base: str, count: int, pause: float = 0.2) -> list[float]:
    """Seconds each of `count` ordinary page requests took (20 s for no answer at all)."""
    times = []
    for _ in range(count):
        started = time.monotonic()
        try:
            status, _, _ = request(base, "/en/systems/", timeout=20)
            assert status == 200
            times.append(time.monotonic() - started)
        except TimeoutError:
            times.append(20.0)
        time.sleep(pause)
    return times


def test_slow_clients_do_not_delay_other_readers_and_never_reach_gunicorn(proxy):
    url, log = proxy
    port = urlsplit(url).port
    request(url, "/en/systems/")  # rendered and cached once, as for any reader
    # 16 clients sending their headers a byte every 2 s, and 4 that stop half-way through a
    # form's body. Straight to gunicorn, they would hold all 4 of its threads (2 workers ×
    # 2 threads here): see the next test.
    slow = [slow_headers(port) for _ in range(16)]
    body = (b"POST /en/?slow-body HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n\r\nname=")
    stalled = [SlowClient(port, body, first=len(body), pause=20) for _ in range(4)]
    for client in slow + stalled:
        client.start()
    try:
        times = timed_reads(url, 20)
        for client in slow + stalled:
            client.join(20)
    finally:
        close(slow + stalled)
    # Each a few milliseconds when the machine is quiet; stalled, they would wait 10 s or
    # more (until nginx dropped the slow clients), so 2 s leaves room for a busy machine.
    assert max(times) < 2, f"ordinary requests took up to {max(times):.1f} s"
    # nginx itself ends them: the whole header within client_header_timeout, no pause in a
    # body longer than client_body_timeout (10 s each), without an answer from the app.
    for client in slow + stalled:
        assert client.closed_after is not None and 9 < client.closed_after < 20
        assert client.answer == b""
    deadline = time.monotonic() + 5  # nginx writes its log at least every second
    while True:
        lines = [line for line in log.read_text().splitlines() if "POST /en/?slow-body" in line]
        if len(lines) >= 4 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert len(lines) == 4
    for line in lines:  # 408, and no upstream time: gunicorn never saw the request
        assert re.search(r'" 408 0 [\d.]+ - "', line), line


def test_the_same_slow_clients_stall_gunicorn_without_nginx(server):
    """Why nginx is there: gunicorn alone gives each connection a thread while its
    request arrives, so a few slow clients hold every thread and nobody else is answered
    (measured here: 16 of them, every other request waits until they give up)."""
    slow = [slow_headers(urlsplit(server).port) for _ in range(16)]
    for client in slow:
        client.start()
    try:
        time.sleep(0.5)
        with pytest.raises(TimeoutError):
            request(server, "/en/systems/", timeout=2)
    finally:
        close(slow)
    assert max(timed_reads(server, 1)) < 5  # and it recovers once they are gone


PAGES = ["/en/", f"/en/misconceptions/one-system/?{RECORD}", f"/embed/compare/?{RECORD}",
         f"/api/v1/simulate?{RECORD}", "/api/v1/rules.csv", "/en/no-such-page/"]


@pytest.mark.parametrize("encoding", ["br, gzip", "gzip", ""])
def test_pages_pass_through_byte_for_byte_with_their_headers(proxy, server, encoding):
    for path in PAGES:
        headers = {"Accept-Encoding": encoding}
        direct, proxied = request(server, path, headers), request(proxy[0], path, headers)
        assert proxied == direct, path
        status, kept, _ = proxied
        names = dict(kept)
        assert names.get("content-encoding", "") == encoding.partition(",")[0], path
        assert "accept-encoding" in names["vary"].lower()
        assert names["x-content-type-options"] == "nosniff"
        assert "content-security-policy" in names and "cross-origin-resource-policy" in names
        if status == 200:
            assert names["cache-control"].startswith("public") and names["etag"]


def test_a_revalidation_gets_the_apps_304(proxy, server):
    status, headers, _ = request(proxy[0], "/en/", {"Accept-Encoding": "br"})
    etag = dict(headers)["etag"]
    asked = {"Accept-Encoding": "br", "If-None-Match": etag}
    assert request(proxy[0], "/en/", asked) == request(server, "/en/", asked)
    assert request(proxy[0], "/en/", asked)[0] == 304


def test_static_files_come_from_gunicorn_unchanged(proxy, server):
    _, _, page = request(server, "/en/misconceptions/one-system/")
    path = re.search(rb'<link rel="stylesheet" href="([^"]+/widget\.[^"]+)"', page)[1].decode()
    for encoding in ("br, gzip", ""):
        direct = request(server, path, {"Accept-Encoding": encoding})
        assert request(proxy[0], path, {"Accept-Encoding": encoding}) == direct
        assert "immutable" in dict(direct[1])["cache-control"]


def test_the_scheme_is_the_load_balancers_or_else_nginxs_own(proxy):
    # HSTS is sent only on a request the app sees as HTTPS (X-Forwarded-Proto: https).
    _, plain, _ = request(proxy[0], "/en/sources/")
    _, secure, _ = request(proxy[0], "/en/sources/", {"X-Forwarded-Proto": "https"})
    assert "strict-transport-security" not in dict(plain)
    assert "max-age" in dict(secure)["strict-transport-security"]


@pytest.mark.parametrize("header", [{"X-Forwarded-Ssl": "on"}, {"X-Forwarded-Protocol": "ssl"},
                                    {"SCRIPT_NAME": "/elsewhere"}])
def test_what_gunicorn_takes_from_a_trusted_proxy_never_comes_from_a_client(proxy, header):
    """gunicorn trusts nginx for the scheme and SCRIPT_NAME (a prefix for every link);
    sent straight to it from loopback, these change the page, or break it. Through nginx,
    the page is the one everybody gets."""
    assert request(proxy[0], "/en/sources/", header) == request(proxy[0], "/en/sources/")


def test_a_large_form_is_buffered_whole_and_passed_on(proxy, server):
    """Bodies over nginx's 64 KB in memory go to its temporary files, which its workers
    must be able to write (or nginx answers 500); then the app answers, as it would
    without nginx."""
    body = b"x=" + b"y" * 200_000
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    direct = request(server, "/en/", headers, method="POST", body=body)
    assert request(proxy[0], "/en/", headers, method="POST", body=body) == direct
    assert direct[0] == 403  # the app's: a form without its CSRF token


def test_the_client_address_is_the_one_nginx_saw_not_a_forged_entry(proxy, server):
    """nginx appends the address it was reached from to X-Forwarded-For, and the app
    trusts that last entry (DJANGO_PROXY_COUNT=1): login throttling (django-axes) keys on
    it. Here, through nginx, every attempt claims another address in the header."""
    username = f"nobody-{secrets.token_hex(4)}"

    def log_in(base: str, forwarded: str) -> int:
        status, headers, page = request(base, "/admin/login/")
        cookie = next(value.split(";")[0] for name, value in headers
                      if name == "set-cookie" and "csrftoken=" in value)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1].decode()
        form = f"csrfmiddlewaretoken={token}&username={username}&password=wrong+guess"
        return request(base, "/admin/login/", {
            "Cookie": cookie, "X-Forwarded-For": forwarded,
            "Content-Type": "application/x-www-form-urlencoded"},
            method="POST", body=form.encode())[0]

    statuses = [log_in(proxy[0], f"198.51.100.{n}") for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks
    assert log_in(proxy[0], "203.0.113.9") == 429  # a new forged address changes nothing
    # Straight to gunicorn, a request may say what nginx would have appended: the lock is
    # on exactly the address nginx saw (127.0.0.1 here), and on no other.
    assert log_in(server, "127.0.0.1") == 429
    assert log_in(server, "203.0.113.9") == 200


@pytest.mark.parametrize(("given", "expected"), [
    (None, {"control_socket_disable": "True"}),
    ("/run/explainer/gunicorn.ctl", {"control_socket": "/run/explainer/gunicorn.ctl",
                                     "control_socket_disable": "False"}),
])
def test_each_gunicorn_has_its_own_control_socket_or_none(given, expected):
    """gunicorn's default, ~/.gunicorn/gunicorn.ctl, is shared by every server a user runs
    on the host (one removed it from under another); `make serve` gives each its own."""
    env = {key: value for key, value in os.environ.items() if key != "GUNICORN_CONTROL_SOCKET"}
    if given:
        env["GUNICORN_CONTROL_SOCKET"] = given
    printed = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", "-c", "explainer/gunicorn.conf.py",
         "explainer.wsgi"], env=env, cwd=ROOT, capture_output=True, text=True,
        check=True).stdout
    settings = dict(re.findall(r"^(control_socket\w*)\s+= (.*)$", printed, re.M))
    assert expected.items() <= settings.items()


def test_with_gunicorn_gone_nginx_says_back_soon_with_our_headers(tmp_path):
    """A 503 with Retry-After and the security headers, as the app's own outage page, not
    nginx's bare 502 (gunicorn restarting, or stopped)."""
    from tests.services import free_port
    url, stop = start_proxy(f"http://127.0.0.1:{free_port()}", tmp_path)  # nothing there
    try:
        status, headers, body = request(url, "/en/")
    finally:
        stop()
    headers = dict(headers)
    assert status == 503 and b"Back soon" in body
    assert headers["retry-after"] == "30" and headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cross-origin-resource-policy"] == "same-origin"
