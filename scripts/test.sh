#!/usr/bin/env bash
# Set up everything the tests need (Python packages, Debian's chromium and postgresql) and run the whole suite.
# Extra args go to pytest, e.g. scripts/test.sh -m "not browser".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
# PostgreSQL for the versions store's tests (they also run on SQLite).
if [ -z "${MBT_TEST_DATABASE_URL:-}" ]; then
  if url=$(bash scripts/postgres.sh); then
    export MBT_TEST_DATABASE_URL="$url"
  else
    echo "PostgreSQL is not available: the versions store is tested on SQLite only." >&2
  fi
fi
exec .venv/bin/python -m pytest "$@"
