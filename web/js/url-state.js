import { qs } from './api.js';

/**
 * The dashboard's state as it lives in the URL (`#/?type=Battles&since=2019-03-01&sort=-fatalities`),
 * so a view can be shared, reloaded and walked back with the browser's Back button. One place
 * says which parameter goes where:
 *
 * - API filters select the events of everything: the map's points, the timeline, the table, the exports.
 * - The date range (since, until) is the timeline brush: the map and the timeline draw it in the
 *   browser from the same points (so the brush can be widened again), the table and the exports ask
 *   the server for it.
 * - bbox (the table following the map view) and sort apply to the table and the exports.
 * - nearName only labels `near` (the place the analyst typed).
 */
export const API_FILTERS = ['type', 'grade', 'country', 'admin1', 'actor', 'actorName', 'near', 'review', 'includeRejected'];
export const LIST_PARAMS = ['since', 'until', 'bbox', 'sort'];
export const LABELS = ['nearName'];
const ALL = [...API_FILTERS, ...LIST_PARAMS, ...LABELS];

/** The state read from a route's query (URLSearchParams): only known keys, only non-empty values. */
export function readState(query) {
  const s = {};
  for (const k of ALL) {
    const v = query.get(k);
    if (v) s[k] = v;
  }
  return s;
}

/** The filters the map's points are requested with (boot.js builds the same key). */
export function pointFilters(s) {
  const out = {};
  for (const k of API_FILTERS) if (s[k]) out[k] = s[k];
  return out;
}

/** The parameters of the table and of every export: the filters, the dates, the view box, the order. */
export function listParams(s) {
  const out = pointFilters(s);
  for (const k of LIST_PARAMS) if (s[k]) out[k] = s[k];
  return out;
}

export function exportHref(format, s) {
  return '/api/export/events.' + format + qs(listParams(s));
}

/** The dashboard route for a state, parameters in a stable order. */
export function hashOf(s) {
  const q = new URLSearchParams();
  for (const k of ALL) if (s[k]) q.set(k, s[k]);
  const str = q.toString();
  return '#/' + (str ? '?' + str : '');
}

/**
 * Records a change made on the page itself (a brush, a sort) as a new history entry without
 * redrawing the page: pushState fires no hashchange. Back then fires hashchange (the fragment
 * differs), and the router draws that earlier state from its URL.
 */
export function pushState(s) {
  const h = hashOf(s);
  if (h !== location.hash && !(h === '#/' && (location.hash === '' || location.hash === '#/'))) history.pushState(null, '', h);
}
