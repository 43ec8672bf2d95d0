"""Django's Redis cache, with a circuit breaker.

Pages only use the cache to go faster, so a Redis that is down or frozen must not slow
them: each operation waits at most the socket timeout (half a second, in settings), and
the first failure opens the breaker (`breaker.py`). For `CACHE_RETRY_SECONDS` this process
then treats the cache as missing, at once: reads miss, writes are dropped, and the site
renders pages without it (the data version is read from the database). Then one request
tries Redis again; if it answers, the cache is back.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache.backends import redis as django_redis
from redis.exceptions import RedisError

from .breaker import Breaker

breaker = Breaker("cache", getattr(settings, "CACHE_RETRY_SECONDS", 30))


class Unavailable(RedisError):
    """The breaker is open: the cache was not asked."""


def guarded(operation):
    def call(self, *args, **kwargs):
        if not breaker.allow():
            raise Unavailable("the cache failed a moment ago; not asking it again yet")
        try:
            result = operation(self, *args, **kwargs)
        except RedisError as error:
            breaker.failed(error)
            raise
        except BaseException:
            breaker.released()
            raise
        breaker.succeeded()
        return result
    call.__name__ = operation.__name__
    call.__doc__ = operation.__doc__
    return call


class BreakerClient(django_redis.RedisCacheClient):
    pass


for _name in ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr",
              "set_many", "delete_many", "clear"):
    setattr(BreakerClient, _name, guarded(getattr(django_redis.RedisCacheClient, _name)))


class RedisCache(django_redis.RedisCache):
    """Every operation raises a RedisError when Redis fails or the breaker is open; the
    callers (the page cache, the data version, /readyz) already treat that as a miss."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = BreakerClient
