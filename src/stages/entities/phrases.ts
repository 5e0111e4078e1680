import type { NerToken } from './tokens.ts';
import { type Candidate } from './candidate.ts';
import { KIND } from '../../packs/entities.ts';
import { slug } from './normalize.ts';

/**
 * Mention extents. A name often stands inside a noun phrase that refers to the same group, and
 * news annotation (ACE extents, re3d) marks the phrase: "the SDF", "ISIS fighters", "Iraqi
 * officials", "Kurdish fighters". Here:
 *  - a group noun after an organisation, nationality or country name makes one ORG mention of the
 *    phrase ("ISIS fighters" keeps the group's id; "Iraqi officials" gets its own, org:iraqi-officials,
 *    with the NORP "Iraqi" left nested inside it for the places stage);
 *  - an article right before an organisation or place name joins its extent ("the SDF").
 * General English, not domain knowledge.
 */
const GROUP_NOUNS = new Set([
  'fighters', 'forces', 'force', 'troops', 'militants', 'militia', 'militias', 'militiamen', 'tribesmen', 'soldiers', 'officials',
  'officers', 'police', 'policemen', 'government', 'authorities', 'army', 'military', 'units', 'unit', 'partners', 'allies',
  'commanders', 'members', 'terrorists', 'insurgents', 'rebels', 'jihadists', 'gunmen', 'personnel', 'advisers', 'advisors',
  'operatives', 'ministry', 'media', 'television', 'agency', 'delegation', 'leadership', 'fighter', 'cells', 'cell', 'loyalists',
  'remnants', 'elements', 'affiliates', 'supporters', 'sympathizers', 'sympathisers', 'recruits', 'snipers', 'battalion',
  'battalions', 'brigade', 'brigades', 'division', 'regiment', 'squadron', 'paramilitaries', 'paramilitary', 'groups', 'group',
  'troop', 'service', 'staff', 'diplomats', 'envoys', 'ministers', 'lawmakers', 'parliament', 'administration', 'regime',
]);
/** Words that may stand between the name and the group noun ("ISIL tactical units", "Iraqi state television"). */
const INNER = /^[\p{Ll}][\p{Ll}-]*$/u;
const NOT_INNER = new Set(['and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'the', 'a', 'an', 'is', 'was', 'are', 'were', 'has', 'have', 'had', 'said', 'says', 'with', 'by', 'from', 'as', 'that', 'who', 'which', 'will', 'would']);

export function groupPhrases(sc: Candidate[], toks: NerToken[], text: string): Candidate[] {
  const added: Candidate[] = [];
  for (const c of sc) {
    if (c.type !== 'ORG' && c.type !== 'NORP' && c.type !== 'GPE') continue;
    // The base must end the names here: no other mention starts right after it.
    if (sc.some((o) => o !== c && o.a === c.b)) continue;
    let j = c.b;
    let end = -1;
    while (j < toks.length && j - c.b < 3) {
      const w = toks[j].text;
      if (GROUP_NOUNS.has(w)) end = j + 1;
      if (!INNER.test(w) || NOT_INNER.has(w)) break;
      j++;
    }
    if (end < 0) continue;
    // "Iraqi security force personnel": take the longest group phrase.
    if (c.type === 'ORG') {
      c.nameB = c.b;
      c.b = end;
      c.end = toks[end - 1].end;
      c.grouped = true;
      continue;
    }
    // A nationality or country before a group noun: a group of its own, the base stays nested.
    // Leading nationality mentions join ("Sunni Arab tribesmen" is one phrase).
    let a = c.a;
    for (const o of sc) if (o !== c && o.type === 'NORP' && o.b === a) a = o.a;
    const start = toks[a].start;
    const phrase = text.slice(start, toks[end - 1].end).replace(/\s+/g, ' ');
    added.push({ start, end: toks[end - 1].end, type: 'ORG', entity: `${KIND.ORG}:${slug(phrase)}`, name: phrase, source: c.source, sent: c.sent, a, b: end, grouped: true });
  }
  // Drop duplicates (two nested bases producing the same phrase).
  const out = [...sc];
  for (const x of added) if (!out.some((o) => o.start === x.start && o.end === x.end)) out.push(x);
  return out;
}

const ARTICLE = /^(?:the|The)$/;
const ARTICLE_ANY = /^(?:the|The|a|an|A|An)$/;

/** Words that may follow a name whose article belongs to it ("the SDF said", "the UK, France"). */
const FOLLOW = new Set([
  'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'is', 'was', 'are', 'were', 'has', 'have', 'had', 'said', 'says', 'say',
  'will', 'would', 'with', 'by', 'from', 'as', 'that', 'which', 'who', 'whose', "'s", "’s", "'", 'could', 'should', 'can', 'may',
  'must', 'did', 'does', 'do', 'also', 'not', 'continues', 'continued', 'remains', 'remained', 'announced', 'reported', 'stated',
  'against', 'after', 'before', 'since', 'during', 'under', 'over', 'into', 'through', 'about', 'but', 'while', 'when', 'where',
]);

/**
 * An article directly before an organisation or place name (or a group phrase) joins its extent,
 * unless the name only modifies a following noun ("the Mosul offensive": the article is the
 * offensive's) or is a single-word place name ("the Syria" never occurs as such).
 */
export function articles(sc: Candidate[], toks: NerToken[], text: string) {
  for (const c of sc) {
    if (c.type === 'PERSON' || c.type === 'NORP' || c.a === 0) continue;
    const prev = toks[c.a - 1].text;
    if (!(c.grouped ? ARTICLE_ANY : ARTICLE).test(prev)) continue;
    const next = toks[c.b]?.text;
    if (next !== undefined && /[\p{L}\p{N}]/u.test(next) && !FOLLOW.has(next.toLowerCase()) && !/ed$/.test(next)) continue;
    const words = text.slice(c.start, c.end);
    if (c.type !== 'ORG' && !c.grouped && !/\s/.test(words) && !/^(?:\p{Lu}\.?){2,}$/u.test(words)) continue;
    c.a -= 1;
    c.start = toks[c.a].start;
  }
}
