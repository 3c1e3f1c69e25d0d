"""WSGI entry point for gunicorn: `gunicorn -c gunicorn.conf.py wsgi:app`."""

import gc
import logging

from backend import create_app

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(name)s %(message)s")
app = create_app()
# The model is loaded once, before gunicorn forks its workers. Freezing the objects alive now
# keeps the garbage collector from writing to their pages, so the workers keep sharing them
# copy-on-write instead of each getting a private copy of the model.
gc.freeze()
