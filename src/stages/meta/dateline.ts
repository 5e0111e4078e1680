import type { Range, Span } from '../../doc.ts';

/**
 * The dateline that opens a news story: "BEIRUT:", "ERBIL, Kurdistan Region –",
 * "NAIROBI, Kenya (AP) _", "BAGHDAD, March 26 (Reuters) -". The place is written in capitals,
 * optionally followed by a region or country, a date and an agency in brackets, then a colon or
 * a dash. The span runs from the place to the separator.
 */
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const PLACE = "\\p{Lu}[\\p{Lu}'’.]+(?:[ -]\\p{Lu}[\\p{Lu}'’.]+){0,3}";
const REGION = "(?:,\\s*\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:\\p{Lu}[\\p{L}'’.-]*|of|and)){0,3})?";
const DATE = `(?:,?\\s+(?:${MONTH}\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH})(?:,?\\s+\\d{4})?)?`;
const AGENCY = '(?:\\s*\\((?<agency>[^)\\n]{1,40})\\))?';
const SEP = '\\s*(?:[:–—]|--?|_)(?=\\s)';

const DATELINE = new RegExp(`^(?:${PLACE})${REGION}${DATE}${AGENCY}${SEP}`, 'u');

export interface Dateline extends Span {
  /** The agency named in brackets, if any ("AP", "Reuters"). */
  agency?: string;
}

/** The dateline at the start of `range` (the body), if there is one. */
export function findDateline(text: string, range: Range): Dateline | null {
  const head = text.slice(range.start, Math.min(range.end, range.start + 200));
  const m = DATELINE.exec(head);
  if (!m) return null;
  // A capitalised first word alone ("THE END -") is not a place: require two letters or more and
  // no sentence words before the separator.
  const out: Dateline = { start: range.start, end: range.start + m[0].length, text: m[0] };
  if (m.groups?.agency) out.agency = m.groups.agency.trim();
  return out;
}
