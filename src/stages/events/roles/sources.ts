import type { Range } from '../../../doc.ts';
import type { Attribution } from '../attribution.ts';
import type { Lexicon } from '../lexicon.ts';
import type { RoleLexicon } from './lexicon.ts';

/**
 * The parts of a clause that tell who reports the act, not who did it: the attribution layer's
 * claimant, "according to X", the speaker of "X said" / "said X" / "X told", whom it was told
 * ("told AFP"), and anything in parentheses (wire credits "(AFP)", "(TRT World and Agencies)";
 * an acronym in brackets repeats the name before it). No actor is read inside them.
 */
/** Verbs whose object is what happened ("reported clashes", "documented the bombardment"), and act nouns that make it so. */
const RECORD_VERB = /^(?:reported|reports|documented|recorded|confirmed|announced|counted)$/i;
const ACT_NOUN = /\b(?:bombardments?|shelling|strikes?|air\s?strikes?|raids?|attacks?|clashes|fighting|battles?|explosions?|blasts?|bombings?|killings?|deaths?|arrests?|protests?)\b/i;
const RESPONSIBILITY_AFTER = /^\s+(?:full\s+)?(?:responsibility|credit)\b/i;
const PASSIVE_BEFORE = /\b(?:was|were|is|are|been|being|be|widely|reportedly)\s+$/i;
const cache = new WeakMap<Lexicon, { prefixes: RegExp; verbs: RegExp }>();

export function sourceZones(text: string, clause: Range, attr: Attribution | null, evLex: Lexicon, lex: RoleLexicon): Range[] {
  const zones: Range[] = [];
  const slice = text.slice(clause.start, clause.end);
  if (attr && attr.span.start >= clause.start && attr.span.end <= clause.end) zones.push(attr.span);
  // Parentheses (balanced, one level).
  for (let i = slice.indexOf('('); i >= 0; i = slice.indexOf('(', i + 1)) {
    const j = slice.indexOf(')', i);
    if (j < 0) break;
    zones.push({ start: clause.start + i, end: clause.start + j + 1 });
  }
  let re = cache.get(evLex);
  if (!re) {
    re = { prefixes: new RegExp(evLex.attributionPrefixes.source, 'giu'), verbs: new RegExp(evLex.attributionVerbs.source, 'giu') };
    cache.set(evLex, re);
  }
  // "according to X": up to the next comma, at most a few words.
  re.prefixes.lastIndex = 0;
  for (let m = re.prefixes.exec(slice); m; m = re.prefixes.exec(slice)) {
    const from = m.index + m[0].length;
    const rest = slice.slice(from);
    const stop = rest.search(/[,;:]|\s(?:that|and\s+said)\s/);
    const end = from + Math.min(stop < 0 ? rest.length : stop, 80);
    zones.push({ start: clause.start + m.index, end: clause.start + end });
  }
  re.verbs.lastIndex = 0;
  for (let m = re.verbs.exec(slice); m; m = re.verbs.exec(slice)) {
    if (PASSIVE_BEFORE.test(slice.slice(Math.max(0, m.index - 20), m.index))) continue;
    // "IS claimed responsibility for the attack": claiming an act is owning it, not reporting it.
    if (RESPONSIBILITY_AFTER.test(slice.slice(m.index + m[0].length))) continue;
    const vs = m.index;
    const ve = m.index + m[0].length;
    // The speaker before the verb: the words back to a comma or quote, at most six of them, or
    // back to the clause start when the clause opens with the speaker ("SOHR said ...").
    const back = slice.slice(0, vs);
    const cut = Math.max(back.lastIndexOf(','), back.lastIndexOf('"'), back.lastIndexOf('“'), back.lastIndexOf('”'));
    const words = back.slice(cut + 1).match(/\S+/g) ?? [];
    let startBack = cut + 1;
    if (words.length > 6) {
      // No comma (some archives drop them): the speaker's name, or a described speaker ("a monitor").
      let k = words.length - 1;
      while (k > 0 && /^(?:\p{Lu}|of$|for$|the$|and$|al-?|a$|an$)/u.test(words[k - 1])) k--;
      startBack = vs - words.slice(k).join(' ').length - 1;
    }
    zones.push({ start: clause.start + Math.max(0, startBack), end: clause.start + ve });
    // "said X" at the end of a report, "told X": the words after the verb, when no act follows.
    const after = slice.slice(ve);
    const stop = after.search(/[,;.]/);
    const tailText = stop < 0 ? after : after.slice(0, stop);
    lex.actVerbs.lastIndex = 0;
    if (/^told$|^tells$/i.test(m[0])) zones.push({ start: clause.start + ve, end: clause.start + ve + (after.match(/^\s*(?:\S+\s*){1,4}/)?.[0].length ?? 0) });
    // ("reported that regime forces ..." is what was said, not who said it)
    // ("reported government bombardment on rebel positions": the object of a verb of record is the news)
    else if (!/^\s*(?:that|it|they|he|she|on|in)\b/i.test(after) && !lex.actVerbs.test(tailText) && !(RECORD_VERB.test(m[0]) && ACT_NOUN.test(tailText))) {
      const eight = tailText.match(/^\s*(?:\S+\s*){1,8}/)?.[0] ?? tailText;
      zones.push({ start: clause.start + ve, end: clause.start + ve + eight.length });
    }
    lex.actVerbs.lastIndex = 0;
  }
  return zones;
}
