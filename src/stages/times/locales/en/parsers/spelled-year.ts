import type { Parser } from '../../../types.ts';
import { SPELLED_YEAR, spelledYearValue, textBefore, wordPattern } from '../words.ts';

/**
 * A year in words ("nineteen ninety-six", "the year two thousand"), as in broadcast transcripts.
 * Like a year in digits it needs words that make it a year: "the year", a preposition, or
 * standing alone before punctuation.
 */
export const spelledYear: Parser = {
  name: 'spelled-year',
  trigger: /nineteen|thousand|twenty/i,
  pattern: wordPattern(`(the\\s+year\\s+)?(${SPELLED_YEAR})`),
  extract(m, ctx) {
    const [, theYear, words] = m;
    const y = spelledYearValue(words);
    if (y == null) return null;
    const before = textBefore(ctx.text, m.index);
    const after = ctx.text.slice(m.index + m[0].length);
    const ok = theYear || /\b(?:in|since|of|by|until|from|to|through|during|before|after|a|an|the|that|early|late|mid-?)\s*$/i.test(before) || /^\s*(?:[.,;:!?]|$)/.test(after) || /^\s*$/.test(before);
    // "twenty twenty-one" could be two numbers: only with a preposition or "the year".
    if (!ok || (/^twenty/i.test(words) && !theYear && !/\b(?:in|since|of|by|until|from|to|through|during)\s*$/i.test(before))) return null;
    if (/^\s+(?:people|men|women|soldiers|troops|dollars|percent|times)\b/i.test(after)) return null;
    return { type: 'DATE', value: String(y) };
  },
};
