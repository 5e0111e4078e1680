import { get } from './api.js';

/** The base map outlines, fetched once per page load: 110m first, 50m (sharper) on demand. */
const cache = new Map();

export function baseMap(res = '110m') {
  const boot = res === '110m' && window.__sitrepBoot?.base;
  if (boot) window.__sitrepBoot.base = null;
  if (!cache.has(res)) cache.set(res, (boot ? boot.catch(() => get('/basemap/' + res)) : get('/basemap/' + res)).catch((e) => { cache.delete(res); throw e; }));
  return cache.get(res);
}
