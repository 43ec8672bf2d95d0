import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from systems import engine
from systems.record import Record
from tests.services import start_app_server


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the real fixtures: tests check the data we ship."""
    with django_db_blocker.unblock():
        call_command("loaddata", *settings.RULE_FIXTURES, verbosity=0, by="tests",
                     reason="The shipped fixtures")
        call_command("publish_release", first=True, verbosity=0, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _fresh_rules(settings):
    """Pages are cached as in production (not as while developing, where DEBUG turns the
    page cache off); a test that edits rules must not leave its snapshot or pages behind
    for the next. Each test starts in the default language: a request to /nl/ leaves Dutch
    active in its thread (as Django's LocaleMiddleware does), which `reverse` would read."""
    translation.activate(settings.LANGUAGE_CODE)
    settings.PAGE_CACHE_SECONDS = 24 * 3600
    yield
    engine.clear_cache()
    from django.core.cache import cache
    cache.clear()


@pytest.fixture
def run(django_db_blocker):
    """Evaluate a record given as parameters: run(loan_arrears=3)["rongcheng"]."""
    with django_db_blocker.unblock():
        engine.snapshot()

    def evaluate(**params):
        return engine.evaluate(Record.parse(params))

    return evaluate


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The site on gunicorn, as in production (tests/services.py)."""
    url, _env, stop = start_app_server(tmp_path_factory.mktemp("site"))
    yield url
    stop()
