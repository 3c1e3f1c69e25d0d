#!/usr/bin/env bash
# Set up and start the service on http://127.0.0.1:5000 (trains the model on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
exec .venv/bin/python -m backend "$@"
