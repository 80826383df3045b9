#!/usr/bin/env bash
# Generates the demo clip the server loops as a live stream when no video engine is configured
# (Infrastructure/Local/DemoClip), so `dotnet run` shows moving video with no internet. The output
# is committed; run this again only to change the clip, then commit what it wrote.
#
#   infra/video/make-demo-clip.sh [OUT_DIR]     default: src/LiveCommerce.Server/DemoVideo
#
# Needs Debian's `ffmpeg` (ffmpeg + ffprobe, with libx264). Writes into OUT_DIR:
#   seg0.ts … seg3.ts  HLS MPEG-TS segments of exactly 2 s each (8 s in all)
#   clip.m3u8          ffmpeg's VOD playlist of those segments: the manifest the server reads
#                      (each #EXTINF is the segment's duration, in order)
#   demo.flv           the same encode in FLV, for tests that publish to an RTMP engine with
#                      `ffmpeg -re -stream_loop -1 -i demo.flv -c copy -f flv rtmp://…` (no transcode)
#
# The picture: SMPTE HD bars, a moving test pattern and "LiveCommerce demo" (when ffmpeg has
# drawtext and DejaVu Sans is installed); the sound: a quiet 440 Hz tone beeping once a second.
# 640x360, 25 fps, H.264 baseline yuv420p with a keyframe every second, AAC-LC 48 kHz mono.
# 8 s is a whole number of AAC frames at 48 kHz (375 × 1024 samples) and of tone cycles, and the
# pattern's motion has an 8 s period, so the loop seam is invisible and all but inaudible (the
# encoder's 21 ms priming frame opens each pass).
# Deterministic: one encoder thread and bitexact flags give the same bytes on the same ffmpeg.
# Its last lines print each segment's duration (manifest and ffprobe) and the sizes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/src/LiveCommerce.Server/DemoVideo}"
DURATION=8
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || { echo "ffmpeg/ffprobe not found: apt-get install ffmpeg" >&2; exit 1; }
mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# A small moving testsrc2 window (its own counter and moving parts) sweeps across the bars and back.
video="smptehdbars=size=640x360:rate=25[bars];testsrc2=size=192x108:rate=25[pattern];"
video+="[bars][pattern]overlay=x='(W-w)*(0.5-0.5*cos(2*PI*t/$DURATION))':y=H-h-24:shortest=1"
# drawtext is optional (ffmpeg built without libfreetype, or no font): the clip is fine without it.
filters="$(ffmpeg -hide_banner -filters 2>/dev/null)"   # not piped into grep -q: SIGPIPE would fail it under pipefail
if [[ "$filters" == *" drawtext "* && -f "$FONT" ]]; then
  video+=",drawtext=fontfile=$FONT:text='LiveCommerce demo':fontsize=36:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=12:x=(w-text_w)/2:y=32"
else
  echo "drawtext or $FONT unavailable: the clip has no caption" >&2
fi
video+=",format=yuv420p[v]"
# One AAC frame (1024 samples) short: the encoder adds one frame of priming, so the track is exactly
# 375 frames = 8 s, as long as the video (see the remux below).
audio="sine=frequency=440:beep_factor=2:sample_rate=48000,volume=0.2,atrim=end_sample=$(( DURATION * 48000 - 1024 ))[a]"

# One encode (keyframe every 25 frames, never on scene cuts, so every 2 s cut starts a GOP)…
ffmpeg -hide_banner -loglevel error -y \
  -filter_complex "$video;$audio" -map '[v]' -map '[a]' -t "$DURATION" \
  -c:v libx264 -profile:v baseline -level:v 3.0 -preset veryslow -tune stillimage -threads 1 \
  -b:v 140k -maxrate 200k -bufsize 400k -g 25 -keyint_min 25 -sc_threshold 0 \
  -c:a aac -b:a 32k -ac 1 -ar 48000 \
  -fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1 \
  -f mpegts "$WORK/clip.ts"

# …copied (never re-encoded) into the two containers, so both carry the same bitstream. The audio
# comes from a second reading of the file because ffmpeg starts each input at 0: that drops the
# priming frame's 21 ms lead over the video, so both tracks start and end together. Otherwise each
# pass through the loop would last 8.021 s of media for 8 s of wall clock, and a player would drift
# behind the live edge.
remux() { ffmpeg -hide_banner -loglevel error -y -i "$WORK/clip.ts" -i "$WORK/clip.ts" -map 0:v -map 1:a -c copy \
  -fflags +bitexact -map_metadata -1 "$@"; }
remux -f flv "$OUT/demo.flv"
rm -f "$OUT"/seg*.ts "$OUT/clip.m3u8"
remux -f hls -hls_time 2 -hls_playlist_type vod -hls_segment_type mpegts -hls_segment_filename "$OUT/seg%d.ts" "$OUT/clip.m3u8"

# Check that promise: the first segment's tracks start, and the last one's end, at the same instant.
span() {  # span FILE v|a -> "first_pts end" of that track, 90 kHz
  ffprobe -v error -select_streams "$2" -show_entries packet=pts,duration -of csv=p=0 "$1" |
    awk -F, '$1 != "" { if (!seen++) first = $1; end = $1 + $2 } END { print first, end }'
}
last="$(find "$OUT" -name 'seg*.ts' | sort -V | tail -n 1)"
read -r v0 _ < <(span "$OUT/seg0.ts" v); read -r a0 _ < <(span "$OUT/seg0.ts" a)
read -r _ v1 < <(span "$last" v); read -r _ a1 < <(span "$last" a)
(( v0 == a0 && v1 == a1 )) || { echo "audio ($a0-$a1) and video ($v0-$v1) do not line up" >&2; exit 1; }
echo "one loop: $(( (v1 - v0) / 90 )) ms of audio and video" >&2

# What was written: each segment's duration as ffprobe reads it, beside the manifest's.
grep '^#EXTINF' "$OUT/clip.m3u8" | paste - <(for s in "$OUT"/seg*.ts; do
  printf '%s ffprobe %s\n' "$(basename "$s")" "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$s")"
done) >&2
du -cb "$OUT"/seg*.ts "$OUT/clip.m3u8" "$OUT/demo.flv" >&2
