// The watch page's gestures and measurements (Features/Streams/Watch.razor); what they mean is decided in C#.

// A vertical swipe this long (px), clearly more vertical than sideways and quick, changes the stream.
const SWIPE_MIN = 60;
const SWIPE_MAX_MS = 1000;

// Touches that begin on something with its own gesture (typing, scrolling the chat, the shop) are not swipes.
const OWN_GESTURE = 'input, select, textarea, .comment-list, .watch-shop, [data-no-swipe]';

/**
 * Watches `screen` (the video and its overlays) for vertical swipes: up is the next live stream,
 * down the previous (dotnet.OnSwipe(+1 / -1)). Also keeps --watch-top, where the screen starts, so
 * that on a phone the screen fills exactly what is left of the viewport below the header.
 */
export function init(screen, dotnet) {
  const measure = () => {
    const top = screen.getBoundingClientRect().top + window.scrollY;
    document.documentElement.style.setProperty('--watch-top', `${Math.max(0, Math.round(top))}px`);
  };
  measure();
  const header = document.querySelector('.site-header');
  const resized = new ResizeObserver(measure);
  if (header) {
    resized.observe(header);
  }

  window.addEventListener('resize', measure);

  let start = null;
  const onStart = e => {
    if (e.touches.length !== 1 || e.target.closest?.(OWN_GESTURE)) {
      start = null;
      return;
    }

    const t = e.touches[0];
    start = { x: t.clientX, y: t.clientY, at: Date.now() };
  };
  const onEnd = e => {
    const from = start;
    start = null;
    const t = e.changedTouches?.[0];
    if (!from || !t) {
      return;
    }

    const dx = t.clientX - from.x;
    const dy = t.clientY - from.y;
    if (Math.abs(dy) >= SWIPE_MIN && Math.abs(dy) > 1.5 * Math.abs(dx) && Date.now() - from.at <= SWIPE_MAX_MS) {
      dotnet.invokeMethodAsync('OnSwipe', dy < 0 ? 1 : -1).catch(() => { /* the page is gone */ });
    }
  };
  screen.addEventListener('touchstart', onStart, { passive: true });
  screen.addEventListener('touchend', onEnd, { passive: true });
  return {
    dispose() {
      resized.disconnect();
      window.removeEventListener('resize', measure);
      screen.removeEventListener('touchstart', onStart);
      screen.removeEventListener('touchend', onEnd);
    },
  };
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The shop sheet opened as a dialog: focus moves into it (`start`, its heading), Tab and Shift+Tab go round
 * inside it, and release() gives focus back to what opened it (the Buy over the video, or that Buy again if it
 * was re-rendered meanwhile). Escape and the close button are the page's (C#); they end in release().
 */
export function trapSheet(sheet, start) {
  const opener = document.activeElement;
  const onKey = e => {
    if (e.key !== 'Tab') {
      return;
    }

    const items = [...sheet.querySelectorAll(FOCUSABLE)].filter(e => e.offsetParent !== null);
    if (items.length === 0) {
      e.preventDefault();
      return;
    }

    const at = items.indexOf(document.activeElement);
    const inside = sheet.contains(document.activeElement);
    if (e.shiftKey && (at === 0 || !inside || (at < 0 && document.activeElement === start))) {
      e.preventDefault();
      items[items.length - 1].focus();
    } else if (!e.shiftKey && (at === items.length - 1 || !inside)) {
      e.preventDefault();
      items[0].focus();
    }
  };
  document.addEventListener('keydown', onKey, true);
  start?.focus({ preventScroll: true });
  return {
    release() {
      document.removeEventListener('keydown', onKey, true);
      const back = opener?.isConnected && opener !== document.body && !sheet.contains(opener)
        ? opener
        : document.querySelector('[data-testid=stage-buy]');
      back?.focus({ preventScroll: true });
    },
  };
}

// How close to the end (px) still counts as "reading the newest".
const NEAR_END = 48;

/**
 * Keeps a chat list scrolled to its newest item as items arrive, unless the viewer scrolled up to
 * read older ones; toEnd() follows again (after the viewer sent a comment).
 */
export function followChat(list) {
  let follow = true;
  const atEnd = () => list.scrollHeight - list.scrollTop - list.clientHeight <= NEAR_END;
  const toEnd = () => {
    list.scrollTop = list.scrollHeight;
  };
  const onScroll = () => {
    follow = atEnd();
  };
  list.addEventListener('scroll', onScroll, { passive: true });
  const added = new MutationObserver(() => {
    if (follow) {
      toEnd();
    }
  });
  added.observe(list, { childList: true });
  toEnd();
  return {
    toEnd() {
      follow = true;
      toEnd();
    },
    dispose() {
      added.disconnect();
      list.removeEventListener('scroll', onScroll);
    },
  };
}
