#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL cluster (initdb) on 127.0.0.1, for tests and local clusters.
#
#   infra/postgres.sh start [PORT]   start (free port if none given); prints an Npgsql connection string on stdout
#   infra/postgres.sh stop  [PORT]   stop the instance on PORT, or every instance this script started
#   infra/postgres.sh status         list running instances
#
# PostgreSQL refuses to run as root. Run as root, the cluster belongs to the `postgres` system user
# that Debian's package creates (its cluster lives in a folder under /tmp that it owns, linked from the data folder); otherwise it runs as the current user.
# Either way it listens on 127.0.0.1 only (no Unix socket), and the one role, `livecommerce`, signs in
# with a random password (SCRAM) that this script keeps beside the cluster. That role owns the
# throwaway cluster (superuser): the tests create a database per test class with it.
#
# Data, pid file, password and log live under $LC_DATA_DIR (default .data/, ignored by git):
#   .data/postgres-PORT/{data,password,postgres.log}  .data/postgres-PORT.pid
# Point the server at it with:  Accounts__ConnectionString="<what start printed>"
set -euo pipefail
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROLE="livecommerce"
DATABASE="livecommerce"

# The newest PostgreSQL Debian installed (/usr/lib/postgresql/VERSION/bin), or pg_ctl on the PATH.
pg_bin() {
  local dir
  dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then
    echo "$dir"
  elif command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  else
    die "PostgreSQL not found: run infra/install-deps.sh"
  fi
}

# as_owner COMMAND...: runs COMMAND as the cluster's unprivileged owner.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' system user (Debian package postgresql)"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

connection_string() { # PORT PASSWORD
  echo "Host=127.0.0.1;Port=$1;Database=$DATABASE;Username=$ROLE;Password=$2"
}

pg_ready() { # BIN PORT
  "$1/pg_isready" -q -h 127.0.0.1 -p "$2" -d postgres 2>/dev/null
}

start() {
  local bin port
  bin="$(pg_bin)"
  port="${1:-}"
  [[ -n "$port" ]] || port="$(free_port)"
  check_port "$port"
  local dir="$LC_DATA_DIR/postgres-$port" pidfile="$LC_DATA_DIR/postgres-$port.pid"
  local data logfile pwfile

  if pid_alive "$pidfile" postgres && [[ -f "$dir/password" ]]; then
    log "postgres already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"
    connection_string "$port" "$(cat "$dir/password")"
    return
  fi
  port_open "$port" && die "port $port on 127.0.0.1 is already in use"

  mkdir -p "$LC_DATA_DIR"
  remove_dir "$dir"
  if [[ "$(id -u)" == 0 ]]; then
    # The postgres user may be unable to reach a folder below root's home (CI clones anywhere):
    # its cluster lives in a fresh folder under /tmp, linked from here, and goes with it.
    ln -s "$(mktemp -d /tmp/lc-postgres-XXXXXX)" "$dir"
  else
    mkdir -p "$dir"
  fi
  chmod 700 "$dir/"
  # The postgres user is handed the real path: it may not pass through a folder below root's home.
  local real
  real="$(readlink -f "$dir")"
  data="$real/data" logfile="$real/postgres.log" pwfile="$real/password"
  # A password of letters and digits only, so it needs no quoting in a connection string.
  local password
  password="$(head -c 64 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 32)"
  (umask 077; printf '%s\n' "$password" >"$pwfile"; : >"$logfile")
  if [[ "$(id -u)" == 0 ]]; then
    chown -R postgres: "$dir/"
    as_owner test -w "$real" || die "the postgres user cannot write $real (is a parent folder closed to it?)"
  fi

  as_owner "$bin/initdb" -D "$data" --username="$ROLE" --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
    >>"$logfile" 2>&1 || { log "initdb failed; last lines of $logfile:"; tail -n 20 "$logfile" >&2; exit 1; }

  # TCP on loopback only, no Unix socket; small and fast (fsync off: the cluster is thrown away).
  as_owner "$bin/pg_ctl" -D "$data" -l "$logfile" -w -t 30 -s start -o \
    "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    </dev/null >/dev/null 2>&1 || {
      log "postgres did not start on port $port; last lines of $logfile:"
      tail -n 20 "$logfile" >&2 || true
      exit 1
    }
  head -n 1 "$data/postmaster.pid" >"$pidfile"

  if ! wait_until 30 pg_ready "$bin" "$port"; then
    log "postgres did not become ready on port $port; last lines of $logfile:"
    tail -n 20 "$logfile" >&2 || true
    stop "$port"
    exit 1
  fi
  PGPASSWORD="$password" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U "$ROLE" -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE $DATABASE" >/dev/null

  log "postgres started on 127.0.0.1:$port (pid $(cat "$pidfile"), data $data)"
  # The password stays out of logs (CI keeps them): stdout carries it to whoever started this.
  log "  export Accounts__ConnectionString=\"\$(infra/postgres.sh start $port)\"   (password in $pwfile)"
  connection_string "$port" "$password"
}

stop_one() { # PORT
  local port="$1" dir="$LC_DATA_DIR/postgres-$1" pidfile="$LC_DATA_DIR/postgres-$1.pid"
  if pid_alive "$pidfile" postgres && [[ -d "$dir/data" ]]; then
    # fast: disconnect clients, shut down cleanly; then make sure through the pid file.
    as_owner "$(pg_bin)/pg_ctl" -D "$(readlink -f "$dir")/data" -m fast -w -t 15 -s stop >/dev/null 2>&1 || true
  fi
  stop_pidfile "$pidfile" postgres
  log "stopped postgres on 127.0.0.1:$port"
  remove_dir "$dir"
}

remove_dir() { # DIR: the cluster's folder, and the /tmp folder it links to when started as root
  if [[ -L "$1" ]]; then
    rm -rf "$(readlink "$1")"
  fi
  rm -rf "$1"
}

stop() {
  local port="${1:-}" pidfile
  if [[ -n "$port" ]]; then
    check_port "$port"
    stop_one "$port"
    return
  fi
  for pidfile in "$LC_DATA_DIR"/postgres-*.pid; do
    [[ -e "$pidfile" ]] || continue
    port="${pidfile##*/postgres-}"; port="${port%.pid}"
    stop_one "$port"
  done
  return 0
}

status() { instance_status postgres postgres; }

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  status) status ;;
  *) die "usage: $0 start [PORT] | stop [PORT] | status" ;;
esac
