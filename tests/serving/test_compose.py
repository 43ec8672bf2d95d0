"""compose.yaml and the Dockerfile cannot run here (no containers), so this checks that they
say what the code reads: every variable they set is one the settings, gunicorn or the nginx
template read, the addresses point at the services they name, only nginx is published,
and the probes and commands exist. (tests/serving/test_proxy.py runs the same nginx
template for real, in front of gunicorn.)"""

import os
import re
import shutil
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
    # Django's PostgreSQL and Redis backends, or the project's own built on them.
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "from django.db import connection; from django.core.cache import caches; "
            "from django.core.cache.backends.redis import RedisCache; "
            "print(connection.vendor, isinstance(caches['default'], RedisCache), s.DEBUG, "
            "s.ALLOWED_HOSTS, s.PROXY_COUNT)")
    out = subprocess.run([sys.executable, "-c", code], env={
        **env, "DJANGO_SETTINGS_MODULE": "explainer.settings"}, cwd=ROOT, capture_output=True,
        text=True, check=True).stdout
    # One proxy of ours in front of gunicorn (nginx) unless a load balancer is added.
    assert out.split() == ["postgresql", "True", "False", "['example.org']", "1"]


def test_web_runs_gunicorn_as_make_serve_does_unpublished_and_probed_by_readyz():
    web = SERVICES["web"]
    assert web["command"][:4] == ["gunicorn", "explainer.wsgi", "-c",
                                  "explainer/gunicorn.conf.py"]
    port = web["environment"]["BIND"].rsplit(":", 1)[1]
    assert "ports" not in web, "gunicorn must not face clients: nginx is published instead"
    assert web["expose"] == [port]
    probe = " ".join(web["healthcheck"]["test"])
    assert f"127.0.0.1:{port}/readyz" in probe
    assert web["depends_on"]["setup"]["condition"] == "service_completed_successfully"


TEMPLATE = ROOT / "deploy" / "nginx.conf.template"


def test_only_nginx_is_published_and_it_proxies_to_web():
    published = [name for name, service in SERVICES.items() if "ports" in service]
    assert published == ["nginx"]
    nginx = SERVICES["nginx"]
    env = nginx["environment"]
    assert nginx["image"].startswith("nginx:")
    assert nginx["ports"] == [f"{env['PROXY_LISTEN']}:{env['PROXY_LISTEN']}"]
    web_port = SERVICES["web"]["environment"]["BIND"].rsplit(":", 1)[1]
    assert env["PROXY_UPSTREAM"] == f"web:{web_port}"
    assert nginx["depends_on"]["web"]["condition"] == "service_healthy"
    probe = " ".join(nginx["healthcheck"]["test"])
    assert f"127.0.0.1:{env['PROXY_LISTEN']}/healthz" in probe


def test_nginx_renders_the_same_template_as_make_serve():
    """The image renders /etc/nginx/templates/X.template to NGINX_ENVSUBST_OUTPUT_DIR/X,
    filling in the environment's variables whose names start with NGINX_ENVSUBST_FILTER."""
    nginx = SERVICES["nginx"]
    env = nginx["environment"]
    source, target = nginx["volumes"][0].split(":")[:2]
    assert (ROOT / source).resolve() == TEMPLATE
    assert target == "/etc/nginx/templates/nginx.conf.template"
    assert env["NGINX_ENVSUBST_OUTPUT_DIR"] == "/etc/nginx"  # so: /etc/nginx/nginx.conf
    wanted = set(re.findall(r"\$\{([A-Z_]+)\}", TEMPLATE.read_text()))
    given = {name for name in env if name.startswith(env["NGINX_ENVSUBST_FILTER"])}
    assert wanted == given
    assert "deploy/render.py" in (ROOT / "scripts" / "serve").read_text()  # make serve's


def test_the_rendered_configuration_is_one_nginx_accepts(tmp_path):
    """nginx -t (which binds nothing) on the template with compose's values; `web`
    resolves only inside compose, so the upstream is the loopback address here."""
    nginx = shutil.which("nginx", path="/usr/sbin:/usr/bin")
    if nginx is None:
        subprocess.run([str(ROOT / "scripts" / "system-packages"), "nginx"], check=True)
        nginx = shutil.which("nginx", path="/usr/sbin:/usr/bin")
    env = SERVICES["nginx"]["environment"]
    upstream = f"127.0.0.1:{env['PROXY_UPSTREAM'].rsplit(':', 1)[1]}"
    subprocess.run([sys.executable, str(ROOT / "deploy" / "render.py"),
                    str(tmp_path / "nginx.conf"), f"PROXY_LISTEN={env['PROXY_LISTEN']}",
                    f"PROXY_UPSTREAM={upstream}"], check=True)
    test = subprocess.run([nginx, "-t", "-p", f"{tmp_path}/", "-c",
                           str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr


def test_setup_migrates_and_seeds_once_per_deploy():
    command = " ".join(SERVICES["setup"]["command"])
    assert "manage.py migrate" in command and "manage.py seed" in command
    # The secret key's strength (explainer.E001) is checked before anything is written.
    assert command.index("check --deploy --fail-level ERROR") < command.index("migrate")
    assert (ROOT / "systems" / "management" / "commands" / "seed.py").exists()


def test_the_image_installs_the_project_and_collects_static_files():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.1[2-9]", dockerfile, re.M)
    assert "pip install" in dockerfile and "collectstatic" in dockerfile
    assert "explainer/gunicorn.conf.py" in dockerfile
