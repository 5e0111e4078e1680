import { h, mount, clear, link } from '../dom.js';
import { get } from '../api.js';
import { EventMap } from '../map.js';
import { Timeline, dayToIso } from '../timeline.js';
import { baseMap } from '../basemap.js';
import { readState, pointFilters, listParams, exportHref, hashOf, pushState } from '../url-state.js';
import { dayNumber } from '../util.js';
import { liveBanner, markFresh } from '../live.js';
import { TYPES, GRADES, typeColor, typeBadge, gradeBadge, reviewBadge, fmtDate, fmtPlace, fmtFatalities, empty, errorBox, showError } from '../ui.js';

/**
 * The dashboard: filters, the map, the timeline and the event table, all from one state that
 * lives in the URL (url-state.js). The filters select the events of all of them; the timeline
 * brush (since/until) narrows the map at once, in the browser, and the table and the export links
 * through the API; sorting the table reads the server's order, so "Load more" continues it.
 */
export async function dashboard(main, _params, query, current) {
  const state = readState(query);
  const filters = pointFilters(state);
  document.title = 'sitrep · events';
  delete document.body.dataset.mapReady;

  const mapBox = h('div', { class: 'map-box' });
  const side = h('aside', { class: 'side' }, h('p', { class: 'muted' }, 'Click a marker to see the event; click a cluster to zoom in.'));
  const tlBox = h('div', { class: 'tl-box' });
  const tableBox = h('div', { class: 'table-box' });
  const summary = h('div', { class: 'summary' });
  const live = h('div', { class: 'live', role: 'status', 'aria-live': 'polite', hidden: true });
  const bar = filterBar(state);
  mount(main, bar.form, live, summary, h('div', { class: 'map-row' }, mapBox, side), tlBox, tableBox);

  const map = new EventMap(mapBox, { onSelect: (id) => showEvent(side, id) });
  // A change made on the page (brush, sort, the map-view box) becomes a history entry, and the
  // table and the export links follow it at once.
  const changed = () => {
    pushState(state);
    bar.sync(state);
    loadTable();
  };
  mapBox.append(h('div', { class: 'map-actions' }, h('button', { type: 'button', class: 'in-view', on: { click: () => { state.bbox = map.bbox().join(','); changed(); } } }, 'List the events in this view')));
  const timeline = new Timeline(tlBox, {
    onBrush: (range) => {
      if (range) (state.since = dayToIso(range[0])), (state.until = dayToIso(range[1]));
      else delete state.since, delete state.until;
      applyBrush();
      changed();
    },
  });

  // Both requests start at once; the map draws when both are in.
  const t0 = performance.now();
  let [base, points] = await Promise.all([baseMap('110m'), bootOr('points', filters, () => get('/events/points', filters))]);
  if (!current()) return;
  map.setBase(base);
  map.setPoints(points, { fit: true });
  timeline.setData(points);
  bar.setChoices(points);
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
  /** since/until as day numbers (a month or a year reads as its whole span), or null. */
  const brushRange = () => {
    if (!state.since && !state.until) return null;
    const lo = state.since ? dayNumber(state.since) : timeline.full?.[0] ?? 0;
    const hi = state.until ? endDay(state.until) : timeline.full?.[1] ?? lo;
    return lo >= 0 && hi >= lo ? [lo, hi] : null;
  };
  function applyBrush() {
    const brush = brushRange();
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
  // A range from the URL is drawn on the timeline as its brush.
  const initial = brushRange();
  if (initial) {
    timeline.showBrush(initial);
    applyBrush();
  }

  let tableGen = 0;
  async function loadTable() {
    const gen = ++tableGen;
    const params = { ...listParams(state), limit: 50 };
    const body = h('tbody');
    const more = h('div', { class: 'more' });
    const dates = state.since || state.until ? ` from ${state.since ?? 'the start'} to ${state.until ?? 'the end'}` : '';
    mount(
      tableBox,
      h('h2', null, 'Events', dates, state.bbox ? [' in the map view ', h('button', { type: 'button', class: 'link', on: { click: () => { delete state.bbox; changed(); } } }, '(all places)')] : ''),
      h('div', { class: 'table-scroll' }, h('table', { class: 'events' }, tableHead(state, (sort) => { state.sort = sort; changed(); }), body)),
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
        tableBox.dataset.shown = String(shown);
        if (!shown) more.append(empty('No events to list', state.bbox ? 'Nothing in this map view: zoom out or list all places.' : dates ? 'Nothing in these dates: widen or clear the timeline selection.' : 'No event matches these filters.'));
        if (cursor) more.append(h('button', { type: 'button', class: 'load-more', on: { click: page } }, 'Load more'), h('span', { class: 'muted' }, ` ${shown} shown`));
        else if (shown) more.append(h('span', { class: 'muted' }, `${shown} event${shown === 1 ? '' : 's'}`));
      } catch (e) {
        if (gen === tableGen) mount(more, errorBox(e));
      }
    };
    await page();
  }
  loadTable();
  // New and changed events arrive over the change stream (live.js); "Show them" merges them in place.
  liveBanner(live, current, async (_ids, fresh) => {
    const next = await get('/events/points', filters);
    if (!current()) return;
    points = next;
    map.setPoints(points);
    timeline.setData(points);
    renderSummary(summary, points);
    summary.append(brushNote);
    applyBrush();
    const brush = brushRange();
    if (brush) timeline.showBrush(brush);
    await loadTable();
    markFresh(tableBox, fresh);
  });

  // Sharper borders once the first picture is up.
  setTimeout(() => baseMap('50m').then((b) => current() && map.setBase(b)).catch(() => {}), 300);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The last day of an ISO date's period (2019-03 -> 2019-03-31). */
function endDay(iso) {
  if (ISO_DAY.test(iso)) return dayNumber(iso);
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return -1;
  const next = m[2] ? Date.UTC(+m[1], +m[2], 1) : Date.UTC(+m[1] + 1, 0, 1);
  return Math.floor(next / 86400000) - 1;
}

const KM = ['5', '10', '25', '50', '100'];

/**
 * The filter form. Actor: an entity id, matched exactly (a name typed there is looked up and must
 * name one known actor); "name contains" is the fragment search. Place: a country, a first-level
 * division, or a named place (looked up among the known places) within N km. Returns the form,
 * `sync(state)` to follow changes made on the page (dates, export links) and `setChoices(points)`
 * for the division pick list.
 */
function filterBar(state) {
  const typeSel = h('select', { name: 'type', 'aria-label': 'event type' }, h('option', { value: '' }, 'All types'), TYPES.map((t) => h('option', { value: t, selected: state.type === t }, t)));
  const gradeSel = h('select', { name: 'grade', 'aria-label': 'corroboration grade' }, h('option', { value: '' }, 'Any grade'), GRADES.map((g) => h('option', { value: g, selected: state.grade === g }, g)));
  const dayOf = (v) => (ISO_DAY.test(v ?? '') ? v : '');
  const since = h('input', { type: 'date', name: 'since', 'aria-label': 'from date', value: dayOf(state.since) });
  const until = h('input', { type: 'date', name: 'until', 'aria-label': 'to date', value: dayOf(state.until) });
  const country = h('input', { name: 'country', placeholder: 'IQ', size: 3, maxlength: 2, 'aria-label': 'country code', value: state.country ?? '' });
  const admin1List = h('datalist', { id: 'admin1-list' });
  const admin1 = h('input', { name: 'admin1', placeholder: 'Governorate', list: 'admin1-list', size: 13, 'aria-label': 'first-level division', value: state.admin1 ?? '' });
  const placeList = h('datalist', { id: 'place-list' });
  const nearName = h('input', { name: 'nearName', placeholder: 'or near place', list: 'place-list', size: 12, 'aria-label': 'near place', value: state.nearName ?? state.near ?? '' });
  const kmNow = state.near?.split(',')[2] ?? '25';
  const nearKm = h('select', { name: 'km', 'aria-label': 'within km' }, [...new Set([...KM, kmNow])].map((k) => h('option', { value: k, selected: kmNow === k }, k + ' km')));
  const actorList = h('datalist', { id: 'actor-list' });
  const actor = h('input', { name: 'actor', placeholder: 'Actor (org:isis)', list: 'actor-list', size: 16, 'aria-label': 'actor id', value: state.actor ?? '' });
  const actorName = h('input', { name: 'actorName', placeholder: 'actor name contains', size: 14, 'aria-label': 'actor name contains', value: state.actorName ?? '' });
  const reviewSel = h('select', { name: 'review', 'aria-label': 'review status' }, h('option', { value: '' }, 'Any review'), ['unreviewed', 'accepted', 'edited', 'rejected'].map((r) => h('option', { value: r, selected: state.review === r }, r)));
  const rejected = h('input', { type: 'checkbox', name: 'includeRejected', checked: state.includeRejected === 'true' });
  const problem = h('div', { class: 'field-error filter-error', role: 'alert', hidden: true });
  const exportLinks = [
    ['csv', 'CSV', 'reviewed values, review status and the machine values they replaced'],
    ['acled.csv', 'ACLED CSV', 'ACLED columns, then sitrep columns with evidence'],
    ['geojson', 'GeoJSON', null],
    ['jsonl', 'JSONL', null],
  ].map(([fmt, label, title]) => h('a', { class: 'export', dataset: { format: fmt }, href: exportHref(fmt, state), title }, label));
  const fail = (control, message) => {
    control.setAttribute('aria-invalid', 'true');
    control.focus();
    problem.textContent = message;
    problem.hidden = false;
  };
  const submit = async (e) => {
    e.preventDefault();
    problem.hidden = true;
    for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
    const next = { sort: state.sort, bbox: state.bbox };
    if (typeSel.value) next.type = typeSel.value;
    if (gradeSel.value) next.grade = gradeSel.value;
    // A month or a year from the URL (the date box shows days only) stays unless the box was used.
    next.since = since.value || (since.dataset.touched ? undefined : state.since);
    next.until = until.value || (until.dataset.touched ? undefined : state.until);
    if (next.since && next.until && next.since > next.until) return fail(until, 'The end date is before the start date.');
    const cc = country.value.trim();
    if (cc) {
      if (!/^[A-Za-z]{2}$/.test(cc)) return fail(country, 'Country: a two-letter code (IQ, SY).');
      next.country = cc.toUpperCase();
    }
    if (admin1.value.trim()) next.admin1 = admin1.value.trim();
    if (actorName.value.trim()) next.actorName = actorName.value.trim();
    if (reviewSel.value) next.review = reviewSel.value;
    if (rejected.checked) next.includeRejected = 'true';
    try {
      const a = actor.value.trim();
      if (a) next.actor = await resolveActor(a);
    } catch (err) {
      return fail(actor, err.message);
    }
    try {
      const p = nearName.value.trim();
      if (p) {
        const same = state.near && (state.nearName ?? state.near) === p;
        const at = same ? state.near.split(',').slice(0, 2).join(',') : await resolvePlace(p);
        next.near = `${at},${nearKm.value}`;
        if (!/^-?[\d.]+,\s*-?[\d.]+$/.test(p)) next.nearName = p;
      }
    } catch (err) {
      return fail(nearName, err.message);
    }
    location.hash = hashOf(next);
  };
  for (const d of [since, until]) d.addEventListener('input', () => (d.dataset.touched = '1'));
  const form = h(
    'form',
    { class: 'filters', on: { submit } },
    typeSel, gradeSel,
    h('span', { class: 'group dates' }, since, h('span', { class: 'muted' }, '–'), until),
    h('span', { class: 'group place' }, country, admin1, admin1List, nearName, placeList, nearKm),
    h('span', { class: 'group actor' }, actor, actorList, actorName),
    reviewSel,
    h('label', { class: 'check' }, rejected, ' rejected too'),
    h('button', { type: 'submit' }, 'Filter'),
    Object.keys(state).some((k) => k !== 'sort') ? h('a', { href: '#/', class: 'reset' }, 'Clear filters') : null,
    h('span', { class: 'exports' }, 'Export: ', exportLinks.map((a, i) => [i ? ' · ' : '', a])),
    problem,
  );
  // Known actors and places for the pick lists, the most named first.
  get('/entities', { kind: 'actor', sort: 'mentions', limit: 300 }).then((r) => mount(actorList, r.items.map((e) => h('option', { value: e.id }, `${e.name} (${e.mentions})`)))).catch(() => {});
  get('/entities', { kind: 'place', sort: 'mentions', limit: 300 }).then((r) => mount(placeList, [...new Set(r.items.map((e) => e.name))].map((n) => h('option', { value: n })))).catch(() => {});
  return {
    form,
    sync(s) {
      for (const a of exportLinks) a.setAttribute('href', exportHref(a.dataset.format, s));
      since.value = dayOf(s.since);
      until.value = dayOf(s.until);
      delete since.dataset.touched;
      delete until.dataset.touched;
    },
    setChoices(points) {
      if (!points.admin1s) return;
      const n = new Map();
      for (const i of points.a1) if (i >= 0) n.set(i, (n.get(i) ?? 0) + 1);
      mount(admin1List, [...n].sort((a, b) => b[1] - a[1]).map(([i, c]) => h('option', { value: points.admin1s[i] }, `${c} events`)));
    },
  };
}

/** An actor typed into the id box: an id as it is; a name must name exactly one known actor. */
async function resolveActor(text) {
  if (/^[a-z][a-z0-9]*:\S+$/.test(text)) return text;
  const res = await get('/entities', { kind: 'actor', q: text, limit: 100 });
  const low = text.toLowerCase();
  const exact = res.items.filter((e) => e.name.toLowerCase() === low || e.aliases.some((a) => a.toLowerCase() === low));
  if (exact.length === 1) return exact[0].id;
  if (!exact.length) throw new Error(`No actor is named "${text}". Pick one from the list, or search names with "actor name contains".`);
  throw new Error(`"${text}" names ${exact.length} actors (${exact.map((e) => e.id).join(', ')}): give the id.`);
}

/** A place typed into the near box -> "lat,lon": coordinates as they are, else the known place of that name named most often. */
async function resolvePlace(text) {
  const m = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(text);
  if (m) return `${m[1]},${m[2]}`;
  const res = await get('/entities', { kind: 'place', q: text, limit: 100 });
  const low = text.toLowerCase();
  const located = res.items.filter((e) => e.lat != null && e.lon != null);
  const exact = located.filter((e) => e.name.toLowerCase() === low || e.aliases.some((a) => a.toLowerCase() === low));
  const pick = (exact.length ? exact : located).sort((a, b) => b.mentions - a.mentions)[0];
  if (!pick) throw new Error(`No known place is named "${text}".`);
  return `${pick.lat},${pick.lon}`;
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

/** Column headers; the sortable ones are buttons that flip between descending and ascending. */
const SORTABLE = { Date: 'date', Type: 'type', Location: 'place', Killed: 'fatalities', Sources: 'reports' };

function tableHead(state, onSort) {
  const current = state?.sort ?? '-date';
  return h('thead', null, h('tr', null, ['Date', 'Type', 'Location', 'Actors', 'Killed', 'Grade', 'Sources', 'Review'].map((c) => {
    const key = SORTABLE[c];
    if (!key || !onSort) return h('th', null, c);
    const dir = current === key ? 'ascending' : current === '-' + key ? 'descending' : null;
    // First click: the most useful direction (newest, most killed, most reports; A to Z for text).
    const first = key === 'type' || key === 'place' ? key : '-' + key;
    const next = dir ? (dir === 'ascending' ? '-' + key : key) : first;
    return h('th', { 'aria-sort': dir ?? 'none', dataset: { sort: key } },
      h('button', { type: 'button', class: 'sort', on: { click: () => onSort(next) } }, c, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : '')));
  })));
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
