// The video player seam. Razor components call attach/detach only; how a URL becomes pictures
// is decided here: MP4 everywhere; HLS (.m3u8) through hls.js (vendored in lib/hls, loaded only
// for HLS) wherever Media Source Extensions exist, else natively (iOS Safari without MSE). hls.js
// comes first, as it advises, because some browsers' own HLS is experimental and less reliable:
// Debian's Chromium answers canPlayType "maybe" for HLS.

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
 * "unsupported" when neither hls.js nor the browser can play it (the poster stays up).
 * When playback later fails for good, the video is detached (the poster returns) and
 * `listener` (a .NET object reference, optional) hears OnPlaybackFailed().
 */
export async function attach(video, url, listener) {
  detach(video);
  if (!video || !url) {
    return 'none';
  }

  const failed = () => {
    detach(video);
    listener?.invokeMethodAsync('OnPlaybackFailed').catch(() => { /* the component is gone */ });
  };

  if (isHls(url)) {
    const Hls = await loadHls();
    if (Hls?.isSupported()) {
      const hls = new Hls({ lowLatencyMode: true });
      let recovered = false;
      hls.on(Hls.Events.ERROR, (_, data) => {
        if (!data.fatal) {
          return; // hls.js retries those itself
        }
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recovered) {
          recovered = true; // a decoder hiccup: hls.js's documented one-time recovery
          hls.recoverMediaError();
          return;
        }
        failed();
      });
      players.set(video, () => hls.destroy());
      hls.loadSource(url);
      hls.attachMedia(video);
      play(video);
      return 'hls.js';
    }

    if (video.canPlayType(HLS_TYPE) === '') {
      return 'unsupported';
    }
  }

  video.addEventListener('error', failed);
  players.set(video, () => video.removeEventListener('error', failed));
  video.src = url;
  play(video);
  return 'native';
}

/** Stops playback and releases the network connection. */
export function detach(video) {
  if (!video) {
    return;
  }

  const release = players.get(video);
  if (release) {
    players.delete(video);
    release();
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
