import { h, mount, link, clear } from '../dom.js';
import { get } from '../api.js';
import { empty, errorBox, fmtDate, typeBadge } from '../ui.js';

/**
 * The document list, and one document with every extracted span highlighted in its text. The
 * list searches (words of the title, source or outlet) and sorts by its headers on the server;
 * both live in the URL (`#/documents?q=raqqa&sort=-published`), so Back and a shared link keep them.
 */
const DOC_COLUMNS = [
  ['Title / source', 'title'],
  ['Outlet', 'outlet'],
  ['Published', 'published'],
  ['Ingested', 'ingested'],
  ['Events', 'events'],
  ['Claims', null],
  ['Mentions', null],
];
/** The first click on a column: newest, most events first; names A-Z. */
const FIRST_DIR = { title: '', outlet: '', published: '-', ingested: '-', events: '-' };

export async function documentsPage(main, _p, query, current) {
  document.title = 'sitrep · documents';
  const q = query?.get('q') ?? '';
  const sort = query?.get('sort') ?? '';
  const go = (next) => {
    const u = new URLSearchParams();
    if (next.q) u.set('q', next.q);
    if (next.sort) u.set('sort', next.sort);
    const s = u.toString();
    location.hash = '#/documents' + (s ? '?' + s : '');
  };
  const box = h('input', { type: 'search', name: 'q', value: q, placeholder: 'search titles, sources, outlets', 'aria-label': 'search documents', size: 32 });
  const search = h('form', { class: 'filters doc-search', role: 'search', on: { submit: (ev) => {
    ev.preventDefault();
    go({ q: box.value.trim(), sort });
  } } }, box, h('button', { type: 'submit' }, 'Search'), q ? h('a', { href: '#/documents' + (sort ? '?sort=' + encodeURIComponent(sort) : '') }, 'clear') : null);
  const key = sort.replace(/^-/, '') || 'ingested';
  const desc = sort ? sort.startsWith('-') : false;
  const head = h('tr', null, DOC_COLUMNS.map(([label, k]) => {
    if (!k) return h('th', null, label);
    const on = k === key;
    const next = on ? (desc ? '' : '-') + k : FIRST_DIR[k] + k;
    return h('th', { 'aria-sort': on ? (desc ? 'descending' : 'ascending') : null, dataset: { sort: k } },
      h('button', { type: 'button', class: 'sort', on: { click: () => go({ q, sort: next === 'ingested' ? '' : next }) } }, label, on ? (desc ? ' ▼' : ' ▲') : ''));
  }));
  const body = h('tbody');
  const more = h('div', { class: 'more' });
  const count = h('span', { class: 'muted' });
  mount(main, h('h1', null, 'Documents'), search, h('div', { class: 'table-scroll' }, h('table', { class: 'docs' }, h('thead', null, head), body)), count, more);
  let cursor = null;
  let n = 0;
  const page = async () => {
    try {
      const res = await get('/documents', { limit: 50, cursor, q: q || undefined, sort: sort || undefined });
      if (!current()) return;
      for (const d of res.items) {
        body.append(h('tr', { class: 'doc-row', dataset: { id: d.id } },
          h('td', null, h('a', { href: link('documents', d.id) }, d.title || d.source)),
          h('td', null, d.outlet ?? '—'), h('td', null, d.published?.value ?? '—'), h('td', null, d.ingestedAt.slice(0, 10)),
          h('td', { class: 'num' }, String(d.counts.events)), h('td', { class: 'num' }, String(d.counts.claims)), h('td', { class: 'num' }, String(d.counts.mentions)),
        ));
      }
      n += res.items.length;
      cursor = res.next;
      clear(more);
      count.textContent = n ? `${n}${cursor ? '+' : ''} document(s)${q ? ` matching “${q}”` : ''}` : '';
      if (!n && q) more.append(empty('No document matches', h('p', null, 'No title, source or outlet has all of these words. ', h('a', { href: '#/documents' }, 'Show all documents'), '.')));
      else if (!n) more.append(empty('No documents yet', h('p', null, 'Add articles on the ', h('a', { href: '#/ingest' }, 'Ingest'), ' page or with ', h('code', null, 'sitrep ingest DIR'), '.')));
      if (cursor) more.append(h('button', { type: 'button', on: { click: page } }, 'Load more'));
    } catch (e) {
      mount(more, errorBox(e));
    }
  };
  await page();
}

const LAYERS = [
  ['mention', 'Names'],
  ['place', 'Places'],
  ['time', 'Times'],
  ['event', 'Events'],
  ['claim', 'Figures'],
];

export async function documentPage(main, [id], q, current) {
  const d = await get('/documents/' + encodeURIComponent(id));
  if (!current()) return;
  const r = d.result;
  document.title = 'sitrep · ' + (d.title || d.source);
  const textBox = h('div', { class: 'doc-text layers-on' });
  const toggles = h('div', { class: 'layer-toggles' }, LAYERS.map(([k, label]) => {
    const box = h('input', { type: 'checkbox', checked: true, on: { change: () => textBox.classList.toggle('hide-' + k, !box.checked) } });
    return h('label', { class: 'check hl-key hl-' + k }, box, ' ', label);
  }));
  const tip = h('div', { class: 'span-tip', id: 'span-tip', role: 'tooltip', hidden: true });
  mount(
    main,
    h('h1', null, d.title || d.source),
    h('p', { class: 'doc-meta' },
      d.outlet ? [h('strong', null, d.outlet), ' · '] : null,
      'published ', fmtDate(d.published), ' · source ', /^https?:/i.test(d.source) ? h('a', { href: d.source, rel: 'noopener noreferrer', target: '_blank' }, d.source) : h('code', null, d.source),
      ` · version ${d.version}${d.current ? '' : ' (superseded)'}`,
    ),
    toggles,
    h('div', { class: 'doc-layout' }, textBox, h('aside', { class: 'doc-side' }, sideLists(d))),
    tip,
  );
  renderText(textBox, d, tip);
  if (q?.has('at')) focusOffset(textBox, Number(q.get('at')));
}

/** Every span of every layer, as [start, end, kind, payload] in raw offsets. */
function spansOf(d) {
  const r = d.result;
  const out = [];
  for (const m of r.mentions) out.push([m.start, m.end, 'mention', m]);
  for (const p of r.places) out.push([p.start, p.end, 'place', p]);
  for (const t of r.times) out.push([t.start, t.end, 'time', t]);
  for (const e of r.events) for (const ev of e.evidence) out.push([ev.start, ev.end, 'event', e]);
  for (const c of r.claims) out.push([c.start, c.end, 'claim', c]);
  return out.filter(([s, e]) => Number.isInteger(s) && Number.isInteger(e) && e > s && s >= 0 && e <= d.text.length);
}

function looksHtml(text) {
  return /^\s*</.test(text) && /<\/(p|div|body|html|article|span|h\d)>/i.test(text);
}

/**
 * The text cut at every span boundary; each piece is a text node inside a <span> whose classes
 * name the layers covering it. The article is only ever text (textContent), never markup: for an
 * HTML input the tags are dropped from what is shown, and offsets stay those of the raw input.
 */
function renderText(box, d, tip) {
  const text = d.text;
  const html = looksHtml(text);
  const body = d.result.meta?.body;
  const from = html && body ? body.start : 0;
  const to = html && body ? body.end : text.length;
  const spans = spansOf(d).map(([s, e, k, p]) => [Math.max(s, from), Math.min(e, to), k, p]).filter(([s, e]) => e > s);
  const cuts = new Set([from, to]);
  for (const [s, e] of spans) cuts.add(s), cuts.add(e);
  const points = [...cuts].sort((a, b) => a - b);
  // Sweep: spans sorted by start enter the active set, leave when their end is passed.
  spans.sort((a, b) => a[0] - b[0]);
  let next = 0;
  let active = [];
  const frag = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    active = active.filter((s) => s[1] > a);
    while (next < spans.length && spans[next][0] <= a) {
      if (spans[next][1] > a) active.push(spans[next]);
      next++;
    }
    let piece = text.slice(a, b);
    if (html) piece = htmlToText(piece);
    if (!piece) continue;
    if (!active.length) {
      frag.append(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(active.map((s) => s[2]))];
    // Every highlight is a button for the keyboard and touch too: focus (or a first tap) shows what
    // it is, Enter (or a second tap) opens it, as a click does.
    const label = `${piece.trim()}: ${active.map(([, , k, p]) => describe(k, p, d)).join('; ')}`;
    const el = h('span', { class: ['hl', ...kinds.map((k) => 'hl-' + k)], dataset: { start: a, end: b }, tabindex: 0, role: 'button', 'aria-label': label, 'aria-describedby': 'span-tip' }, piece);
    el._spans = active.slice();
    frag.append(el);
  }
  clear(box).append(frag);
  if (!d.text.trim()) box.append(empty('Empty document', 'This document has no text.'));

  let shown = null;
  const showTip = (el) => {
    const target = jumpTarget(el._spans, d);
    mount(tip, el._spans.map(([, , k, p]) => h('div', { class: 'tip-line hl-' + k }, describe(k, p, d))), target ? h('div', { class: 'tip-hint' }, 'Enter or click (tap again on a touch screen) to open') : null);
    const r = el.getBoundingClientRect();
    tip.style.left = `${Math.round(r.left + window.scrollX)}px`;
    tip.style.top = `${Math.round(r.bottom + window.scrollY + 4)}px`;
    tip.hidden = false;
    shown = el;
  };
  const hideTip = () => {
    tip.hidden = true;
    shown = null;
  };
  const open = (el) => {
    const target = jumpTarget(el._spans, d);
    if (target) location.hash = target;
  };
  const hlOf = (ev) => {
    const el = ev.target.closest?.('.hl');
    return el && el._spans ? el : null;
  };
  box.addEventListener('mouseover', (ev) => {
    const el = hlOf(ev);
    if (el) showTip(el);
  });
  box.addEventListener('mouseout', (ev) => {
    if (hlOf(ev)) hideTip();
  });
  box.addEventListener('focusin', (ev) => {
    const el = hlOf(ev);
    if (el) showTip(el);
  });
  box.addEventListener('focusout', (ev) => {
    if (hlOf(ev)) hideTip();
  });
  box.addEventListener('keydown', (ev) => {
    const el = hlOf(ev);
    if (!el) return;
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      open(el);
    } else if (ev.key === 'Escape') hideTip();
  });
  // A touch has no hover: the first tap on a highlight shows what it is, a second tap opens it.
  // (Decided at pointerdown, before the tap's focus shows the tip.)
  let firstTap = false;
  box.addEventListener('pointerdown', (ev) => {
    firstTap = ev.pointerType === 'touch' && shown !== hlOf(ev);
  });
  box.addEventListener('click', (ev) => {
    const el = hlOf(ev);
    if (!el) return;
    if (firstTap) {
      firstTap = false;
      ev.preventDefault();
      el.focus({ preventScroll: true });
      return showTip(el);
    }
    open(el);
  });
}

/** `#/documents/ID?at=OFFSET` (from an event page's "why"): scroll to and focus the highlight there. */
function focusOffset(box, at) {
  if (!Number.isInteger(at)) return;
  const el = [...box.querySelectorAll('.hl')].find((x) => Number(x.dataset.start) <= at && at < Number(x.dataset.end));
  if (!el) return;
  el.classList.add('hl-target');
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
}

/** A mention by name, not a pronoun or common-noun phrase that refers to something (coref stage). */
function isName(m) {
  return m.source !== 'pronoun' && m.source !== 'nominal';
}

/** Clicking a span goes to the most specific thing it stands for: entity, place, then event. */
function jumpTarget(spans, d) {
  const order = ['mention', 'place', 'claim', 'event'];
  const sorted = spans.slice().sort((a, b) => order.indexOf(a[2]) - order.indexOf(b[2]));
  for (const [, , k, p] of sorted) {
    // A common-noun phrase ("60 civilians") names no catalogue entity; a pronoun's entity is its antecedent's.
    if (k === 'mention' && p.entity && p.source !== 'nominal') return link('entities', p.entity);
    if (k === 'place' && p.geonameid) return link('entities', 'geo:' + p.geonameid);
    if (k === 'event' && d.eventIds?.[p.id]) return link('events', d.eventIds[p.id]);
  }
  return null;
}

function describe(kind, p, d) {
  switch (kind) {
    case 'mention':
      return `${p.type}: ${p.name} (${p.entity})${p.role ? ' · ' + p.role : ''}${isName(p) ? '' : ' · ' + p.source}`;
    case 'place':
      return `Place: ${p.name}${p.admin1 ? ', ' + p.admin1 : ''}${p.country ? ', ' + p.country : ''} (${Number(p.lat).toFixed(3)}, ${Number(p.lon).toFixed(3)}) ${p.kind}`;
    case 'time':
      return `${p.type}: ${p.value} (${p.precision})`;
    case 'event':
      return `Event: ${p.type}${p.subtype ? ' · ' + p.subtype : ''}${p.date ? ', ' + p.date.value : ''}${p.location ? ', ' + p.location.name : ''}${p.fatalities ? ', ' + p.fatalities.best + ' killed' : ''} [${p.modality}]${d.eventIds?.[p.id] ? '' : ' (not clustered)'}`;
    case 'claim':
      return `Figure: ${p.value} ${p.unit}${p.approximate ? ' (approx.)' : ''}${p.claimantName || p.claimant ? ', says ' + (p.claimantName || p.claimant) : ''}`;
  }
  return kind;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Display text of an HTML fragment: tags (and script/style bodies) removed, entities decoded. */
function htmlToText(s) {
  return s
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?(p|div|br|h\d|li|tr|article|section|blockquote)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\n{3,}/g, '\n\n');
}

function sideLists(d) {
  const r = d.result;
  const ents = new Map();
  for (const m of r.mentions) if (isName(m) && !ents.has(m.entity)) ents.set(m.entity, m);
  return [
    h('h3', null, `Events (${r.events.length})`),
    r.events.length
      ? h('ul', { class: 'plain' }, r.events.map((e) => h('li', null, d.eventIds?.[e.id] ? h('a', { href: link('events', d.eventIds[e.id]) }, typeBadge(e.type, e.subtype)) : typeBadge(e.type, e.subtype), ' ', e.date?.value ?? '', e.location ? ' · ' + e.location.name : '')))
      : h('p', { class: 'muted' }, 'No events found in this text.'),
    h('h3', null, `Names (${ents.size})`),
    h('ul', { class: 'plain' }, [...ents.values()].map((m) => h('li', null, h('a', { href: link('entities', m.entity) }, m.name), h('span', { class: 'muted' }, ' ' + m.type)))),
    h('h3', null, `Figures (${r.claims.length})`),
    h('ul', { class: 'plain' }, r.claims.map((c) => h('li', null, `${c.text} → ${c.value} ${c.unit}`))),
  ];
}
