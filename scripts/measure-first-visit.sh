#!/usr/bin/env bash
# Cold first visit of a page in headless Chromium (fresh profile, empty cache): how many requests
# the page made and how many bytes crossed the wire. Figures in docs/BENCHMARKS.md ("first visit").
#   scripts/measure-first-visit.sh http://127.0.0.1:5080/watch/demo-live [-v]
# The page gets 20 s of virtual time to load and start the app (Blazor, the hub, the video).
set -euo pipefail
url=${1:?url}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
timeout 90 chromium --headless=new --no-sandbox --disable-gpu --user-data-dir="$dir/profile" \
  --log-net-log="$dir/net.json" --virtual-time-budget=20000 --dump-dom "$url" > "$dir/dom.html" 2>/dev/null
python3 "$(dirname "$0")/netlog-summary.py" "$dir/net.json" "${@:2}"
