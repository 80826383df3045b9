// The video player seam. Razor components call attach/detach only; how a URL becomes pictures
// is decided here: MP4 everywhere, HLS (.m3u8) natively where the browser can (Safari, iOS,
// some Chromium builds), otherwise through hls.js (Media Source Extensions), which is vendored
// in lib/hls and loaded only when needed.

const HLS_TYPE = 'application/vnd.apple.mpegurl';
const players = new WeakMap();
let hlsModule;

function isHls(url) {
  try {
    return new URL(url, document.baseURI).pathname.toLowerCase().endsWith('.m3u8');
  } catch {
    return false;
  }
}

function loadHls() {
  hlsModule ??= import('../lib/hls/hls.min.mjs').then(m => m.default).catch(() => null);
  return hlsModule;
}

function play(video) {
  // Browsers only autoplay muted video; the controls let the viewer unmute.
  video.muted = true;
  video.playsInline = true;
  const playing = video.play();
  if (playing && typeof playing.catch === 'function') {
    playing.catch(() => { /* autoplay refused or no media: the controls remain */ });
  }
}

/**
 * Starts playing `url` in `video`. Resolves to how it plays: "native", "hls.js", or
 * "unsupported" when neither the browser nor hls.js can play it (the poster stays up).
 */
export async function attach(video, url) {
  detach(video);
  if (!video || !url) {
    return 'none';
  }

  if (isHls(url) && video.canPlayType(HLS_TYPE) === '') {
    const Hls = await loadHls();
    if (!Hls || !Hls.isSupported()) {
      return 'unsupported';
    }

    const hls = new Hls({ lowLatencyMode: true });
    players.set(video, hls);
    hls.loadSource(url);
    hls.attachMedia(video);
    play(video);
    return 'hls.js';
  }

  video.src = url;
  play(video);
  return 'native';
}

/** Stops playback and releases the network connection. */
export function detach(video) {
  if (!video) {
    return;
  }

  const hls = players.get(video);
  if (hls) {
    players.delete(video);
    hls.destroy();
  }

  if (!video.getAttribute('src')) {
    return;
  }

  video.pause();
  video.removeAttribute('src');
  video.load();
}

/** Reports the playback position (seconds) to .NET while playing and on seeks; dispose() stops. */
export function watchTime(video, dotnet) {
  const report = () => dotnet.invokeMethodAsync('OnTime', video.currentTime);
  video.addEventListener('timeupdate', report);
  video.addEventListener('seeked', report);
  return {
    dispose() {
      video.removeEventListener('timeupdate', report);
      video.removeEventListener('seeked', report);
    },
  };
}

/** Plays from `seconds` (a viewer picked a moment of a replay). */
export function seek(video, seconds) {
  if (!video) {
    return;
  }

  video.currentTime = seconds;
  const playing = video.play();
  if (playing && typeof playing.catch === 'function') {
    playing.catch(() => { /* the controls remain */ });
  }
}
