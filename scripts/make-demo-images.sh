#!/usr/bin/env bash
# Redraws the demo shop's pictures and the app icons (scripts/make-demo-images.py); commit what it writes.
set -euo pipefail
PY=python3; $PY -c "import PIL" 2>/dev/null || PY=/usr/bin/python3   # Debian's python3-pil lives with the system Python
$PY -c "import PIL" 2>/dev/null || { echo "Pillow not found: apt-get install python3-pil" >&2; exit 1; }
exec "$PY" "$(dirname "${BASH_SOURCE[0]}")/make-demo-images.py"
