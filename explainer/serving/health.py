"""Probes for load balancers and orchestrators: /healthz (the process answers) and /readyz
(it can reach the database; the cache is reported, not required).

`ProbeMiddleware`, first in MIDDLEWARE, answers them before anything else runs: a probe
arrives by IP address over plain HTTP (from a load balancer or a container's own
healthcheck), so it must not meet the Host check (400) or the HTTPS redirect (301).

/readyz fails only on the database. The cache is shared by every app server: were it to
count, one Redis outage would mark every server unready at once and a load balancer would
take the whole site away, although each server can serve without the cache (slower). Its
state is in the body instead, for monitoring. Both checks are bounded: the database by its
deadline (settings.DATABASE_TIMEOUT, or at once while its breaker is open), the cache by
its socket timeout (or at once while its breaker is open).
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .middleware import hardened


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answering (touches neither the database nor the cache)."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to serve readers: a database round trip works (else 503). The cache's state
    is reported beside it."""
    database, cache_state = check_database(), check_cache()
    ready = database["status"] == "ok"
    body = {"status": "ready" if ready else "unavailable",
            "database": database, "cache": cache_state}
    if not ready:
        body["failed"] = {"database": database["error"]}
    return JsonResponse(body, status=200 if ready else 503)


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 (any failure means not ready)
        return {"status": "unavailable", "error": type(error).__name__,
                **breaker_report("explainer.serving.postgresql.base")}
    return {"status": "ok"}


def check_cache() -> dict:
    if not getattr(settings, "CACHE_URL", ""):
        return {"status": "ok", "kind": "local memory"}
    try:
        key, value = f"readyz:{secrets.token_hex(8)}", secrets.token_hex(8)
        cache.set(key, value, 10)
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return what was stored")
        cache.delete(key)
    except Exception as error:  # noqa: BLE001
        return {"status": "unavailable", "error": type(error).__name__,
                "effect": "pages are served without the cache",
                **breaker_report("explainer.serving.redis")}
    return {"status": "ok"}


def breaker_report(module: str) -> dict:
    """The breaker's state, when that backend is the one configured (imported)."""
    import sys
    found = sys.modules.get(module)
    return {"breaker": found.breaker.report()} if found else {}


PROBES = {"/healthz": healthz, "/readyz": readyz}


class ProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path)
        if probe is None:
            return self.get_response(request)
        # With the headers every response carries (the middleware that adds them is below).
        return hardened(request, probe(request))
