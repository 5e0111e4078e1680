import * as chrono from 'chrono-node';
import type { Found, ParseContext, SentenceParser } from '../../../types.ts';
import { monthDayValue, monthValue } from '../../../resolve.ts';
import { pad } from '../../../calendar.ts';

/**
 * Calendar dates through chrono's strict English parser, which knows the many written forms
 * ("24 March 2019", "March 23rd", "Monday, Oct. 26, 1998", "09-11-2017", "2019-03-23", "March 3-5").
 * Only what chrono is certain of is kept (its knownValues); a missing year is resolved here, by
 * tense, rather than by chrono's own guess, and a time of day becomes a TIME value.
 *
 * Chrono runs over the whole sentence, so this is not a pattern parser: `findChronoDates` is
 * called by the finder on sentences that hold a digit or a month name.
 */
const CHEAP = /\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;
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
    // Fractions are not dates: "6 3/8%", "12 3/4".
    const after = ctx.text.slice(r.index + r.text.length);
    if (/^[\d\s/.-]+$/.test(r.text) && known.year == null && (/^\s*(?:%|percent)/.test(after) || /\d\s+\d/.test(r.text) || /\d\s*$/.test(ctx.text.slice(0, r.index)))) continue;
    let start = r.index;
    let text = r.text;
    for (let m = LEADING.exec(text); m; m = LEADING.exec(text)) {
      start += m[0].length;
      text = text.slice(m[0].length);
    }
    // chrono reads "May 2" in "may 2 more" only with a capital; still refuse lowercase month words.
    if (/^[a-z]/.test(text)) continue;
    let end = start + text.length;
    const trail = /[\s,]+$/.exec(text);
    if (trail) end -= trail[0].length;
    const tense = ctx.tense(start, end);
    const y = known.year ?? null;
    if (known.day == null) {
      out.push({ start, end, type: 'DATE', value: monthValue(ctx.anchor, known.month, y, tense), parser: 'chrono' });
      continue;
    }
    const day = monthDayValue(ctx.anchor, known.month, known.day, y, tense);
    if (known.hour != null) {
      out.push({ start, end, type: 'TIME', value: `${day}T${pad(known.hour)}:${pad(known.minute ?? 0)}`, parser: 'chrono' });
    } else {
      out.push({ start, end, type: 'DATE', value: day, parser: 'chrono' });
    }
  }
  return out;
}
