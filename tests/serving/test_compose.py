"""compose.yaml and the Dockerfile cannot run here (no containers), so this checks that they
say what the code reads: every variable they set is one the settings or gunicorn read,
the addresses point at the services they name, and the probes and commands exist."""

import os
import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
import yaml

from tests.services import ROOT

COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
READERS = [ROOT / "explainer" / "settings.py", ROOT / "explainer" / "gunicorn.conf.py"]
REQUIRED = {"DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL",
            "CACHE_URL"}


def variables_read() -> set[str]:
    names = set()
    for path in READERS:
        text = path.read_text()
        names |= set(re.findall(r'(?:os\.environ\.get|env_bool)\(\s*"([A-Z_]+)"', text))
        if "dj_database_url.config(" in text:
            names.add("DATABASE_URL")  # dj-database-url reads it by that name
    return names


def resolved(environment: dict) -> dict:
    """The environment with ${NAME:?...} and ${NAME:-default} filled in as compose would."""
    given = {"DJANGO_SECRET_KEY": "s" * 50, "DJANGO_ALLOWED_HOSTS": "example.org",
             "POSTGRES_PASSWORD": "pw"}

    def fill(match):
        name, default = match[1], match[3] or ""
        return given.get(name, default)

    return {key: re.sub(r"\$\{([A-Z_]+)(:[?-]([^}]*))?\}", fill, str(value))
            for key, value in environment.items()}


@pytest.mark.parametrize("service", ["web", "setup"])
def test_the_app_services_set_only_what_the_code_reads_and_all_it_needs(service):
    environment = SERVICES[service]["environment"]
    assert set(environment) <= variables_read(), "a variable nothing reads"
    assert set(environment) >= REQUIRED
    assert environment["DJANGO_DEBUG"] == "0"


def test_the_addresses_point_at_the_services_and_their_credentials():
    env = resolved(SERVICES["web"]["environment"])
    database, db = urlsplit(env["DATABASE_URL"]), SERVICES["db"]["environment"]
    assert database.scheme == "postgres" and database.hostname == "db"
    assert database.port == 5432 and database.username == db["POSTGRES_USER"]
    assert database.path == "/" + db["POSTGRES_DB"]
    assert database.password == resolved(db)["POSTGRES_PASSWORD"]
    cache = urlsplit(env["CACHE_URL"])
    assert cache.scheme == "redis" and cache.hostname == "cache" and cache.port == 6379
    assert SERVICES["db"]["image"].startswith("postgres:")
    assert SERVICES["cache"]["image"].startswith("redis:")


def test_the_settings_accept_the_app_environment():
    env = {**os.environ, **resolved(SERVICES["web"]["environment"])}
    code = ("from django.conf import settings as s; import django; django.setup(); "
            "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
            "s.DEBUG, s.ALLOWED_HOSTS)")
    out = subprocess.run([sys.executable, "-c", code], env={
        **env, "DJANGO_SETTINGS_MODULE": "explainer.settings"}, cwd=ROOT, capture_output=True,
        text=True, check=True).stdout
    assert out.split() == ["django.db.backends.postgresql",
                           "django.core.cache.backends.redis.RedisCache", "False",
                           "['example.org']"]


def test_web_runs_gunicorn_as_make_serve_does_and_is_probed_by_readyz():
    web = SERVICES["web"]
    assert web["command"][:4] == ["gunicorn", "explainer.wsgi", "-c",
                                  "explainer/gunicorn.conf.py"]
    port = web["environment"]["BIND"].rsplit(":", 1)[1]
    assert web["ports"] == [port]
    probe = " ".join(web["healthcheck"]["test"])
    assert f"127.0.0.1:{port}/readyz" in probe
    assert web["depends_on"]["setup"]["condition"] == "service_completed_successfully"


def test_setup_migrates_and_seeds_once_per_deploy():
    command = " ".join(SERVICES["setup"]["command"])
    assert "manage.py migrate" in command and "manage.py seed" in command
    assert (ROOT / "systems" / "management" / "commands" / "seed.py").exists()


def test_the_image_installs_the_project_and_collects_static_files():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.1[2-9]", dockerfile, re.M)
    assert "pip install" in dockerfile and "collectstatic" in dockerfile
    assert "explainer/gunicorn.conf.py" in dockerfile
