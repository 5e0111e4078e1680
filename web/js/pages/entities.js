import { h, mount, link, clear } from '../dom.js';
import { get } from '../api.js';
import { baseMap } from '../basemap.js';
import { miniMap } from '../map.js';
import { Timeline } from '../timeline.js';
import { empty, errorBox, showError } from '../ui.js';
import { eventRow } from './dashboard.js';
import { dayNumber } from '../util.js';

/** Actors and places: a searchable list, and one entity with its aliases and events over time. */
export async function entitiesPage(main, _p, query, current) {
  document.title = 'sitrep · entities';
  const q = h('input', { name: 'q', placeholder: 'Name or alias', value: query.get('q') ?? '' });
  const kind = h('select', { name: 'kind' }, [['', 'Actors and places'], ['actor', 'Actors'], ['place', 'Places']].map(([v, l]) => h('option', { value: v, selected: (query.get('kind') ?? '') === v }, l)));
  // The most named first by default: an analyst looks for the main actors, not for street names sorted by id.
  const sort = h('select', { name: 'sort', 'aria-label': 'order' }, [['', 'Most mentioned first'], ['id', 'By id']].map(([v, l]) => h('option', { value: v, selected: (query.get('sort') ?? '') === v }, l)));
  const body = h('tbody');
  const more = h('div', { class: 'more' });
  mount(main, h('h1', null, 'Entities'),
    h('form', { class: 'filters', on: { submit: (e) => { e.preventDefault(); const p = new URLSearchParams(); if (q.value) p.set('q', q.value); if (kind.value) p.set('kind', kind.value); if (sort.value) p.set('sort', sort.value); location.hash = '#/entities' + (p.toString() ? '?' + p : ''); } } }, q, kind, sort, h('button', { type: 'submit' }, 'Search')),
    h('table', { class: 'entities' }, h('thead', null, h('tr', null, ['Name', 'Id', 'Type', 'Aliases', 'Mentions', 'Documents'].map((c) => h('th', null, c)))), body), more);
  let cursor = null, n = 0;
  const page = async () => {
    try {
      const res = await get('/entities', { q: query.get('q'), kind: query.get('kind'), sort: query.get('sort') === 'id' ? undefined : 'mentions', limit: 100, cursor });
      if (!current()) return;
      for (const e of res.items) body.append(h('tr', null,
        h('td', null, h('a', { href: link('entities', e.id) }, e.name)), h('td', null, h('code', null, e.id)), h('td', null, `${e.kind} · ${e.type}`),
        h('td', null, e.aliases.slice(0, 6).join(', ')), h('td', { class: 'num' }, String(e.mentions)), h('td', { class: 'num' }, String(e.documents))));
      n += res.items.length;
      cursor = res.next;
      clear(more);
      if (!n) more.append(empty('No entities', query.get('q') ? 'Nothing matches that name.' : 'Entities appear once articles are ingested.'));
      if (cursor) more.append(h('button', { type: 'button', on: { click: page } }, 'Load more'));
    } catch (e) {
      mount(more, errorBox(e));
    }
  };
  await page();
}

export async function entityPage(main, [id], _q, current) {
  const e = await get('/entities/' + encodeURIComponent(id));
  if (!current()) return;
  document.title = 'sitrep · ' + e.name;
  const mapBox = h('div', { class: 'event-map' });
  const tlBox = h('div', { class: 'tl-box' });
  mount(main,
    h('p', null, h('a', { href: '#/entities' }, '← entities')),
    h('h1', null, e.name, ' ', h('small', { class: 'muted' }, `${e.kind} · ${e.type}`)),
    h('p', null, h('code', null, e.id), ` · ${e.mentions} mention(s) in ${e.documents} document(s)`),
    h('div', { class: 'event-head' },
      h('div', null, h('h2', null, 'Also called'), e.aliases.length ? h('ul', { class: 'aliases' }, e.aliases.map((a) => h('li', null, a))) : h('p', { class: 'muted' }, 'No other names seen.')),
      e.lat != null ? mapBox : null),
    h('h2', null, `Events over time (${e.events.length})`), tlBox,
    e.events.length
      ? [
          h('h2', null, 'Latest events'),
          h('table', { class: 'events' }, h('thead', null, h('tr', null, ['Date', 'Type', 'Location', 'Actors', 'Killed', 'Grade', 'Sources', 'Review'].map((c) => h('th', null, c)))), h('tbody', null, latest(e.events, 25).map(eventRow))),
          e.kind === 'actor' ? h('p', null, h('a', { href: '#/?actor=' + encodeURIComponent(e.id) }, `All ${e.events.length} events of ${e.name} on the map and in the table →`)) : null,
        ]
      : empty('No events', 'No stored event involves this entity yet.'),
  );
  if (e.lat != null) baseMap('110m').then((b) => miniMap(mapBox, b, e.lat, e.lon, 'place', 12)).catch(showError);
  if (e.events.length) {
    const pts = { types: [], type: [], day: [] };
    for (const ev of e.events) {
      let t = pts.types.indexOf(ev.type);
      if (t < 0) t = pts.types.push(ev.type) - 1;
      pts.type.push(t);
      pts.day.push(ev.date ? dayNumber(ev.date.value) : -1);
    }
    new Timeline(tlBox).setData(pts);
  }
}

/** The newest `n` dated events, newest first (undated ones last). */
function latest(events, n) {
  return events
    .slice()
    .sort((a, b) => (b.date?.value ?? '').localeCompare(a.date?.value ?? ''))
    .slice(0, n);
}
