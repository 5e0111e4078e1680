import { h, mount } from '../dom.js';

/**
 * What an unknown route, or a link to an event, document or entity that is not (or no longer) in
 * the store, shows: what was asked for, why that can happen, and ways back.
 */
export function notFoundPage(main, path, message) {
  document.title = 'sitrep · not found';
  mount(main, h('section', { class: 'not-found', role: 'alert' },
    h('h1', null, 'Not found'),
    h('p', null, message ? `${message[0].toUpperCase()}${message.slice(1)}.` : 'There is no page at this address: ', message ? null : h('code', null, '#' + path)),
    message ? h('p', { class: 'muted' }, 'It may have been merged into another event, split, or re-ingested under a new version; or the link was mistyped.') : null,
    h('p', null,
      history.length > 1 ? [h('button', { type: 'button', class: 'link', on: { click: () => history.back() } }, '← Back'), ' · '] : null,
      h('a', { href: '#/' }, 'Dashboard'), ' · ', h('a', { href: '#/documents' }, 'Documents'), ' · ', h('a', { href: '#/entities' }, 'Entities'),
    ),
  ));
}
