import type { Parser } from '../../../types.ts';
import { monthValue } from '../../../resolve.ts';
import { monthIndex, pad } from '../../../calendar.ts';
import { MODIFIER, MONTH, SPELLED_YEAR, capitalised, modOf, monthNumber, spelledYearValue, textBefore, wordPattern } from '../words.ts';

/**
 * A month without a day: "in September", "September 2019", "late November", "mid-November",
 * "the middle of October", "last May", "June last year", "January of 2020". Month names count only
 * when capitalised, and the ambiguous "May"/"March" only with a year or a word that makes them dates.
 */
const YEAR_AFTER = `(?:,?\\s+(?:of\\s+)?(\\d{4}|${SPELLED_YEAR})(?!\\d|,\\d)|\\s+(?:of\\s+)?(last|this|next)\\s+year)`;

export const month: Parser = {
  name: 'month',
  trigger: /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/,
  pattern: wordPattern(`(?:(${MODIFIER})\\s*)?(?:(last|next|this\\s+past|this\\s+coming|this|earlier\\s+this|later\\s+this)\\s+)?(${MONTH})${YEAR_AFTER}?`),
  extract(m, ctx) {
    const [, mod, rel, name, yearDigits, yearRel] = m;
    if (!capitalised(name)) return null;
    const mo = monthNumber(name);
    if (mo == null) return null;
    const before = textBefore(ctx.text, m.index);
    const hasYear = yearDigits != null || yearRel != null;
    // An abbreviation with no dot, or a verb-like month with nothing to make it a date, is not one.
    if (/^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$/.test(name) && !hasYear) return null;
    if (/^(?:May|March)$/.test(name) && !hasYear && !mod && !rel && !/\b(?:in|since|by|until|till|through|from|to|during|of|before|after|early|late|mid|last|next|this|and|or)\s+$/i.test(before)) return null;
    // A month followed by a day number is a full date (chrono's); do not cut it short.
    if (!hasYear && /^\s+\d{1,2}(?:st|nd|rd|th)?\b/.test(ctx.text.slice(m.index + m[0].length))) return null;
    let year: number | null = null;
    if (yearDigits) year = /^\d/.test(yearDigits) ? +yearDigits : spelledYearValue(yearDigits);
    else if (yearRel && ctx.anchor) year = ctx.anchor.y + (yearRel.toLowerCase() === 'last' ? -1 : yearRel.toLowerCase() === 'next' ? 1 : 0);
    let value: string;
    const r = rel?.toLowerCase().replace(/\s+/g, ' ');
    if (year == null && r && ctx.anchor) {
      const a = monthIndex(ctx.anchor.y, ctx.anchor.m);
      const same = monthIndex(ctx.anchor.y, mo);
      let y = ctx.anchor.y;
      // "last February" on March 1 is a year back (the month just gone would be "last month").
      if (r === 'last' || r === 'this past') y = same < a - (r === 'last' ? 1 : 0) ? ctx.anchor.y : ctx.anchor.y - 1;
      else if (r === 'next' || r === 'this coming') y = same > a ? ctx.anchor.y : ctx.anchor.y + 1;
      value = `${pad(y, 4)}-${pad(mo)}`;
    } else {
      value = monthValue(ctx.anchor ?? ctx.lastDay, mo, year, r === 'next' ? 'future' : r === 'last' ? 'past' : ctx.tense(m.index, m.index + m[0].length));
    }
    const mo2 = modOf(mod) ?? (r?.startsWith('earlier') ? 'START' : r?.startsWith('later') ? 'END' : undefined);
    return { type: 'DATE', value, mod: mo2 };
  },
};
