import type { Store, StoredEvent, EventQuery } from '../store/types.ts';
import { keep, type PostFilter } from './query.ts';
import type { ServerState } from './app.ts';

/**
 * Every located event as compact columns for the map and the timeline: one request draws the
 * dashboard, whatever the number of events (10,000 events are about 400 kB of JSON). Brushing
 * the timeline filters these columns in the browser, with no round trip.
 */
export interface Points {
  count: number;
  /** Events matching the filter that have no coordinates or no date (not drawable). */
  unlocated: number;
  undated: number;
  types: string[];
  grades: string[];
  id: string[];
  lat: number[];
  lon: number[];
  /** Index into `types`. */
  type: number[];
  /** Index into `grades`. */
  grade: number[];
  /** Best fatality estimate, 0 when none. */
  fat: number[];
  /** Days since 1970-01-01 of the event date, -1 when undated. */
  day: number[];
  /** 1 when the analyst edited or accepted it, 2 when rejected, 0 unreviewed. */
  rev: number[];
  /** First-level divisions seen ("Nineveh"), and each point's index into them (-1: none): the place filter's choices. */
  admin1s: string[];
  a1: number[];
  /** ACLED geo-precision (1 the place, 2 near it, 3 only the province): the map rings 2 and 3. */
  prec: number[];
}

const PAGE = 500;

export async function collectPoints(store: Store, query: EventQuery, post: PostFilter): Promise<Points> {
  const types: string[] = [];
  const grades: string[] = [];
  const p: Points = { count: 0, unlocated: 0, undated: 0, types, grades, id: [], lat: [], lon: [], type: [], grade: [], fat: [], day: [], rev: [], admin1s: [], a1: [], prec: [] };
  let cursor: string | null = null;
  do {
    const page = await store.listEvents({ ...query, limit: PAGE, cursor });
    for (const e of page.items) if (keep(post, e)) add(p, e);
    cursor = page.next;
  } while (cursor);
  return p;
}

function add(p: Points, e: StoredEvent): void {
  const lat = e.location?.lat;
  const lon = e.location?.lon;
  p.count++;
  const day = e.date?.value ? dayNumber(e.date.value) : -1;
  if (day < 0) p.undated++;
  if (lat == null || lon == null) {
    p.unlocated++;
    return;
  }
  p.id.push(e.id);
  p.lat.push(round(lat));
  p.lon.push(round(lon));
  p.type.push(index(p.types, e.type));
  p.grade.push(index(p.grades, e.corroboration?.grade ?? 'weak'));
  p.fat.push(e.fatalities?.best ?? 0);
  p.day.push(day);
  const s = e.review?.status;
  p.rev.push(s === 'rejected' ? 2 : s === 'accepted' || s === 'edited' ? 1 : 0);
  const a1 = e.location?.admin1;
  p.a1.push(a1 ? index(p.admin1s, a1) : -1);
  p.prec.push(e.location?.precision ?? 1);
}

function index(arr: string[], v: string): number {
  let i = arr.indexOf(v);
  if (i < 0) i = arr.push(v) - 1;
  return i;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

export function dayNumber(iso: string): number {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return -1;
  const t = Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1);
  return Number.isFinite(t) ? Math.floor(t / 86400000) : -1;
}

/**
 * Points as JSON, cached per filter until the store changes: the dashboard's first paint should
 * not wait for 10,000 events to be read again. The store tells its newest change cheaply (the
 * change feed's last seq), which also catches ingests by other processes (`sitrep ingest`).
 * Writes through this server clear the cache.
 */
export async function pointsJson(state: ServerState, query: EventQuery, post: PostFilter): Promise<{ json: string; gz?: Buffer }> {
  // The order does not change which points there are.
  const { limit: _l, cursor: _c, sort: _s, ...filter } = query;
  query = filter;
  const key = JSON.stringify([filter, post]);
  const head = await state.store.changeHead();
  const hit = state.pointsCache.get(key);
  if (hit && (head != null ? hit.head === head : Date.now() - hit.at < 5000)) return hit;
  const entry = { at: Date.now(), head, json: JSON.stringify(await collectPoints(state.store, query, post)) };
  state.pointsCache.set(key, entry);
  if (state.pointsCache.size > 50) state.pointsCache.delete(state.pointsCache.keys().next().value!);
  return entry;
}
