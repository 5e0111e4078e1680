import type { Range, Span } from '../../doc.ts';
import { findDates, MONTHS } from './dates.ts';

/**
 * The dateline that opens a news story: "BEIRUT:", "ERBIL, Kurdistan Region –",
 * "NAIROBI, Kenya (AP) _", "BAGHDAD, March 26 (Reuters) -". The place is written in capitals,
 * optionally followed by a region or country, a date and an agency in brackets, then a colon or
 * a dash. The span runs from the place to the separator.
 *
 * Scraped agency copy often puts the story's date (and time) before the place:
 * "Monday 2 Feb 2015 | 10:42 GMT BEIRUT (AFP) - ...". The dateline is then the place part after it.
 */
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const PLACE = "\\p{Lu}[\\p{Lu}'’.]+(?:[ -]\\p{Lu}[\\p{Lu}'’.]+){0,3}";
const REGION = "(?:,\\s*\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:\\p{Lu}[\\p{L}'’.-]*|of|and)){0,3})?";
const DATE = `(?:,?\\s+(?<date>(?:${MONTH}\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH})(?:,?\\s+\\d{4})?))?`;
const AGENCY = '(?:\\s*\\((?<agency>[^)\\n]{1,40})\\))?';
const SEP = '\\s*(?:[:–—]|--?|_)(?=\\s)';

const DATELINE = new RegExp(`^(?:${PLACE})${REGION}${DATE}${AGENCY}${SEP}`, 'u');
/** What may follow a leading date before the place: a time ("at 0914", "| 10:42 GMT"), separators. */
const AFTER_DATE = /^[\s,|•·–—-]*(?:(?:at\s+)?\d{1,2}:?\d\d(?::\d\d)?(?:\s*(?:[AaPp]\.?[Mm]\.?|GMT|UTC(?:\s*[+-]\s*\d{1,2})?|local time))?[\s,|•·–—-]*)?/;
/** What may stand before a leading date: nothing but punctuation or a label ("Published:"). */
const BEFORE_DATE = /^[\s|•·-]*(?:(?:last\s+)?(?:updated|published|posted)(?:\s+(?:on|at))?\s*:?\s*)?$/i;

export interface Dateline extends Span {
  /** The agency named in brackets, if any ("AP", "Reuters"). */
  agency?: string;
  /** The date written in the dateline ("March 26", "5 Aug. 2019"), as month, day and year if any. */
  date?: Span & { month: number; day: number; year: number | null };
}

/**
 * The dateline at the start of `range` (the body), if there is one. In a document written without
 * case (`caseless`: the truecase stage restored it, see src/stages/truecase/) the place cannot be
 * in capitals ("new delhi, march 3:"): the words before the first comma, colon or bracket are read
 * as if they were (the same length, so offsets hold).
 */
export function findDateline(text: string, range: Range, opts: { caseless?: boolean } = {}): Dateline | null {
  const end = Math.min(range.end, range.start + 200);
  const at = placeStart(text, range.start, end);
  let head = text.slice(at, end);
  if (opts.caseless) {
    const cut = head.search(/[,:(–—\n]/);
    if (cut > 0 && cut <= 40) {
      const place = head.slice(0, cut).toUpperCase();
      if (place.length === cut) head = place + head.slice(cut);
    }
  }
  const m = DATELINE.exec(head);
  if (!m) return null;
  const out: Dateline = { start: at, end: at + m[0].length, text: text.slice(at, at + m[0].length) };
  if (m.groups?.agency) out.agency = m.groups.agency.trim();
  const d = m.groups?.date;
  if (d) {
    const start = at + m[0].indexOf(d);
    const parsed = monthDay(d);
    if (parsed) out.date = { start, end: start + d.length, text: d, ...parsed };
  }
  return out;
}

/** Where the place of a dateline would start: the range start, or after a leading date and time. */
function placeStart(text: string, start: number, end: number): number {
  const head = text.slice(start, Math.min(end, start + 80));
  const first = findDates(head)[0];
  if (!first || !BEFORE_DATE.test(head.slice(0, first.start))) return start;
  const rest = AFTER_DATE.exec(head.slice(first.end));
  return start + first.end + (rest ? rest[0].length : 0);
}

/** "March 26", "26 Mar.", "Aug. 5, 2019" -> month, day, year (null when not written). */
function monthDay(s: string): { month: number; day: number; year: number | null } | null {
  const name = /\p{L}+/u.exec(s)?.[0].toLowerCase() ?? '';
  const month = MONTHS[name] ?? MONTHS[name.slice(0, 3)];
  const nums = s.match(/\d+/g) ?? [];
  const day = nums.find((n) => n.length <= 2);
  const year = nums.find((n) => n.length === 4);
  if (!month || !day || +day < 1 || +day > 31) return null;
  return { month, day: +day, year: year ? +year : null };
}
