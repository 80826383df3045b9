#!/usr/bin/env python3
"""Summarises a Chromium --log-net-log file: requests made by the page and bytes over the wire.

Used by scripts/measure-first-visit.sh (docs/BENCHMARKS.md, "first visit"). Counts each URL request
the page made (data: and chrome: URLs aside), the bytes read from the network for it (compressed, as
transferred, headers excluded) and the bytes after decoding.
"""
import json
import signal
import sys

signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # piped into head: stop quietly
from collections import defaultdict

log = json.load(open(sys.argv[1]))
types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
sources = {v: k for k, v in log["constants"]["logSourceType"].items()}
urls, wire, decoded = {}, defaultdict(int), defaultdict(int)
for e in log["events"]:
    src = e["source"]
    if sources.get(src["type"]) != "URL_REQUEST":
        continue
    t = types.get(e["type"])
    p = e.get("params", {})
    if t == "URL_REQUEST_START_JOB" and "url" in p:
        urls[src["id"]] = p["url"]
    elif t == "URL_REQUEST_JOB_BYTES_READ":
        wire[src["id"]] += p.get("byte_count", 0)
    elif t == "URL_REQUEST_JOB_FILTERED_BYTES_READ":
        decoded[src["id"]] += p.get("byte_count", 0)

# A response sent without Content-Encoding logs only the filtered count: the same bytes.
rows = [(u, wire[i] or decoded[i], decoded[i] or wire[i]) for i, u in urls.items() if u.startswith("http")]
if "-v" in sys.argv:
    for u, w, d in sorted(rows, key=lambda r: -r[1]):
        print(f"{w:>10} {d:>10}  {u}")
print(f"requests {len(rows)}  transferred {sum(r[1] for r in rows)/1e6:.2f} MB  decoded {sum(r[2] for r in rows)/1e6:.2f} MB")
