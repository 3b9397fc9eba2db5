#!/usr/bin/env bash
# Set up and serve the app on the bundled data: http://localhost:8501 (extra args go to streamlit).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh runtime
exec .venv/bin/python -m streamlit run serve.py "$@"
