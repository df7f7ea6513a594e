#!/usr/bin/env bash
# Quick start, command 1: set up, migrate the embedded SQLite database, load reference and demo data,
# print the demo logins and serve http://127.0.0.1:8000. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-zhongshi.config.django.base}"
.venv/bin/zhongshi migrate --noinput -v 0
.venv/bin/zhongshi load-demo
echo
echo "zhongshi: http://127.0.0.1:${PORT:-8000}/  (Ctrl+C to stop)"
DEBUG="${DEBUG:-false}" exec .venv/bin/zhongshi runserver "127.0.0.1:${PORT:-8000}" --insecure
