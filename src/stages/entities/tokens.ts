import type { Doc, Range } from '../../doc.ts';
import { splitSentences } from '../sentences/split.ts';

/**
 * The tokenizer the NER model was trained with, kept apart from the sentences stage's tokens on
 * purpose: the training corpora split the possessive ("Lebanon" "'s"), keep dotted abbreviations
 * whole ("U.S.", "Gen.") and keep inner hyphens and apostrophes ("al-Qaida", "Shi'ite"). The
 * tagger only sees tokens cut the same way, so runtime and training must share this function.
 */
export interface NerToken extends Range {
  text: string;
}

// Dotted acronyms (U.S., D.C.), words with inner hyphens/apostrophes, numbers, any other symbol
// (invisible format characters such as U+200E, common in copied web text, are not tokens).
const TOKEN = /(?:\p{L}\.){2,}(?:-\p{L}+)*|[\p{L}\p{N}]+(?:[-'’‘][\p{L}\p{N}]+)*\.?|[^\s\p{Cf}]/gu;

/** Words that keep their final period: titles, ranks, common abbreviations. */
const ABBREV = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cpl', 'pvt',
  'adm', 'cmdr', 'cdr', 'brig', 'gov', 'sen', 'rep', 'pres', 'sec', 'amb', 'rev', 'no', 'vs', 'inc', 'ltd', 'co', 'corp', 'dept',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'spc', 'pfc', 'sgt', 'msgt', 'ssgt', 'lcpl',
]);

export function isAbbrev(word: string): boolean {
  return ABBREV.has(word.toLowerCase());
}

const DOTTED = /^(?:\p{L}\.)+$/u;
const POSSESSIVE = /^(.+?)(['’][sS]?)$/u;
const LETTER = /\p{L}/u;

export function nerTokenize(text: string, range: Range): NerToken[] {
  const out: NerToken[] = [];
  const re = new RegExp(TOKEN.source, TOKEN.flags);
  re.lastIndex = range.start;
  for (let m = re.exec(text); m && m.index < range.end; m = re.exec(text)) {
    let t = m[0];
    let start = m.index;
    if (start + t.length > range.end) t = t.slice(0, range.end - start);
    if (t.length > 1 && t.endsWith('.') && !DOTTED.test(t) && !isAbbrev(t.slice(0, -1))) {
      // A sentence-final period is its own token.
      t = t.slice(0, -1);
      re.lastIndex = start + t.length;
    }
    // The possessive is its own token: "Lebanon's" -> "Lebanon" "'s".
    // (Only a token ending in an apostrophe or "'s" can be one: most tokens skip the expression.)
    const last = t.charCodeAt(t.length - 1);
    const poss = last === 39 || last === 0x2019 || last === 115 || last === 83 ? POSSESSIVE.exec(t) : null;
    if (poss && LETTER.test(poss[1]) && (poss[2].length === 2 || /s$/i.test(poss[1]))) {
      out.push({ start, end: start + poss[1].length, text: poss[1] });
      start += poss[1].length;
      t = poss[2];
    }
    out.push({ start, end: start + t.length, text: t });
  }
  return out;
}

/**
 * A document's sentences (the sentences stage's, or split here when that stage did not run) and
 * each sentence's NER tokens, computed once per Doc: the entities and coref stages both read them.
 */
export interface SentenceTokens {
  sentences: Range[];
  toks: NerToken[][];
}
const byDoc = new WeakMap<Doc, SentenceTokens>();

export function sentenceTokens(doc: Doc): SentenceTokens {
  let st = byDoc.get(doc);
  if (st) return st;
  const text = doc.view.text;
  const sentences: Range[] = doc.sentences.length
    ? doc.sentences
    : (doc.content.length ? doc.content : [doc.meta.body]).flatMap((r) => splitSentences(text, r));
  st = { sentences, toks: sentences.map((s) => nerTokenize(text, s)) };
  byDoc.set(doc, st);
  return st;
}
