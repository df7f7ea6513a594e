#!/usr/bin/env bash
# Quick start, command 2: set up with the test dependencies and run the whole test suite.
# With DATABASE_URL=postgres://… the suite runs against PostgreSQL (pytest-django creates and drops
# a test database); without it, against SQLite. Extra arguments go to pytest.
#
# Two runs, each on as many workers as the machine has cores (pytest-xdist, a test module per worker so that
# a module's server or demo database is made once): the tests without a browser, then the browser tests.
# They are kept apart because Playwright's browser runs an event loop in its worker, in which Django refuses
# database calls. `-n 0` among the arguments runs each in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
status=0
.venv/bin/python -m pytest -q -n auto --dist loadscope -m "not browser" "$@" || status=$?
[ "$status" -eq 5 ] && status=0  # the arguments select no test of this kind
browser=0
if [ "${ZHONGSHI_BROWSER_TESTS:-1}" != 0 ]; then  # ZHONGSHI_BROWSER_TESTS=0 leaves the browser tests out
  .venv/bin/python -m pytest -q -n auto --dist loadscope -m browser "$@" || browser=$?
  [ "$browser" -eq 5 ] && browser=0
fi
[ "$status" -ne 0 ] && exit "$status"
exit "$browser"
