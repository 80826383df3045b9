#!/usr/bin/env bash
# Start or stop the media engine: nginx with the RTMP module, HLS out, recordings for replays.
#
#   infra/video.sh start CALLBACK_URL [RTMP_PORT] [HTTP_PORT]
#       CALLBACK_URL: the server's engine callbacks, e.g. http://127.0.0.1:5000/api/video/engine
#       Needs LC_VIDEO_SECRET (the server's Video:Secret, 32+ characters). Free ports if none given.
#       Prints the server settings to use on stdout.
#   infra/video.sh stop [RTMP_PORT]   stop the engine on RTMP_PORT, or every engine this script started
#
# LC_VIDEO_LISTEN (default 127.0.0.1) is the address RTMP and HLS listen on; 0.0.0.0 to take
# encoders from other machines. Data under $LC_DATA_DIR/video-RTMP_PORT/ (hls/, recordings/).
set -euo pipefail
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TEMPLATE="$LC_ROOT/infra/video/nginx-rtmp.conf.template"
MODULE=/usr/lib/nginx/modules/ngx_rtmp_module.so

start() {
  local callback="${1:-}" rtmp="${2:-}" http="${3:-}"
  [[ -n "$callback" ]] || die "usage: infra/video.sh start CALLBACK_URL [RTMP_PORT] [HTTP_PORT]"
  [[ ${#LC_VIDEO_SECRET} -ge 32 ]] || die "set LC_VIDEO_SECRET (32+ characters), the same as the server's Video__Secret"
  [[ -x /usr/sbin/nginx ]] || die "nginx not found: run infra/install-deps.sh"
  [[ -f "$MODULE" ]] || die "the nginx RTMP module is missing: run infra/install-deps.sh (libnginx-mod-rtmp)"
  [[ -n "$rtmp" ]] || rtmp="$(free_port)"
  [[ -n "$http" ]] || http="$(free_port)"
  check_port "$rtmp"; check_port "$http"
  local listen="${LC_VIDEO_LISTEN:-127.0.0.1}"
  local dir="$LC_DATA_DIR/video-$rtmp" pidfile="$LC_DATA_DIR/video-$rtmp.pid"
  if pid_alive "$pidfile" nginx; then
    die "an engine already runs on RTMP port $rtmp (pid $(cat "$pidfile"))"
  fi
  mkdir -p "$dir/hls" "$dir/recordings" "$dir/tmp"
  # nginx's workers run as an unprivileged user when started as root: they write HLS and recordings.
  chmod 755 "$dir"; chmod 777 "$dir/hls" "$dir/recordings" "$dir/tmp"
  sed -e "s|{{DIR}}|$dir|g" -e "s|{{RTMP_LISTEN}}|$listen|g" -e "s|{{HTTP_LISTEN}}|$listen|g" \
      -e "s|{{RTMP_PORT}}|$rtmp|g" -e "s|{{HTTP_PORT}}|$http|g" \
      -e "s|{{CALLBACK}}|$callback|g" -e "s|{{SECRET}}|$LC_VIDEO_SECRET|g" "$TEMPLATE" >"$dir/nginx.conf"
  chmod 600 "$dir/nginx.conf"
  /usr/sbin/nginx -c "$dir/nginx.conf" -p "$dir" -e "$dir/error.log" </dev/null >>"$dir/error.log" 2>&1 &
  echo $! >"$pidfile"
  wait_until 10 port_open "$rtmp" || { tail -n 20 "$dir/error.log" >&2; die "the engine did not start"; }
  wait_until 10 port_open "$http" || die "the engine's HLS port did not open"
  log "video engine: rtmp://127.0.0.1:$rtmp/live, HLS http://127.0.0.1:$http/hls/ (pid $(cat "$pidfile"))"
  cat <<SETTINGS
Video__Secret=\$LC_VIDEO_SECRET
Video__Engine__RtmpUrl=rtmp://127.0.0.1:$rtmp/live
Video__Engine__PlaybackBaseUrl=http://127.0.0.1:$http/hls
Video__Engine__RecordingsPath=$dir/recordings
SETTINGS
}

stop() {
  local pattern="video-${1:-*}.pid"
  for pidfile in "$LC_DATA_DIR"/$pattern; do
    [[ -f "$pidfile" ]] || continue
    stop_pidfile "$pidfile" nginx
  done
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) die "usage: infra/video.sh start CALLBACK_URL [RTMP_PORT] [HTTP_PORT] | stop [RTMP_PORT]" ;;
esac
