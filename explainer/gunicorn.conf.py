"""gunicorn settings for `make serve` (and any production start): bind, workers, threads.

Workers and threads follow the core count; BIND, WEB_WORKERS and WEB_THREADS override.
"""

import gc
import multiprocessing
import os
import threading
import time

bind = os.environ.get("BIND", "127.0.0.1:8000")
cores = multiprocessing.cpu_count()
# One process per core, a few threads each: the work is CPU-bound Python, and measured
# here (bench/load.py) this beat both 2×cores+1 processes and single-threaded workers.
workers = int(os.environ.get("WEB_WORKERS", cores))
threads = int(os.environ.get("WEB_THREADS", 4))
worker_class = "gthread"
keepalive = 5
# Each worker its own listening socket (SO_REUSEPORT): the kernel spreads connections
# evenly, where one shared socket can hand most keep-alive connections to one worker.
reuse_port = True
timeout = 30
graceful_timeout = 20
# Refuse oversize request lines and headers before Django sees them (414 / 400).
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190
accesslog = os.environ.get("ACCESS_LOG", "-") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket (for `gunicornc`) defaults to one path per user,
# ~/.gunicorn/gunicorn.ctl, so a second server on the host took it over, and removed it
# when it stopped. One per server instead: `make serve` puts it in its own runtime
# directory (`gunicornc -s <that path>`); without GUNICORN_CONTROL_SOCKET there is none.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

# A worker timeout that fires. gunicorn's `timeout` watches each worker's main loop, which
# a gthread worker keeps turning while a request thread is stuck; so each worker also
# watches its own requests, and one running longer than WEB_REQUEST_TIMEOUT seconds ends
# the worker (the arbiter starts a fresh one at once). A last resort: the database and the
# cache have deadlines of a few seconds (settings.py), so no request should come near it.
request_timeout = float(os.environ.get("WEB_REQUEST_TIMEOUT", timeout))


def post_worker_init(worker):
    tune_garbage_collection()
    worker.requests_running = {}  # thread id: (started, "METHOD /path")
    threading.Thread(target=watch_requests, args=(worker,), name="request-timeout",
                     daemon=True).start()


def tune_garbage_collection():
    """Python's full collections scan every object the worker holds: Django's own, and
    each edition's rules and the results kept per record (systems/engine.py), so a worker
    serving records never seen before stopped for 100 to 300 ms every thousand requests or
    so (bench/profile.py). What the worker has loaded when it starts is set aside for good
    (it is never garbage), and full collections wait for ten times as many younger ones."""
    gc.freeze()
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, 100)


def pre_request(worker, req):
    worker.requests_running[threading.get_ident()] = (time.monotonic(),
                                                      f"{req.method} {req.path}")


def post_request(worker, req, environ, resp):
    worker.requests_running.pop(threading.get_ident(), None)


def watch_requests(worker):
    while worker.alive:
        time.sleep(min(1.0, request_timeout / 4))
        now = time.monotonic()
        for started, what in list(worker.requests_running.values()):
            if now - started > request_timeout:
                worker.log.critical("WORKER TIMEOUT (pid:%s): %s ran over %g s; restarting "
                                    "the worker", worker.pid, what, request_timeout)
                for handler in worker.log.error_log.handlers:
                    handler.flush()
                os._exit(1)
