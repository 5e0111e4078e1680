import type { Range } from '../../doc.ts';

/**
 * Explicit calendar dates in a stretch of text (headers, bylines, footers): "April 6, 2024",
 * "Sunday، 24 March 2019", "09-11-2017", "2024-04-06T10:00:00Z", "March 2019". Only dates that
 * name a year: a publication date always does. All-numeric dates whose day and month could be
 * swapped are returned with both readings (`alt`); the caller decides (meta/published.ts).
 * Plain regular expressions rather than chrono: these few shapes are all a dateline uses, and a
 * regex pass over a header costs microseconds.
 */
export interface FoundDate extends Range {
  text: string;
  value: string;
  precision: 'day' | 'month' | 'year';
  /** For an ambiguous numeric date: the value if read month-first (value is day-first). */
  alt?: string;
  /** Which reading rule applies: 'iso', 'textual', 'numeric', 'month-year'. */
  shape: string;
  /** A weekday was written and does not fit the date. */
  weekdayMismatch?: boolean;
  /** The weekday written before the date, if any (0 = Sunday). */
  weekday?: number;
}

export const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11,
  december: 12, dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0, sun: 0, monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thur: 4,
  thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6,
};

const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const WEEKDAY = '(?:(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sun|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat)\\.?[\\s,\u060C]+)?';
const YEAR = '((?:19|20)\\d\\d)';

const PATTERNS: Array<{ shape: string; re: RegExp }> = [
  { shape: 'iso', re: /\b((?:19|20)\d\d)[-/](\d\d)[-/](\d\d)(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d-])/g },
  { shape: 'textual-dmy', re: new RegExp(`\\b${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'gi') },
  { shape: 'textual-mdy', re: new RegExp(`\\b${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}\\b`, 'gi') },
  // "Apr 052017": a scrape that dropped the ", " between a two-digit day and the year.
  { shape: 'textual-mdy', re: new RegExp(`\\b${WEEKDAY}${MONTH}\\s+(\\d\\d)${YEAR}\\b`, 'gi') },
  { shape: 'numeric', re: /(?<![\d./-])(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)\d\d)(?![\d]|[-/.]\d)/g },
  { shape: 'month-year', re: new RegExp(`\\b${MONTH},?\\s+${YEAR}\\b`, 'gi') },
];

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function weekdayOf(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/** Every explicit date in `text` within `range` (view offsets), left to right, without overlaps. */
export function findDates(text: string, range: Range = { start: 0, end: text.length }): FoundDate[] {
  const s = text.slice(range.start, range.end);
  const out: FoundDate[] = [];
  const taken: Range[] = [];
  const free = (a: number, b: number) => !taken.some((t) => a < t.end && b > t.start);
  for (const { shape, re } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const start = range.start + m.index;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      let f: FoundDate | null = null;
      let wd: string | undefined;
      if (shape === 'iso') {
        const [y, mo, d] = [+m[1], +m[2], +m[3]];
        if (valid(y, mo, d)) f = { start, end, text: m[0], value: `${y}-${pad(mo)}-${pad(d)}`, precision: 'day', shape };
      } else if (shape === 'textual-dmy' || shape === 'textual-mdy') {
        wd = m[1];
        const [d, mo, y] = shape === 'textual-dmy' ? [+m[2], MONTHS[m[3].toLowerCase()], +m[4]] : [+m[3], MONTHS[m[2].toLowerCase()], +m[4]];
        if (mo && valid(y, mo, d)) f = { start, end, text: m[0], value: `${y}-${pad(mo)}-${pad(d)}`, precision: 'day', shape: 'textual' };
      } else if (shape === 'numeric') {
        const [a, b, y] = [+m[1], +m[3], +m[4]];
        const dmy = valid(y, b, a) ? `${y}-${pad(b)}-${pad(a)}` : null;
        const mdy = valid(y, a, b) ? `${y}-${pad(a)}-${pad(b)}` : null;
        if (dmy || mdy) {
          f = { start, end, text: m[0], value: (dmy ?? mdy)!, precision: 'day', shape };
          if (dmy && mdy && dmy !== mdy) f.alt = mdy;
          else if (!dmy) f.shape = 'numeric-mdy-only';
          else if (!mdy) f.shape = 'numeric-dmy-only';
        }
      } else if (shape === 'month-year') {
        const mo = MONTHS[m[1].toLowerCase()];
        // "May 2019" is a date; "may 2019" in running text is rarely one.
        if (mo && /^[A-Z]/.test(m[1])) f = { start, end, text: m[0], value: `${m[2]}-${pad(mo)}`, precision: 'month', shape };
      }
      if (!f) continue;
      if (wd) {
        const w = WEEKDAYS[wd.toLowerCase().replace(/\.$/, '')];
        if (w !== undefined) {
          f.weekday = w;
          if (weekdayOf(f.value) !== w) f.weekdayMismatch = true;
        }
      }
      out.push(f);
      taken.push(f);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The weekday of an ISO day (0 = Sunday). */
export { weekdayOf };
