/** Date arithmetic the refiners share: ACLED-style values (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Wnn, YYYY-Qn). */

const DAY = 86_400_000;

/** The first and last day (YYYY-MM-DD) a date value covers, or null for a value it cannot read. */
export function dateRange(value: string): { start: string; end: string } | null {
  let m = /^(\d{4})-(\d\d)-(\d\d)/.exec(value);
  if (m) return { start: m[0], end: m[0] };
  m = /^(\d{4})-W(\d\d)$/.exec(value);
  if (m) {
    // ISO week: the week with the year's first Thursday is week 1.
    const jan4 = Date.UTC(+m[1], 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY + (+m[2] - 1) * 7 * DAY;
    return { start: iso(monday), end: iso(monday + 6 * DAY) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) return { start: iso(Date.UTC(+m[1], (+m[2] - 1) * 3, 1)), end: iso(Date.UTC(+m[1], +m[2] * 3, 0)) };
  m = /^(\d{4})-(\d\d)$/.exec(value);
  if (m) return { start: iso(Date.UTC(+m[1], +m[2] - 1, 1)), end: iso(Date.UTC(+m[1], +m[2], 0)) };
  m = /^(\d{4})$/.exec(value);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  return null;
}

/** Days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / DAY);
}

function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}
