"""Settings for the China credit systems explainer.

Everything that differs between a laptop and production comes from the environment:
DJANGO_DEBUG, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL (SQLite by default;
postgres://... in production), CACHE_URL (local memory by default; redis://... shared by
every app server). The defaults are safe for development only; with DJANGO_DEBUG=0 a
missing secret key or host list stops start-up instead of running insecurely.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}")


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "development-only-not-secret"

ALLOWED_HOSTS = [
    host.strip() for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if host.strip()
]
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]

INSTALLED_APPS = [
    "systems.editing.apps.EditorsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "corsheaders",
    "simple_history",
    "axes",
    "systems",
    "systems.commercial",
    "systems.blacklists",
    "systems.pilots",
    "systems.nosedive",
    "systems.timeline",
    "systems.releases",
    "systems.editing.apps.EditingConfig",
    "explainer",
    "explainer.lessons",
    "explainer.translations",
]

MIDDLEWARE = [
    "explainer.serving.middleware.RequestLimitsMiddleware",
    # /healthz and /readyz, answered before the Host check and the HTTPS redirect.
    "explainer.serving.health.ProbeMiddleware",
    # Whole responses from the cache, final headers and all: a hit skips everything below.
    "explainer.serving.cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "explainer.serving.middleware.PermissionsPolicyMiddleware",
    "explainer.serving.middleware.CrossOriginResourcePolicyMiddleware",
    "explainer.serving.middleware.StaticContentSecurityPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "explainer.serving.cache.CompressionMiddleware",
    "explainer.serving.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The data this request reads: the published release, or an editor's draft preview.
    "explainer.serving.middleware.EditionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "explainer.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "explainer.context_processors.chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "explainer.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A database that is down or hangs must cost a reader seconds, not minutes: a page from
# the cache or a 503 within 5 seconds (explainer/serving/postgresql/base.py). Each wait for
# the server gives up after DATABASE_TIMEOUT seconds (0: never), and then this process
# leaves the database alone for DATABASE_RETRY_SECONDS before one request tries again.
DATABASE_TIMEOUT = float(os.environ.get("DATABASE_TIMEOUT", "3"))
DATABASE_RETRY_SECONDS = float(os.environ.get("DATABASE_RETRY_SECONDS", "5"))
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["ENGINE"] = "explainer.serving.postgresql"
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["connect_timeout"] = 3  # a new connection, the whole handshake
    if DATABASE_TIMEOUT:
        # The server cancels a query that is merely slow (a lock, an overload) half a
        # second before the client stops waiting, so the connection stays usable.
        server_ms = max(500, int(DATABASE_TIMEOUT * 1000) - 500)
        options["options"] = (f"-c statement_timeout={server_ms} "
                               f"-c lock_timeout={server_ms} "
                               f"-c idle_in_transaction_session_timeout=60000")
        # A peer that vanished (a host down, a network dropping packets): unacknowledged
        # data fails after this long, and idle connections are probed.
        options.update(tcp_user_timeout=int(DATABASE_TIMEOUT * 1000), keepalives=1,
                       keepalives_idle=10, keepalives_interval=2, keepalives_count=3)

# The cache: local memory per process by default; CACHE_URL=redis://host:port/db shares it
# between every worker and every app server (Django's own Redis backend).
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {
        "BACKEND": "explainer.serving.redis.RedisCache",  # Django's, with a breaker
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cce"),
        "TIMEOUT": 24 * 3600,
        # Redis answers in well under a millisecond: half a second means it is in trouble,
        # and then the breaker (explainer/serving/redis.py) leaves it alone for
        # CACHE_RETRY_SECONDS, so each process waits out at most one such timeout.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }}
elif CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL must start with redis:// (or be empty), not "
                               f"{CACHE_URL[:20]!r}.")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "LOCATION": "explainer", "TIMEOUT": 24 * 3600,
                          "OPTIONS": {"MAX_ENTRIES": 5000}}}

CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", "30"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling for the admin
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
# A lock is there to slow guessing, not to keep an editor out: five tries a quarter of an
# hour is under 500 a day per address, hopeless against a 12-character password that is
# not a common one, while an editor caught by it (or sharing an office address with
# whoever tripped it) waits a coffee break, not an hour.
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
# Ours, so that it says how long and is in our catalogues (axes has no Dutch).
AXES_COOLOFF_MESSAGE = _("Signing in is locked for 15 minutes after five wrong passwords. "
                         "Try again after that, or ask an administrator to unlock it.")
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Lock on the client's own address, not on our proxy's (explainer/serving/addresses.py).
# (axes' AXES_IPWARE_* settings would need django-ipware, which is not installed: without
# it axes silently keys on REMOTE_ADDR.)
AXES_CLIENT_IP_CALLABLE = "explainer.serving.addresses.client_address"
# How many proxies of ours stand in front of gunicorn, each appending to X-Forwarded-For
# the address it was reached from: 1 for nginx (`make serve`), 2 with a load balancer in
# front of nginx, 0 when clients reach gunicorn directly (their header is then ignored).
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1"))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # At least 12 characters (OWASP ASVS 4.0, level 1, requirement 2.1.1).
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Only editors sign in, at the admin: after a login whose `next=` is refused (another
# site), go to the admin, not to Django's default /accounts/profile/ (a 404 here).
LOGIN_REDIRECT_URL = "admin:index"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers per language (explainer/formats/: English dates as "6 December 2026").
FORMAT_MODULE_PATH = ["explainer.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# Sources and rules not checked for this many months are due for review.
REVIEW_AFTER_MONTHS = int(os.environ.get("DJANGO_REVIEW_MONTHS", "12"))
# A major release needs a second editor's approval; a one-person site may let the
# proposer approve their own (recorded as such on the release).
RELEASE_SELF_APPROVAL = env_bool("DJANGO_RELEASE_SELF_APPROVAL", False)
# The fixtures `make run` and the tests load, in dependency order.
RULE_FIXTURES = ["sources", "commercial", "blacklists", "pilots", "nosedive", "personas",
                 "timeline", "memorandums"]

# Strict CSP: scripts only from our own files (no inline script, so no per-response nonce
# and responses stay cacheable); no inline styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    # Plus the hashes of the inline stylesheets (explainer/serving/styles.py).
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    # Only embeds may be framed (explainer/embeds/http.py opens them to everyone).
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Nothing on the site needs a device or a sensor; only the embed builder copies text.
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                      "magnetometer=(), microphone=(), payment=(), usb=(), "
                      "interest-cohort=(), browsing-topics=(), clipboard-write=(self)")
# How long a rendered page stays in the cache; any data change replaces it sooner.
# Whole pages are cached this long (or until the data or the code changes); not while
# developing (DEBUG), where templates change under a running server.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if DEBUG else str(24 * 3600)))
# A query string longer than this is refused at once (414); no page needs more.
MAX_QUERY_STRING = 2048

# CORS: open for reading the API and the embeds (htmx requests from a sandboxed frame come
# from the "null" origin), nothing else.
from corsheaders.defaults import default_headers  # noqa: E402

CORS_URLS_REGEX = r"^/(api|embed)/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = [*default_headers, "hx-request", "hx-target", "hx-current-url",
                      "hx-trigger", "hx-trigger-name", "hx-boosted"]
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix: browsers accept these cookies only when Secure, for path /, with
    # no Domain, so no subdomain or plain-HTTP page can plant or overwrite them (a CDN
    # must pass requests carrying __Host-sessionid through uncached).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]  # preload turned off on purpose

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"one_line": {"()": "explainer.serving.logging.OneLineFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Probes with a bad Host header are routine on the internet: one line, no traceback.
        "one_line": {"class": "logging.StreamHandler", "formatter": "one_line"},
    },
    "loggers": {"django.security.DisallowedHost": {"handlers": ["one_line"],
                                                   "propagate": False}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
