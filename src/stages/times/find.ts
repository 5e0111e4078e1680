import type { Range } from '../../doc.ts';
import type { YMD } from './calendar.ts';
import type { Found, Locale, ParseContext } from './types.ts';

/**
 * All temporal expressions of one sentence: every parser's matches, then the locale's refiners.
 * Offsets in the result are relative to the sentence.
 */
export function findInSentence(locale: Locale, text: string, sentence: Range, anchor: YMD | null, lastDay: YMD | null, focusPeriod: string | null = null): Found[] {
  const s = text.slice(sentence.start, sentence.end);
  const ctx: ParseContext = {
    text: s,
    anchor,
    lastDay,
    focusPeriod,
    tense: (start, end) => locale.tense(s, start, end),
  };
  const found: Found[] = [];
  locale.sentenceParsers.forEach((p, i) => {
    for (const f of p.find(ctx)) found.push({ ...f, rank: -locale.sentenceParsers.length + i });
  });
  locale.parsers.forEach((p, rank) => {
    if (p.trigger && !p.trigger.test(s)) return;
    const re = p.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const x = p.extract(m, ctx);
      if (!x) continue;
      const start = x.start ?? m.index;
      const end = x.end ?? m.index + m[0].length;
      if (end > start) found.push({ ...x, start, end, parser: p.name, rank });
    }
  });
  let out = found;
  for (const r of locale.refiners) out = r(out, ctx);
  return out.map(trimSpan(s)).filter((f) => f.end > f.start);
}

/** Spans never begin or end with white space or stray punctuation (a sentence-final period). */
function trimSpan(s: string) {
  return (f: Found): Found => {
    let { start, end } = f;
    while (start < end && /[\s,;:(]/.test(s[start])) start++;
    while (end > start && /[\s,;:)]/.test(s[end - 1])) end--;
    // Keep the period of "a.m." / "Oct." but not a sentence's final period after a word.
    if (end > start && s[end - 1] === '.' && !/(?:\b[a-zA-Z]\.[a-zA-Z]\.|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)$/.test(s.slice(start, end))) end--;
    return start === f.start && end === f.end ? f : { ...f, start, end };
  };
}
