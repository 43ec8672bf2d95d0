"""Django's PostgreSQL backend, with a deadline on every wait and a circuit breaker.

A database that refuses connections is quick to notice. One that hangs (a frozen host, a
network that drops packets, a server stopped with SIGSTOP, whose kernel still acknowledges
every packet) is not: libpq's `connect_timeout` covers only new connections, and a
persistent connection would wait for an answer forever, holding a worker's thread and the
reader's page. So here:

- every wait for the server (a query, a commit, Django's health check of a persistent
  connection) gives up after `DATABASE_TIMEOUT` seconds: the connection is closed and the
  caller gets an OperationalError, which the page cache answers from a stored copy or a
  503 (`explainer/serving/cache.py`, `errors.py`);
- that timeout, or a failure to connect, opens a breaker (`breaker.py`; a persistent
  connection that broke because the server restarted does not: a new one may work): for
  `DATABASE_RETRY_SECONDS` this process does not try again, so the next readers get their
  answer at once instead of each waiting out the timeout; then one request tries.

`settings.DATABASES` adds the server-side `statement_timeout` (a query that is merely slow
is cancelled cleanly by the server, before this deadline) and TCP keepalives with
`tcp_user_timeout` (a dead peer is noticed by the kernel). `DATABASE_TIMEOUT=0` turns the
deadline off, e.g. for a long maintenance command.
"""

from __future__ import annotations

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base
from psycopg import errors

from explainer.serving.breaker import Breaker

breaker = Breaker("database", getattr(settings, "DATABASE_RETRY_SECONDS", 5))

# Errors that say the server cannot be reached or has gone, not that a query was wrong:
# no SQLSTATE (the client's own), class 08 (connection exception), and the server
# shutting down or starting up.
GONE = ("57P01", "57P02", "57P03")


def unreachable(error: BaseException) -> bool:
    if isinstance(error, errors._WaitTimeout):
        return True
    if not isinstance(error, psycopg.OperationalError) or isinstance(
            error, errors.QueryCanceled):
        return False
    state = getattr(error, "sqlstate", None)
    return state is None or state.startswith("08") or state in GONE


class DeadlineConnection(psycopg.Connection):
    """psycopg's connection, whose every wait for the server has a deadline."""

    def wait(self, gen, interval=psycopg.connection._WAIT_INTERVAL, timeout=None):
        if not breaker.allow():
            gen.close()
            raise psycopg.OperationalError(
                "the database did not answer a moment ago; not waiting for it again yet")
        deadline = timeout or settings.DATABASE_TIMEOUT or None
        answered = False
        try:
            result = super().wait(gen, interval=interval, timeout=deadline)
            answered = True
            return result
        except errors._WaitTimeout as error:
            if timeout is not None:  # the caller's own deadline (psycopg's notifies)
                answered = True
                raise
            self.pgconn.finish()  # half-way through a reply: never use it again
            breaker.failed(f"no answer within {deadline:g} s")
            raise psycopg.OperationalError(
                f"the database did not answer within {deadline:g} seconds") from error
        except psycopg.Error as error:
            # An error of the query's own: the server answered. A connection that broke
            # (the server restarted since it was opened) says nothing about the server
            # now: Django opens a new one, and that attempt decides.
            answered = not unreachable(error)
            raise
        finally:
            if answered:
                breaker.succeeded()
            else:
                breaker.released()


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        if not breaker.allow():
            raise psycopg.OperationalError(
                "the database could not be reached a moment ago; not trying again yet")
        try:
            connection = super().get_new_connection(conn_params)
        except BaseException as error:
            if unreachable(error):
                breaker.failed(error)
            else:
                breaker.released()
            raise
        breaker.succeeded()
        # psycopg builds its Connection itself (Django calls psycopg.connect); the subclass
        # only overrides `wait`, so the object is the same in every other way.
        connection.__class__ = DeadlineConnection
        return connection
