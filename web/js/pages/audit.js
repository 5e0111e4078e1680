import { h, mount, link } from '../dom.js';
import { post } from '../api.js';
import { fmtDate, fmtPlace, fmtFatalities, showError } from '../ui.js';

/**
 * The review audit log as a table a person reads: values formatted as the event page shows them
 * (a date, a place, "77 (70–80)", "Islamic State (actor1)"), not JSON; a filter over who, what and
 * which event; and, for an analyst, "Undo" on each event's newest change that can be undone
 * (accept, reject, edit: POST /api/events/:id/undo; the server decides, this only offers it).
 */
export function auditTable(entries, { withEvent = false, canUndo = false, onUndone = null, undoFrom = entries } = {}) {
  if (!entries?.length) return h('p', { class: 'muted' }, 'No review yet: every value is the machine\'s.');
  const undoable = undoableIds(undoFrom);
  const gone = undone(undoFrom);
  const rowOf = (a) => h('tr', { class: ['audit-row', a.action === 'undo' ? 'audit-undo' : null, gone.has(Number(a.id)) ? 'audit-undone' : null], dataset: { id: a.id, event: a.eventId, action: a.action } },
    h('td', { class: 'nowrap' }, a.at.replace('T', ' ').slice(0, 19)),
    h('td', null, a.reviewer),
    h('td', null, ACTIONS[a.action] ?? a.action),
    withEvent ? h('td', null, h('a', { href: link('events', a.eventId) }, a.eventId)) : null,
    h('td', null, FIELDS[a.field] ?? a.field ?? '—'),
    h('td', { class: 'before' }, show(a.field, a.before)),
    h('td', { class: 'after' }, show(a.field, a.after)),
    h('td', null, a.note ?? ''),
    canUndo ? h('td', null, undoable.has(a.id) ? undoButton(a, onUndone) : null) : null,
  );
  return h('div', { class: 'table-scroll' }, h('table', { class: 'audit' },
    h('thead', null, h('tr', null, ['When', 'Who', 'Action', withEvent ? 'Event' : null, 'Field', 'Before', 'After', 'Note', canUndo ? '' : null].filter((c) => c != null).map((c) => h('th', null, c)))),
    h('tbody', null, entries.map(rowOf))));
}

/** The review page's log: a filter box (who, action, field, event, note; words all must match) over the table. */
export function filteredAudit(entries, opts) {
  const box = h('input', { type: 'search', name: 'audit-filter', placeholder: 'filter: reviewer, action, field, event id, note…', 'aria-label': 'filter the audit log', size: 40 });
  const action = h('select', { name: 'audit-action', 'aria-label': 'action' }, h('option', { value: '' }, 'any action'), Object.entries(ACTIONS).map(([k, v]) => h('option', { value: k }, v)));
  const count = h('span', { class: 'muted' });
  const out = h('div');
  const draw = () => {
    const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    const list = entries.filter((a) => (!action.value || a.action === action.value) && words.every((w) => haystack(a).includes(w)));
    count.textContent = `${list.length} of ${entries.length} entries`;
    // Undo is offered from the whole log (the newest change of an event), whatever the filter hides.
    mount(out, list.length ? auditTable(list, { ...opts, undoFrom: entries }) : h('p', { class: 'muted' }, 'No entry matches.'));
  };
  box.addEventListener('input', draw);
  action.addEventListener('change', draw);
  draw();
  return h('div', { class: 'audit-log' }, h('p', { class: 'filters' }, box, ' ', action, ' ', count), out);
}

const ACTIONS = { accept: 'accept', reject: 'reject', edit: 'edit', merge: 'merge', split: 'split', undo: 'undo' };
const FIELDS = { review_status: 'status', reports: 'reports', merged_into: 'merged into', split_from: 'split from', undone: 'undid entries', fatalities: 'fatalities', location: 'location', date: 'date', actors: 'actors', type: 'type', subtype: 'subtype', counts: 'counts', notes: 'notes' };

function haystack(a) {
  return [a.reviewer, a.action, a.field, FIELDS[a.field], a.eventId, a.note, show(a.field, a.before), show(a.field, a.after)].filter(Boolean).join(' ').toLowerCase();
}

/** A logged value as the event page would show it. */
function show(field, v) {
  if (v == null) return '—';
  try {
    switch (field) {
      case 'date':
        return fmtDate(v);
      case 'location':
        return fmtPlace(v) + (v.lat != null ? ` (${Number(v.lat).toFixed(3)}, ${Number(v.lon).toFixed(3)})` : '');
      case 'fatalities':
        return fmtFatalities(v);
      case 'actors':
        return v.length ? v.map((a) => `${a.name ?? a.entity} (${a.role})${a.new ? ' new' : ''}`).join(', ') : 'none';
      case 'counts':
        return Object.entries(v).filter(([, n]) => n != null).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
      case 'reports':
        return Array.isArray(v) ? `${v.length} report(s)` : String(v);
      case 'undone':
        return Array.isArray(v) ? v.map((id) => '#' + id).join(', ') : String(v);
    }
  } catch {
    // A value of another shape than its field's (an old log): shown as JSON below.
  }
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** Audit ids some undo took back. */
function undone(entries) {
  const out = new Set();
  for (const e of entries) if (e.action === 'undo' && e.field === 'undone' && Array.isArray(e.after)) for (const id of e.after) out.add(Number(id));
  return out;
}

/** The entries of each event's newest live change, when it is an accept, reject or edit (as src/store/undo.ts decides). */
function undoableIds(entries) {
  const gone = undone(entries);
  const seen = new Set();
  const out = new Set();
  for (const e of entries) {
    if (e.action === 'undo' || gone.has(Number(e.id)) || seen.has(e.eventId)) continue;
    seen.add(e.eventId);
    if (!['accept', 'reject', 'edit'].includes(e.action)) continue;
    for (const g of entries) if (g.eventId === e.eventId && g.at === e.at && g.action === e.action && g.reviewer === e.reviewer && !gone.has(Number(g.id))) out.add(g.id);
  }
  return out;
}

function undoButton(a, onUndone) {
  return h('button', { type: 'button', class: 'undo', 'aria-label': `undo this ${a.action} of ${a.eventId}`, on: { click: async (ev) => {
    ev.target.disabled = true;
    try {
      const res = await post('/events/' + encodeURIComponent(a.eventId) + '/undo', {});
      onUndone?.(res, a);
    } catch (err) {
      showError(err);
      ev.target.disabled = false;
    }
  } } }, 'Undo');
}
