import { h, mount, clear, link } from '../dom.js';
import { get } from '../api.js';
import { EventMap } from '../map.js';
import { Timeline, dayToIso } from '../timeline.js';
import { baseMap } from '../basemap.js';
import { TYPES, GRADES, typeColor, typeBadge, gradeBadge, reviewBadge, fmtDate, fmtPlace, fmtFatalities, empty, errorBox, showError } from '../ui.js';

/**
 * The dashboard: filters, the map, the timeline and the event table. The filters (type, grade,
 * country, actor, rejected) live in the URL and select the events of all three; brushing the
 * timeline narrows the map at once (in the browser) and the table (with since/until).
 */
const FILTERS = ['type', 'grade', 'country', 'actor', 'review', 'includeRejected'];

export async function dashboard(main, _params, query, current) {
  const filters = {};
  for (const f of FILTERS) if (query.get(f)) filters[f] = query.get(f);
  document.title = 'sitrep · events';
  delete document.body.dataset.mapReady;

  const mapBox = h('div', { class: 'map-box' });
  const side = h('aside', { class: 'side' }, h('p', { class: 'muted' }, 'Click a marker to see the event; click a cluster to zoom in.'));
  const tlBox = h('div', { class: 'tl-box' });
  const tableBox = h('div', { class: 'table-box' });
  const summary = h('div', { class: 'summary' });
  const live = h('div', { class: 'live', role: 'status', hidden: true });
  mount(main, filterBar(filters), live, summary, h('div', { class: 'map-row' }, mapBox, side), tlBox, tableBox);

  const map = new EventMap(mapBox, { onSelect: (id) => showEvent(side, id) });
  // The table can follow the map: list only the events inside the current view.
  let inView = null;
  mapBox.append(h('div', { class: 'map-actions' }, h('button', { type: 'button', class: 'in-view', on: { click: () => { inView = map.bbox(); loadTable(); } } }, 'List the events in this view')));
  let brush = null;
  const timeline = new Timeline(tlBox, {
    onBrush: (range) => {
      brush = range;
      applyBrush();
      loadTable();
    },
  });

  // Both requests start at once; the map draws when both are in.
  const t0 = performance.now();
  const [base, points] = await Promise.all([baseMap('110m'), bootOr('points', filters, () => get('/events/points', filters))]);
  if (!current()) return;
  map.setBase(base);
  map.setPoints(points, { fit: true });
  timeline.setData(points);
  map.onRender = () => {
    map.onRender = null;
    // What the browser test reads as first meaningful paint: outlines and markers are in the DOM
    // and laid out (the next frame after the map rendered).
    requestAnimationFrame(() => {
      performance.mark('sitrep:map-drawn');
      document.body.dataset.mapReady = '1';
      document.body.dataset.mapMs = String(Math.round(performance.now() - t0));
    });
  };
  renderSummary(summary, points);
  if (!points.count) {
    mount(side, empty('No events yet', Object.keys(filters).length ? 'No event matches these filters. Clear them to see every event.' : h('p', null, 'Add articles on the ', h('a', { href: '#/ingest' }, 'Ingest'), ' page, or from the command line with ', h('code', null, 'sitrep ingest DIR'), '. Their events appear here.')));
  }

  const brushNote = h('span', { class: 'brushed' });
  summary.append(brushNote);
  function applyBrush() {
    if (!brush) {
      brushNote.textContent = '';
      return map.setMask(null);
    }
    const m = new Uint8Array(points.day.length);
    let n = 0;
    for (let i = 0; i < m.length; i++) n += m[i] = points.day[i] >= brush[0] && points.day[i] <= brush[1] ? 1 : 0;
    brushNote.textContent = `${n} on the map from ${dayToIso(brush[0])} to ${dayToIso(brush[1])}`;
    map.setMask(m);
  }

  let tableGen = 0;
  async function loadTable() {
    const gen = ++tableGen;
    const params = { ...filters, limit: 50 };
    if (brush) {
      params.since = dayToIso(brush[0]);
      params.until = dayToIso(brush[1]);
    }
    if (inView) params.bbox = inView.join(',');
    const body = h('tbody');
    const more = h('div', { class: 'more' });
    mount(
      tableBox,
      h('h2', null, 'Events', brush ? ` from ${params.since} to ${params.until}` : '', inView ? [' in the map view ', h('button', { type: 'button', class: 'link', on: { click: () => { inView = null; loadTable(); } } }, '(all places)')] : ''),
      h('table', { class: 'events' }, tableHead(), body),
      more,
    );
    let cursor = null;
    let shown = 0;
    const page = async () => {
      mount(more, h('span', { class: 'loading' }, 'Loading…'));
      try {
        // With a map-view box the server filters each page after the fact, so a page can come
        // back short: keep reading until a page's worth is in or the list ends.
        let got = 0;
        for (let tries = 0; tries < 20; tries++) {
          const res = await get('/events', { ...params, cursor });
          if (gen !== tableGen || !current()) return;
          for (const e of res.items) body.append(eventRow(e));
          got += res.items.length;
          cursor = res.next;
          if (!cursor || got >= params.limit) break;
        }
        shown += got;
        clear(more);
        if (!shown) more.append(empty('No events to list', inView ? 'Nothing in this map view: zoom out or list all places.' : brush ? 'Nothing in the brushed dates: widen or clear the timeline selection.' : 'Ingest articles to see their events here.'));
        if (cursor) more.append(h('button', { type: 'button', on: { click: page } }, 'Load more'));
        else if (shown) more.append(h('span', { class: 'muted' }, `${shown} event${shown === 1 ? '' : 's'}`));
      } catch (e) {
        if (gen === tableGen) mount(more, errorBox(e));
      }
    };
    await page();
  }
  loadTable();
  watchChanges(live, current);

  // Sharper borders once the first picture is up.
  setTimeout(() => baseMap('50m').then((b) => current() && map.setBase(b)).catch(() => {}), 300);
}

function filterBar(filters) {
  const typeSel = h('select', { name: 'type', 'aria-label': 'event type' }, h('option', { value: '' }, 'All types'), TYPES.map((t) => h('option', { value: t, selected: filters.type === t }, t)));
  const gradeSel = h('select', { name: 'grade', 'aria-label': 'corroboration grade' }, h('option', { value: '' }, 'Any grade'), GRADES.map((g) => h('option', { value: g, selected: filters.grade === g }, g)));
  const country = h('input', { name: 'country', placeholder: 'Country (IQ)', size: 8, maxlength: 2, value: filters.country ?? '' });
  const actor = h('input', { name: 'actor', placeholder: 'Actor (org:isis or name)', value: filters.actor ?? '' });
  const reviewSel = h('select', { name: 'review', 'aria-label': 'review status' }, h('option', { value: '' }, 'Any review'), ['unreviewed', 'accepted', 'edited', 'rejected'].map((r) => h('option', { value: r, selected: filters.review === r }, r)));
  const rejected = h('input', { type: 'checkbox', name: 'includeRejected', checked: filters.includeRejected === 'true' });
  const form = h(
    'form',
    {
      class: 'filters',
      on: {
        submit: (e) => {
          e.preventDefault();
          const q = new URLSearchParams();
          if (typeSel.value) q.set('type', typeSel.value);
          if (gradeSel.value) q.set('grade', gradeSel.value);
          if (country.value.trim()) q.set('country', country.value.trim().toUpperCase());
          if (actor.value.trim()) q.set('actor', actor.value.trim());
          if (reviewSel.value) q.set('review', reviewSel.value);
          if (rejected.checked) q.set('includeRejected', 'true');
          location.hash = '#/' + (q.toString() ? '?' + q : '');
        },
      },
    },
    typeSel, gradeSel, country, actor, reviewSel,
    h('label', { class: 'check' }, rejected, ' rejected too'),
    h('button', { type: 'submit' }, 'Filter'),
    Object.keys(filters).length ? h('a', { href: '#/', class: 'reset' }, 'Clear filters') : null,
    h('span', { class: 'exports' }, 'Export: ',
      h('a', { href: '/api/export/events.csv' + exportQuery(filters), title: 'reviewed values, review status and the machine values they replaced' }, 'CSV'), ' · ',
      h('a', { href: '/api/export/events.acled.csv' + exportQuery(filters), title: 'ACLED columns, then sitrep columns with evidence' }, 'ACLED CSV'), ' · ',
      h('a', { href: '/api/export/events.geojson' + exportQuery(filters) }, 'GeoJSON'), ' · ',
      h('a', { href: '/api/export/events.jsonl' + exportQuery(filters) }, 'JSONL')),
  );
  return form;
}

function exportQuery(filters) {
  const q = new URLSearchParams(filters).toString();
  return q ? '?' + q : '';
}

function renderSummary(el, points) {
  const byType = new Map();
  for (let i = 0; i < points.type.length; i++) byType.set(points.type[i], (byType.get(points.type[i]) ?? 0) + 1);
  mount(
    el,
    h('strong', { class: 'count' }, String(points.count)), ` event${points.count === 1 ? '' : 's'}`,
    points.unlocated ? ` (${points.unlocated} without a location, not on the map)` : '',
    h('span', { class: 'legend' }, [...byType].map(([t, n]) => h('span', { class: 'legend-item' }, h('i', { style: { background: typeColor(points.types[t]) } }), `${points.types[t]} ${n}`))),
    h('span', { class: 'muted' }, ' Marker size: fatalities.'),
  );
}

function tableHead() {
  return h('thead', null, h('tr', null, ['Date', 'Type', 'Location', 'Actors', 'Killed', 'Grade', 'Sources', 'Review'].map((c) => h('th', null, c))));
}

export function eventRow(e) {
  const go = () => (location.hash = link('events', e.id));
  return h(
    'tr',
    { class: 'event-row', dataset: { id: e.id }, on: { click: go } },
    h('td', null, h('a', { href: link('events', e.id) }, fmtDate(e.date))),
    h('td', null, typeBadge(e.type, e.subtype)),
    h('td', null, fmtPlace(e.location)),
    h('td', null, e.actors.map((a) => a.name ?? a.entity).join(', ') || '—'),
    h('td', { class: 'num' }, fmtFatalities(e.fatalities)),
    h('td', null, gradeBadge(e.corroboration)),
    h('td', { class: 'num' }, String(e.sources.length)),
    h('td', null, reviewBadge(e.review)),
  );
}

async function showEvent(side, id) {
  mount(side, h('p', { class: 'loading' }, 'Loading…'));
  try {
    const e = await get('/events/' + encodeURIComponent(id));
    mount(
      side,
      h('h3', null, typeBadge(e.type, e.subtype)),
      h('dl', null,
        h('dt', null, 'Date'), h('dd', null, fmtDate(e.date)),
        h('dt', null, 'Where'), h('dd', null, fmtPlace(e.location)),
        h('dt', null, 'Killed'), h('dd', null, fmtFatalities(e.fatalities)),
        h('dt', null, 'Actors'), h('dd', null, e.actors.map((a) => `${a.name ?? a.entity} (${a.role})`).join(', ') || '—'),
        h('dt', null, 'Sources'), h('dd', null, `${e.corroboration.reports} report(s), ${e.corroboration.outlets} outlet(s) `, gradeBadge(e.corroboration)),
      ),
      h('a', { class: 'button', href: link('events', e.id) }, 'Open event'),
    );
  } catch (err) {
    mount(side, errorBox(err));
    showError(err);
  }
}

/** The request boot.js started for these filters, once; else a new one. */
function bootOr(what, filters, fetcher) {
  const boot = window.__sitrepBoot;
  if (boot && boot[what] && boot.key === new URLSearchParams(filters).toString()) {
    const p = boot[what];
    boot[what] = null;
    return p.catch(fetcher);
  }
  return fetcher();
}

/**
 * Live view: poll the change feed and say when events were added or changed since the page was
 * drawn (by an ingest elsewhere, another analyst), with a link to redraw.
 */
export function watchChanges(el, current) {
  let cursor = null;
  const tick = async () => {
    if (!current() || !document.body.contains(el)) return;
    try {
      if (cursor == null) cursor = (await get('/changes', { since: 'latest' })).cursor;
      else {
        const feed = await get('/changes', { since: cursor, limit: 1000 });
        if (feed.changes.length) {
          const n = new Set(feed.changes.map((c) => c.eventId)).size;
          mount(el, `${n} event${n === 1 ? '' : 's'} added or changed since this view was drawn. `, h('button', { type: 'button', class: 'link', on: { click: () => window.dispatchEvent(new HashChangeEvent('hashchange')) } }, 'Refresh'));
          el.hidden = false;
          return; // stop polling until the view is redrawn
        }
      }
    } catch {
      // A failed poll is retried; the page itself stays usable.
    }
    setTimeout(tick, 10_000);
  };
  tick();
}
