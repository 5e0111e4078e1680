import { h, mount } from './dom.js';

/**
 * Live updates from the server's change feed, pushed as server-sent events
 * (GET /api/changes/stream). One EventSource serves the whole app; it reconnects by itself after
 * a network drop and resumes after the last change it received (Last-Event-ID), so nothing is
 * missed. The page on screen registers one listener (`follow`); a new page's listener replaces
 * the last one, and a listener whose page is gone (`current()` false) is dropped.
 *
 * `document.body.dataset.live` says where the stream is: 'open' once the server has sent its
 * first message, 'retrying' while it reconnects (the browser test waits for 'open').
 */
let source = null;
let listener = null;

function connect() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/changes/stream');
  source.addEventListener('ready', () => (document.body.dataset.live = 'open'));
  source.addEventListener('change', (m) => {
    let change;
    try {
      change = JSON.parse(m.data);
    } catch {
      return;
    }
    if (!listener) return;
    if (!listener.current()) return void (listener = null);
    listener.fn(change);
  });
  source.addEventListener('error', () => {
    // A closed server (401) stops the stream for good; anything else is retried by the browser.
    document.body.dataset.live = source.readyState === EventSource.CLOSED ? 'closed' : 'retrying';
    if (source.readyState === EventSource.CLOSED) source = null;
  });
}

/** Call `fn(change)` for every change while the page of `current` is on screen. */
export function follow(current, fn) {
  listener = { current, fn };
  connect();
}

/**
 * The dashboard's banner: "N new events" (and how many changed) as changes arrive, with a button
 * that merges them into the map, timeline and table in place (`merge(ids)`), no reload.
 */
export function liveBanner(el, current, merge) {
  const added = new Set();
  const changed = new Set();
  const show = () => {
    const n = added.size;
    const m = changed.size;
    if (!n && !m) return void (el.hidden = true);
    const words = [n ? `${n} new event${n === 1 ? '' : 's'}` : null, m ? `${m} changed` : null].filter(Boolean).join(', ');
    el.dataset.count = String(n);
    mount(
      el,
      h('span', { class: 'live-count' }, words),
      ' since this view was drawn. ',
      h('button', { type: 'button', class: 'link live-merge', on: { click: async () => {
        const ids = [...added, ...changed];
        added.clear();
        changed.clear();
        show();
        await merge(ids, new Set(ids));
      } } }, 'Show them'),
    );
    el.hidden = false;
  };
  follow(current, (c) => {
    if (c.op === 'add') added.add(c.eventId);
    else if (!added.has(c.eventId)) changed.add(c.eventId);
    if (c.op === 'delete') added.delete(c.eventId);
    show();
  });
}

/** Mark the rows of these events in a table as just arrived (a highlight that fades). */
export function markFresh(root, ids) {
  for (const tr of root.querySelectorAll('tr[data-id]')) if (ids.has(tr.dataset.id)) tr.classList.add('live-fresh');
}

/**
 * A page that redraws itself when its data changed (event page, contradictions): `redraw()` runs
 * after the change, unless `busy()` says the analyst is in the middle of something (an unsaved
 * edit), in which case `el` says the page is out of date, with a button to redraw.
 */
export function redrawOnChange(current, matters, redraw, { busy = () => false, el = null } = {}) {
  let pending = false;
  follow(current, async (c) => {
    if (!matters(c)) return;
    if (busy()) {
      if (el) {
        mount(el, c.op === 'delete' ? 'This event was merged or deleted elsewhere. ' : 'This has changed since it was drawn. ', h('button', { type: 'button', class: 'link', on: { click: () => redraw() } }, 'Redraw'));
        el.hidden = false;
      }
      return;
    }
    // Changes come in bursts (one document touches several events): one redraw per burst.
    if (pending) return;
    pending = true;
    await new Promise((r) => setTimeout(r, 250));
    pending = false;
    if (current()) redraw();
  });
}
