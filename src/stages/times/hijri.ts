import type { YMD } from './calendar.ts';

/**
 * The Gregorian day of a day of the Islamic (Umm al-Qura) calendar falling in a Gregorian year,
 * through ICU's calendar in Intl (no data of our own). A year is scanned once, on first use, and
 * kept: feasts move about eleven days a year against the Gregorian calendar.
 */
const byYear = new Map<number, Map<string, YMD>>();
let fmt: Intl.DateTimeFormat | null = null;

function yearTable(y: number): Map<string, YMD> {
  let t = byYear.get(y);
  if (t) return t;
  t = new Map();
  try {
    fmt ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
    for (let ms = Date.UTC(y, 0, 1); new Date(ms).getUTCFullYear() === y; ms += 86400000) {
      const parts = fmt.formatToParts(new Date(ms));
      const hm = parts.find((p) => p.type === 'month')?.value;
      const hd = parts.find((p) => p.type === 'day')?.value;
      const d = new Date(ms);
      const key = `${hm}/${hd}`;
      if (!t.has(key)) t.set(key, { y, m: d.getUTCMonth() + 1, d: d.getUTCDate() });
    }
  } catch {
    // An ICU without the Islamic calendar: the feasts stay unresolved.
  }
  byYear.set(y, t);
  return t;
}

/** The first Gregorian day in year `y` that is Islamic month `hm`, day `hd`; null if none. */
export function hijriDay(y: number, hm: number, hd: number): YMD | null {
  return yearTable(y).get(`${hm}/${hd}`) ?? null;
}
