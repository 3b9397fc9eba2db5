#!/usr/bin/env bash
# Copy Streamlit's frontend bundles to DEST and compress each once (brotli -q 11 and gzip -9 beside it), for nginx
# to serve from disk (brotli_static, gzip_static): about 25 s on 2 cores, once per Streamlit version.
# Usage: deploy/precompress.sh DEST   (DEST/static/js/… is what nginx serves at /static/js/…)
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:?usage: deploy/precompress.sh DEST}
src=$(.venv/bin/python -c 'import os, streamlit; print(os.path.join(os.path.dirname(streamlit.__file__), "static"))')
version=$(.venv/bin/python -c 'import streamlit; print(streamlit.__version__)')
if [ -f "$dest/.streamlit-version" ] && [ "$(cat "$dest/.streamlit-version")" = "$version" ]; then exit 0; fi
command -v brotli >/dev/null || { echo "precompress: brotli is missing (Debian: apt-get install brotli)" >&2; exit 2; }
tmp="$dest.tmp.$$"
rm -rf "$tmp"; mkdir -p "$tmp"
cp -R "$src/." "$tmp/"
# text only: fonts in woff2 and images are compressed already
find "$tmp" -type f \( -name '*.js' -o -name '*.css' -o -name '*.svg' -o -name '*.json' -o -name '*.ttf' -o -name '*.html' \) \
  -size +1k -print0 | xargs -0 -P "$(nproc)" -n 8 sh -c 'for f; do brotli -q 11 -k -f "$f" && gzip -9 -k -f "$f"; done' sh
echo "$version" > "$tmp/.streamlit-version"
rm -rf "$dest"; mv "$tmp" "$dest"
