import { h, mount, link } from '../dom.js';
import { get } from '../api.js';
import { empty, showError } from '../ui.js';
import { redrawOnChange } from '../live.js';
import { contradictions } from './event.js';

/** The filters, kept in the URL (`#/contradictions?unit=killed&place=aleppo&since=2016-01-01`), so Back and shared links keep them. */
const FILTERS = ['since', 'until', 'place', 'unit'];
const UNITS = ['', 'killed', 'injured', 'detained', 'strikes', 'fighters', 'personnel', 'members', 'trained'];

function filterForm(f) {
  const go = (next) => {
    const u = new URLSearchParams();
    for (const k of FILTERS) if (next[k]) u.set(k, next[k]);
    const s = u.toString();
    location.hash = '#/contradictions' + (s ? '?' + s : '');
  };
  const input = (name, type, label, extra = {}) => h('label', null, label + ' ', h('input', { type, name, value: f[name] ?? '', 'aria-label': label, ...extra }));
  const unit = h('select', { name: 'unit', 'aria-label': 'unit' }, UNITS.map((u) => h('option', { value: u, ...(u === (f.unit ?? '') ? { selected: '' } : {}) }, u || 'any unit')));
  const form = h(
    'form',
    {
      class: 'filters',
      on: {
        submit: (e) => {
          e.preventDefault();
          const data = new FormData(form);
          go(Object.fromEntries(FILTERS.map((k) => [k, String(data.get(k) ?? '').trim()])));
        },
      },
    },
    input('since', 'date', 'from'),
    input('until', 'date', 'to'),
    input('place', 'search', 'place', { placeholder: 'place, governorate or country code', size: 24 }),
    h('label', null, 'unit ', unit),
    h('button', { type: 'submit' }, 'Filter'),
    FILTERS.some((k) => f[k]) ? h('a', { href: '#/contradictions' }, 'clear') : null,
  );
  return form;
}

/** Every place where sources give different figures for the same incident or subject, side by side; filtered by date, place and unit; redrawn as events change. */
export async function contradictionsPage(main, _p, query, current) {
  document.title = 'sitrep · contradictions';
  const f = Object.fromEntries(FILTERS.map((k) => [k, query?.get(k) ?? '']));
  const draw = async () => {
    const res = await get('/contradictions', { since: f.since || undefined, until: f.until || undefined, place: f.place || undefined, unit: f.unit || undefined });
    if (!current()) return;
    const head = [h('h1', null, 'Contradictions'), filterForm(f)];
    if (!res.items.length)
      return mount(main, ...head, empty('No contradictions', 'When two sources give different figures for the same incident (killed, injured, detained, strikes) or the same subject (fighters, ...), they are listed here side by side.'));
    mount(
      main,
      ...head,
      res.items.map((c) =>
        h('div', null, c.eventId ? h('p', null, h('a', { href: link('events', c.eventId) }, 'event ' + c.eventId), [c.date, c.place, c.admin1].filter(Boolean).length ? ' · ' + [c.date, c.place, c.admin1].filter(Boolean).join(', ') : '') : null, contradictions([c])),
      ),
    );
  };
  await draw();
  redrawOnChange(current, () => true, () => draw().catch(showError));
}
