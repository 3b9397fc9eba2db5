#!/usr/bin/env bash
# Create .venv (Python >= 3.11) and install the pinned packages. Usage: scripts/setup.sh [runtime|dev]
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-runtime}
py=${PYTHON:-python3}
"$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (pandas 3)." >&2; exit 1; }
[ -x .venv/bin/python ] || "$py" -m venv .venv
req=requirements.txt; [ "$kind" = dev ] && req=requirements-dev.txt
stamp=.venv/.installed-$kind
if [ ! -f "$stamp" ] || [ "$req" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req"
  touch "$stamp"
fi
# The catalogues of the languages (i18n/locale/*/LC_MESSAGES/messages.po), compiled for gettext.
.venv/bin/python -m i18n compile >/dev/null
