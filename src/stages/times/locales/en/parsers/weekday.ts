import type { Parser } from '../../../types.ts';
import { weekdayValue } from '../../../resolve.ts';
import { PART, PART_OF_DAY, WEEKDAY, capitalised, weekdayNumber, wordPattern } from '../words.ts';

/**
 * A named weekday: "Saturday", "on Tuesday", "last Friday", "next Monday", "early Tuesday",
 * "Sunday night". A bare weekday is the latest such day on or before the document date, or the
 * next on or after it when its clause is in the future ("will meet on Monday"). With a part of the
 * day it is a TIME (2019-03-23TNI).
 */
export const weekday: Parser = {
  name: 'weekday',
  pattern: wordPattern(`(?:(last|next|this\\s+past|this\\s+coming|this|the\\s+previous|the\\s+following|early|late|earlier|later)\\s+)?(${WEEKDAY})(?:\\s+(${PART}))?`),
  extract(m, ctx) {
    const [, rel, name, part] = m;
    if (!capitalised(name)) return null;
    const wd = weekdayNumber(name)!;
    const r = rel?.toLowerCase().replace(/\s+/g, ' ');
    const shift = r === 'last' || r === 'this past' || r === 'the previous' ? -1 : r === 'next' || r === 'this coming' || r === 'the following' ? 1 : 0;
    const tense = r === 'this' ? ctx.tense(m.index, m.index + m[0].length) : ctx.tense(m.index, m.index + m[0].length);
    const day = weekdayValue(ctx.anchor, wd, shift, tense);
    const mod = r === 'early' || r === 'earlier' ? 'START' : r === 'late' || r === 'later' ? 'END' : undefined;
    if (part) return { type: 'TIME', value: `${day}T${PART_OF_DAY[part.toLowerCase()]}`, mod };
    return { type: 'DATE', value: day, mod };
  },
};
