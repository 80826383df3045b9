// The video player seam. Razor components call attach/detach only; how a URL becomes pictures
// is decided here. Today the URL goes straight to the <video> element: MP4 everywhere, HLS
// (.m3u8) where the browser plays it natively (Safari, iOS, some Chromium builds). HLS through
// Media Source Extensions (hls.js) plugs in below, behind the same two functions.

const HLS_TYPE = 'application/vnd.apple.mpegurl';

function isHls(url) {
  try {
    return new URL(url, document.baseURI).pathname.toLowerCase().endsWith('.m3u8');
  } catch {
    return false;
  }
}

/**
 * Starts playing `url` in `video`. Resolves to how it plays: "native", or "unsupported" when the
 * browser cannot play this kind of stream by itself (the poster stays up until hls.js lands).
 */
export function attach(video, url) {
  detach(video);
  if (!video || !url) {
    return 'none';
  }

  const hls = isHls(url);
  const mode = !hls || video.canPlayType(HLS_TYPE) !== '' ? 'native' : 'unsupported';
  // Seam: when mode is "unsupported" and hls.js is available, hand the element to it here.

  // Browsers only autoplay muted video; the controls let the viewer unmute.
  video.muted = true;
  video.playsInline = true;
  video.src = url;
  const playing = video.play();
  if (playing && typeof playing.catch === 'function') {
    playing.catch(() => { /* autoplay refused or no media: the controls remain */ });
  }

  return mode;
}

/** Stops playback and releases the network connection. */
export function detach(video) {
  if (!video || !video.getAttribute('src')) {
    return;
  }

  video.pause();
  video.removeAttribute('src');
  video.load();
}
