"""When a service behind the site is down, readers get a clear 503, not a 500."""

import sys

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseServerError

UNAVAILABLE = (DatabaseError,)
try:  # the Redis client, when the cache is Redis
    from redis.exceptions import RedisError
    UNAVAILABLE += (RedisError,)
except ImportError:  # pragma: no cover
    pass

PAGE = ("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Back soon</title>"
        "<h1>Back soon</h1><p>This site cannot reach its data for a moment. Please try again "
        "in a minute.</p></html>")


def unavailable() -> HttpResponse:
    response = HttpResponse(PAGE, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, *args, **kwargs) -> HttpResponse:
    """handler500: a database or cache that is down is a 503 (try again), not our bug."""
    error = sys.exc_info()[1]
    if isinstance(error, UNAVAILABLE):
        return unavailable()
    return HttpResponseServerError("<!doctype html><title>Server error</title>"
                                   "<h1>Something went wrong on our side</h1>")
