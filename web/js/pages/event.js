import { h, mount, link } from '../dom.js';
import { get, post, api } from '../api.js';
import { baseMap } from '../basemap.js';
import { miniMap } from '../map.js';
import { actorEditor } from './actor-editor.js';
import { auditTable } from './audit.js';
import { redrawOnChange } from '../live.js';
import { TYPES, typeBadge, gradeBadge, reviewBadge, fmtDate, fmtPlace, fmtFatalities, entityLink, sessionReady, errorBox, showError, empty } from '../ui.js';

/**
 * One event (a cluster of reports): the values in force (reviewed where an analyst changed them,
 * with the machine's value beside), its corroboration grade, every source report side by side,
 * where sources contradict each other, and, for a logged-in analyst, the review tools.
 */
export async function eventPage(main, [id], _q, current) {
  const [e, session] = await Promise.all([get('/events/' + encodeURIComponent(id)), sessionReady()]);
  const vocab = session.user ? await vocabulary() : null;
  if (!current()) return;
  document.title = `sitrep · ${e.type} ${e.date?.value ?? ''}`;
  const mapBox = h('div', { class: 'event-map' });
  const why = whyPanel(e);
  mount(
    main,
    h('p', null, h('a', { href: '#/' }, '← all events')),
    h('h1', null, typeBadge(e.type, e.subtype), ' ', reviewBadge(e.review)),
    h('div', { class: 'event-head' }, h('div', null, valuesTable(e, why), h('p', { class: 'muted hint' }, 'Click a value to see the words that set it.')), mapBox),
    why.el,
    h('section', null, h('h2', null, 'Corroboration ', gradeBadge(e.corroboration)), h('p', null, `${e.corroboration.reports} report(s) from ${e.corroboration.outlets} independent outlet(s). `, e.corroboration.reason || '')),
    h('section', null, h('h2', null, 'Source reports'), reports(e, session)),
    h('section', null, h('h2', null, 'Contradictions'), contradictions(e.contradictions)),
    claimsSection(e.claims),
    session.user && vocab ? reviewTools(e, vocab) : h('section', { class: 'review-tools' }, h('h2', null, 'Review'), h('p', null, h('a', { href: '#/login?next=' + encodeURIComponent(location.hash) }, 'Log in'), ' to accept, reject or edit this event.')),
    h('section', null, h('h2', null, 'Audit log'), auditTable(e.audit, { canUndo: !!session.user, onUndone: () => {
      lastSave = { eventId: e.id, text: `Undone: the last change is taken back (${new Date().toLocaleTimeString()}).` };
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } })),
  );
  if (e.location?.lat != null) baseMap('110m').then((b) => miniMap(mapBox, b, e.location.lat, e.location.lon, e.type, 12)).catch(showError);
  else mapBox.append(h('p', { class: 'muted' }, 'No coordinates.'));
  // A new report of this event (or a review elsewhere) redraws the page, unless an edit is unsaved.
  const stale = h('div', { class: 'live', role: 'status', hidden: true });
  main.prepend(stale);
  redrawOnChange(current, (c) => c.eventId === e.id, () => eventPage(main, [id], _q, current).catch(showError), {
    busy: () => main.querySelector('.review-status')?.dataset.state === 'dirty',
    el: stale,
  });
}

function valuesTable(e, why) {
  const m = e.machine ?? {};
  // A value with words behind it is a button: a click (or Enter) shows the sentence and the words that set it.
  const words = (field, label, content, key) =>
    h('button', { type: 'button', class: 'why-btn', dataset: { why: key ? `${field}:${key}` : field }, 'aria-controls': 'why-panel', 'aria-label': `${label}: show the words that set it`, on: { click: () => why.show(field, label, key) } }, content);
  // `clickable`: true, or the field whose words set this one (the subtype comes from the type's trigger).
  const row = (label, field, fmt, clickable) =>
    h('tr', { class: field in m ? 'overridden' : null, dataset: { field } },
      h('th', null, label),
      h('td', { class: 'value' }, clickable && e[field] != null && e[field] !== '' ? words(clickable === true ? field : clickable, label, fmt(e[field])) : fmt(e[field])),
      h('td', { class: 'machine' }, field in m ? ['machine: ', fmt(m[field])] : null),
    );
  const actors = (list) => (list?.length ? list.map((a, i) => [i ? ', ' : '', words('actors', a.name ?? a.entity, `${a.name ?? a.entity} (${a.role})`, a.entity), ' ', h('a', { href: link('entities', a.entity), class: 'entity-go', title: 'entity page', 'aria-label': `entity page of ${a.name ?? a.entity}` }, '↗')]) : '—');
  return h('table', { class: 'values' }, h('tbody', null,
    row('Type', 'type', (v) => v ?? '—', true),
    row('Subtype', 'subtype', (v) => v || '—', 'type'),
    row('Date', 'date', fmtDate, true),
    row('Location', 'location', (l) => (l ? [fmtPlace(l), l.lat != null ? ` (${l.lat.toFixed(3)}, ${l.lon.toFixed(3)})` : '', l.precision > 1 ? ` · precision ${l.precision}` : ''] : '—'), true),
    row('Fatalities', 'fatalities', fmtFatalities, true),
    row('Actors', 'actors', actors),
    row('Counts', 'counts', (c) => Object.entries(c ?? {}).filter(([, v]) => v != null).map(([k, v]) => `${k} ${v}`).join(', ') || '—'),
    e.notes || m.notes ? row('Notes', 'notes', (v) => v ?? '—') : null,
  ));
}

/**
 * The panel that answers "where does this value come from": for each report, its outlet, the
 * sentence with the words that set the value marked, and a link to that place in the document.
 * A value an analyst set says so (who, when) before the machine's words.
 */
function whyPanel(e) {
  const panel = h('section', { id: 'why-panel', class: 'why-panel', 'aria-live': 'polite', hidden: true });
  const machineVal = { type: (r) => `${r.event.type}${r.event.subtype ? ' · ' + r.event.subtype : ''}`, date: (r) => fmtDate(r.event.date), location: (r) => fmtPlace(r.event.location), fatalities: (r) => fmtFatalities(r.event.fatalities) };
  const show = (field, label, key) => {
    const edit = (e.audit ?? []).find((a) => a.action === 'edit' && a.field === field);
    const items = [];
    for (const r of e.reports) {
      const w = field === 'actors' ? r.why?.actors?.[key] : r.why?.[field];
      if (!w) continue;
      const said = field === 'actors' ? null : machineVal[field]?.(r);
      items.push(h('li', { class: 'why-item' },
        h('div', { class: 'why-source' }, h('a', { href: link('documents', r.documentId) + '?at=' + (w.words[0]?.start ?? w.sentence.start) }, r.outlet || r.source), said ? h('span', { class: 'muted' }, ' says ', said) : null, w.note ? h('span', { class: 'muted' }, ' · ', w.note) : null),
        h('blockquote', { class: 'evidence why-sentence' }, marked(w.sentence, w.words)),
      ));
    }
    mount(panel,
      h('header', null, h('h2', null, 'Why: ', label), h('button', { type: 'button', class: 'close', 'aria-label': 'close', on: { click: () => (panel.hidden = true) } }, '×')),
      edit ? h('p', { class: 'why-reviewed' }, `Set by ${edit.reviewer} on ${edit.at.slice(0, 10)}`, edit.note ? ` (“${edit.note}”)` : '', '. The machine read it from:') : null,
      items.length ? h('ol', { class: 'plain why-list' }, items) : h('p', { class: 'muted' }, 'No words of the reports set this value.'),
    );
    panel.hidden = false;
    panel.scrollIntoView?.({ block: 'nearest' });
  };
  return { el: panel, show };
}

/** A sentence with its words in <mark>: text nodes only, cut at the words' offsets. */
function marked(sentence, words) {
  const out = [];
  let at = sentence.start;
  for (const w of words.slice().sort((a, b) => a.start - b.start)) {
    if (w.start < at || w.end > sentence.end) continue;
    out.push(sentence.text.slice(at - sentence.start, w.start - sentence.start), h('mark', null, sentence.text.slice(w.start - sentence.start, w.end - sentence.start)));
    at = w.end;
  }
  out.push(sentence.text.slice(at - sentence.start));
  return out;
}

function reports(e, session) {
  if (!e.reports.length) return empty('No reports', 'This event has no source reports left.');
  const checks = [];
  const cards = e.reports.map((r) => {
    const ev = r.event;
    const box = session.user && e.reports.length > 1 ? h('input', { type: 'checkbox', class: 'split-check', value: r.id, 'aria-label': 'select report for split' }) : null;
    if (box) checks.push(box);
    return h('article', { class: 'report', dataset: { report: r.id } },
      h('header', null, box, h('a', { href: link('documents', r.documentId) }, r.outlet || r.source), r.published ? h('span', { class: 'muted' }, ' · ', r.published) : null),
      h('dl', null,
        h('dt', null, 'Says'), h('dd', null, `${ev.type}${ev.subtype ? ' · ' + ev.subtype : ''}`),
        h('dt', null, 'Date'), h('dd', null, fmtDate(ev.date)),
        h('dt', null, 'Where'), h('dd', null, fmtPlace(ev.location)),
        h('dt', null, 'Killed'), h('dd', null, fmtFatalities(ev.fatalities)),
        h('dt', null, 'Modality'), h('dd', null, ev.modality + (ev.attribution ? ` (according to ${ev.attribution})` : '')),
      ),
      r.evidence.map((s) => h('blockquote', { class: 'evidence' }, s.text)),
    );
  });
  const grid = h('div', { class: 'reports' }, cards);
  if (!checks.length) return grid;
  const splitBtn = h('button', { type: 'button', on: { click: async () => {
    const ids = checks.filter((c) => c.checked).map((c) => c.value);
    if (!ids.length) return showError('Tick the reports to move into a new event first.');
    try {
      const res = await post('/review', { action: 'split', eventId: e.id, reportIds: ids });
      const created = res.events.find((x) => x.id !== e.id);
      location.hash = link('events', created ? created.id : e.id);
    } catch (err) {
      showError(err);
    }
  } } }, 'Split ticked reports into a new event');
  return h('div', null, grid, h('p', null, splitBtn));
}

export function contradictions(list) {
  if (!list?.length) return h('p', { class: 'muted' }, 'The sources agree (no differing figures found).');
  return list.map((c) =>
    h('div', { class: 'contradiction' },
      h('h3', null, `${c.unit}: ${c.min} to ${c.max}`, c.subjectName ? ` (${c.subjectName})` : ''),
      h('div', { class: 'side-by-side' }, c.values.map((v) =>
        h('div', { class: 'claim-card' },
          h('div', { class: 'big' }, String(v.value)),
          h('div', null, v.claimantName || v.claimant || 'unattributed', ' · ', h('a', { href: link('documents', v.documentId) }, v.outlet || v.source)),
          h('blockquote', { class: 'evidence' }, v.evidence?.text ?? v.text),
        ))),
    ));
}

function claimsSection(claims) {
  if (!claims?.length) return null;
  return h('section', null, h('h2', null, 'Claims in the reports'),
    h('table', { class: 'claims' },
      h('thead', null, h('tr', null, ['Figure', 'Unit', 'About', 'Says who', 'Source'].map((c) => h('th', null, c)))),
      h('tbody', null, claims.map((c) => h('tr', null,
        h('td', { class: 'num' }, c.text), h('td', null, c.unit), h('td', null, c.subjectName ?? c.subject ?? '—'),
        h('td', null, c.claimantName ?? c.claimant ?? '—'), h('td', null, h('a', { href: link('documents', c.documentId) }, c.outlet || c.source)),
      )))));
}

/** The last review action taken on an event, shown again once the page has redrawn with its result. */
let lastSave = null;

/** Types, subtypes, roles and ACLED classes as the server enforces them (fetched once). */
let vocabPromise = null;
function vocabulary() {
  return (vocabPromise ??= get('/vocabulary').catch((err) => {
    vocabPromise = null;
    throw err;
  }));
}

/** An error to show at a form field, named as the API names it (`fields.subtype`). */
function fieldError(field, message) {
  return Object.assign(new Error(message), { field });
}

function reviewTools(e, vocab) {
  const status = h('div', { class: 'review-status', role: 'status', 'aria-live': 'polite' });
  const setState = (state, ...what) => {
    status.dataset.state = state;
    mount(status, ...what);
  };
  if (lastSave?.eventId === e.id) setState('saved', lastSave.text);
  else setState('idle', 'No unsaved changes.');

  const id = encodeURIComponent(e.id);
  const subtypes = (type) => vocab.types[type] ?? [];
  const f = {
    type: h('select', { name: 'type' }, TYPES.map((t) => h('option', { value: t, selected: t === e.type }, t))),
    subtype: h('select', { name: 'subtype' }),
    date: h('input', { name: 'date', value: e.date?.value ?? '', placeholder: 'YYYY-MM-DD' }),
    precision: h('select', { name: 'precision' }, [...new Set(['day', 'week', 'month', 'quarter', 'year', e.date?.precision ?? 'day'])].map((p) => h('option', { value: p, selected: p === (e.date?.precision ?? 'day') }, p))),
    place: h('input', { name: 'place', value: e.location?.name ?? '' }),
    lat: h('input', { name: 'lat', value: e.location?.lat ?? '', size: 8 }),
    lon: h('input', { name: 'lon', value: e.location?.lon ?? '', size: 8 }),
    country: h('input', { name: 'country', value: e.location?.country ?? '', size: 3, maxlength: 2 }),
    low: h('input', { name: 'low', type: 'number', min: 0, value: e.fatalities?.low ?? '', size: 5 }),
    best: h('input', { name: 'best', type: 'number', min: 0, value: e.fatalities?.best ?? '', size: 5 }),
    high: h('input', { name: 'high', type: 'number', min: 0, value: e.fatalities?.high ?? '', size: 5 }),
    note: h('input', { name: 'note', placeholder: 'why (optional)' }),
  };
  const actors = actorEditor(e.actors, vocab);
  // The subtypes offered are the chosen type's; the event's own stays shown even if ACLED has no such pair.
  const fillSubtypes = () => {
    const list = subtypes(f.type.value);
    const current = f.type.value === e.type ? e.subtype ?? '' : '';
    const opts = list.includes(current) ? list : [current, ...list];
    mount(f.subtype, opts.map((st) => h('option', { value: st, selected: st === current }, st || '— choose a subtype —')));
  };
  f.type.addEventListener('change', fillSubtypes);
  fillSubtypes();

  const fieldErrors = [];
  const clearFieldErrors = () => {
    for (const x of fieldErrors.splice(0)) {
      x.control.removeAttribute('aria-invalid');
      x.note.remove();
    }
    actors.clearErrors();
  };
  /** Shows a refusal at its field (`fields.actors[1].role`, `fields.location.lat`, ...); false when the field has no control here. */
  const showAtField = (field, message) => {
    const m = /^fields\.actors\[(\d+)\]\.(\w+)/.exec(field ?? '');
    if (m) return actors.showError(Number(m[1]), m[2], message);
    const path = (field ?? '').replace(/^fields\./, '');
    const control = {
      type: f.type, subtype: f.subtype, date: f.date, 'date.value': f.date, 'date.precision': f.precision,
      location: f.place, 'location.name': f.place, 'location.lat': f.lat, 'location.lon': f.lon, 'location.country': f.country,
      fatalities: f.best, 'fatalities.low': f.low, 'fatalities.best': f.best, 'fatalities.high': f.high, note: f.note, actors: actors.el,
    }[path];
    if (!control) return false;
    const note = h('span', { class: 'field-error', role: 'alert' }, message);
    control.setAttribute('aria-invalid', 'true');
    control.after(note);
    fieldErrors.push({ control, note });
    if (control.focus) control.focus();
    return true;
  };

  const buttons = [];
  const act = async (fn, okMsg) => {
    clearFieldErrors();
    setState('saving', 'Saving…');
    for (const b of buttons) b.disabled = true;
    try {
      await fn();
      lastSave = { eventId: e.id, text: `${okMsg} (${new Date().toLocaleTimeString()})` };
      setState('saved', lastSave.text);
      // Reload the page's data: values, badges and the audit log all change.
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (err) {
      showAtField(err.field, err.message);
      setState('error', errorBox(new Error('Not saved: ' + err.message)));
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  };

  const saveBtn = h('button', { type: 'submit' }, 'Save edits');
  const form = h('form', { class: 'edit-form', on: {
    input: () => setState('dirty', 'Unsaved changes.'),
    change: () => setState('dirty', 'Unsaved changes.'),
    submit: (ev) => {
      ev.preventDefault();
      clearFieldErrors();
      let fields;
      try {
        fields = editedFields(e, f, actors);
      } catch (err) {
        showAtField(err.field, err.message);
        return setState('error', errorBox(err));
      }
      if (!Object.keys(fields).length) return setState('idle', 'Nothing changed.');
      const changed = Object.keys(fields).join(', ');
      act(() => api('/events/' + id, { method: 'PATCH', body: { fields, note: f.note.value || undefined } }), `Saved: ${changed}.`);
    },
  } },
    h('label', null, 'Type ', f.type), h('label', null, 'Subtype ', f.subtype),
    h('label', null, 'Date ', f.date, ' ', f.precision),
    h('label', null, 'Place ', f.place), h('label', null, 'Lat ', f.lat), h('label', null, 'Lon ', f.lon), h('label', null, 'Country ', f.country),
    h('label', null, 'Killed low ', f.low), h('label', null, 'best ', f.best), h('label', null, 'high ', f.high),
    actors.el,
    h('label', { class: 'wide' }, 'Note ', f.note),
    saveBtn,
  );
  buttons.push(saveBtn);
  const mergeWith = h('input', { name: 'merge', placeholder: 'other event id(s), comma-separated' });
  const dupes = h('div', { class: 'dupes' });
  possibleDuplicates(e).then((list) => {
    if (!list.length) return mount(dupes, h('p', { class: 'muted' }, 'No other event of this type within 50 km and 3 days.'));
    mount(dupes, h('table', { class: 'events' }, h('tbody', null, list.map((o) => h('tr', { class: 'dupe-row' },
      h('td', null, h('a', { href: link('events', o.id) }, fmtDate(o.date))), h('td', null, typeBadge(o.type, o.subtype)), h('td', null, fmtPlace(o.location)),
      h('td', { class: 'num' }, fmtFatalities(o.fatalities)), h('td', null, o.sources.map((x) => x.outlet || x.source).join(', ')),
      h('td', null, h('button', { type: 'button', class: 'merge-one', on: { click: () => act(() => post('/review', { action: 'merge', eventIds: [e.id, o.id], into: e.id }), 'Merged.') } }, 'Merge into this event')),
    )))));
  }).catch((err) => mount(dupes, errorBox(err)));
  const accept = h('button', { type: 'button', class: 'accept', on: { click: () => act(() => post('/events/' + id + '/accept', {}), 'Accepted.') } }, 'Accept');
  const reject = h('button', { type: 'button', class: 'reject', on: { click: () => act(() => post('/events/' + id + '/reject', {}), 'Rejected: hidden from lists and exports unless "rejected too".') } }, 'Reject');
  buttons.push(accept, reject);
  return h('section', { class: 'review-tools' },
    h('h2', null, 'Review'),
    status,
    h('p', null, accept, ' ', reject),
    form,
    h('form', { class: 'merge-form', on: { submit: (ev) => {
      ev.preventDefault();
      const others = mergeWith.value.split(',').map((s) => s.trim()).filter(Boolean);
      if (!others.length) return setState('error', errorBox(new Error('Give the id of the event to merge into this one.')));
      act(() => post('/review', { action: 'merge', eventIds: [e.id, ...others], into: e.id }), 'Merged.');
    } } }, h('label', null, 'Merge into this event: ', mergeWith), ' ', h('button', { type: 'submit' }, 'Merge')),
    h('h3', null, 'Possible duplicates'),
    dupes,
  );
}

const DATE_RE = /^\d{4}(-(\d{2}(-\d{2})?|Q[1-4]|W\d{2}))?$/;

/** The form's values that differ from the event's current ones, as API fields. */
function editedFields(e, f, actors) {
  const out = {};
  if (f.type.value !== e.type) out.type = f.type.value;
  if (f.subtype.value !== (e.subtype ?? '') || out.type) {
    if (!f.subtype.value) throw fieldError('fields.subtype', `Choose a subtype of ${f.type.value}.`);
    out.subtype = f.subtype.value;
  }
  const date = f.date.value.trim();
  if (date !== (e.date?.value ?? '') || (date && f.precision.value !== e.date?.precision)) {
    if (date && !DATE_RE.test(date)) throw fieldError('fields.date', 'Date must look like 2019-03-23 (or 2019-03, 2019-Q1, 2019-W12, 2019).');
    out.date = date ? { value: date, precision: f.precision.value } : null;
  }
  const num = (s, field, what) => {
    if (s === '') return null;
    const n = Number(s);
    if (!Number.isFinite(n)) throw fieldError(field, what + ' must be a number.');
    return n;
  };
  const lat = num(f.lat.value.trim(), 'fields.location.lat', 'Lat'), lon = num(f.lon.value.trim(), 'fields.location.lon', 'Lon');
  const l = e.location;
  if (f.place.value !== (l?.name ?? '') || lat !== (l?.lat ?? null) || lon !== (l?.lon ?? null) || f.country.value.toUpperCase() !== (l?.country ?? '')) {
    out.location = f.place.value ? { ...(l ?? { admin1: null, precision: 1 }), name: f.place.value, lat, lon, country: f.country.value.toUpperCase() || null } : null;
  }
  const lo = num(f.low.value, 'fields.fatalities.low', 'Killed low'), be = num(f.best.value, 'fields.fatalities.best', 'Killed best'), hi = num(f.high.value, 'fields.fatalities.high', 'Killed high');
  const fa = e.fatalities;
  if (lo !== (fa?.low ?? null) || be !== (fa?.best ?? null) || hi !== (fa?.high ?? null)) {
    if (be == null) out.fatalities = null;
    else {
      const v = { low: lo ?? be, best: be, high: hi ?? be };
      if (!(v.low <= v.best && v.best <= v.high)) throw fieldError('fields.fatalities', 'Killed: low ≤ best ≤ high.');
      out.fatalities = v;
    }
  }
  if (actors.changed()) out.actors = actors.value();
  return out;
}

/** Events of the same type within 50 km and 3 days: what an analyst would consider merging. */
async function possibleDuplicates(e) {
  if (!e.date?.value || e.location?.lat == null || !/^\d{4}-\d{2}-\d{2}$/.test(e.date.value)) return [];
  const day = Date.parse(e.date.value + 'T00:00:00Z');
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const res = await get('/events', { type: e.type, near: `${e.location.lat},${e.location.lon},50`, since: iso(day - 3 * 864e5), until: iso(day + 3 * 864e5), limit: 20 });
  return res.items.filter((o) => o.id !== e.id);
}
