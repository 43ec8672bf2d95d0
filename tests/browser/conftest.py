"""Browser tests: Debian's Chromium, driven by Playwright, against a real gunicorn server.

The server runs as in production (DEBUG off, whitenoise, manifest static files) on a
throwaway SQLite database loaded from the shipped fixtures.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Playwright's sync API runs an event loop; the tests themselves never touch the database.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "browser-tests",
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost", "DJANGO_SECURE_SSL_REDIRECT": "0",
           "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
           "DJANGO_STATIC_ROOT": str(root / "static"),
           "DJANGO_SETTINGS_MODULE": "explainer.settings"}

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args, "-v0"], env=env, cwd=ROOT,
                       check=True)

    manage("migrate", "--noinput")
    manage("loaddata", *settings.RULE_FIXTURES)
    manage("collectstatic", "--noinput")
    port = free_port()
    log = open(root / "gunicorn.log", "w")  # noqa: SIM115 (closed at teardown)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "explainer.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--access-logfile", "-"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((root / "gunicorn.log").read_text()) from None
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Browser tests need Debian's chromium: apt-get install chromium "
                    "(.ci/run does this).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, server, **options):
    context = browser.new_context(base_url=server, **options)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return context, page


@pytest.fixture
def page(browser, server):
    context, page = open_page(browser, server)
    yield page
    context.close()
    assert page.errors == [], "console errors"


@pytest.fixture
def page_without_js(browser, server):
    context, page = open_page(browser, server, java_script_enabled=False)
    yield page
    context.close()
