#!/bin/bash
# The engine container's start: render nginx-rtmp.conf.template (the one infra/video.sh and the tests
# use) from the environment, then run nginx in the foreground. Listens on every interface of the
# container: RTMP on LC_VIDEO_RTMP_PORT (1935), HLS on LC_VIDEO_HTTP_PORT (8080).
#   LC_VIDEO_SECRET    the nodes' Video__Secret: 32+ characters among A-Z a-z 0-9 . _ ~ - (it travels in
#                      the callback URL's query string, so nothing there may need escaping)
#   LC_VIDEO_CALLBACK  the nodes' engine callbacks, e.g. http://livecommerce/api/video/engine
#                      (nginx-rtmp resolves the host name once, when it starts)
set -euo pipefail
DIR=/var/lib/lc-video
TEMPLATE=/etc/lc-video/nginx-rtmp.conf.template
CONF="$DIR/nginx.conf"
secret="${LC_VIDEO_SECRET:-}"
callback="${LC_VIDEO_CALLBACK:-}"
rtmp="${LC_VIDEO_RTMP_PORT:-1935}"
http="${LC_VIDEO_HTTP_PORT:-8080}"

die() { printf 'error: %s\n' "$*" >&2; exit 1; }
[[ "$secret" =~ ^[A-Za-z0-9._~-]{32,}$ ]] \
  || die "set LC_VIDEO_SECRET to the nodes' Video__Secret: 32+ characters among A-Z a-z 0-9 . _ ~ -"
[[ "$callback" =~ ^https?://[^[:space:]?#\"\;]+$ ]] \
  || die "set LC_VIDEO_CALLBACK to the nodes' engine callbacks, e.g. http://livecommerce/api/video/engine"
[[ "$rtmp" =~ ^[0-9]+$ && "$http" =~ ^[0-9]+$ ]] || die "LC_VIDEO_RTMP_PORT and LC_VIDEO_HTTP_PORT must be port numbers"

mkdir -p "$DIR/hls" "$DIR/recordings" "$DIR/tmp"
# nginx's workers (user nobody) write HLS and recordings; the nodes (uid 1654) write each MP4 next to
# its recording. Some shared storage refuses chmod (root squashed, SMB): then its mount options decide.
chmod 777 "$DIR/hls" "$DIR/tmp"
chmod 777 "$DIR/recordings" 2>/dev/null \
  || echo "warning: could not make $DIR/recordings writable by all; make sure nginx's workers (nobody) and the nodes (uid 1654) can write there" >&2

# Quoted replacements: bash 5.2 would otherwise read & in them as "the matched text".
conf="$(<"$TEMPLATE")"
conf="${conf//'{{DIR}}'/"$DIR"}"
conf="${conf//'{{RTMP_LISTEN}}'/0.0.0.0}"
conf="${conf//'{{HTTP_LISTEN}}'/0.0.0.0}"
conf="${conf//'{{RTMP_PORT}}'/"$rtmp"}"
conf="${conf//'{{HTTP_PORT}}'/"$http"}"
conf="${conf//'{{CALLBACK}}'/"$callback"}"
conf="${conf//'{{SECRET}}'/"$secret"}"
# A placeholder added to the template later must be filled here too (comments aside).
left="$(grep -v '^[[:space:]]*#' <<<"$conf" | grep -o '{{[A-Z_]*}}' | sort -u | tr '\n' ' ' || true)"
[[ -z "$left" ]] || die "the template has placeholders this entrypoint does not fill: $left"
# The config holds the secret: readable by root (the master) only. (No umask 077 instead: nginx
# inherits it, and the nodes must read the recordings its workers write.)
install -m 600 /dev/null "$CONF"
printf '%s\n' "$conf" >"$CONF"
# The template's error_log is $DIR/error.log: send it to the container's log.
ln -sf /dev/stderr "$DIR/error.log"
echo "video engine: RTMP :$rtmp/live, HLS :$http/hls/, callbacks to ${callback}" >&2
exec /usr/sbin/nginx -c "$CONF" -p "$DIR" -e /dev/stderr
