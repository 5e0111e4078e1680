import { h, mount, link } from './dom.js';
import { get } from './api.js';

/** Shared look and state: type colours, formatting, the error banner, empty states, the session. */
export const TYPES = ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments'];
const COLORS = {
  Battles: '#d62728',
  'Explosions/Remote violence': '#ff7f0e',
  'Violence against civilians': '#9467bd',
  Protests: '#2ca02c',
  Riots: '#8c564b',
  'Strategic developments': '#1f77b4',
};
export const GRADES = ['confirmed', 'fair', 'weak', 'contested'];

export function typeColor(type) {
  return COLORS[type] ?? '#7f7f7f';
}

export function showError(err) {
  const b = document.getElementById('banner');
  const msg = err instanceof Error ? err.message : String(err);
  mount(b, h('span', null, msg), h('button', { class: 'close', 'aria-label': 'dismiss', on: { click: () => (b.hidden = true) } }, '×'));
  b.hidden = false;
}

export function clearError() {
  document.getElementById('banner').hidden = true;
}

export function errorBox(err) {
  return h('div', { class: 'error-box', role: 'alert' }, h('strong', null, 'Error: '), err instanceof Error ? err.message : String(err));
}

export function empty(title, ...what) {
  return h('div', { class: 'empty' }, h('h3', null, title), ...what.map((w) => (typeof w === 'string' ? h('p', null, w) : w)));
}

export function loading(what = 'Loading…') {
  return h('p', { class: 'loading' }, what);
}

export function fmtDate(d) {
  if (!d) return '—';
  const v = typeof d === 'string' ? d : d.value;
  const p = typeof d === 'string' ? null : d.precision;
  return p && p !== 'day' ? `${v} (${p})` : v;
}

export function fmtPlace(l) {
  if (!l) return '—';
  const bits = [l.name, l.admin1, l.country].filter(Boolean);
  return bits.join(', ');
}

export function fmtFatalities(f) {
  if (!f) return '—';
  return f.low === f.high ? String(f.best) : `${f.best} (${f.low}–${f.high})`;
}

export function typeBadge(type, subtype) {
  return h('span', { class: 'type-badge', style: { '--c': typeColor(type) } }, type, subtype ? h('small', null, ' · ', subtype) : null);
}

export function gradeBadge(c) {
  if (!c) return null;
  return h('span', { class: ['grade', 'grade-' + c.grade], title: c.reason || '' }, c.grade);
}

export function reviewBadge(r) {
  if (!r || r.status === 'unreviewed') return h('span', { class: 'rev rev-unreviewed' }, 'machine');
  return h('span', { class: ['rev', 'rev-' + r.status], title: r.overridden?.length ? 'edited: ' + r.overridden.join(', ') : '' }, r.status);
}

export function entityLink(id, name) {
  return h('a', { href: link('entities', id) }, name || id);
}

/** The logged-in user, shared by pages; refreshed by `refreshSession`. */
export const session = { user: null, readOpen: true };

let sessionPromise = null;

/** Resolves once the session is known (first call fetches it). */
export function sessionReady() {
  return (sessionPromise ??= refreshSession());
}

export function refreshSession() {
  return (sessionPromise = loadSession());
}

async function loadSession() {
  try {
    const me = await get('/me');
    session.user = me.user;
    session.readOpen = me.readOpen;
  } catch (e) {
    showError(e);
  }
  const who = document.getElementById('who');
  if (session.user) mount(who, h('span', null, session.user.username), ' ', h('a', { href: '#/logout' }, 'Log out'));
  else mount(who, h('a', { href: '#/login' }, 'Log in'));
  return session;
}

export function needLogin(what) {
  return empty('Log in to ' + what, h('p', null, h('a', { href: '#/login?next=' + encodeURIComponent(location.hash) }, 'Log in'), ' with an analyst account. Accounts are created on the server with ', h('code', null, 'sitrep serve --add-user NAME'), '.'));
}
