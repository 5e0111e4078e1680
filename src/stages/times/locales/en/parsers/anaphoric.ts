import type { Parser } from '../../../types.ts';
import { addDays, fmtDay, fmtMonth, fmtWeek, pad } from '../../../calendar.ts';
import { PART_OF_DAY, wordPattern } from '../words.ts';

/**
 * Times named from the story's own time, not the document date: "that day", "the same day",
 * "the next day", "the previous night", "earlier that day", "that week". They resolve against
 * the last day the text named, else the document date.
 */
export const anaphoric: Parser = {
  name: 'anaphoric',
  trigger: /\b(?:that|same|previous|next|following|preceding|in the)\b/i,
  pattern: wordPattern(`(?:(earlier|later)\\s+(?:in\\s+)?)?(that(?:\\s+same)?|the\\s+same|the|the\\s+previous|the\\s+next|the\\s+following|the\\s+preceding)\\s+(day|morning|afternoon|evening|night|week|month|year)`),
  extract(m, ctx) {
    const [, edge, rel, unit] = m;
    const ref = ctx.lastDay ?? ctx.anchor;
    const r = rel.toLowerCase().replace(/\s+/g, ' ');
    // Bare "the day" only as "earlier in the day" / "later in the day".
    if (r === 'the' && !/\bin\s+the$/i.test(m[0].slice(0, m[0].length - unit.length).trim())) return null;
    const shift = /previous|preceding/.test(r) ? -1 : /next|following/.test(r) ? 1 : 0;
    const u = unit.toLowerCase();
    const mod = edge ? (/earl/i.test(edge) ? 'START' : 'END') : undefined;
    if (!ref) return { type: 'DATE', value: u === 'week' ? 'XXXX-WXX' : u === 'month' ? 'XXXX-XX' : u === 'year' ? 'XXXX' : 'XXXX-XX-XX', mod };
    if (u === 'week') return { type: 'DATE', value: fmtWeek(addDays(ref, 7 * shift)), mod };
    if (u === 'month') {
      const idx = ref.y * 12 + ref.m - 1 + shift;
      return { type: 'DATE', value: fmtMonth(Math.floor(idx / 12), (idx % 12) + 1), mod };
    }
    if (u === 'year') return { type: 'DATE', value: pad(ref.y + shift, 4), mod };
    const day = fmtDay(addDays(ref, shift));
    if (u === 'day') return { type: 'DATE', value: day, mod };
    return { type: 'TIME', value: `${day}T${PART_OF_DAY[u]}`, mod };
  },
};
