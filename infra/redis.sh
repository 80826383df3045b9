#!/usr/bin/env bash
# Start or stop a Redis 7 on 127.0.0.1 with infra/redis/redis.conf (AOF on).
#
#   infra/redis.sh start [PORT]   start (free port if none given); prints "127.0.0.1:PORT" on stdout
#   infra/redis.sh stop  [PORT]   stop the instance on PORT, or every instance this script started
#   infra/redis.sh status         list running instances
#
# Data, pid file and log live under $LC_DATA_DIR (default .data/, ignored by git):
#   .data/redis-PORT/  .data/redis-PORT.pid  .data/redis-PORT.log
# Point the server at it with:  Redis__Configuration=127.0.0.1:PORT
set -euo pipefail
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONF="$LC_ROOT/infra/redis/redis.conf"

redis_ready() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == "PONG" ]]
}

start() {
  command -v redis-server >/dev/null || die "redis-server not found: run infra/install-deps.sh"
  command -v redis-cli >/dev/null || die "redis-cli not found: run infra/install-deps.sh"
  local port="${1:-}"
  [[ -n "$port" ]] || port="$(free_port)"
  check_port "$port"
  local pidfile="$LC_DATA_DIR/redis-$port.pid" dir="$LC_DATA_DIR/redis-$port" logfile="$LC_DATA_DIR/redis-$port.log"

  if pid_alive "$pidfile" redis-server; then
    log "redis already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"
    echo "127.0.0.1:$port"
    return
  fi
  port_open "$port" && die "port $port on 127.0.0.1 is already in use"

  mkdir -p "$dir"
  # Foreground Redis (daemonize no) sent to the background here; stdin closed and output to
  # the log so that it never holds a caller's pipe open.
  redis-server "$CONF" --port "$port" --dir "$dir" </dev/null >>"$logfile" 2>&1 &
  local pid=$!
  echo "$pid" >"$pidfile"

  # Ready when it answers PING (after loading its AOF); give up if it dies or takes > 30 s.
  local deadline=$(( SECONDS + 30 ))
  until redis_ready "$port"; do
    if ! running "$pid" || (( SECONDS >= deadline )); then
      log "redis-server did not become ready on port $port; last lines of $logfile:"
      tail -n 20 "$logfile" >&2 || true
      stop_pidfile "$pidfile" redis-server
      exit 1
    fi
    sleep 0.1
  done

  log "redis started on 127.0.0.1:$port (pid $pid, data $dir)"
  log "  export Redis__Configuration=127.0.0.1:$port"
  echo "127.0.0.1:$port"
}

stop() {
  local port="${1:-}" pidfile
  if [[ -n "$port" ]]; then
    check_port "$port"
    stop_pidfile "$LC_DATA_DIR/redis-$port.pid" redis-server
    return
  fi
  for pidfile in "$LC_DATA_DIR"/redis-*.pid; do
    [[ -e "$pidfile" ]] && stop_pidfile "$pidfile" redis-server
  done
  return 0
}

status() { instance_status redis redis-server; }

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  status) status ;;
  *) die "usage: $0 start [PORT] | stop [PORT] | status" ;;
esac
