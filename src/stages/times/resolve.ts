import {
  addDays, addMonths, fmtDay, fmtMonth, fmtWeek, monthIndex, pad, quarterOf, weekdayFrom, type YMD,
} from './calendar.ts';
import type { Tense } from './types.ts';

/**
 * Turning a recognised expression into a TIMEX3 value against the document date. Language
 * independent: locales decide what the words mean ("last", "Tuesday", "third quarter"), these
 * functions do the arithmetic. Without an anchor nothing is guessed from today's date: the value
 * keeps TIMEX3's unknown digits (XXXX-XX-XX, XXXX-WXX-2, XXXX-Q3).
 */

export type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'weekend' | 'month' | 'quarter' | 'half' | 'year' | 'decade' | 'century';

/** A day a number of days from the anchor ("yesterday" = -1). */
export function relativeDay(anchor: YMD | null, days: number): string {
  return anchor ? fmtDay(addDays(anchor, days)) : 'XXXX-XX-XX';
}

/**
 * A named weekday (ISO 1-7). `shift` -1 is "last Friday" (strictly before the anchor), +1 "next
 * Monday" (strictly after); 0 is a bare weekday, read by tense: on or before the anchor in the past
 * (news convention: "said Tuesday" is the latest Tuesday), on or after it in the future.
 */
export function weekdayDate(anchor: YMD | null, wd: number, shift: -1 | 0 | 1, tense: Tense): YMD | null {
  if (!anchor) return null;
  if (shift < 0) return weekdayFrom(anchor, wd, -1, false);
  if (shift > 0) return weekdayFrom(anchor, wd, 1, false);
  return tense === 'future' ? weekdayFrom(anchor, wd, 1, true) : weekdayFrom(anchor, wd, -1, true);
}

export function weekdayValue(anchor: YMD | null, wd: number, shift: -1 | 0 | 1, tense: Tense): string {
  const d = weekdayDate(anchor, wd, shift, tense);
  return d ? fmtDay(d) : `XXXX-WXX-${wd}`;
}

/** The year of a month (and day) given without one. */
export function yearFor(anchor: YMD, m: number, d: number | null, tense: Tense): number {
  // The nearest such date, within six months either way; news mostly reports the recent and the
  // imminent. Tense overrides only a reading more than three months the wrong way ("was arrested
  // in August" in February is last August; "will vote in March" in November is next March).
  const delta = (y: number) => monthIndex(y, m) - monthIndex(anchor.y, anchor.m) + (d == null ? 0 : (d - anchor.d) / 31);
  let y = anchor.y;
  if (delta(y) > 6) y--;
  else if (delta(y) < -6) y++;
  if (tense === 'past' && delta(y) > 3) y--;
  else if (tense === 'future' && delta(y) < -3) y++;
  return y;
}

export function monthValue(anchor: YMD | null, m: number, year: number | null, tense: Tense): string {
  if (year != null) return fmtMonth(year, m);
  return anchor ? fmtMonth(yearFor(anchor, m, null, tense), m) : `XXXX-${pad(m)}`;
}

export function monthDayValue(anchor: YMD | null, m: number, d: number, year: number | null, tense: Tense): string {
  if (year != null) return `${pad(year, 4)}-${pad(m)}-${pad(d)}`;
  return anchor ? `${pad(yearFor(anchor, m, d, tense), 4)}-${pad(m)}-${pad(d)}` : `XXXX-${pad(m)}-${pad(d)}`;
}

/** A quarter named without a year: the latest one begun by the anchor in the past tense. */
export function quarterValue(anchor: YMD | null, q: number, year: number | null, tense: Tense): string {
  if (year != null) return `${pad(year, 4)}-Q${q}`;
  if (!anchor) return `XXXX-Q${q}`;
  const cur = quarterOf(anchor.m);
  let y = anchor.y;
  if (tense === 'past' && q > cur) y--;
  return `${pad(y, 4)}-Q${q}`;
}

/** Months since the season's first month (spring from March, winter from December), -1 if not begun. */
const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

/**
 * A season named without a year. Plain or past: the latest one begun by the anchor ("this past
 * spring" in October is this year's); "last" the latest one ended; "next" the next not begun;
 * future tense the next not yet over, no tense the coming one if it begins within three months;
 * "this summer" this year's. Winter carries the year it begins in, and January and
 * February belong to the winter begun the December before.
 */
export function seasonValue(anchor: YMD | null, season: string, year: number | null, shift: -1 | 0 | 1, tense: Tense, thisOne = false): string {
  if (year != null) return `${pad(year, 4)}-${season}`;
  if (!anchor) return `XXXX-${season}`;
  const start = SEASON_START[season];
  // Months into the current year's occurrence of the season (winter straddles the year end).
  const m = season === 'WI' && anchor.m <= 2 ? anchor.m + 12 : anchor.m;
  const y0 = season === 'WI' && anchor.m <= 2 ? anchor.y - 1 : anchor.y;
  const into = m - start; // <0 not begun, 0..2 in it, >=3 over
  let y: number;
  if (shift < 0) y = into >= 3 ? y0 : y0 - 1;
  else if (shift > 0) y = into < 0 ? y0 : y0 + 1;
  else if (thisOne) y = y0;
  else if (tense === 'future') y = into >= 3 ? y0 + 1 : y0;
  else if (tense === 'unknown' && into < 0 && into >= -3) y = y0; // about to begin: the coming one
  else y = into >= 0 ? y0 : y0 - 1;
  return `${pad(y, 4)}-${season}`;
}

/**
 * The calendar unit `n` units from the one holding the anchor, at that unit's granularity:
 * "last week" (-1, week) = 2019-W12, "next month" = 2019-04, "this year" = 2019.
 */
export function relativeUnit(anchor: YMD | null, unit: Unit, n: number): string {
  if (!anchor) return unresolved(unit);
  switch (unit) {
    case 'day':
      return fmtDay(addDays(anchor, n));
    case 'week':
      return fmtWeek(addDays(anchor, 7 * n));
    case 'weekend': {
      // The weekend of a week: the Saturday on or before the anchor is "this weekend" looking back.
      const sat = weekdayFrom(anchor, 6, n <= 0 ? -1 : 1, true);
      return `${fmtWeek(addDays(sat, 7 * (n < 0 ? n + 1 : n > 0 ? n - 1 : 0)))}-WE`;
    }
    case 'month': {
      const d = addMonths({ ...anchor, d: 1 }, n);
      return fmtMonth(d.y, d.m);
    }
    case 'quarter': {
      const idx = anchor.y * 4 + quarterOf(anchor.m) - 1 + n;
      return `${pad(Math.floor(idx / 4), 4)}-Q${(idx % 4) + 1}`;
    }
    case 'half': {
      const idx = anchor.y * 2 + (anchor.m > 6 ? 1 : 0) + n;
      return `${pad(Math.floor(idx / 2), 4)}-H${(idx % 2) + 1}`;
    }
    case 'year':
      return pad(anchor.y + n, 4);
    case 'decade':
      return String(Math.floor(anchor.y / 10) + n);
    case 'century':
      return String(Math.floor(anchor.y / 100) + n);
    default:
      return fmtDay(anchor);
  }
}

/** "N units ago" / "N units from now": a point, at the granularity the unit suggests. */
export function shiftedPoint(anchor: YMD | null, unit: Unit, n: number): string {
  if (!anchor) return unresolved(unit === 'week' ? 'day' : unit);
  const whole = Math.round(n);
  switch (unit) {
    case 'second':
    case 'minute':
    case 'hour':
      return fmtDay(anchor);
    case 'day':
      return fmtDay(addDays(anchor, whole));
    case 'week':
      return fmtDay(addDays(anchor, 7 * whole));
    case 'weekend':
      return relativeUnit(anchor, 'weekend', whole);
    case 'month': {
      const d = addMonths(anchor, whole);
      return fmtMonth(d.y, d.m);
    }
    case 'quarter':
      return relativeUnit(anchor, 'quarter', whole);
    case 'half':
      return relativeUnit(anchor, 'half', whole);
    case 'year':
      return pad(anchor.y + whole, 4);
    case 'decade':
      return pad(anchor.y + 10 * whole, 4);
    case 'century':
      return pad(anchor.y + 100 * whole, 4);
  }
}

function unresolved(unit: Unit): string {
  switch (unit) {
    case 'week':
      return 'XXXX-WXX';
    case 'weekend':
      return 'XXXX-WXX-WE';
    case 'month':
      return 'XXXX-XX';
    case 'quarter':
      return 'XXXX-QX';
    case 'half':
      return 'XXXX-HX';
    case 'year':
      return 'XXXX';
    case 'decade':
      return 'XXX';
    case 'century':
      return 'XX';
    default:
      return 'XXXX-XX-XX';
  }
}

const DURATION_CODE: Record<Unit, [string, number]> = {
  second: ['TS', 1], minute: ['TM', 1], hour: ['TH', 1], day: ['D', 1], week: ['W', 1], weekend: ['D', 2],
  month: ['M', 1], quarter: ['Q', 1], half: ['M', 6], year: ['Y', 1], decade: ['Y', 10], century: ['Y', 100],
};

/** A TIMEX3 duration: P3D, PT2H, P1.5Y; `null` for an unknown amount (PXM). */
export function durationValue(n: number | null, unit: Unit): string {
  const [code, mult] = DURATION_CODE[unit];
  const time = code.startsWith('T');
  const letter = time ? code.slice(1) : code;
  if (n == null) {
    const u = unit === 'decade' ? 'DE' : unit === 'century' ? 'CE' : letter;
    return `P${time ? 'T' : ''}X${u}`;
  }
  const amount = +(n * mult).toFixed(3);
  // TIMEX3 writes a fraction in the next smaller unit: P2Y6M, P1DT12H, PT1H30M.
  const whole = Math.floor(amount);
  const frac = amount - whole;
  const smaller: Record<string, [string, number, boolean]> = { Y: ['M', 12, false], M: ['D', 30, false], W: ['D', 7, false], D: ['H', 24, true], Q: ['M', 3, false], TH: ['M', 60, true], TM: ['S', 60, true] };
  const sm = smaller[time ? 'T' + letter : letter];
  if (frac > 0 && sm && Number.isInteger(+(frac * sm[1]).toFixed(6))) {
    const part = `${+(frac * sm[1]).toFixed(6)}${sm[0]}`;
    if (letter === 'W') return `P${Math.round(amount * 7)}D`;
    if (time) return `PT${whole ? whole + letter : ''}${part}`;
    return `P${whole ? whole + letter : ''}${sm[2] ? 'T' : ''}${part}`;
  }
  return `P${time ? 'T' : ''}${amount}${letter}`;
}

/** The precision field of the contract, read off a value. */
export function precisionOf(type: string, value: string): 'day' | 'week' | 'month' | 'quarter' | 'year' | 'decade' | 'time' | 'none' {
  if (type === 'DURATION' || type === 'SET' || /X|_REF/.test(value)) return 'none';
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return 'time';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'day';
  if (/^\d{4}-W\d{2}/.test(value)) return 'week';
  if (/^\d{4}-\d{2}$/.test(value)) return 'month';
  if (/^\d{4}-(Q\d|H\d|SP|SU|FA|WI)$/.test(value)) return 'quarter';
  if (/^\d{4}$/.test(value)) return 'year';
  if (/^\d{3}$/.test(value)) return 'decade';
  return 'none';
}
