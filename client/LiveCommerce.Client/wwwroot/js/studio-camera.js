// The studio's camera: "go live from this browser". getUserMedia gives the camera and microphone,
// a <video> shows them to the host, MediaRecorder turns them into H.264 + Opus chunks, and a WebSocket
// carries each chunk to the server, which relays them to the media engine with ffmpeg (video copied,
// audio to AAC). H.264 because the engine and every viewer's player take it as it is: recording VP8 or
// VP9 would make the server transcode video, which a two-core node cannot do for many hosts.
// Razor calls the exported functions only (BrowserBroadcast.razor).

// What the recorder may produce, best first. Chromium writes H.264 into WebM; the server's ffmpeg reads
// any of these the same way.
const MIME_TYPES = [
  'video/webm;codecs=h264,opus',
  'video/webm;codecs=avc1,opus',
  'video/x-matroska;codecs=avc1,opus',
];

// A chunk every half second: the server sees a steady flow (its idle limit is far longer), and a stop
// loses at most half a second.
const TIMESLICE_MS = 500;

// What the studio records at: the engine's recommended settings (a keyframe a second, which the engine
// cuts its 1 s HLS segments on) at a bitrate any home upload carries.
const RECORDING = { videoBitsPerSecond: 2_500_000, audioBitsPerSecond: 128_000, videoKeyFrameIntervalDuration: 1000 };

// Unsent bytes the browser may hold before we give up: about 50 s of video on an upload that cannot keep up.
const MAX_UNSENT_BYTES = 16 * 1024 * 1024;

let session = null;

function recordingType() {
  if (typeof MediaRecorder === 'undefined') {
    return null;
  }

  return MIME_TYPES.find(t => MediaRecorder.isTypeSupported(t)) ?? null;
}

// Whether the loaded document may use the camera. The policy is the loaded document's (the server
// allows the camera on /studio documents only), so a host who reached the studio by a client-side
// link runs under another page's policy and must reload it.
function cameraAllowed() {
  const policy = document.permissionsPolicy ?? document.featurePolicy;
  if (policy && typeof policy.allowsFeature === 'function') {
    return policy.allowsFeature('camera') && policy.allowsFeature('microphone');
  }

  // No policy API: judge by the address the document was loaded from.
  const loaded = performance.getEntriesByType('navigation')[0]?.name ?? location.href;
  return new URL(loaded).pathname.startsWith(new URL('studio', document.baseURI).pathname);
}

/** What this browser can do: { allowed, camera, recorder } (recorder: the MIME type it will record, or null). */
export function support() {
  return {
    allowed: cameraAllowed(),
    camera: !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia),
    recorder: recordingType(),
  };
}

/** Asks for the camera and microphone and shows them in `video`. Resolves to null, or the error's name. */
export async function openCamera(video) {
  closeCamera(video);
  let media;
  try {
    media = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
      audio: true,
    });
  } catch (e) {
    if (e.name !== 'NotFoundError') {
      return e.name || 'Error';
    }

    // No microphone: a silent stream is still a stream.
    try {
      media = await navigator.mediaDevices.getUserMedia({ video: true });
    } catch (e2) {
      return e2.name || 'Error';
    }
  }

  session = { media, recorder: null, socket: null, failure: null };
  video.muted = true;
  video.srcObject = media;
  const playing = video.play();
  if (playing && typeof playing.catch === 'function') {
    playing.catch(() => { /* the preview is muted; a refusal leaves the poster */ });
  }

  return null;
}

/**
 * Opens the socket to `url` and, once it is open, records into it. Reports to .NET:
 * OnSending() when the first chunk leaves, OnClosed(code, reason) when it ends (reason is ours when
 * the browser gave up, else the server's).
 */
export function start(url, dotnet) {
  const type = recordingType();
  if (!session || !session.media || !type) {
    return 'NotReady';
  }

  stopSending();
  const recorder = new MediaRecorder(session.media, { mimeType: type, ...RECORDING });
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  session.recorder = recorder;
  session.socket = socket;
  session.failure = null;
  let sent = false;

  recorder.ondataavailable = e => {
    if (socket.readyState !== WebSocket.OPEN || e.data.size === 0) {
      return;
    }

    if (socket.bufferedAmount > MAX_UNSENT_BYTES) {
      session.failure = 'upload-too-slow';
      socket.close(4000, 'The upload is too slow');
      return;
    }

    socket.send(e.data);
    if (!sent) {
      sent = true;
      dotnet.invokeMethodAsync('OnSending');
    }
  };

  // The last chunk is out: close the socket, so the server lets ffmpeg finish.
  recorder.onstop = () => {
    if (socket.readyState === WebSocket.OPEN) {
      socket.close(1000, 'Stopped');
    }
  };

  socket.onopen = () => recorder.start(TIMESLICE_MS);
  socket.onclose = e => {
    if (recorder.state !== 'inactive') {
      recorder.onstop = null;
      recorder.stop();
    }

    const failure = session?.failure;
    if (session && session.socket === socket) {
      session.socket = null;
      session.recorder = null;
    }

    dotnet.invokeMethodAsync('OnClosed', failure ? 4000 : e.code, failure ?? e.reason ?? '');
  };

  return null;
}

/** Stops publishing: the recorder hands over its last chunk, then the socket closes normally. */
export function stop() {
  const recorder = session?.recorder;
  if (recorder && recorder.state !== 'inactive') {
    recorder.stop();
  } else if (session?.socket && session.socket.readyState <= WebSocket.OPEN) {
    session.socket.close(1000, 'Stopped');
  }
}

function stopSending() {
  if (session?.socket) {
    session.socket.onclose = null;
    session.socket.close(1000, 'Stopped');
    session.socket = null;
  }

  if (session?.recorder && session.recorder.state !== 'inactive') {
    session.recorder.onstop = null;
    session.recorder.stop();
  }
}

/** Stops publishing at once and releases the camera and microphone (the browser's indicator goes off). */
export function closeCamera(video) {
  stopSending();
  session?.media?.getTracks().forEach(t => t.stop());
  session = null;
  if (video) {
    video.srcObject = null;
  }
}

/** Copies `text` to the clipboard; false when the browser refuses (no permission, not a secure page). */
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

// Segments a live playlist needs before a player starts: players begin three target durations from the
// live edge (the HLS spec's advice), and Chromium's native HLS fails to parse (or stalls on) the one- and
// two-segment playlists the engine writes in the first seconds of a stream.
const SEGMENTS_TO_START = 3;

/**
 * Whether the stream's HLS has enough segments to start, so the preview waits for something it can play:
 * true or false, or null when the page may not read it (another origin) and the player should just try.
 */
export async function playlistReady(url) {
  try {
    const response = await fetch(url, { cache: 'no-store' });
    return response.ok && ((await response.text()).match(/#EXTINF/g) ?? []).length >= SEGMENTS_TO_START;
  } catch {
    return null;
  }
}
