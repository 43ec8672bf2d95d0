"""Probes for load balancers and orchestrators: /healthz (the process answers) and /readyz
(it can reach the database and the cache).

`ProbeMiddleware`, first in MIDDLEWARE, answers them before anything else runs: a probe
arrives by IP address over plain HTTP (from a load balancer or a container's own
healthcheck), so it must not meet the Host check (400) or the HTTPS redirect (301).
"""

import secrets

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answering (touches neither the database nor the cache)."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to serve readers: a database and a cache round trip both work; else 503."""
    failed = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 (any failure means not ready)
        failed["database"] = type(error).__name__
    try:
        key, value = f"readyz:{secrets.token_hex(8)}", secrets.token_hex(8)
        cache.set(key, value, 10)
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return what was stored")
        cache.delete(key)
    except Exception as error:  # noqa: BLE001
        failed["cache"] = type(error).__name__
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    return JsonResponse({"status": "ready"})


PROBES = {"/healthz": healthz, "/readyz": readyz}


class ProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path)
        if probe is None:
            return self.get_response(request)
        response = probe(request)
        response["X-Content-Type-Options"] = "nosniff"  # the one header a probe's JSON needs
        return response
