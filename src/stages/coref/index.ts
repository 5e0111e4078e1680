import type { Stage } from '../../stage.ts';
import type { Mention } from '../../doc.ts';
import { sentenceTokens } from '../entities/tokens.ts';
import { Antecedents, findPronouns, resolvePronoun, type Antecedent } from './pronouns.ts';
import { findNominals, nominalMention } from './nominals.ts';

/**
 * Mentions that refer without a name: personal pronouns ("he", "we") linked to the person or
 * group they stand for, and common-noun phrases ("the militants", "60 civilians", "the city").
 * They join `mentions` with `source` "pronoun" or "nominal", so a consumer that wants names only
 * filters on `source`.
 *
 * The stage runs last, after events and claims, on purpose: those stages read names, and a
 * pronoun there would need its own rules (claims already resolve "he said" to the speaker); places
 * already has its toponyms, which "the city" adds nothing to.
 */
export const coref: Stage = {
  name: 'coref',
  needs: ['entities', 'places'],
  run(doc) {
    const text = doc.view.text;
    const { sentences, toks: sentToks } = sentenceTokens(doc);
    const names = [...doc.mentions].sort((x, y) => x.start - y.start);
    // Each name with the index of its sentence, for distance in sentences.
    const named: Antecedent[] = [];
    let si = 0;
    for (const m of names) {
      while (si < sentences.length - 1 && sentences[si].end <= m.start) si++;
      named.push({ m, sent: si });
    }
    const antecedents = new Antecedents(named);
    const taken = overlapFinder(names);
    const added: Mention[] = [];
    for (let i = 0; i < sentences.length; i++) {
      const toks = sentToks[i];
      for (const p of findPronouns(toks, i)) {
        if (taken(p.start, p.end)) continue;
        const ref = resolvePronoun(p, antecedents);
        if (ref) added.push({ start: p.start, end: p.end, text: p.text, type: ref.type, entity: ref.m.entity, name: ref.m.name, source: 'pronoun' });
      }
      for (const n of findNominals(toks, i, taken)) added.push(nominalMention(n, text, doc.places, names));
    }
    if (!added.length) return;
    for (const m of added) doc.mentions.push(m); // no spread: 100k+ mentions overflow the stack
    doc.mentions.sort((x, y) => x.start - y.start || y.end - x.end);
  },
};

/**
 * A function that returns the first mention (in text order) overlapping [start, end), if any,
 * for mentions sorted by start: a binary search for the last mention starting before `end`, then
 * back while a mention at or before it can still reach `start` (the running maximum of ends says
 * when none can).
 */
function overlapFinder(ms: Mention[]): (start: number, end: number) => Mention | undefined {
  const maxEnd = new Int32Array(ms.length);
  ms.forEach((m, i) => (maxEnd[i] = Math.max(m.end, i ? maxEnd[i - 1] : 0)));
  return (start, end) => {
    let lo = 0;
    let hi = ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ms[mid].start < end) lo = mid + 1;
      else hi = mid;
    }
    let first: Mention | undefined;
    for (let k = lo - 1; k >= 0 && maxEnd[k] > start; k--) if (ms[k].end > start) first = ms[k];
    return first;
  };
}
