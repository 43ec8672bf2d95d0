"""gunicorn settings for `make serve` (and any production start): bind, workers, threads.

Workers and threads follow the core count; BIND, WEB_WORKERS and WEB_THREADS override.
"""

import multiprocessing
import os

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
