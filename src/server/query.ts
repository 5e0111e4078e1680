import type { EventQuery, Grade, ReviewStatus, StoredEvent } from '../store/types.ts';
import { EVENT_SORTS, type EventSort } from '../store/event-order.ts';

/**
 * Query-string parsing shared by the event list, the map points and the exports, so that the
 * table, the map and a download given the same filters select the same events.
 */
export class BadRequest extends Error {
  readonly statusCode = 400;
  /** The refused part of the request as a path (`fields.actors[0].role`, `query.limit`), for the UI to show it there. */
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | string[] | undefined>;

const GRADES: Grade[] = ['confirmed', 'fair', 'weak', 'contested'];

export function str(q: Query, name: string): string | undefined {
  const v = q[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return s == null || s === '' ? undefined : s;
}

/** A repeatable or comma-separated parameter (`type=A&type=B` or `type=A,B`). */
export function list(q: Query, name: string): string[] | undefined {
  const v = q[name];
  if (v == null || v === '') return undefined;
  const parts = (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  return parts.length ? parts : undefined;
}

export function int(q: Query, name: string, min: number, max: number): number | undefined {
  const s = str(q, name);
  if (s == null) return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n < min || n > max) throw new BadRequest(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

export function bool(q: Query, name: string): boolean | undefined {
  const s = str(q, name);
  if (s == null) return undefined;
  if (['1', 'true', 'yes'].includes(s)) return true;
  if (['0', 'false', 'no'].includes(s)) return false;
  throw new BadRequest(`${name} must be true or false`);
}

function isoDate(q: Query, name: string): string | undefined {
  const s = str(q, name);
  if (s == null) return undefined;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) throw new BadRequest(`${name} must be an ISO date (YYYY-MM-DD)`);
  return s;
}

function numbers(s: string, n: number, name: string): number[] {
  const parts = s.split(',').map(Number);
  if (parts.length !== n || parts.some((x) => !Number.isFinite(x))) throw new BadRequest(`${name} must be ${n} comma-separated numbers`);
  return parts;
}

/** West, south, east, north in degrees. */
export type BBox = [number, number, number, number];

export interface EventFilter {
  query: EventQuery;
  /** What the store cannot filter on, applied to each page of its answer afterwards. */
  post: PostFilter;
}

export interface PostFilter {
  /** The store filters by distance; the box itself is checked here. */
  bbox: BBox | null;
  /** Review status(es) to keep. */
  review: ReviewStatus[] | null;
}

const REVIEW: ReviewStatus[] = ['unreviewed', 'accepted', 'edited', 'rejected'];

/** Whether an event passes the filters the store did not apply. */
export function keep(post: PostFilter, e: StoredEvent): boolean {
  if (post.bbox && !inBBox(e.location?.lat, e.location?.lon, post.bbox)) return false;
  if (post.review && !post.review.includes(e.review?.status ?? 'unreviewed')) return false;
  return true;
}

/** since, until, type, subtype, actor, actorName, admin1, near=lat,lon,km, bbox=w,s,e,n, country, grade, review, includeRejected, limit, cursor */
export function eventFilter(q: Query, opts: { defaultLimit?: number; maxLimit?: number } = {}): EventFilter {
  const query: EventQuery = {};
  const since = isoDate(q, 'since');
  const until = isoDate(q, 'until');
  if (since) query.since = since;
  if (until) query.until = until;
  if (since && until && since > until) throw new BadRequest('since is after until');
  const type = list(q, 'type');
  if (type) query.type = type.length === 1 ? type[0] : type;
  const subtype = str(q, 'subtype');
  if (subtype) query.subtype = subtype;
  const actor = str(q, 'actor');
  if (actor) query.actor = actor;
  const actorName = str(q, 'actorName');
  if (actorName) query.actorName = actorName;
  const admin1 = str(q, 'admin1');
  if (admin1) query.admin1 = admin1;
  const country = str(q, 'country');
  if (country) {
    if (!/^[A-Za-z]{2}$/.test(country)) throw new BadRequest('country must be an ISO 3166 alpha-2 code');
    query.country = country.toUpperCase();
  }
  const grade = list(q, 'grade');
  if (grade) {
    for (const g of grade) if (!GRADES.includes(g as Grade)) throw new BadRequest(`grade must be one of ${GRADES.join(', ')}`);
    query.grade = grade.length === 1 ? (grade[0] as Grade) : (grade as Grade[]);
  }
  const near = str(q, 'near');
  if (near) {
    const [lat, lon, km] = numbers(near, 3, 'near (lat,lon,km)');
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || km <= 0) throw new BadRequest('near: lat -90..90, lon -180..180, km > 0');
    query.near = { lat, lon, km };
  }
  let bbox: BBox | null = null;
  const b = str(q, 'bbox');
  if (b) {
    const [w, s, e, n] = numbers(b, 4, 'bbox (west,south,east,north)');
    if (s > n || Math.abs(s) > 90 || Math.abs(n) > 90) throw new BadRequest('bbox: south must be <= north, within -90..90');
    bbox = [w, s, e, n];
    if (!query.near) query.near = circleAround(bbox);
  }
  const rejected = bool(q, 'includeRejected');
  if (rejected) query.includeRejected = true;
  const review = list(q, 'review') as ReviewStatus[] | undefined;
  if (review) {
    for (const r of review) if (!REVIEW.includes(r)) throw new BadRequest(`review must be one of ${REVIEW.join(', ')}`);
    if (review.includes('rejected')) query.includeRejected = true;
  }
  const sort = str(q, 'sort');
  if (sort) {
    if (!EVENT_SORTS.includes(sort as EventSort)) throw new BadRequest(`sort must be one of ${EVENT_SORTS.join(', ')}`, 'query.sort');
    query.sort = sort as EventSort;
  }
  query.limit = int(q, 'limit', 1, opts.maxLimit ?? 500) ?? opts.defaultLimit ?? 50;
  const cursor = str(q, 'cursor');
  if (cursor) query.cursor = cursor;
  return { query, post: { bbox, review: review ?? null } };
}

export function inBBox(lat: number | null | undefined, lon: number | null | undefined, b: BBox): boolean {
  if (lat == null || lon == null) return false;
  const [w, s, e, n] = b;
  if (lat < s || lat > n) return false;
  // A box crossing the antimeridian has west > east.
  return w <= e ? lon >= w && lon <= e : lon >= w || lon <= e;
}

/** The smallest circle (centre, great-circle radius) that holds a bbox: the store's pre-filter. */
function circleAround([w, s, e, n]: BBox): { lat: number; lon: number; km: number } {
  const width = w <= e ? e - w : e + 360 - w;
  let lon = w + width / 2;
  if (lon > 180) lon -= 360;
  const lat = (s + n) / 2;
  let km = 0;
  for (const [la, lo] of [[s, w], [s, e], [n, w], [n, e]]) km = Math.max(km, haversineKm(lat, lon, la, lo));
  return { lat, lon, km: km + 1 };
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}
