#!/usr/bin/env bash
# Quick start, command 2: set up with the test dependencies and run the whole test suite.
# With DATABASE_URL=postgres://… the suite runs against PostgreSQL (pytest-django creates and drops
# a test database); without it, against SQLite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
# Two workers (pytest-xdist), each test module on one worker so that a module's server or demo database is made
# once; `-n 0` runs everything in one process.
exec .venv/bin/python -m pytest -q -n 2 --dist loadscope "$@"
