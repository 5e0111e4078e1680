/**
 * Date windows: the days an event date could mean. A day-precise date allows a day either side
 * (reports published the next morning, time zones, "overnight"); a week, month, quarter or year
 * covers its whole period. Two reports can describe the same event only if their windows overlap.
 */
export interface Window {
  lo: string;
  hi: string;
}

const DAY = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parseDay(s: string): number | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(s);
  if (!m) return null;
  return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1);
}

export function addDays(day: string, n: number): string {
  const t = parseDay(day);
  return t == null ? day : iso(t + n * DAY);
}

/** The window of a contract date {value, precision}; null when the value is not a calendar date. */
export function dateWindow(date: { value: string; precision: string } | null | undefined, slackDays = 1): Window | null {
  if (!date?.value) return null;
  const v = date.value;
  const week = /^(\d{4})-W(\d{2})/.exec(v);
  if (week) {
    // ISO week: the Monday of week 1 is the Monday on or before 4 January.
    const jan4 = Date.UTC(+week[1], 0, 4);
    const monday = jan4 - (((new Date(jan4).getUTCDay() + 6) % 7) * DAY) + (+week[2] - 1) * 7 * DAY;
    return { lo: iso(monday), hi: iso(monday + 6 * DAY) };
  }
  const q = /^(\d{4})-Q([1-4])/.exec(v);
  if (q) {
    const y = +q[1];
    const m0 = (+q[2] - 1) * 3;
    return { lo: iso(Date.UTC(y, m0, 1)), hi: iso(Date.UTC(y, m0 + 3, 1) - DAY) };
  }
  const t = parseDay(v);
  if (t == null) return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(v)!;
  const y = +m[1];
  const precision = date.precision;
  if (precision === 'year' || !m[2]) return { lo: `${m[1]}-01-01`, hi: `${m[1]}-12-31` };
  if (precision === 'month' || precision === 'quarter' || !m[3]) {
    return { lo: iso(Date.UTC(y, +m[2] - 1, 1)), hi: iso(Date.UTC(y, +m[2], 1) - DAY) };
  }
  if (precision === 'week') return { lo: iso(t), hi: iso(t + 6 * DAY) };
  return { lo: iso(t - slackDays * DAY), hi: iso(t + slackDays * DAY) };
}

export function overlaps(a: Window, b: Window): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

/** Rank of a precision, finer first (used to pick the best date among reports). */
export function precisionRank(p: string | null | undefined): number {
  return ['time', 'day', 'week', 'month', 'quarter', 'year', 'decade'].indexOf(p ?? '') >>> 0;
}

/** Great-circle distance in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 12_742 * Math.asin(Math.min(1, Math.sqrt(a)));
}
