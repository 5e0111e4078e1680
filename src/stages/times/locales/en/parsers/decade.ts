import type { Parser } from '../../../types.ts';
import { modOf, wordPattern } from '../words.ts';
import { relativeUnit } from '../../../resolve.ts';

/**
 * Decades and centuries: "the 1990s", "the late 1970s", "the mid-1990s", "the '80s", "the
 * nineties", "the 20th century", "this decade". TIMEX3 writes a decade as its first three digits
 * (199) and a century as its first two (19).
 */
const WORD_DECADE: Record<string, number> = {
  twenties: 2, thirties: 3, forties: 4, fifties: 5, sixties: 6, seventies: 7, eighties: 8, nineties: 9,
};

export const decade: Parser = {
  name: 'decade',
  trigger: /0'?s\b|ties\b/i,
  pattern: wordPattern(`(?:the\\s+)?(?:(early|late|mid-|mid)\\s*)?(?:(1[89]\\d|20\\d)0'?s|'(\\d)0s|(?:nineteen[- ])?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))`),
  extract(m) {
    const [, mod, digits, short, word] = m;
    let value: string;
    if (digits) value = digits;
    else if (short) value = `19${short}`;
    else {
      if (!/^the\b/i.test(m[0])) return null; // "in their twenties" is an age
      value = `19${WORD_DECADE[word.toLowerCase()]}`;
    }
    return { type: 'DATE', value, mod: modOf(mod) };
  },
};

export const century: Parser = {
  name: 'century',
  trigger: /century/i,
  pattern: wordPattern(`(?:the\\s+)?(?:(early|late|mid-|mid)\\s*)?(?:(\\d{1,2})(?:st|nd|rd|th)|(this|last|next)|(twentieth|twenty-first|nineteenth|eighteenth))\\s+century`),
  extract(m, ctx) {
    const [, mod, num, rel, word] = m;
    const words: Record<string, number> = { eighteenth: 18, nineteenth: 19, twentieth: 20, 'twenty-first': 21 };
    if (rel) {
      const n = rel.toLowerCase() === 'last' ? -1 : rel.toLowerCase() === 'next' ? 1 : 0;
      return { type: 'DATE', value: relativeUnit(ctx.anchor, 'century', n), mod: modOf(mod) };
    }
    const c = num ? +num : words[word.toLowerCase()];
    return { type: 'DATE', value: String(c - 1).padStart(2, '0'), mod: modOf(mod) };
  },
};
