"""Production server settings; each can be overridden from the environment."""

import os

bind = os.environ.get("CLAIMLENS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("CLAIMLENS_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("CLAIMLENS_THREADS", "4"))
# Load the app (and the model) in the master once; workers share it copy-on-write.
preload_app = True
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
accesslog = None  # the app writes one structured line per request itself
errorlog = "-"
