#!/usr/bin/env bash
# The one test command: every test of the solution, against real Redis, PostgreSQL, Azurite, SMTP and Chromium.
#
#   ./test.sh [extra dotnet test arguments]      e.g.  ./test.sh --filter "FullyQualifiedName~FlashSales"
#
# 1. installs what is missing (infra/install-deps.sh: redis-server, chromium, nginx + RTMP module, ffmpeg, postgresql,
#    python3-aiosmtpd, npm azurite)
# 2. starts Redis, a throwaway PostgreSQL cluster, an SMTP sink and Azurite on free 127.0.0.1 ports, with data in a
#    folder private to this run
# 3. tells the tests where they are (LIVECOMMERCE_TEST_* below) and runs `dotnet test` on the solution
# 4. always stops what it started, prints "N passed, N failed, N skipped" last,
#    and exits non-zero if anything failed (build, a test, or the infrastructure)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$PWD"

# Everything this run creates (Redis data, pid files, logs, test results) goes here, and is removed at the end.
export LC_DATA_DIR="$ROOT/.data/test-$$"
# shellcheck source=infra/lib.sh
source infra/lib.sh   # for `running`

# Quieter, reproducible dotnet; no MSBuild worker processes left behind after the run.
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1

SUMMARY=""
DOTNET_PID=""

# On any exit (success, failure, Ctrl-C): stop Redis, PostgreSQL and Azurite, remove the run's data,
# then print the summary so that it is the last line of the output.
# shellcheck disable=SC2317  # called by trap
on_exit() {
  local rc=$?
  set +e
  infra/azurite.sh stop
  infra/smtp.sh stop
  infra/postgres.sh stop
  infra/redis.sh stop
  rm -rf "$LC_DATA_DIR"
  [[ -n "$SUMMARY" ]] && echo "$SUMMARY"
  exit "$rc"
}
trap on_exit EXIT

# dotnet test runs in a process group of its own (DOTNET_PID is also the group id), holding
# vstest, the test hosts and whatever the tests spawn (their own redis-server, chromium…).
# .NET build servers started by the build land there too; they outlive a build by design and
# may serve other builds, so they are left alone.
BUILD_SERVERS='VBCSCompiler|MSBuild\.dll|rzc\.dll|build-server'

# group_processes PGID: "pid command line" for each live process of that process group
# except build servers (read from /proc, so that it needs no procps).
group_processes() {
  local stat pid rest cmd state pgrp
  for stat in /proc/[0-9]*/stat; do
    pid="${stat#/proc/}"; pid="${pid%/stat}"
    rest="$(cat "$stat" 2>/dev/null)" || continue
    rest="${rest##*) }"                              # "state ppid pgrp ..."
    read -r state _ pgrp _ <<<"$rest"
    [[ "$pgrp" == "$1" && "$state" != "Z" ]] || continue
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || continue
    [[ "$cmd" =~ $BUILD_SERVERS ]] && continue
    echo "$pid $cmd"
  done
}

# stop_test_processes SIGNAL: sends SIGNAL to what group_processes lists for the test run.
stop_test_processes() {
  [[ -n "$DOTNET_PID" ]] || return 0
  local pid _
  while read -r pid _; do
    kill "-$1" "$pid" 2>/dev/null || true
  done < <(group_processes "$DOTNET_PID")
}

# Ctrl-C or a kill (e.g. a CI timeout): stop the test run too, not only this script,
# then exit, which runs on_exit.
# shellcheck disable=SC2317  # called by trap
interrupted() {
  local signal="$1" code="$2"
  if [[ -n "$DOTNET_PID" ]]; then
    echo "test.sh: $signal received, stopping the test run" >&2
    stop_test_processes TERM
    wait_until 10 stopped "$DOTNET_PID" || true
    stop_test_processes KILL
  fi
  exit "$code"
}
trap 'interrupted INT 130' INT
trap 'interrupted TERM 143' TERM

# --- 1. dependencies -----------------------------------------------------------
infra/install-deps.sh
mkdir -p "$LC_DATA_DIR"

# --- 2. infrastructure on free loopback ports ----------------------------------
# Each start script prints only what the tests need on stdout: "127.0.0.1:PORT" for Redis,
# an Npgsql connection string (random password) for PostgreSQL, the connection string
# (well-known devstoreaccount1 key) for Azurite.
LIVECOMMERCE_TEST_REDIS="$(infra/redis.sh start)"
LIVECOMMERCE_TEST_POSTGRES="$(infra/postgres.sh start)"
LIVECOMMERCE_TEST_BLOB="$(infra/azurite.sh start)"
LIVECOMMERCE_TEST_SMTP="$(infra/smtp.sh start)"                    # aiosmtpd; mail lands in a Maildir
LIVECOMMERCE_TEST_MAILDIR="$(infra/smtp.sh maildir "${LIVECOMMERCE_TEST_SMTP##*:}")"
export LIVECOMMERCE_TEST_SMTP LIVECOMMERCE_TEST_MAILDIR

# --- 3. what the tests read ------------------------------------------------------
export LIVECOMMERCE_TEST_REDIS                                     # shared Redis, e.g. 127.0.0.1:41639
export LIVECOMMERCE_TEST_POSTGRES                                  # PostgreSQL server; tests create their own databases
export LIVECOMMERCE_TEST_BLOB                                      # Azurite blob connection string
export LIVECOMMERCE_TEST_CHROMIUM=/usr/bin/chromium                # Playwright ExecutablePath
LIVECOMMERCE_TEST_REDIS_SERVER="$(command -v redis-server)"        # for tests that run (and kill -9) their own Redis
export LIVECOMMERCE_TEST_REDIS_SERVER

echo "Redis:    $LIVECOMMERCE_TEST_REDIS"
echo "Postgres: ${LIVECOMMERCE_TEST_POSTGRES%%;Database=*}"
echo "Azurite:  ${LIVECOMMERCE_TEST_BLOB##*BlobEndpoint=}"
echo "Chromium: $LIVECOMMERCE_TEST_CHROMIUM"

# --- 4. the tests --------------------------------------------------------------------
# Console logger at normal verbosity shows each test's result; the trx logger writes one
# results file per test project, whose counters are summed below.
# A test that hangs longer than LIVECOMMERCE_TEST_HANG_TIMEOUT is killed and reported, so
# a hang fails the run instead of eating CI's time.
# It runs in the background and is waited for, so that a signal reaches `interrupted` at once.
RESULTS="$LC_DATA_DIR/results"
status=0
set -m          # job control on, just to start dotnet test in a process group of its own
dotnet test LiveCommerce.sln -c Release \
  --logger "console;verbosity=normal" \
  --logger trx --results-directory "$RESULTS" \
  --blame-hang-timeout "${LIVECOMMERCE_TEST_HANG_TIMEOUT:-15m}" --blame-hang-dump-type none \
  "$@" </dev/null &
DOTNET_PID=$!   # `set -m` above put it in its own process group, whose id this is
set +m
wait "$DOTNET_PID" || status=$?
# Anything the tests started and left running (a redis-server, a browser) would outlive the
# run and keep CI waiting: end it.
leftovers="$(group_processes "$DOTNET_PID")"
if [[ -n "$leftovers" ]]; then
  printf 'test.sh: ending processes the tests left running:\n%s\n' "$leftovers" >&2
  stop_test_processes TERM
  sleep 2
  stop_test_processes KILL
fi
DOTNET_PID=""

# --- 5. count ------------------------------------------------------------------------
# Each .trx holds <Counters total=".." executed=".." passed=".." failed=".." error=".." ...>;
# tests that did not run (skipped) are total - executed.
counter() {  # counter NAME FILE -> the attribute's value, 0 when absent
  local v
  v="$(grep -o "<Counters [^>]*" "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || true)"
  echo "${v:-0}"
}
passed=0 failed=0 skipped=0
while IFS= read -r -d '' trx; do
  total="$(counter total "$trx")"
  executed="$(counter executed "$trx")"
  passed=$(( passed + $(counter passed "$trx") ))
  failed=$(( failed + $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx") ))
  skipped=$(( skipped + total - executed ))
done < <(find "$RESULTS" -name '*.trx' -print0 2>/dev/null)

# Name each failed test with the start of its message, so that the end of a long log says what broke.
failures="$(find "$RESULTS" -name '*.trx' -exec awk '
  /<UnitTestResult / { failed = /outcome="(Failed|Error|Timeout|Aborted)"/; lines = 0 }
  /<UnitTestResult / && failed {
    match($0, /testName="[^"]*"/); print "FAILED " substr($0, RSTART + 10, RLENGTH - 11) }
  failed && /<Message>/ { inmsg = 1; sub(/.*<Message>/, "") }
  inmsg && lines < 12 { line = $0; sub(/<\/Message>.*/, "", line); print "    " line; lines++ }
  /<\/Message>/ { inmsg = 0 }' {} + 2>/dev/null || true)"
SUMMARY="$passed passed, $failed failed, $skipped skipped"
[[ -n "$failures" ]] && SUMMARY="$failures"$'\n'"$SUMMARY"
if (( status == 0 && failed > 0 )); then status=1; fi
if (( status != 0 )); then echo "dotnet test failed (exit code $status)" >&2; fi
exit "$status"
