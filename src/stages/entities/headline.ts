import type { NerToken } from './tokens.ts';
import type { TaggedSpan } from './model.ts';
import { startsUpper } from '../../text/case.ts';

/**
 * Headlines in Title Case ("Forces Conduct 94 Operations Against ISIS in Iraq") capitalise
 * verbs and common nouns, so capitalisation, the tagger's best cue, says nothing there. The
 * document itself tells which of those words are common: the body writes them in lower case
 * ("forces", "operations"). In a Title Case sentence, a tagger or rule span holding such a word
 * is dropped; pack aliases are unaffected, and real names of the headline recur in the body.
 */

const LOWER_WORD = /^\p{Ll}+$/u;
const LETTER_START = /^\p{L}/u;
const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;
const SHORT_OR_FUNCTION = /^(?:\p{L}{1,3}|about|after|against|amid|from|into|over|with|this|that|than|their|they|will|were|have|been)$/iu;

/** Lower-case words of a document (length 3+), the evidence that a word is common. */
export function lowerWords(sents: Array<{ toks: NerToken[] }>): Set<string> {
  const out = new Set<string>();
  for (const s of sents) for (const t of s.toks) if (t.text.length > 2 && LOWER_WORD.test(t.text)) out.add(t.text);
  return out;
}

/** Is this sentence in Title Case: most of its content words capitalised, at least four of them? */
export function isTitleCase(toks: NerToken[]): boolean {
  let words = 0;
  let caps = 0;
  for (const t of toks) {
    if (!LETTER_START.test(t.text) || SHORT_OR_FUNCTION.test(t.text)) continue;
    words++;
    if (startsUpper(t.text)) caps++;
  }
  return caps >= 4 && caps / words >= 0.8;
}

/**
 * Split the spans of a Title Case sentence into those kept and those holding a word the document
 * writes in lower case (held back: kept only if the body names the same thing, see index.ts).
 */
export function headlineSpans(spans: TaggedSpan[], toks: NerToken[], lower: Set<string>): { kept: TaggedSpan[]; held: TaggedSpan[] } {
  if (!isTitleCase(toks)) return { kept: spans, held: [] };
  const kept: TaggedSpan[] = [];
  const held: TaggedSpan[] = [];
  for (const s of spans) {
    let common = false;
    for (let i = s.a; i < s.b && !common; i++) {
      const w = toks[i].text;
      common = w.length > 2 && CAPITALISED.test(w) && lower.has(w.toLowerCase());
    }
    (common ? held : kept).push(s);
  }
  return { kept, held };
}
