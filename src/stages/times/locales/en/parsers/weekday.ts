import type { Parser } from '../../../types.ts';
import { weekdayValue } from '../../../resolve.ts';
import { PART, WEEKDAY, capitalised, weekdayNumber, wordPattern } from '../words.ts';

/**
 * A named weekday: "Saturday", "on Tuesday", "last Friday", "next Monday", "early Tuesday",
 * "Sunday night". A bare weekday is the latest such day on or before the document date, or the
 * next on or after it when its clause is in the future ("will meet on Monday"). "The previous
 * Friday" counts from the last day the story named.
 */
export const weekday: Parser = {
  name: 'weekday',
  trigger: /day\b/,
  pattern: wordPattern(`(?:(last|next|this\\s+past|this\\s+coming|this|the\\s+previous|the\\s+following|early|late|earlier|later)\\s+)?(${WEEKDAY})(?:\\s+(${PART}))?`),
  extract(m, ctx) {
    const [, rel, name, part] = m;
    if (!capitalised(name)) return null;
    const wd = weekdayNumber(name)!;
    const r = rel?.toLowerCase().replace(/\s+/g, ' ');
    const shift = r === 'last' || r === 'this past' || r === 'the previous' ? -1 : r === 'next' || r === 'this coming' || r === 'the following' ? 1 : 0;
    const tense = ctx.tense(m.index, m.index + m[0].length);
    const ref = r === 'the previous' || r === 'the following' ? ctx.lastDay ?? ctx.anchor : ctx.anchor;
    const day = weekdayValue(ref, wd, shift, tense);
    const mod = r === 'early' || r === 'earlier' ? 'START' : r === 'late' || r === 'later' ? 'END' : undefined;
    // "Sunday night" is dated to its day, as TimeBank mostly does: what a reader of a report
    // needs is the day, and the part of the day is kept in the span.
    void part;
    return { type: 'DATE', value: day, mod };
  },
};
