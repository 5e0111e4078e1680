import type { Parser } from '../../../types.ts';
import { quarterValue } from '../../../resolve.ts';
import { pad } from '../../../calendar.ts';
import { wordPattern } from '../words.ts';

/**
 * Quarters and halves: "the first quarter of the year" (2024-Q1), "third-quarter", "the 1988
 * second quarter", "Q3 2019", "the fourth quarter of 2018", "the first half of 2019" (2019-H1).
 * Without a year a quarter is the latest one begun by the document date in the past tense
 * ("the fourth quarter" in January is last year's).
 */
const ORD: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, final: 4, last: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };
const OF_YEAR = `\\s+of\\s+(?:(?:the\\s+)?(?:fiscal\\s+)?(?:year\\s+)?(\\d{4})|(the|this|last|next)\\s+(?:fiscal\\s+|calendar\\s+)?year)`;

export const quarter: Parser = {
  name: 'quarter',
  trigger: /quarter|half/i,
  pattern: wordPattern(`(the\\s+)?(?:(\\d{4})\\s+)?(?:fiscal[- ])?(first|second|third|fourth|final|last(?=\\s+(?:quarter|half)\\s+of\\b)|1st|2nd|3rd|4th)([- ])(?:fiscal[- ])?(quarter|half)(?:${OF_YEAR})?`),
  extract(m, ctx) {
    const [, the, y1, ord, sep, kind, y2, yRel] = m;
    const n = ORD[ord.toLowerCase()];
    const half = kind.toLowerCase() === 'half';
    if (half && n > 2 && !/^(final|last)$/i.test(ord)) return null;
    let year: number | null = y1 ? +y1 : y2 ? +y2 : null;
    if (year == null && yRel && ctx.anchor) {
      const r = yRel.toLowerCase();
      year = ctx.anchor.y + (r === 'last' ? -1 : r === 'next' ? 1 : 0);
    }
    // "the third-quarter results": the article belongs to the noun, not to the date.
    const start = the && sep === '-' ? m.index + the.length : m.index;
    const tense = ctx.tense(m.index, m.index + m[0].length);
    if (half) {
      const h = /^(final|last)$/i.test(ord) ? 2 : n;
      if (year != null) return { type: 'DATE', value: `${pad(year, 4)}-H${h}`, start };
      if (!ctx.anchor) return { type: 'DATE', value: `XXXX-H${h}`, start };
      const y = tense === 'past' && h === 2 && ctx.anchor.m <= 6 ? ctx.anchor.y - 1 : ctx.anchor.y;
      return { type: 'DATE', value: `${pad(y, 4)}-H${h}`, start };
    }
    return { type: 'DATE', value: quarterValue(ctx.anchor, n, year, tense === 'unknown' ? 'past' : tense), start };
  },
};

export const quarterCode: Parser = {
  name: 'quarter-code',
  pattern: wordPattern(`([QH])([1-4])(?:\\s*(?:of\\s+)?[-/']?\\s*(\\d{4}|\\d{2}))?`, 'g'),
  extract(m, ctx) {
    const [, kind, digit, yy] = m;
    if (kind === 'H' && (+digit > 2 || !yy)) return null;
    let year: number | null = null;
    if (yy) year = yy.length === 2 ? 2000 + +yy : +yy;
    if (kind === 'H') return { type: 'DATE', value: year != null ? `${pad(year, 4)}-H${digit}` : ctx.anchor ? `${pad(ctx.anchor.y, 4)}-H${digit}` : `XXXX-H${digit}` };
    return { type: 'DATE', value: quarterValue(ctx.anchor, +digit, year, 'past') };
  },
};
