import type { EntityType, Mention, Place, PlaceKind } from '../../doc.ts';
import type { NerToken } from '../entities/tokens.ts';
import { KIND } from '../../packs/entities.ts';
import { slug } from '../entities/normalize.ts';
import { startsLower, startsUpper } from '../../text/case.ts';

/**
 * Common-noun mentions of participants and places: "civilians", "the militants", "60 civilians",
 * "the international community", "the regime", "the city", "the hospital". News annotation (ACE,
 * re3d) marks these beside names, and an analyst reading "the militants withdrew" wants to know
 * that the sentence is about an armed group. General English, not domain knowledge: a head noun
 * from the lists below, with what stands before it in its noun phrase (articles, numbers,
 * lower-case modifiers). A head that already sits inside a name's mention ("ISIS fighters") is
 * the name's and is skipped.
 *
 * Heads are plural or collective nouns that nearly always refer to people acting together, place
 * nouns that refer back to a place already named ("the city" after "Mosul"), and singular nouns
 * for one person by role or kind ("a spokesman", "the young man"); in re3d about three in four of
 * their occurrences are annotated. Singular, place and organisation heads need a determiner or a
 * number before them ("a soldier", "the army"): bare, they are as often generic as referring.
 */
const GROUP_HEADS = new Set([
  'civilians', 'people', 'militants', 'insurgents', 'fighters', 'forces', 'troops', 'terrorists', 'regime', 'allies', 'partners',
  'leaders', 'coalition', 'community', 'communities', 'government', 'residents', 'families', 'children', 'women', 'soldiers',
  'officials', 'rebels', 'jihadists', 'gunmen', 'victims', 'refugees', 'journalists', 'countries', 'nations', 'parties', 'group',
  'militia', 'militias', 'extremists', 'authorities', 'protesters', 'demonstrators', 'villagers', 'detainees', 'hostages',
  'counterparts', 'businessmen', 'enemy', 'men', 'ministers',
]);
/** A plural name: "Iraqis", "Kurds", "Sunni Arabs". */
const PLURAL_NAME = /^\p{Lu}\p{Ll}+s$/u;
/** Singular group nouns, which refer back only after a determiner ("the army said", not "army officers"). */
const SINGULAR_GROUP_HEADS = new Set(['army', 'organisation', 'organization', 'alliance', 'squadron']);
/** One person by role or kind, after a determiner ("a spokesman", "the young man", "one child"). */
const PERSON_HEADS = new Set([
  'spokesman', 'spokeswoman', 'spokesperson', 'leader', 'commander', 'official', 'sheikh', 'physician', 'doctor',
  'man', 'woman', 'child', 'boy', 'girl', 'hostage', 'soldier', 'officer', 'witness', 'journalist', 'reporter',
  'father', 'mother', 'son', 'daughter', 'brother', 'sister', 'wife', 'husband', 'activist', 'fighter', 'gunman', 'bomber',
]);

/** Place nouns and the place kinds they refer back to ("the city" -> the last city named). */
const PLACE_HEADS: Record<string, { type: EntityType; kinds: PlaceKind[] }> = {
  city: { type: 'GPE', kinds: ['city'] },
  town: { type: 'GPE', kinds: ['city'] },
  village: { type: 'GPE', kinds: ['city'] },
  camp: { type: 'GPE', kinds: ['city', 'feature'] },
  country: { type: 'GPE', kinds: ['country'] },
  province: { type: 'GPE', kinds: ['admin1'] },
  governorate: { type: 'GPE', kinds: ['admin1'] },
  region: { type: 'GPE', kinds: ['admin1', 'region'] },
  hospital: { type: 'FAC', kinds: [] },
  compound: { type: 'FAC', kinds: [] },
  airport: { type: 'FAC', kinds: [] },
  headquarters: { type: 'FAC', kinds: [] },
};

/** Words that open a noun phrase. */
const DETERMINER = /^(?:the|a|an|this|these|those|our|their|his|her|its|my|your|some|all|many|several|both|other|such|few|any|each|every)$/i;
/** Number words and figures ("60 civilians", "three women"). */
const NUMBER = /^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands|tens|millions)$/i;
/** Closed-class words that never modify a noun inside its phrase. */
const NOT_MODIFIER = new Set([
  'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'as', 'into', 'than', 'that', 'which', 'who',
  'whom', 'whose', 'is', 'was', 'are', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'do', 'does', 'did', 'will', 'would',
  'can', 'could', 'should', 'may', 'might', 'must', 'said', 'says', 'say', 'not', 'no', 'also', 'only', 'still', 'now', 'then',
  'even', 'just', 'already', 'more', 'very', 'about', 'against', 'among', 'between', 'after', 'before', 'during', 'under', 'over',
  'while', 'when', 'where', 'if', 'so', 'how', 'why', 'what', 'there', 'here', 'it', 'they', 'them', 'we', 'us', 'he', 'she',
  'him', 'killed', 'wounded', 'injured', 'told', 'including', 'like', 'near', 'around', 'across', 'toward', 'towards', 'via',
  'together', 'most', 'best', 'least', 'alongside', 'amid', 'amidst', 'despite', 'throughout', 'within', 'without', 'beyond',
  'behind', 'beside', 'upon', 'onto', 'per', 'since', 'until', 'through',
  // Counting words: "a dozen coalition air strikes" counts the strikes, not the coalition.
  'dozen', 'score', 'handful', 'couple', 'number',
  // Verbs that take a group as their object ("use civilians as shields", "provide ground forces").
  'use', 'uses', 'provide', 'provides', 'continue', 'continues', 'kill', 'kills', 'protect', 'protects', 'help', 'helps',
  'support', 'supports', 'target', 'targets', 'attack', 'attacks', 'bring', 'brings', 'send', 'sends', 'train', 'trains', 'arm',
  'arms', 'deploy', 'deploys', 'evacuate', 'release', 'releases', 'free', 'frees', 'urge', 'urges', 'call', 'calls', 'join',
  'joins', 'fight', 'fights', 'allow', 'allows', 'let', 'leave', 'leaves', 'hold', 'holds', 'meet', 'meets', 'give', 'gives',
  'displace', 'shelter', 'host', 'hosts', 'feed', 'save', 'saves', 'reach', 'reaches', 'assist', 'defend', 'defends',
]);

export interface NominalHit {
  start: number;
  end: number;
  /** Token range [a, b) in the sentence. */
  a: number;
  b: number;
  head: string;
  sent: number;
}

/** Noun phrases with a group or place head in one sentence's tokens. */
export function findNominals(toks: NerToken[], sent: number, taken: (start: number, end: number) => Mention | undefined): NominalHit[] {
  const out: NominalHit[] = [];
  toks.forEach((t, i) => {
    // A head opening the sentence is capitalised ("Militias attacked ...").
    const cap = t.text.charCodeAt(0) < 97;
    const low = cap ? t.text.toLowerCase() : t.text;
    const known = GROUP_HEADS.has(low) || SINGULAR_GROUP_HEADS.has(low) || PERSON_HEADS.has(low) || !!PLACE_HEADS[low];
    // A nationality or faith as a plural noun is a group of people ("292 Iraqis", "Sunni Arabs",
    // "all Syrians"), as an adjective it is not ("Iraqi forces" is already a group phrase).
    if (!known && !(cap && PLURAL_NAME.test(t.text))) return;
    const name = taken(t.start, t.end);
    const demonym = !!name && name.type === 'NORP' && name.end === t.end && PLURAL_NAME.test(t.text);
    const head = demonym ? 'people' : low;
    if (!demonym && !known) return;
    if (!demonym && cap && !(i === 0 || DETERMINER.test(toks[i - 1].text) || NUMBER.test(toks[i - 1].text))) return;
    if (name && !demonym) return;
    const next = toks[i + 1]?.text ?? '';
    // "the country's second-largest city": the head of a possessive is a modifier of the noun after it.
    if (/^['’]s?$/.test(next)) return;
    // A head that modifies a group or place noun is not the head ("the coalition forces", "the city
    // centre"); before other nouns it still names the group ("coalition air strikes").
    if (startsLower(next) && !NOT_MODIFIER.has(next) && !/(?:ed|ly)$/.test(next) && !/^(?:said|says|say|were|are|was|is)$/.test(next)) {
      if (GROUP_HEADS.has(next) || PLACE_HEADS[next] || /^(?:centre|center|council|officials|forces|members|leaders|authorities|area|areas|border|administration|spokesman|spokeswoman)$/.test(next)) return;
    }
    // "coalition spokesman Col. X": a role before a name is the name's role, not a mention of its own.
    if (PERSON_HEADS.has(head) && startsUpper(next)) return;
    let a = i;
    // The demonym's own first word ("Sunni Arabs").
    while (demonym && a > 0 && toks[a - 1].start >= name!.start) a--;
    // Modifiers: lower-case words, and nationality or place names already found ("the Iraqi city").
    const first = a;
    for (let k = a - 1; k >= 0 && first - k <= 3; k--) {
      const w = toks[k].text;
      const m = taken(toks[k].start, toks[k].end);
      if (m && (m.type === 'NORP' || m.type === 'GPE') && m.start >= toks[k].start - 1 && m.end <= toks[k].end + 1) {
        a = k;
        // Before a country or city name only an article opens the phrase ("the Syria file"; not
        // "tracks Syria extremists", where the word before is a verb).
        if (m.type === 'GPE') break;
        continue;
      }
      // The first word of a sentence is capitalised ("Government forces").
      const word = k === 0 && /^\p{Lu}\p{Ll}+$/u.test(w) ? w.toLowerCase() : w;
      if (m || !/^\p{Ll}[\p{Ll}-]*$/u.test(word) || NOT_MODIFIER.has(word) || DETERMINER.test(word) || NUMBER.test(word)) break;
      // A verb form before the head is more often the verb ("attacked civilians") than an adjective.
      if (/(?:ed|ing)$/.test(w) && !(k > 0 && (DETERMINER.test(toks[k - 1].text) || NUMBER.test(toks[k - 1].text)))) break;
      a = k;
    }
    // Numbers ("60 civilians", "40,000 civilians", "thousands of fighters"), then one determiner.
    if (a > 0 && NUMBER.test(toks[a - 1].text)) {
      a--;
      // The tokenizer cuts "40,000" at its comma.
      while (a > 1 && /^[,.]$/.test(toks[a - 1].text) && /^\d+$/.test(toks[a - 2].text) && toks[a - 1].start === toks[a - 2].end && toks[a].start === toks[a - 1].end) a -= 2;
    } else if (a > 1 && toks[a - 1].text === 'of' && /^(?:dozens|hundreds|thousands|tens|millions)$/i.test(toks[a - 2].text)) a -= 2;
    if (a > 0 && DETERMINER.test(toks[a - 1].text)) a--;
    // "Assad's brutal regime", "President Bashar al-Assad's forces": a named possessor opens the phrase.
    else if (a > 1 && /^['’]s?$/.test(toks[a - 1].text)) {
      const owner = taken(toks[a - 2].start, toks[a - 2].end);
      if (owner && owner.end === toks[a - 2].end && owner.type !== 'NORP') a = toks.findIndex((x) => x.start >= owner.start);
    }
    // A bare place noun with no determiner ("city officials", "in city streets") does not refer back.
    if ((PLACE_HEADS[head] || SINGULAR_GROUP_HEADS.has(head) || PERSON_HEADS.has(head)) && a === i) return;
    out.push({ start: toks[a].start, end: t.end, a, b: i + 1, head, sent });
  });
  return joinPhrases(out, toks);
}

/** How a phrase opens: with a determiner, a number, or its first modifier or head. */
function opening(toks: NerToken[], h: NominalHit): 'det' | 'num' | 'bare' {
  const w = toks[h.a].text;
  return DETERMINER.test(w) ? 'det' : NUMBER.test(w) ? 'num' : 'bare';
}

/**
 * One phrase from two: "the families of the victims", "a group of professional businessmen"
 * (a group head, "of", a group phrase) and "three women and three children", "children and
 * women" (two group phrases joined by "and"). A head followed by "of" and anything else ("the
 * city of Mosul": the name is its own mention) is dropped.
 */
function joinPhrases(hits: NominalHit[], toks: NerToken[]): NominalHit[] {
  const out: NominalHit[] = [];
  for (let k = 0; k < hits.length; k++) {
    let h = hits[k];
    for (;;) {
      const n = hits[k + 1];
      const link = toks[h.b]?.text;
      if (!n || n.a !== h.b + 1 || (link !== 'of' && link !== 'and') || (link === 'of' && !GROUP_HEADS.has(h.head))) break;
      // "three women and three children", "children and women" are one group; "government forces
      // and their allies" are two, as the determiner shows.
      if (link === 'and' && (PLACE_HEADS[h.head] || PLACE_HEADS[n.head] || opening(toks, h) !== opening(toks, n) || opening(toks, h) === 'det')) break;
      h = { ...h, end: n.end, b: n.b, head: n.head };
      k++;
    }
    if (toks[h.b]?.text === 'of') continue;
    out.push(h);
  }
  return out;
}

/**
 * The mention for a nominal phrase. A place noun refers back to the last place of its kind named
 * before it ("the city" -> Mosul) and takes that place's name; otherwise the phrase names its own
 * group ("org:civilians", "org:international-community").
 */
export function nominalMention(n: NominalHit, text: string, places: Place[], mentions: Mention[]): Mention {
  const surface = text.slice(n.start, n.end);
  const phrase = surface.replace(/\s+/g, ' ');
  // The group's name without what only counts or points at it: "60 civilians" -> "civilians".
  const words = phrase.split(' ');
  let w0 = 0;
  while (w0 < words.length - 1 && (DETERMINER.test(words[w0]) || NUMBER.test(words[w0]) || words[w0] === 'of')) w0++;
  const bare = words.slice(w0).join(' ');
  const place = PLACE_HEADS[n.head];
  if (place) {
    const ref = place.kinds.length ? places.filter((p) => p.end <= n.start && place.kinds.includes(p.kind)).at(-1) : undefined;
    if (ref) {
      const named = mentions.find((m) => m.start === ref.start && m.end === ref.end);
      return { start: n.start, end: n.end, text: surface, type: place.type, entity: named?.entity ?? `${KIND.GPE}:${slug(ref.name)}`, name: named?.name ?? ref.name, source: 'nominal' };
    }
    return { start: n.start, end: n.end, text: surface, type: place.type, entity: `${KIND[place.type]}:${slug(bare)}`, name: bare, source: 'nominal' };
  }
  const type = PERSON_HEADS.has(n.head) ? 'PERSON' : 'ORG';
  return { start: n.start, end: n.end, text: surface, type, entity: `${KIND[type]}:${slug(bare)}`, name: bare, source: 'nominal' };
}
