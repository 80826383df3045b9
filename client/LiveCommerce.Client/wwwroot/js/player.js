// The video player seam. Razor components call attach/detach only; how a URL becomes pictures
// is decided here: MP4 everywhere; HLS (.m3u8) through hls.js (vendored in lib/hls, loaded only
// for HLS) wherever Media Source Extensions exist, else natively (iOS Safari without MSE). hls.js
// comes first, as it advises, because some browsers' own HLS is experimental and less reliable:
// Debian's Chromium answers canPlayType "maybe" for HLS.
//
// A live playlist is often not there yet when the page attaches (the encoder connected a second
// ago and the engine has not cut its first segment), and it goes away or stalls while the host's
// encoder reconnects. So an HLS source that fails is attached again with a backoff instead of
// giving up (it tells the page after a few failed attempts, and again when it plays), and
// resume() revives the player when the host's encoder is back. Other sources (a replay's MP4)
// fail for good: the video is detached and the page told.

const HLS_TYPE = 'application/vnd.apple.mpegurl';
// Waits before each new attempt (ms); the last one repeats. The first playlist appears within
// about two fragments (1 s each), so the first retries are quick.
const RETRY_DELAYS = [1000, 2000, 4000, 8000];
// Failed attempts in a row after which the page says the video is unavailable (about 7 s of
// retrying: longer than a playlist takes to appear, shorter than a viewer waits for a black box).
const REPORT_AFTER_ATTEMPTS = 3;
// After the encoder is back, how long a player that is still attached may take to play on by
// itself before it is attached anew. New segments appear about a second after the encoder
// reconnects; a player that recovers on its own played within about 2 s in the browser tests.
const RESUME_PATIENCE_MS = 4000;
// video → { url, listener, hls, mode, start, attempt, reported, timer, watchdog (its stop), lostSource, onError }
const players = new WeakMap();
const wantsSound = new WeakSet(); // videos the viewer unmuted: a re-attach keeps the sound on
const listening = new WeakSet();
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

function tell(listener, method) {
  listener?.invokeMethodAsync(method).catch(() => { /* the component is gone */ });
}

// The viewer's last choice (the unmute button or the native controls) is what a re-attach uses.
function rememberSoundChoice(video) {
  if (listening.has(video)) {
    return;
  }

  listening.add(video);
  video.addEventListener('volumechange', () => {
    if (video.muted) {
      wantsSound.delete(video);
    } else {
      wantsSound.add(video);
    }
  });
}

function play(video) {
  // Browsers autoplay only muted video, until the viewer chose sound (the unmute button).
  video.muted = !wantsSound.has(video);
  video.playsInline = true;
  const started = video.play();
  if (started && typeof started.catch === 'function') {
    started.catch(error => {
      // Sound refused without a fresh tap: play muted; the unmute button shows again. (An
      // AbortError only means a retry or detach interrupted this play(); the choice stands.)
      if (error?.name === 'NotAllowedError' && !video.muted) {
        video.muted = true;
        video.play().catch(() => { /* no media yet: the retry or the controls take over */ });
      }
    });
  }
}

/**
 * Starts playing `url` in `video`. Resolves to how it plays: "native", "hls.js", or
 * "unsupported" when neither hls.js nor the browser can play it (the poster stays up).
 * `listener` (a .NET object reference, optional) hears OnPlaybackFailed() when playback fails
 * for good (the video is detached) or an HLS source keeps failing (it is still retried), and
 * OnPlaybackRecovered() when such a source plays again.
 */
export async function attach(video, url, listener) {
  detach(video);
  if (!video || !url) {
    return 'none';
  }

  rememberSoundChoice(video);
  const session = {
    url, listener, hls: null, mode: 'native', start: null, attempt: 0, reported: false,
    timer: 0, watchdog: null, lostSource: false, onError: null,
  };
  players.set(video, session);
  if (isHls(url)) {
    const Hls = await loadHls();
    if (players.get(video) !== session) {
      return 'none'; // detached or attached elsewhere meanwhile
    }

    if (Hls?.isSupported()) {
      session.mode = 'hls.js';
      session.start = () => startHls(video, session, Hls);
      session.start();
      return 'hls.js';
    }

    if (video.canPlayType(HLS_TYPE) === '') {
      players.delete(video);
      return 'unsupported';
    }
  }

  session.start = () => startNative(video, session);
  session.start();
  return 'native';
}

function startHls(video, session, Hls) {
  const hls = new Hls({ lowLatencyMode: true });
  session.hls = hls;
  let recoveredMedia = false;
  hls.on(Hls.Events.ERROR, (_, data) => {
    if (session.hls !== hls) {
      return;
    }

    if (data.type === Hls.ErrorTypes.NETWORK_ERROR) {
      session.lostSource = true; // e.g. the engine removed the playlist of an encoder long gone
    }

    if (!data.fatal) {
      return; // hls.js retries non-fatal errors itself
    }

    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recoveredMedia) {
      recoveredMedia = true; // a decoder hiccup: hls.js's documented one-time recovery
      hls.recoverMediaError();
      return;
    }

    // No playlist yet (404), the engine went away, or media that would not recover.
    retry(video, session);
  });
  hls.on(Hls.Events.FRAG_BUFFERED, () => {
    playing(session);
    session.lostSource = false;
    recoveredMedia = false;
  });
  hls.loadSource(session.url);
  hls.attachMedia(video);
  play(video);
}

function startNative(video, session) {
  // HLS is retried: a live playlist appears late and comes back after a drop. An MP4 (a replay)
  // that fails will not: the video is detached and the page told.
  const live = isHls(session.url);
  session.onError = () => {
    if (live) {
      retry(video, session);
    } else {
      detach(video);
      tell(session.listener, 'OnPlaybackFailed');
    }
  };
  video.addEventListener('error', session.onError, { once: true });
  if (live) {
    video.addEventListener('playing', () => playing(session), { once: true });
  }

  video.src = session.url;
  play(video);
}

// Media arrived: the backoff starts over, and a page told of failures hears it plays again.
function playing(session) {
  session.attempt = 0;
  if (session.reported) {
    session.reported = false;
    tell(session.listener, 'OnPlaybackRecovered');
  }
}

function retry(video, session) {
  if (players.get(video) !== session) {
    return;
  }

  release(video, session);
  const delay = RETRY_DELAYS[Math.min(session.attempt, RETRY_DELAYS.length - 1)];
  session.attempt++;
  if (session.attempt >= REPORT_AFTER_ATTEMPTS && !session.reported) {
    session.reported = true;
    tell(session.listener, 'OnPlaybackFailed');
  }

  session.timer = setTimeout(() => {
    session.timer = 0;
    if (players.get(video) === session) {
      session.start();
    }
  }, delay);
}

/**
 * The host's encoder is back (StreamResumed). A player still attached keeps polling the live
 * playlist and plays the new segments after the discontinuity by itself (hls.js and Chromium's
 * native HLS both did after a short drop in LiveVideoTests); attaching it anew at once would
 * replay the seconds before the drop, because the playlist has no new segment yet. But one whose
 * playlist went away meanwhile (the engine removes it some seconds after the encoder left, and
 * numbers the next one afresh) is attached anew at once: hls.js would lay the new segments over
 * the old buffer and stall. So: a player that gave up or lost its playlist starts again now, and
 * one that has not played on after a few seconds is attached anew.
 */
export function resume(video) {
  const session = video && players.get(video);
  if (!session) {
    return;
  }

  session.attempt = 0;
  if (session.timer || session.lostSource) {
    release(video, session);
    session.start();
    return;
  }

  // Played time, not the position: the player may move its timeline (a new discontinuity, a
  // playlist numbered afresh) while it plays on perfectly well.
  stopWatchdog(session);
  let last = video.currentTime;
  let played = 0;
  const onTime = () => {
    const step = video.currentTime - last;
    last = video.currentTime;
    if (step > 0 && step < 1) {
      played += step;
    }
  };
  video.addEventListener('timeupdate', onTime);
  const timer = setTimeout(() => {
    stopWatchdog(session);
    // A viewer who paused meant it; otherwise a player that did not play a second is stuck.
    if (players.get(video) === session && !session.timer && !video.paused && played < 1) {
      release(video, session);
      session.start();
    }
  }, RESUME_PATIENCE_MS);
  session.watchdog = () => {
    clearTimeout(timer);
    video.removeEventListener('timeupdate', onTime);
  };
}

function stopWatchdog(session) {
  const stop = session.watchdog;
  session.watchdog = null;
  stop?.();
}

// Lets go of the media (hls.js, the element's source) but not of the session.
function release(video, session) {
  clearTimeout(session.timer);
  session.timer = 0;
  session.lostSource = false;
  stopWatchdog(session);
  if (session.onError) {
    video.removeEventListener('error', session.onError);
    session.onError = null;
  }

  if (session.hls) {
    const hls = session.hls;
    session.hls = null;
    hls.destroy();
  }

  if (!video.getAttribute('src')) {
    return;
  }

  video.pause();
  video.removeAttribute('src');
  video.load();
}

/** Stops playback, any pending retry, and releases the network connection. */
export function detach(video) {
  if (!video) {
    return;
  }

  const session = players.get(video);
  players.delete(video);
  if (session) {
    release(video, session);
    return;
  }

  if (video.getAttribute('src')) {
    video.pause();
    video.removeAttribute('src');
    video.load();
  }
}

/** The viewer's tap on "unmute": sound on, and playing (the tap allows it). */
export function unmute(video) {
  if (!video) {
    return;
  }

  video.muted = false;
  if (video.paused) {
    video.play().catch(() => { /* no media yet: it plays with sound when it comes */ });
  }
}

/** Reports the muted state to .NET (OnMutedChanged) now and on every change; dispose() stops. */
export function watchMuted(video, dotnet) {
  const report = () => dotnet.invokeMethodAsync('OnMutedChanged', video.muted);
  video.addEventListener('volumechange', report);
  report();
  return {
    dispose() {
      video.removeEventListener('volumechange', report);
    },
  };
}

/**
 * How far behind the live edge the viewer is, for diagnostics and the latency measurement of
 * the browser tests: the position, the seekable and buffered ends (the newest media the player
 * knows of; native HLS in Chromium reports no seekable range, only what it buffered), and with
 * hls.js its own estimate and the segment on screen.
 */
export function liveStats(video) {
  const session = video && players.get(video);
  if (!session) {
    return null;
  }

  const end = ranges => (ranges.length ? ranges.end(ranges.length - 1) : null);
  const stats = {
    mode: session.mode,
    attempt: session.attempt,
    currentTime: video.currentTime,
    seekableEnd: end(video.seekable),
    bufferedEnd: end(video.buffered),
    at: Date.now(),
  };
  const hls = session.hls;
  const details = hls?.levels?.[hls.currentLevel]?.details ?? hls?.latestLevelDetails;
  if (hls && details) {
    const fragment = details.fragments.find(f => f.start <= video.currentTime && video.currentTime < f.start + f.duration);
    Object.assign(stats, {
      hlsLatency: hls.latency,
      playlistAge: details.age,
      segment: fragment?.relurl ?? null,
      fragmentStart: fragment?.start ?? null,
      fragmentDuration: fragment?.duration ?? null,
    });
  }

  return stats;
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
  const started = video.play();
  if (started && typeof started.catch === 'function') {
    started.catch(() => { /* the controls remain */ });
  }
}
