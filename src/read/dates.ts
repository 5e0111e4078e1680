/**
 * Dates given as metadata (a record's `date_publish`, a feed's `pubDate`, a WARC-Date) -> an ISO
 * date with its precision. The date is taken as written (the local calendar day of the publisher),
 * not converted to UTC: "Tue, 10 Jun 2003 23:30:00 -0500" is 2003-06-10.
 */
export interface IsoDate {
  value: string;
  precision: 'day' | 'month' | 'year';
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

export function validDay(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isoDay(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Normalise a metadata date string; null when it is not a date. */
export function normalizeGivenDate(s: unknown): IsoDate | null {
  if (typeof s === 'number' && Number.isFinite(s)) {
    // Epoch seconds or milliseconds.
    const d = new Date(s < 1e11 ? s * 1000 : s);
    return Number.isNaN(d.getTime()) ? null : { value: d.toISOString().slice(0, 10), precision: 'day' };
  }
  if (typeof s !== 'string') return null;
  const t = s.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/.exec(t) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:$|\s)/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})(?:$|T?\d{6})/.exec(t);
  if (m) {
    const [y, mo, d] = [+m[1], +m[2], +m[3]];
    return validDay(y, mo, d) ? { value: isoDay(y, mo, d), precision: 'day' } : null;
  }
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) return +m[2] >= 1 && +m[2] <= 12 ? { value: `${m[1]}-${m[2]}`, precision: 'month' } : null;
  m = /^(\d{4})$/.exec(t);
  if (m) return { value: m[1], precision: 'year' };
  // RFC 822 / 2822 (RSS pubDate): "Tue, 10 Jun 2003 04:00:00 GMT", also "10 June 2003".
  m = /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})\b/.exec(t);
  if (m) {
    const mo = MONTHS[m[2].slice(0, 3).toLowerCase()];
    if (mo && validDay(+m[3], mo, +m[1])) return { value: isoDay(+m[3], mo, +m[1]), precision: 'day' };
  }
  // "June 10, 2003"
  m = /^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(t);
  if (m) {
    const mo = MONTHS[m[1].slice(0, 3).toLowerCase()];
    if (mo && validDay(+m[3], mo, +m[2])) return { value: isoDay(+m[3], mo, +m[2]), precision: 'day' };
  }
  return null;
}
