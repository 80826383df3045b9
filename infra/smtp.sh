#!/usr/bin/env bash
# Start or stop an SMTP sink on 127.0.0.1: aiosmtpd (Debian python3-aiosmtpd) with its Mailbox
# handler, which accepts every message and stores it in a Maildir, as a user's mailbox would.
#
#   infra/smtp.sh start [PORT]    start (free port if none given); prints "127.0.0.1:PORT" on stdout
#   infra/smtp.sh maildir PORT    prints the Maildir of the instance on PORT (messages land in its new/)
#   infra/smtp.sh stop  [PORT]    stop the instance on PORT, or every instance this script started
#   infra/smtp.sh status          list running instances
#
# Data, pid file and log live under $LC_DATA_DIR (default .data/, ignored by git):
#   .data/smtp-PORT/maildir/{new,cur,tmp}  .data/smtp-PORT.pid  .data/smtp-PORT.log
# No TLS, no authentication: loopback only. Point the server at it with:
#   Mail__Smtp__Host=127.0.0.1 Mail__Smtp__Port=PORT Mail__Smtp__UseTls=false Mail__From=no-reply@example.test
set -euo pipefail
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Debian's Python, where python3-aiosmtpd installs (a python3 earlier on PATH, e.g. pyenv's, lacks it).
PYTHON="${LC_SMTP_PYTHON:-/usr/bin/python3}"

maildir() { echo "$LC_DATA_DIR/smtp-$1/maildir"; }

start() {
  "$PYTHON" -c 'import aiosmtpd' 2>/dev/null || die "aiosmtpd not found for $PYTHON: run infra/install-deps.sh"
  local port="${1:-}"
  [[ -n "$port" ]] || port="$(free_port)"
  check_port "$port"
  local pidfile="$LC_DATA_DIR/smtp-$port.pid" dir logfile="$LC_DATA_DIR/smtp-$port.log"
  dir="$(maildir "$port")"

  if pid_alive "$pidfile" aiosmtpd; then
    log "smtp sink already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"
    echo "127.0.0.1:$port"
    return
  fi
  port_open "$port" && die "port $port on 127.0.0.1 is already in use"

  mkdir -p "$dir"/{new,cur,tmp}
  # -n: do not switch to user nobody (it would then not own the Maildir); foreground, sent to the
  # background here with stdin closed and output to the log, so that it never holds a caller's pipe.
  "$PYTHON" -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$dir" </dev/null >>"$logfile" 2>&1 &
  local pid=$!
  echo "$pid" >"$pidfile"

  # Ready when the port accepts connections; give up if it dies or takes > 30 s.
  local deadline=$(( SECONDS + 30 ))
  until port_open "$port"; do
    if ! running "$pid" || (( SECONDS >= deadline )); then
      log "aiosmtpd did not become ready on port $port; last lines of $logfile:"
      tail -n 20 "$logfile" >&2 || true
      stop_pidfile "$pidfile" aiosmtpd
      exit 1
    fi
    sleep 0.1
  done

  log "smtp sink started on 127.0.0.1:$port (pid $pid, maildir $dir)"
  log "  export Mail__Smtp__Host=127.0.0.1 Mail__Smtp__Port=$port Mail__Smtp__UseTls=false"
  echo "127.0.0.1:$port"
}

stop() {
  local port="${1:-}" pidfile
  if [[ -n "$port" ]]; then
    check_port "$port"
    stop_pidfile "$LC_DATA_DIR/smtp-$port.pid" aiosmtpd
    return
  fi
  for pidfile in "$LC_DATA_DIR"/smtp-*.pid; do
    [[ -e "$pidfile" ]] && stop_pidfile "$pidfile" aiosmtpd
  done
  return 0
}

status() { instance_status smtp aiosmtpd; }

case "${1:-}" in
  start) start "${2:-}" ;;
  maildir) [[ -n "${2:-}" ]] || die "usage: $0 maildir PORT"; check_port "$2"; maildir "$2" ;;
  stop) stop "${2:-}" ;;
  status) status ;;
  *) die "usage: $0 start [PORT] | maildir PORT | stop [PORT] | status" ;;
esac
