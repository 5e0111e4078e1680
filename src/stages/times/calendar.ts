/**
 * Calendar arithmetic on plain dates (no time zones: a news date is a calendar day) and the
 * TIMEX3 spellings of dates, weeks, quarters and seasons.
 */

export interface YMD {
  y: number;
  m: number; // 1-12
  d: number;
}

const DAY = 86400000;

export function ymdFromIso(s: string | null | undefined): YMD | null {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})/.exec(s) : null;
  if (!m) return null;
  const r = { y: +m[1], m: +m[2], d: +m[3] };
  return r.m >= 1 && r.m <= 12 && r.d >= 1 && r.d <= daysInMonth(r.y, r.m) ? r : null;
}

const toMs = (a: YMD) => Date.UTC(a.y, a.m - 1, a.d);
const fromMs = (ms: number): YMD => {
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(a: YMD, n: number): YMD {
  return fromMs(toMs(a) + n * DAY);
}

/** Add months, clamping the day ("Jan 31" + 1 month = "Feb 28"). */
export function addMonths(a: YMD, n: number): YMD {
  const idx = a.y * 12 + (a.m - 1) + n;
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  return { y, m, d: Math.min(a.d, daysInMonth(y, m)) };
}

/** ISO weekday: Monday 1 ... Sunday 7. */
export function weekday(a: YMD): number {
  const w = new Date(toMs(a)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week of a date: its week-numbering year and week number. */
export function isoWeek(a: YMD): { y: number; w: number } {
  const thursday = addDays(a, 4 - weekday(a));
  const jan1 = { y: thursday.y, m: 1, d: 1 };
  return { y: thursday.y, w: Math.floor((toMs(thursday) - toMs(jan1)) / DAY / 7) + 1 };
}

export const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export const fmtDay = (a: YMD) => `${pad(a.y, 4)}-${pad(a.m)}-${pad(a.d)}`;
export const fmtMonth = (y: number, m: number) => `${pad(y, 4)}-${pad(m)}`;
export const fmtWeek = (a: YMD) => {
  const w = isoWeek(a);
  return `${pad(w.y, 4)}-W${pad(w.w)}`;
};
export const quarterOf = (m: number) => Math.ceil(m / 3);

/** The day with the given ISO weekday nearest `a` in one direction (same day allowed or not). */
export function weekdayFrom(a: YMD, wd: number, dir: -1 | 1, sameDay: boolean): YMD {
  let delta = dir < 0 ? (weekday(a) - wd + 7) % 7 : (wd - weekday(a) + 7) % 7;
  if (delta === 0 && !sameDay) delta = 7;
  return addDays(a, dir * delta);
}

/** Compare (y, m) pairs. */
export const monthIndex = (y: number, m: number) => y * 12 + m - 1;
