#!/usr/bin/env bash
# One replica of the dashboard: serve.py on a loopback port, for nginx to balance. Usage: deploy/replica.sh PORT
# Settings, from the environment (deploy/mbt.env.example lists them):
#   MBT_DATABASE_URL                 required: the PostgreSQL database every replica shares (published versions,
#                                    wrong-secret counts). A SQLite file cannot be shared between processes.
#   STREAMLIT_SERVER_COOKIE_SECRET   required: the same on every replica, so a visitor moved to another replica
#                                    (one died) can still upload (Streamlit's XSRF cookie is signed with it).
#   MBT_EDITOR_SECRET                optional: publishing is on only when it is set.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:?usage: deploy/replica.sh PORT}
[ -n "${MBT_DATABASE_URL:-}" ] || { echo "replica: MBT_DATABASE_URL is not set (replicas share one PostgreSQL database)" >&2; exit 2; }
[ -n "${STREAMLIT_SERVER_COOKIE_SECRET:-}" ] || { echo "replica: STREAMLIT_SERVER_COOKIE_SECRET is not set (the same on every replica)" >&2; exit 2; }
# Loopback only: visitors reach a replica through nginx. The rest of the server's settings are in
# .streamlit/config.toml (no file watcher, no usage statistics, upload limit, no error details for visitors).
exec .venv/bin/python -m streamlit run serve.py --server.address 127.0.0.1 --server.port "$port" --server.headless true
