import pytest
from django.conf import settings
from django.core.management import call_command

from systems import engine
from systems.record import Record


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the real fixtures: tests check the data we ship."""
    with django_db_blocker.unblock():
        call_command("loaddata", *settings.RULE_FIXTURES, verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_rules():
    """A test that edits rules must not leave its snapshot behind for the next one."""
    yield
    engine.clear_cache()


@pytest.fixture
def run(django_db_blocker):
    """Evaluate a record given as parameters: run(loan_arrears=3)["rongcheng"]."""
    with django_db_blocker.unblock():
        engine.snapshot()

    def evaluate(**params):
        return engine.evaluate(Record.parse(params))

    return evaluate
