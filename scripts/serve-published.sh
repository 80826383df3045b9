#!/usr/bin/env bash
# Serves a published build (dotnet publish src/LiveCommerce.Server -c Release -o DIR) on loopback as
# production runs it, with the demo shop and no simulated crowd, for the firstload benchmark and
# scripts/measure-first-visit.sh (docs/BENCHMARKS.md, "firstload"). Stops with Ctrl-C.
#   scripts/serve-published.sh DIR PORT
# Production refuses to start without a signing key, a public address and a payment provider: this
# gives it a throwaway key, its own loopback address and the simulated provider (no money moves).
set -euo pipefail
dir=$(cd "${1:?published directory}" && pwd)
port=${2:?port}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
cd "$dir"
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Demo__Enabled=true Demo__CrowdSize=0 Accounts__SqlitePath="$data/accounts.db" \
  Auth__SigningKey="benchmark-only-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  Accounts__PublicBaseUrl="http://127.0.0.1:$port" Payments__AllowSimulatedInProduction=true \
  dotnet LiveCommerce.Server.dll
