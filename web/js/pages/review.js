import { h, mount } from '../dom.js';
import { get, post } from '../api.js';
import { sessionReady, errorBox } from '../ui.js';
import { filteredAudit } from './audit.js';

/** The review log: every analyst change (who, when, field, before, after), newest first. */
export async function reviewPage(main, _p, _q, current) {
  document.title = 'sitrep · review';
  const [res, session] = await Promise.all([get('/audit', { limit: 1000 }), sessionReady()]);
  if (!current()) return;
  mount(main,
    h('h1', null, 'Review'),
    h('p', null, session.user ? `Logged in as ${session.user.username}. Open an event (from the map or the table) to accept, reject, edit, merge or split it.` : [h('a', { href: '#/login?next=%23%2Freview' }, 'Log in'), ' to review events.']),
    h('p', null, 'Queues: ', ['unreviewed', 'edited', 'accepted', 'rejected'].map((r, i) => [i ? ' · ' : '', h('a', { href: '#/?review=' + r }, r)])),
    h('p', null, 'Exports carry the reviewed values, the review status and the machine values they replaced: ', h('a', { href: '/api/export/events.csv' }, 'events.csv'), ' · ', h('a', { href: '/api/export/events.jsonl' }, 'events.jsonl'), ' (rejected events are left out; add ', h('code', null, '?includeRejected=true'), ' to keep them).'),
    session.user ? tokenBox() : null,
    h('h2', null, 'Audit log'),
    filteredAudit(res.items, { withEvent: true, canUndo: !!session.user, onUndone: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }),
  );
}

/** An API token for scripts (`Authorization: Bearer ...`), shown once. */
function tokenBox() {
  const out = h('div', { class: 'token-out' });
  const label = h('input', { name: 'label', placeholder: 'what it is for (optional)' });
  return h('details', { class: 'token' },
    h('summary', null, 'API token for scripts'),
    h('p', null, 'The REST API is described at ', h('a', { href: '/api/openapi.json' }, '/api/openapi.json'), '. A token acts as you; it is shown once.'),
    h('p', null, label, ' ', h('button', { type: 'button', on: { click: async () => {
      try {
        const r = await post('/tokens', { label: label.value || undefined });
        mount(out, h('code', { class: 'token-value' }, r.token));
      } catch (e) {
        mount(out, errorBox(e));
      }
    } } }, 'Create token')),
    out,
  );
}
