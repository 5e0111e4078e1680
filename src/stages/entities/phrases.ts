import type { NerToken } from './tokens.ts';
import { type Candidate } from './candidate.ts';
import { KIND } from '../../packs/entities.ts';
import { slug } from './normalize.ts';
import { startsUpper } from '../../text/case.ts';

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
export const GROUP_NOUNS = new Set([
  'fighters', 'forces', 'force', 'troops', 'militants', 'militia', 'militias', 'militiamen', 'tribesmen', 'soldiers', 'officials',
  'officers', 'police', 'policemen', 'government', 'authorities', 'army', 'military', 'units', 'unit', 'partners', 'allies',
  'commanders', 'members', 'terrorists', 'insurgents', 'rebels', 'jihadists', 'gunmen', 'personnel', 'advisers', 'advisors',
  'operatives', 'ministry', 'media', 'television', 'agency', 'delegation', 'leadership', 'fighter', 'cells', 'cell', 'loyalists',
  'remnants', 'elements', 'affiliates', 'supporters', 'sympathizers', 'sympathisers', 'recruits', 'snipers', 'battalion',
  'battalions', 'brigade', 'brigades', 'division', 'regiment', 'squadron', 'paramilitaries', 'paramilitary', 'groups', 'group',
  'troop', 'service', 'staff', 'diplomats', 'envoys', 'ministers', 'lawmakers', 'parliament', 'administration', 'regime',
  // Groups of people an event can target or a claim can be about ("Syrian civilians", "Yazidi women").
  'people', 'civilians', 'citizens', 'children', 'women', 'residents', 'communities', 'community', 'refugees', 'families',
  'parties', 'tribes', 'tribe', 'clans', 'clan', 'workers', 'journalists', 'activists', 'protesters', 'demonstrators',
  'villagers', 'detainees', 'prisoners', 'hostages', 'migrants', 'herders', 'farmers', 'nationals', 'pilgrims', 'students',
  'movement', 'airmen', 'sailors', 'marines',
]);
/** Words that may stand between the name and the group noun ("ISIL tactical units", "Iraqi state television"). */
const INNER = /^[\p{Ll}][\p{Ll}-]*$/u;
const NOT_INNER = new Set(['and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'the', 'a', 'an', 'is', 'was', 'are', 'were', 'has', 'have', 'had', 'said', 'says', 'with', 'by', 'from', 'as', 'that', 'who', 'which', 'will', 'would']);

/** Verb forms never stand between a name and its group noun ("the Council met staff"). */
const VERBISH = /^[\p{Ll}]+(?:ed|ing)$/u;
const VERBS = new Set([
  'met', 'led', 'hit', 'took', 'saw', 'told', 'sent', 'held', 'left', 'made', 'gave', 'found', 'fought', 'struck', 'shot', 'won',
  'lost', 'fled', 'began', 'came', 'went', 'got', 'kept', 'brought', 'ran', 'set', 'put', 'cut', 'let', 'paid', 'sought', 'urged',
  'freed', 'warned', 'asked', 'say', 'tell', 'meet', 'attack', 'attacks', 'kill', 'kills', 'target', 'targets', 'hold', 'holds',
  'lead', 'leads', 'send', 'sends', 'arrest', 'arrests', 'free', 'frees', 'release', 'releases', 'join', 'joins', 'back', 'backs',
]);

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
      if (!INNER.test(w) || NOT_INNER.has(w) || VERBISH.test(w) || VERBS.has(w)) break;
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
    // Rivers, seas and facilities take the article ("the Tigris"); a one-word country or city
    // does not ("the Mosul offensive" is the offensive's article).
    if (c.type === 'GPE' && !c.grouped && !/\s/.test(words) && !/^(?:\p{Lu}\.?){2,}$/u.test(words)) continue;
    c.a -= 1;
    c.start = toks[c.a].start;
  }
}

/** Nouns for a kind of place, before "of X" or after X ("the city of Raqqa", "Idlib province"). */
const PLACE_NOUNS = new Set([
  'city', 'town', 'village', 'province', 'district', 'governorate', 'region', 'neighbourhood', 'neighborhood', 'area', 'suburb',
  'suburbs', 'subdistrict', 'sub-district', 'countryside', 'outskirts', 'camp', 'border', 'port', 'capital', 'hamlet', 'county',
]);
const DIRECTION = /^(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?$/i;

/**
 * Place extents, as news annotation marks them: "the city of Raqqa", "the Syrian city of Raqqa",
 * "Idlib province", "northern Iraq", "Sarmada, Syria". Each becomes an extra mention (source
 * `phrase`) with the place's id, around the name's own mention, which stays as it is: the places
 * stage geocodes names, and a scorer of flat extents sees the phrase.
 */
export function placePhrases(sc: Candidate[], toks: NerToken[], isCountry: (id: string | null) => boolean): Candidate[] {
  const added: Candidate[] = [];
  for (const c of sc) {
    if ((c.type !== 'GPE' && c.type !== 'LOC') || c.grouped) continue;
    let a = c.a;
    let b = c.b;
    // "Idlib province", "Karrada neighbourhood" (not "Raqqa province's", not "Mosul city council").
    const after = toks[b + 1]?.text ?? '';
    if (PLACE_NOUNS.has(toks[b]?.text ?? '') && !startsUpper(after) && !GROUP_NOUNS.has(after) && !/^(?:council|governor|governors|councils|'s|’s)$/.test(after)) b++;
    // "northern Iraq".
    if (a > 0 && DIRECTION.test(toks[a - 1].text)) a--;
    // "the (Syrian) city of Raqqa".
    if (a === c.a && a > 1 && toks[a - 1].text === 'of' && PLACE_NOUNS.has(toks[a - 2].text)) {
      let k = a - 3;
      while (k >= 0 && a - 3 - k < 3 && (/^[\p{Ll}-]+$/u.test(toks[k].text) && !/^(?:the|a|an|of|in|on|to|and|from|at|near)$/.test(toks[k].text) || sc.some((o) => o.type === 'NORP' && o.a <= k && k < o.b))) k--;
      if (k >= 0 && /^(?:the|The)$/.test(toks[k].text)) a = k;
    }
    // "Sarmada, Syria": a place, a comma, its country, and the phrase ends there.
    // Not inside a list ("Canada, Denmark, France, Jordan"): no comma before the place, and no
    // further name or "and" after the country.
    const country = sc.find((o) => o.a === c.b + 1 && isCountry(o.entity));
    const afterCountry = country ? toks[country.b]?.text ?? '' : '';
    const listy = toks[c.a - 1]?.text === ',' || /^\p{L}/u.test(afterCountry) || (afterCountry === ',' && /^(?:\p{Lu}|and$)/u.test(toks[country!.b + 1]?.text ?? ''));
    if (b === c.b && country && toks[c.b].text === ',' && !isCountry(c.entity) && !listy) b = country.b;
    if (a === c.a && b === c.b) continue;
    added.push({ ...c, a, b, start: toks[a].start, end: toks[b - 1].end, source: 'phrase', nameA: c.nameA ?? c.a, nameB: c.nameB ?? c.b });
  }
  return added.length ? [...sc, ...added] : sc;
}
