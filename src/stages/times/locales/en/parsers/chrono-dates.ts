// The English locale alone (the package root also loads 15 other locales: ~940 modules, the most of
// start-up's module loading); `strict` is the very object the root exports as `chrono.strict`.
import * as chrono from 'chrono-node/en';
import { textBefore } from '../words.ts';
import type { Found, ParseContext, SentenceParser, Tense } from '../../../types.ts';
import { monthDayValue, monthValue } from '../../../resolve.ts';
import { pad, weekday, type YMD } from '../../../calendar.ts';

/**
 * Calendar dates through chrono's strict English parser, which knows the many written forms
 * ("24 March 2019", "March 23rd", "Monday, Oct. 26, 1998", "09-11-2017", "2019-03-23", "March 3-5").
 * Only what chrono is certain of is kept (its knownValues); a missing year is resolved here, by
 * tense, rather than by chrono's own guess, and a time of day becomes a TIME value.
 *
 * Chrono runs over the whole sentence, so this is not a pattern parser: `findChronoDates` is
 * called by the finder on sentences that hold a digit or a month name.
 */
// What every date kept here holds: a month name or abbreviation as a word ("Mar" in "Marines"
// is not one), or an all-number date ("09-11-2017", "2019-03-23", "3/4"); a decimal ("2.5") is
// not one. Chrono is most of the times stage's cost, so the test is worth being strict.
const CHEAP =
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)\b|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\b\d{1,2}\/\d{1,2}\b|\b\d{4}-\d{2}\b/;
const LEADING = /^(?:on|by|in|at|from|to|since|until|till|through|before|after|of|the)\s+/i;
const REF = new Date(Date.UTC(2000, 0, 1, 12));

export const chronoDates: SentenceParser = { name: 'chrono', find: findChronoDates };

export function findChronoDates(ctx: ParseContext): Found[] {
  if (!CHEAP.test(ctx.text)) return [];
  const out: Found[] = [];
  let results: chrono.ParsedResult[];
  try {
    results = chrono.strict.parse(ctx.text, REF);
  } catch {
    return [];
  }
  for (const r of results) {
    const known = (r.start as unknown as { knownValues: Record<string, number> }).knownValues;
    if (known.month == null) continue; // dates only; weekdays, times and relatives have their own parsers
    // Relative readings ("10 days ago") are computed from chrono's reference date: ours do that.
    const tags = [...(r.tags?.() ?? [])];
    if (tags.some((t) => /relative|casual|timeunit|weekday/i.test(t))) continue;
    // An all-number date without a year ("24/7", "6 3/8%", "12 3/4") needs a word that makes
    // it a date ("on 3/4").
    if (/^[\d\s/.-]+$/.test(r.text) && known.year == null && !/\b(?:on|by|from|until|since|dated)\s+$/i.test(textBefore(ctx.text, r.index))) continue;
    // A range ("Aug. 26 to Oct. 20", "March 3-5") is two expressions, as TIMEX3 has it.
    const endKnown = r.end ? (r.end as unknown as { knownValues: Record<string, number> }).knownValues : null;
    const split = endKnown ? /^(.*?\S)(\s*(?:-|–|to|through|until|till)\s*)(\S.*)$/.exec(r.text) : null;
    if (split && endKnown) {
      const first = toFound(ctx, r.index, split[1], known, null);
      if (first) out.push(first);
      // "3-5 March": the second part takes the month and year the first one lacks, and vice versa.
      const merged = { ...known, ...endKnown };
      if (known.year != null && endKnown.year == null) merged.year = known.year;
      const second = toFound(ctx, r.index + split[1].length + split[2].length, split[3], merged, known);
      if (second) out.push(second);
      continue;
    }
    const f = toFound(ctx, r.index, r.text, known, null);
    if (f) out.push(f);
  }
  return out;
}

function toFound(ctx: ParseContext, index: number, raw: string, known: Record<string, number>, _from: Record<string, number> | null): Found | null {
  let start = index;
  let text = raw;
  for (let m = LEADING.exec(text); m; m = LEADING.exec(text)) {
    start += m[0].length;
    text = text.slice(m[0].length);
  }
  // Month names are capitalised; "may 2" is a verb and a number.
  if (/^[a-z]/.test(text)) return null;
  // "Jan. 1, 1990 at 1", "Sun 05 Jul 2015 22 dead": an hour without minutes or a.m./p.m. is
  // more likely a count than a time.
  let hour = known.hour;
  const bareHour = /[\s,]+(?:at\s+)?\d{1,2}$/.exec(text);
  if (hour != null && bareHour) {
    text = text.slice(0, bareHour.index);
    hour = undefined as unknown as number;
  }
  text = text.replace(/[\s,]+$/, '');
  const end = start + text.length;
  if (end <= start) return null;
  const tense = ctx.tense(start, end);
  const y = known.year ?? null;
  // An elided year is the document's; an undated document's is that of the last full date it gave
  // ("On 30 April 2020 ... between 27 April and 4 May").
  const ref = ctx.anchor ?? ctx.lastDay;
  if (known.day == null) return { start, end, type: 'DATE', value: monthValue(ref, known.month, y, tense), parser: 'chrono' };
  const day = y == null && known.weekday != null && ref
    ? dayMatchingWeekday(ref, known.month, known.day, known.weekday, tense)
    : monthDayValue(ref, known.month, known.day, y, tense);
  if (hour != null) return { start, end, type: 'TIME', value: `${day}T${pad(hour)}:${pad(known.minute ?? 0)}`, parser: 'chrono' };
  return { start, end, type: 'DATE', value: day, parser: 'chrono' };
}

/** "Monday, Oct. 26" with no year: the year, near the anchor, in which Oct. 26 is a Monday. */
function dayMatchingWeekday(a: YMD, m: number, d: number, wd: number, tense: Tense): string {
  for (const y of [a.y, a.y - 1, a.y + 1]) {
    if (weekday({ y, m, d }) % 7 === wd % 7) return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  }
  return monthDayValue(a, m, d, null, tense);
}
