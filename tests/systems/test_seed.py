"""manage.py seed: the shipped data into an empty database, and never over editors' work."""

import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from systems.models import Source
from tests.services import ROOT


@pytest.mark.django_db
def test_seed_leaves_a_database_with_data_alone():
    source = Source.objects.get(key="clt-rongcheng-measures")
    source.title = "Edited since the last deploy"
    source.save()
    out = io.StringIO()
    call_command("seed", stdout=out)
    assert "nothing loaded" in out.getvalue()
    assert Source.objects.get(key="clt-rongcheng-measures").title == "Edited since the last deploy"


def test_seed_fills_an_empty_database_once(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}

    def manage(*args):
        return subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout

    manage("migrate", "--noinput", "-v0")
    assert "Published release 1" in manage("seed")
    count = "from systems.models import Source; print(Source.objects.count())"
    loaded = int(manage("shell", "--no-imports", "-c", count))
    assert loaded > 50
    assert "nothing loaded" in manage("seed")
    assert int(manage("shell", "--no-imports", "-c", count)) == loaded
