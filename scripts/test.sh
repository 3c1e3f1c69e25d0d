#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run them all.
# System packages (Chromium, PostgreSQL, Redis) are installed when missing and we are root;
# the tests start their own servers on loopback, so nothing needs to be running beforehand.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v redis-server >/dev/null || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing system packages (tests that need them will be skipped): ${missing[*]}" >&2
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
if [ -f extension/package-lock.json ]; then
  (cd extension && npm ci --no-audit --no-fund --loglevel=error)
fi

exec .venv/bin/python -m pytest "$@"
