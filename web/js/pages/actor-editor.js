import { h, mount, clear } from '../dom.js';
import { get } from '../api.js';

/**
 * The review form's actors: one row per actor with the entity picked from the store's known
 * actors (searched by name through /api/entities), its role and its ACLED class. A name the store
 * does not know can be added as a new entity, and stays marked new. Rows keep each actor's name,
 * so an edit never turns "Free Syrian Army" into an id or a word. Every value goes into the page
 * as text (dom.js), never as markup.
 *
 * `vocab` is GET /api/vocabulary (roles, ACLED classes). Returns the box, `value()` (the actors
 * as the API takes them), `changed()`, and `showError(index, key, message)` for a refusal the
 * server names by field (`fields.actors[1].role`).
 */
export const NEW = '__new__';

export function actorEditor(actors, vocab) {
  const rows = [];
  const list = h('div', { class: 'actor-rows' });
  const addBtn = h('button', { type: 'button', class: 'actor-add', on: { click: () => addRow({ entity: null, name: '', role: 'actor1' }, true) } }, '+ Add actor');
  const box = h('fieldset', { class: 'actor-editor', dataset: { field: 'actors' } }, h('legend', null, 'Actors'), list, addBtn);

  function addRow(a, focus) {
    const row = actorRow(a, vocab, () => {
      rows.splice(rows.indexOf(row), 1);
      row.el.remove();
      renumber();
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    rows.push(row);
    list.append(row.el);
    renumber();
    if (focus) row.search.focus();
    return row;
  }
  function renumber() {
    rows.forEach((r, i) => (r.el.dataset.index = String(i)));
  }
  for (const a of actors ?? []) addRow(a, false);
  const initial = JSON.stringify(rows.map((r) => r.value()));

  return {
    el: box,
    value: () => rows.map((r) => r.value()),
    changed: () => JSON.stringify(rows.map((r) => r.value())) !== initial,
    clearErrors: () => rows.forEach((r) => r.clearError()),
    showError(index, key, message) {
      const r = rows[index];
      if (!r) return false;
      r.showError(key, message);
      return true;
    },
  };
}

function actorRow(a, vocab, remove) {
  const known = a.entity ? { id: a.entity, name: a.name ?? a.entity, isNew: !!a.new } : null;
  const search = h('input', { type: 'search', class: 'actor-search', value: a.name ?? a.entity ?? '', placeholder: 'search known actors, or type a new name', 'aria-label': 'actor name', autocomplete: 'off' });
  const entity = h('select', { class: 'actor-entity', 'aria-label': 'entity' });
  const role = h('select', { class: 'actor-role', 'aria-label': 'role' }, vocab.roles.map((r) => h('option', { value: r, selected: r === a.role }, r)));
  const inter = h('select', { class: 'actor-inter', 'aria-label': 'ACLED actor class' },
    h('option', { value: '' }, 'class —'),
    Object.entries(vocab.inter).map(([code, label]) => h('option', { value: code, selected: Number(code) === a.inter }, `${code} ${label}`)));
  const badge = h('span', { class: 'actor-new', hidden: true }, 'new entity');
  const error = h('span', { class: 'field-error', role: 'alert', hidden: true });
  const removeBtn = h('button', { type: 'button', class: 'actor-remove', 'aria-label': 'remove actor', on: { click: remove } }, '×');
  const el = h('div', { class: 'actor-row' }, search, entity, role, inter, badge, removeBtn, error);

  /** The options: the actor as it was, the store's matches for the typed name, and "new". */
  function fill(matches) {
    const typed = search.value.trim();
    const keep = entity.value;
    const opts = [];
    const seen = new Set();
    const add = (id, label, data) => {
      if (seen.has(id)) return;
      seen.add(id);
      opts.push(h('option', { value: id, dataset: data }, label));
    };
    if (known) add(known.id, `${known.name} (${known.id})${known.isNew ? ' · new' : ''}`, { name: known.name, ...(known.isNew ? { new: '1' } : {}) });
    for (const m of matches) add(m.id, `${m.name} (${m.id})`, { name: m.name });
    if (typed && !matches.some((m) => m.name.toLowerCase() === typed.toLowerCase()) && !(known && known.name.toLowerCase() === typed.toLowerCase())) {
      add(NEW, `New entity: ${typed}`, { name: typed, new: '1' });
    }
    if (!opts.length) opts.push(h('option', { value: '' }, 'type a name to search'));
    mount(entity, opts);
    // Keep the choice while its name is what is typed; else the best match, else "new".
    const still = [...entity.options].find((o) => o.value === keep);
    if (still && keep !== NEW && (still.dataset.name ?? '').toLowerCase() === typed.toLowerCase()) entity.value = keep;
    else if (matches[0]) entity.value = matches[0].id;
    else if (seen.has(NEW)) entity.value = NEW;
    else if (still) entity.value = keep;
    sync();
  }
  function sync() {
    const o = entity.selectedOptions[0];
    badge.hidden = !(o && o.dataset.new);
  }

  let timer = null;
  let asked = 0;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = search.value.trim();
      const n = ++asked;
      let matches = [];
      if (q.length >= 2) {
        try {
          matches = (await get('/entities', { kind: 'actor', q, limit: 10 })).items;
        } catch {
          matches = [];
        }
      }
      if (n === asked) fill(matches);
    }, 200);
  });
  entity.addEventListener('change', sync);
  fill([]);

  return {
    el,
    search,
    value() {
      const o = entity.selectedOptions[0];
      const out = {};
      if (!o || !o.value) out.entity = null;
      else if (o.value === NEW) Object.assign(out, { entity: null, name: search.value.trim(), new: true });
      else Object.assign(out, { entity: o.value, name: o.dataset.name || undefined, ...(o.dataset.new ? { new: true } : {}) });
      out.role = role.value;
      if (inter.value) out.inter = Number(inter.value);
      return out;
    },
    showError(key, message) {
      const control = { role, inter, name: search, entity, new: entity }[key] ?? entity;
      control.setAttribute('aria-invalid', 'true');
      error.textContent = message;
      error.hidden = false;
      control.focus();
    },
    clearError() {
      for (const c of [search, entity, role, inter]) c.removeAttribute('aria-invalid');
      clear(error);
      error.hidden = true;
    },
  };
}
