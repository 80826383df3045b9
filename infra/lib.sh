# shellcheck shell=bash
# Helpers shared by infra/*.sh and test.sh. Source it; do not run it.
#
#   LC_ROOT      the repository root
#   LC_DATA_DIR  where instances keep data, pid files and logs (default: $LC_ROOT/.data,
#                ignored by git). test.sh points it at a private folder per run.

LC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LC_DATA_DIR="${LC_DATA_DIR:-$LC_ROOT/.data}"

# Well-known Azurite development account (public, documented by Microsoft; not a secret).
# shellcheck disable=SC2034  # used by the scripts that source this file
LC_AZURITE_ACCOUNT="devstoreaccount1"
# shellcheck disable=SC2034
LC_AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

# Messages go to stderr so that stdout carries only what callers capture.
log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  if command -v node >/dev/null 2>&1; then
    # Let the kernel choose: bind port 0, read the port back, release it.
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
    return
  fi
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 30000 ))
    if ! port_open "$port"; then echo "$port"; return; fi
  done
  die "no free port found"
}

# check_port PORT: refuses anything but a number in 1..65535.
check_port() {
  if ! [[ "$1" =~ ^[0-9]+$ ]] || (( $1 < 1 || $1 > 65535 )); then die "not a port: $1"; fi
}

# wait_until SECONDS COMMAND...: retries COMMAND every 0.1 s until it succeeds or time runs out.
wait_until() {
  local deadline=$(( SECONDS + $1 )); shift
  until "$@"; do
    (( SECONDS < deadline )) || return 1
    sleep 0.1
  done
}

# pid_alive PIDFILE NAME: true when PIDFILE names a live process whose command line mentions NAME
# (so a recycled pid is never mistaken for ours).
pid_alive() {
  local pid
  [[ -f "$1" ]] || return 1
  pid="$(cat "$1" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

# running PID: true while PID exists and is not a zombie (a container's init may never reap it).
running() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"              # drop "pid (comm) ": comm may contain spaces
  [[ -n "$stat" && "${stat%% *}" != "Z" ]]
}
stopped() { ! running "$1"; }

# stop_pidfile PIDFILE NAME: SIGTERM the process, wait up to 10 s, then SIGKILL; removes PIDFILE.
stop_pidfile() {
  local pidfile="$1" name="$2" pid
  if pid_alive "$pidfile" "$name"; then
    pid="$(cat "$pidfile")"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_until 10 stopped "$pid"; then
      log "$name (pid $pid) did not stop on SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_until 5 stopped "$pid" || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$pidfile"
}

# instance_status KIND PROCESS [SCHEME]: one line per instance that a start script recorded in
# $LC_DATA_DIR/KIND-PORT.pid, saying whether its process (command line mentions PROCESS) still runs.
instance_status() {
  local kind="$1" process="$2" scheme="${3:-}" pidfile port
  for pidfile in "$LC_DATA_DIR/$kind"-*.pid; do
    [[ -e "$pidfile" ]] || continue
    port="${pidfile##*/"$kind"-}"; port="${port%.pid}"
    if pid_alive "$pidfile" "$process"; then
      echo "$kind ${scheme}127.0.0.1:$port running (pid $(cat "$pidfile"))"
    else
      echo "$kind ${scheme}127.0.0.1:$port not running (stale pid file)"
    fi
  done
}
