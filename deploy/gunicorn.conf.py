"""Gunicorn for one Pantas web node (docs/deploy.md). Stateless: sessions, cache and rate limits live in
PostgreSQL and Redis, files on the shared EVIDENCE_ROOT, so any number of nodes can sit behind nginx."""

import multiprocessing
import os

bind = os.environ.get("PANTAS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("PANTAS_WEB_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = 60  # PDF letters render in a task, not in the request
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then (memory from Pillow/WeasyPrint)
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("PANTAS_PROXY_IPS", "127.0.0.1")
# No access log here: nginx writes one without client addresses (P-11). Errors go to the journal.
accesslog = None
errorlog = "-"
loglevel = "warning"
