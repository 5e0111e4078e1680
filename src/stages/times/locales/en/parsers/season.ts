import type { Parser } from '../../../types.ts';
import { seasonValue } from '../../../resolve.ts';
import { MODIFIER, SPELLED_YEAR, modOf, spelledYearValue, textBefore, wordPattern } from '../words.ts';

/**
 * Seasons: "this summer" (2019-SU), "last winter", "the spring of 2018", "this past spring",
 * "early autumn". "Fall" counts only with a determiner or a year (it is mostly a verb).
 */
const CODE: Record<string, string> = { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' };

export const season: Parser = {
  name: 'season',
  trigger: /spring|summer|autumn|fall|winter/i,
  pattern: wordPattern(`(?:(${MODIFIER})\\s*)?(?:(the|this\\s+past|this\\s+coming|this|last|next|the\\s+past|the\\s+coming)\\s+)?(spring|summer|autumn|fall|winter)(?:\\s+(?:of\\s+)?(\\d{4}|${SPELLED_YEAR})(?!\\d|,\\d))?`),
  extract(m, ctx) {
    const [, mod, rel, name, y] = m;
    const r = rel?.toLowerCase().replace(/\s+/g, ' ');
    if (!r && !y && !mod) {
      // A bare season needs a preposition that makes it a time: "in summer", "during winter".
      if (name.toLowerCase() === 'fall') return null;
      if (!/\b(?:in|during|by|until|since|through|over|before|after|this|last|next)\s+$/i.test(textBefore(ctx.text, m.index))) return null;
    }
    if (r === 'the' && !y && name.toLowerCase() === 'fall' && !/\b(?:in|during|by|until|since|through|over|before|after)\s+$/i.test(textBefore(ctx.text, m.index))) return null;
    // "the fall of Mosul", "the spring of the Arab revolt" name events, not seasons.
    if (!y && /^\s+of\s+(?!\d)(?:the\s+)?[A-Za-z]/.test(ctx.text.slice(m.index + m[0].length))) return null;
    const shift = r === 'last' || r === 'the past' ? -1 : r === 'next' || r === 'the coming' || r === 'this coming' ? 1 : 0;
    const tense = r === 'this past' ? 'past' : ctx.tense(m.index, m.index + m[0].length);
    // "the past three summers" is not a season: the plural form does not match here.
    return { type: 'DATE', value: seasonValue(ctx.anchor, CODE[name.toLowerCase()], y ? (/^\d/.test(y) ? +y : spelledYearValue(y)) : null, shift, tense, r === 'this'), mod: modOf(mod) };
  },
};
