#!/usr/bin/env bash
# Install what the tests need, only when it is missing (safe to run again and again):
#   - Debian packages redis-server (with redis-cli), chromium (+ fonts-noto-color-emoji), nginx (+ libnginx-mod-rtmp), ffmpeg,
#     postgresql and python3-aiosmtpd (apt; root or sudo);
#     nginx fronts the nodes in the node-kill test and infra/cluster; with its RTMP module it is the
#     media engine (infra/video.sh), and ffmpeg publishes test streams, bridges browser video and
#     remuxes recordings; infra/postgres.sh runs throwaway
#     PostgreSQL clusters with the package's binaries (the package's own system cluster is stopped)
#   - npm azurite, pinned, into .tools/azurite under the repo          (ignored by git)
# Needs Node.js + npm for Azurite.
set -euo pipefail
# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# 3.35.0 is the newest Azurite that runs on Node 20 (3.36+ require Node >= 21/22).
AZURITE_VERSION="3.35.0"
AZURITE_DIR="$LC_ROOT/.tools/azurite"

# --- Debian packages ---------------------------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
# Emoji (reactions, the demo's chat) in the browser tests and the screenshots, instead of empty boxes.
[[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]] || missing+=(fonts-noto-color-emoji)
[[ -x /usr/sbin/nginx || -x /usr/bin/nginx ]] || missing+=(nginx)
[[ -f /usr/lib/nginx/modules/ngx_rtmp_module.so ]] || missing+=(libnginx-mod-rtmp)
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
# The SMTP sink of infra/smtp.sh, in Debian's Python (not whichever python3 is first on PATH).
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)

if (( ${#missing[@]} > 0 )); then
  sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to install: ${missing[*]}"
    sudo=(sudo)
  fi
  log "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  if [[ " ${missing[*]} " == *" nginx "* || " ${missing[*]} " == *" libnginx-mod-rtmp "* ]]; then
    # The package may start a system nginx on port 80 of every interface; the tests run their own on loopback.
    if [[ -d /run/systemd/system ]]; then
      "${sudo[@]}" systemctl disable --now nginx >/dev/null 2>&1 || true
    elif command -v service >/dev/null 2>&1; then
      "${sudo[@]}" service nginx stop >/dev/null 2>&1 || true
    fi
  fi
  if [[ " ${missing[*]} " == *" postgresql "* ]]; then
    # The package may create and start a system cluster on port 5432; the tests run their own
    # throwaway cluster on a free loopback port (infra/postgres.sh).
    if [[ -d /run/systemd/system ]]; then
      "${sudo[@]}" systemctl disable --now postgresql >/dev/null 2>&1 || true
    elif command -v service >/dev/null 2>&1; then
      "${sudo[@]}" service postgresql stop >/dev/null 2>&1 || true
    fi
  fi
else
  log "redis-server, redis-cli, chromium (+ emoji font), nginx (+ RTMP module), ffmpeg, postgresql and python3-aiosmtpd already installed"
fi

# --- Azurite (npm) -------------------------------------------------------------
installed_version() {
  local pkg="$AZURITE_DIR/node_modules/azurite/package.json"
  [[ -f "$pkg" ]] && node -p "require(process.argv[1]).version" "$pkg" 2>/dev/null
}

command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js 20+ (Debian: apt-get install nodejs npm)"
if [[ "$(installed_version || true)" == "$AZURITE_VERSION" && -x "$AZURITE_DIR/node_modules/.bin/azurite-blob" ]]; then
  log "azurite $AZURITE_VERSION already installed in ${AZURITE_DIR#"$LC_ROOT"/}"
else
  log "installing azurite $AZURITE_VERSION into ${AZURITE_DIR#"$LC_ROOT"/} (takes a minute)"
  mkdir -p "$AZURITE_DIR"
  npm install --prefix "$AZURITE_DIR" --save-exact --no-audit --no-fund --loglevel=error \
    "azurite@$AZURITE_VERSION" >&2
  [[ "$(installed_version || true)" == "$AZURITE_VERSION" ]] || die "azurite $AZURITE_VERSION did not install"
fi
