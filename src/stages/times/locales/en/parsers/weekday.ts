import type { Parser } from '../../../types.ts';
import { weekdayValue } from '../../../resolve.ts';
import { PART, WEEKDAY, capitalised, textBefore, weekdayNumber, wordPattern } from '../words.ts';

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
    // A part of the day ("Sunday night") stays in the span; the value is the day, as TimeBank
    // mostly has it, and it is the day a reader of a report needs.
    const [, rel, name] = m;
    if (!capitalised(name)) return null;
    const before = textBefore(ctx.text, m.index);
    const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 30);
    // Names, not days: "the Sunday Times", "Bloody Sunday", "Good Friday prayers".
    if (!rel && /\bthe\s+$/i.test(before) && /^\s+[A-Z]/.test(after) && !/^\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/.test(after)) return null;
    if (!rel && /\b(?:Black|Good|Bloody|Holy|Ash|Palm|Easter|Super|Cyber|Maundy)\s+$/.test(before)) return null;
    const wd = weekdayNumber(name)!;
    const r = rel?.toLowerCase().replace(/\s+/g, ' ');
    const shift = r === 'last' || r === 'this past' || r === 'the previous' ? -1 : r === 'next' || r === 'this coming' || r === 'the following' ? 1 : 0;
    const tense = ctx.tense(m.index, m.index + m[0].length);
    const ref = r === 'the previous' || r === 'the following' ? ctx.lastDay ?? ctx.anchor : ctx.anchor;
    const day = weekdayValue(ref, wd, shift, tense);
    const mod = r === 'early' || r === 'earlier' ? 'START' : r === 'late' || r === 'later' ? 'END' : undefined;
    return { type: 'DATE', value: day, mod };
  },
};
