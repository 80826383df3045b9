#!/usr/bin/env bash
# Start or stop Azurite's Blob service (Azure Storage emulator) on 127.0.0.1, in memory.
#
#   infra/azurite.sh start [PORT]   start (free port if none given); prints the connection string on stdout
#   infra/azurite.sh stop  [PORT]   stop the instance on PORT, or every instance this script started
#   infra/azurite.sh status         list running instances
#
# Azurite comes from npm into .tools/azurite (infra/install-deps.sh). Blobs are kept in memory
# (--inMemoryPersistence): a restart starts empty. Pid file and log live under $LC_DATA_DIR
# (default .data/): .data/azurite-PORT.pid  .data/azurite-PORT.log  .data/azurite-PORT/
# Point the server at it with:  Blob__ConnectionString='<the printed string>'
set -euo pipefail
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

AZURITE_BLOB="$LC_ROOT/.tools/azurite/node_modules/.bin/azurite-blob"

# connection_string PORT: the well-known development account at this port.
connection_string() {
  printf 'DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/%s;\n' \
    "$LC_AZURITE_ACCOUNT" "$LC_AZURITE_KEY" "$1" "$LC_AZURITE_ACCOUNT"
}

start() {
  [[ -x "$AZURITE_BLOB" ]] || die "azurite not found at $AZURITE_BLOB: run infra/install-deps.sh"
  command -v node >/dev/null || die "node not found (azurite needs Node.js)"
  local port="${1:-}"
  [[ -n "$port" ]] || port="$(free_port)"
  check_port "$port"
  local pidfile="$LC_DATA_DIR/azurite-$port.pid" dir="$LC_DATA_DIR/azurite-$port" logfile="$LC_DATA_DIR/azurite-$port.log"

  if pid_alive "$pidfile" azurite; then
    log "azurite already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"
    connection_string "$port"
    return
  fi
  port_open "$port" && die "port $port on 127.0.0.1 is already in use"

  mkdir -p "$dir"
  # --skipApiVersionCheck: accept the newest Azure.Storage.Blobs API versions;
  # --loose: ignore headers Azurite does not implement instead of failing the request;
  # --disableTelemetry: otherwise it tries to send usage data to Azure (no internet here);
  # --extentMemoryLimit: cap blob bytes held in memory (MB) instead of half the machine.
  # (--location cannot be combined with --inMemoryPersistence: run it from its own folder
  # instead, so that nothing it might write lands in the caller's directory.)
  (cd "$dir" && exec "$AZURITE_BLOB" --blobHost 127.0.0.1 --blobPort "$port" \
    --inMemoryPersistence --extentMemoryLimit 2048 \
    --skipApiVersionCheck --loose --disableTelemetry) </dev/null >>"$logfile" 2>&1 &
  local pid=$!
  echo "$pid" >"$pidfile"

  # Ready when the port accepts connections; give up if it dies or takes > 60 s.
  local deadline=$(( SECONDS + 60 ))
  until port_open "$port"; do
    if ! running "$pid" || (( SECONDS >= deadline )); then
      log "azurite did not become ready on port $port; last lines of $logfile:"
      tail -n 20 "$logfile" >&2 || true
      stop_pidfile "$pidfile" azurite
      exit 1
    fi
    sleep 0.1
  done

  log "azurite blob started on http://127.0.0.1:$port/$LC_AZURITE_ACCOUNT (pid $pid)"
  log "  export Blob__ConnectionString='$(connection_string "$port")'"
  connection_string "$port"
}

stop() {
  local port="${1:-}" pidfile
  if [[ -n "$port" ]]; then
    check_port "$port"
    stop_pidfile "$LC_DATA_DIR/azurite-$port.pid" azurite
    rm -rf "${LC_DATA_DIR:?}/azurite-$port"
    return
  fi
  for pidfile in "$LC_DATA_DIR"/azurite-*.pid; do
    [[ -e "$pidfile" ]] || continue
    stop_pidfile "$pidfile" azurite
    rm -rf "${pidfile%.pid}"
  done
  return 0
}

status() { instance_status azurite azurite http://; }

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  status) status ;;
  *) die "usage: $0 start [PORT] | stop [PORT] | status" ;;
esac
