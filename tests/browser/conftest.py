"""Browser tests: Debian's Chromium, driven by Playwright, against the real gunicorn server
of `tests/conftest.py` (`server`)."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Playwright's sync API runs an event loop; the tests themselves never touch the database.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture
def phone(browser, server):
    """A phone: 360 × 740, touch."""
    context = browser.new_context(base_url=server, viewport={"width": 360, "height": 740},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def wordpress(server):
    """A real WordPress from Debian's packages (tests/wordpress.py) whose oEmbed may fetch
    from `server`, which its posts name as localhost: another host than WordPress's own
    127.0.0.1, as a teacher's blog is. `wordpress.url` is its base URL, `wordpress.app`
    the app's, `wordpress.post(url)` publishes a post that embeds `url`."""
    from tests.wordpress import missing, start_wordpress

    problem = missing()
    if problem:
        pytest.fail(f"The WordPress tests need Debian's packages: {problem}")
    site = start_wordpress(server.replace("//127.0.0.1:", "//localhost:"))
    yield site
    site.remove()
