#!/usr/bin/env bash
# Run the server against real Redis and Azurite on this machine.
#
#   infra/dev.sh start [REDIS_PORT] [AZURITE_PORT]   start both (defaults 6379 and 10000 when free,
#                                                    else free ports) and print the `dotnet run` line
#   infra/dev.sh stop                                stop both
#   infra/dev.sh status
#
# Redis keeps its data in .data/redis-PORT/ across restarts (AOF); Azurite keeps blobs in memory.
# The chosen addresses are saved in .data/dev.env, which you can also `source`.
set -euo pipefail
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ENV_FILE="$LC_DATA_DIR/dev.env"

# pick DEFAULT: DEFAULT when nothing listens there, else a free port.
pick() { if port_open "$1"; then free_port; else echo "$1"; fi; }

start() {
  "$LC_ROOT/infra/install-deps.sh"
  mkdir -p "$LC_DATA_DIR"
  local LC_DEV_REDIS_PORT="" LC_DEV_AZURITE_PORT=""
  # Started before? Reuse those ports (the start scripts then just report what is running).
  # shellcheck disable=SC1090
  [[ -f "$ENV_FILE" ]] && source "$ENV_FILE"
  local redis_port="${1:-${LC_DEV_REDIS_PORT:-$(pick 6379)}}"
  local azurite_port="${2:-${LC_DEV_AZURITE_PORT:-$(pick 10000)}}"
  local redis blob
  redis="$("$LC_ROOT/infra/redis.sh" start "$redis_port")"
  blob="$("$LC_ROOT/infra/azurite.sh" start "$azurite_port")" || { "$LC_ROOT/infra/redis.sh" stop "$redis_port"; exit 1; }
  {
    echo "# written by infra/dev.sh start; stop with infra/dev.sh stop"
    echo "export Redis__Configuration='$redis'"
    echo "export Blob__ConnectionString='$blob'"
    echo "LC_DEV_REDIS_PORT=$redis_port"
    echo "LC_DEV_AZURITE_PORT=$azurite_port"
  } >"$ENV_FILE"
  cat <<MSG

Redis and Azurite are running. Start the server against them with:

  Redis__Configuration='$redis' \\
  Blob__ConnectionString='$blob' \\
  dotnet run --project src/LiveCommerce.Server

or:  source ${ENV_FILE#"$LC_ROOT"/} && dotnet run --project src/LiveCommerce.Server
Stop them with:  infra/dev.sh stop
MSG
}

stop() {
  if [[ -f "$ENV_FILE" ]]; then
    # shellcheck disable=SC1090
    source "$ENV_FILE"
    "$LC_ROOT/infra/azurite.sh" stop "$LC_DEV_AZURITE_PORT"
    "$LC_ROOT/infra/redis.sh" stop "$LC_DEV_REDIS_PORT"
    rm -f "$ENV_FILE"
  else
    log "nothing started by infra/dev.sh (no ${ENV_FILE#"$LC_ROOT"/})"
  fi
}

status() {
  "$LC_ROOT/infra/redis.sh" status
  "$LC_ROOT/infra/azurite.sh" status
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: $0 start [REDIS_PORT] [AZURITE_PORT] | stop | status" ;;
esac
