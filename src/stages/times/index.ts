import type { Stage } from '../../stage.ts';
import type { Doc, Range } from '../../doc.ts';
import type { Context } from '../../context.ts';
import { anchorOf } from './anchor.ts';
import { findInSentence } from './find.ts';
import { localeFor } from './locales/index.ts';
import { precisionOf, relativeDay } from './resolve.ts';
import { ymdFromIso, type YMD } from './calendar.ts';
import type { Locale } from './types.ts';

/**
 * Temporal expressions (doc.times): every date, time, duration and set in the article's
 * sentences, with a TIMEX3 value resolved against the document date (see anchor.ts). Sentences
 * are read in order so that a clock time or "that day" can take the last day the text named.
 */
export const times: Stage = {
  name: 'times',
  needs: ['sentences', 'meta'],
  run(doc: Doc, ctx: Context) {
    findTimes(doc, ctx);
  },
};

/** Fill doc.times; `locale` overrides the document language's (to measure or test one parser set). */
export function findTimes(doc: Doc, ctx?: Context, locale: Locale = localeFor(doc.given.language)): void {
  const anchor = anchorOf(doc, ctx);
  const text = doc.view.text;
  const ranges: Range[] = doc.sentences.length ? doc.sentences : doc.content.length ? doc.content : [doc.meta.body];
  const sentences = ranges.flatMap((r) => chunks(text, r));
  let lastDay: YMD | null = anchor;
  let focusPeriod: string | null = null;
  for (const s of sentences) {
    let found: ReturnType<typeof findInSentence>;
    try {
      found = findInSentence(locale, text, s, anchor, lastDay, focusPeriod);
    } catch (e) {
      // A parser's bug costs this sentence's times, not the document.
      ((doc.debug.timesErrors ??= []) as string[]).push(`${s.start}-${s.end}: ${(e as Error).message}`);
      continue;
    }
    focusPeriod = found.find((f) => /^\d{4}-[QH]\d$/.test(f.value))?.value ?? focusPeriod;
    for (const f of found) {
      const start = s.start + f.start;
      const end = s.start + f.end;
      doc.times.push({
        start,
        end,
        text: text.slice(start, end),
        type: f.type,
        value: f.value,
        precision: precisionOf(f.type, f.value),
        ...(f.mod ? { mod: f.mod } : {}),
        // "since Saturday": a range that runs to the document date.
        ...(f.mod === 'ON_OR_AFTER' && anchor ? { until: relativeDay(anchor, 0) } : {}),
      });
      if (f.type === 'DATE' || f.type === 'TIME') {
        const day = /^\d{4}-\d{2}-\d{2}/.test(f.value) && !f.dayFromContext ? ymdFromIso(f.value) : null;
        const reporting = locale.reportingCue?.test(text.slice(Math.max(s.start, start - 40), start));
        if (day && !(reporting && lastDay !== anchor)) lastDay = day;
      }
    }
  }
}

/**
 * A "sentence" of thousands of characters (a table, text without punctuation) is read in pieces
 * cut at white space, so that the work per sentence stays bounded.
 */
const MAX_SENTENCE = 1500;
function chunks(text: string, r: Range): Range[] {
  if (r.end - r.start <= MAX_SENTENCE) return [r];
  const out: Range[] = [];
  let start = r.start;
  while (r.end - start > MAX_SENTENCE) {
    let cut = text.lastIndexOf(' ', start + MAX_SENTENCE);
    if (cut <= start + MAX_SENTENCE / 2) cut = start + MAX_SENTENCE;
    out.push({ start, end: cut });
    start = cut;
  }
  out.push({ start, end: r.end });
  return out;
}
