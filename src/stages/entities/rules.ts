import type { AliasHit } from './aliases.ts';
import type { TaggedSpan } from './model.ts';
import type { NerToken } from './tokens.ts';
import type { Titles } from './titles.ts';
import { overlaps } from './candidate.ts';
import { isPlaceHead, placeType } from './heads.ts';
import { startsLower } from '../../text/case.ts';
import { GROUP_NOUNS } from './phrases.ts';

/**
 * Capitalisation rules that repair and complete the tagger's spans, before they meet the pack
 * aliases. General English, no names:
 *  - a capitalised run right after a rank or title is a person's name ("Lt. Gen. John Barrow");
 *  - a capitalised run ending in an organisation head noun is an organisation ("Northern Valley
 *    Relief Organisation");
 *  - two person spans side by side are one name (the greedy tagger's "Khalid/B Omar/B al-Hamdani/I");
 *  - a lone function word is never a name (sentence-initial "Us", "It").
 */

export const ORG_HEADS = new Set([
  'organisation', 'organization', 'council', 'agency', 'committee', 'party', 'front', 'army', 'brigade', 'brigades', 'forces',
  'movement', 'union', 'association', 'ministry', 'office', 'institute', 'university', 'company', 'group', 'network',
  'observatory', 'foundation', 'commission', 'coalition', 'alliance', 'battalion', 'battalions', 'division', 'corps', 'command',
  'service', 'authority', 'league', 'federation', 'bank', 'court', 'parliament', 'assembly', 'government', 'department',
  'society', 'crescent', 'cross', 'fund', 'programme', 'program', 'mission', 'centre', 'center', 'tribunal', 'directorate',
  'administration', 'regiment', 'squadron', 'wing', 'fleet', 'guard', 'guards', 'police', 'militia', 'units', 'unit',
  'secretariat', 'board', 'congress', 'senate', 'cabinet', 'bureau', 'agency', 'news', 'times', 'post', 'press', 'television',
]);
const CONNECTORS = new Set(['of', 'for', 'and', 'the', 'de', 'al', 'on', 'in', '&']);
const STOP = new Set([
  'us', 'it', 'we', 'he', 'she', 'they', 'i', 'you', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'there', 'here', 'his',
  'her', 'their', 'our', 'its', 'my', 'your', 'and', 'or', 'but', 'if', 'so', 'as', 'at', 'in', 'on', 'of', 'to', 'by', 'for',
  'with', 'from', 'all', 'some', 'no', 'not', 'what', 'who', 'when', 'where', 'why', 'how', 'one', 'god',
  // Prepositions and sentence adverbs that open a sentence ("Near the border, ...").
  'near', 'after', 'before', 'during', 'since', 'under', 'over', 'across', 'against', 'between', 'within', 'without', 'into',
  'upon', 'among', 'amid', 'despite', 'following', 'according', 'about', 'around', 'outside', 'inside', 'towards', 'toward',
  'while', 'although', 'though', 'however', 'meanwhile', 'also', 'yesterday', 'today', 'earlier', 'later',
]);
const CAP = /^\p{Lu}/u;
/** Title-case words that open a sentence and never end a name: pronouns, auxiliaries, prepositions, "Last". */
const OPENS_SENTENCE = new Set(
  'He She It We They You His Her Their Our Its My Your This That These Those There Here The In On At To By For With From Of And Or But If As Are Is Was Were Has Have Had Would Can Could Should Might Last Next When While After Before Meanwhile However'.split(' '),
);
/** Head nouns of administrative divisions: "Barren County", "Guma LGA", "Enfield Borough". */
const DIVISION_HEAD = /^(?:County|Province|Governorate|District|Township|Parish|Borough|Oblast|Prefecture|Municipality|LGA)$/;
/** Members of parties and assemblies, in the plural. */
const PARTY_MEMBERS = /^(?:Republicans|Democrats|Conservatives|Liberals|Tories|Socialists|Greens|Nationalists|Unionists|MPs|MLAs|MEPs|Senators|Legislators|Lawmakers)$/;
/** What may follow a comma inside an organisation's name ("Apple, Inc.", "John Smith, Jr."). */
const AFTER_COMMA_IN_NAME = /^(?:Inc|Ltd|LLC|LLP|PLC|plc|Co|Corp|Jr|Sr|SA|AG|GmbH|NV|BV)\.?$/;
/** Name particles that may sit inside a person's name: "Abu Bakr al-Baghdadi", "bin", "de". */
const PARTICLE = /^(?:al|el|ez|ed|ad|as|ash|at|az|ar|bin|ibn|bint|abu|abd|de|del|da|di|van|von|der|le|la|du|des|y)$/i;
/** A plain lower-case word ("killed", "members"): never inside a name, unlike connectors and particles. */
const LOWER = /^\p{Ll}+(?:['’]\p{Ll}+)?$/u; // also "can’t", "don't"
const ORDINAL = /^\d+(?:st|nd|rd|th)$/;
/** Page furniture that opens a line in capitals like a dateline ("UPDATE:", "WATCH:"). */
const FURNITURE = /^(?:UPDATE|UPDATED|WATCH|PHOTO|PHOTOS|VIDEO|READ|BREAKING|EXCLUSIVE|ANALYSIS|OPINION|EDITORIAL|NOTE|SOURCE|SOURCES|CREDIT|LIVE|COMMENT|NEWS|REPORT|FILE|ALSO|MORE|RELATED|SEE|CLICK|SHARE|TAGS|TOPICS|WARNING|ALERT|URGENT|EDITOR|EDITORS)$/;
const CAPITALISED = /^\p{Lu}\p{Ll}/u;
const NAME_WORD = /^[\p{L}'’.-]+$/u;
const ARTICLE = /^(?:The|A|An)$/;
const PLACE_PREPOSITION = /^(?:In|At|From|To|Near|Across|Inside|Outside|Throughout)$/;
const ALL_CAPS = /^\p{Lu}{2,}$/u;
const CAP_OR_DIGIT = /[\p{Lu}\p{N}]/u;
const WORDY = /[\p{L}\p{N}]/u;
const AL_NAME = /^(?:al|el)-\p{Lu}/u;
/** A name made into an adjective: "X-backed", "X-held", "anti-X", "pro-X". */
const COMPOUND_ADJ = /^[\p{L}\p{N}.]+-(?:[\p{Ll}]+)$|^(?:anti|pro|non|ex|post|pre)-/u;

/**
 * Cut a tagger span at the first plain lower-case word that is not a connector or particle: the
 * tagger sometimes runs on into a verb or a noun ("Qamishli killed two members", "Smith added").
 * Articles and connectors left at either edge go too. Returns null when nothing name-like is left.
 */
function trim(s: TaggedSpan, toks: NerToken[]): TaggedSpan | null {
  let a = s.a;
  // "US-backed", "Kurdish-led", "anti-Daesh": an adjective made from a name is not a name (the
  // name inside it is the pack's mention, if any).
  while (a < s.b && COMPOUND_ADJ.test(toks[a].text)) a++;
  let b = a;
  while (b < s.b && !(LOWER.test(toks[b].text) && !CONNECTORS.has(toks[b].text) && !PARTICLE.test(toks[b].text))) b++;
  while (a < b && ((CONNECTORS.has(toks[a].text) && !PARTICLE.test(toks[a].text)) || ARTICLE.test(toks[a].text))) a++;
  while (b > a && (CONNECTORS.has(toks[b - 1].text) || PARTICLE.test(toks[b - 1].text) || COMPOUND_ADJ.test(toks[b - 1].text))) b--;
  // Text whose full stops were lost ("... to Honolulu Are there downsides", "Burton He's missed")
  // runs a name into the capitalised pronoun, auxiliary or preposition opening the next sentence:
  // such a word never ends a name. (Only title-case words: "US", "IT" are names.)
  while (b - a > 1 && (OPENS_SENTENCE.has(toks[b - 1].text) || /^[…—–]+$/.test(toks[b - 1].text))) b--;
  if (b <= a) return null;
  if (a === s.a && b === s.b) return s;
  return { ...s, a, b, start: toks[a].start, end: toks[b - 1].end };
}

/**
 * A person or organisation span that opens with a country's or a state's name:
 *  - followed by a title and a name ("Manitoba Premier Brian Pallister"): the place qualifies the
 *    title; it is a place of its own, and the person is the title and the name;
 *  - that is two such names and nothing else ("Greece Italy", a list that lost its comma): two places.
 * Only title-case names of 1-3 words; "Georgia Smith" (no title) stays a person.
 */
function splitPlaces(s: TaggedSpan, toks: NerToken[], titles: Titles, isDivision: (name: string) => 'country' | 'admin1' | null, isCommon: (w: string) => boolean): TaggedSpan[] {
  if ((s.type !== 'PERSON' && s.type !== 'ORG') || s.b - s.a < 2) return [s];
  const words = (a: number, b: number) => toks.slice(a, b).map((t) => t.text).join(' ');
  const part = (a: number, b: number, type: TaggedSpan['type']): TaggedSpan => ({ a, b, start: toks[a].start, end: toks[b - 1].end, type });
  // "Dallas County", "Guma LGA": no person's name ends in a division's head noun.
  if (s.type === 'PERSON' && DIVISION_HEAD.test(toks[s.b - 1].text)) return [{ ...s, type: 'GPE' }];
  // "Oklahoma Republicans", "Armenian MPs": a name ending in a plural noun of people is a group, not a person
  // (the place or nationality before it is then found as the modifier it is).
  const last = toks[s.b - 1].text;
  if (s.type === 'PERSON' && CAP.test(last) && (GROUP_NOUNS.has(last.toLowerCase()) || PARTY_MEMBERS.test(last))) return [{ ...s, type: 'ORG' }];
  // "Team Alberta", "CBC Canada", "Air Zimbabwe": a name ending in a country's name is an organisation's
  // (an airline, a team, an outlet's branch), not a person's; so is a state's after a common word or an
  // acronym. (A surname that is a country, "Steve Israel", is rarer in news than these.)
  if (s.type === 'PERSON' && s.b - s.a <= 3 && !titles.endsTitle(toks, s.a - 1)) {
    const first = toks[s.a].text;
    const opener = (CAPITALISED.test(first) && isCommon(first.toLowerCase()) && !titles.isTitleWord(first) && !titles.isModifier(first)) || /^\p{Lu}{2,5}$/u.test(first);
    const tail = isDivision(words(s.a + 1, s.b)) ?? (s.b - s.a === 3 ? isDivision(words(s.a + 2, s.b)) : null);
    if (tail === 'country' || (opener && tail)) return [{ ...s, type: 'ORG' }];
  }
  for (let k = Math.min(4, s.b - s.a - 1); k >= 1; k--) {
    const m = s.a + k;
    const named = toks.slice(s.a, m).every((t) => CAPITALISED.test(t.text)) && (isDivision(words(s.a, m)) || (k > 1 && DIVISION_HEAD.test(toks[m - 1].text)));
    if (!named) continue;
    if (s.type === 'PERSON' && m < s.b - 1 && (titles.endsTitle(toks, m) || (titles.isModifier(toks[m].text) && titles.endsTitle(toks, m + 1))) && CAP.test(toks[s.b - 1].text)) return [part(s.a, m, 'GPE'), part(m, s.b, 'PERSON')];
    if (s.b - m <= 3 && toks.slice(m, s.b).every((t) => CAPITALISED.test(t.text)) && isDivision(words(m, s.b))) return [part(s.a, m, 'GPE'), part(m, s.b, 'GPE')];
  }
  return [s];
}

/**
 * A name holds no comma: a tagger span across one ("RUSSELLVILLE, Ark", "Surrey, B.C.") is a place and
 * its state, or two names of a list. Each part is a span of its own, of the same type (the place
 * rules retype them). "Apple, Inc." and "Smith, Jr." stay whole.
 */
function commaParts(s: TaggedSpan, toks: NerToken[]): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  let a = s.a;
  for (let i = s.a; i < s.b; i++) {
    if (toks[i].text !== ',' || i === s.a || i === s.b - 1 || AFTER_COMMA_IN_NAME.test(toks[i + 1].text)) continue;
    out.push({ ...s, a, b: i, start: toks[a].start, end: toks[i - 1].end });
    a = i + 1;
  }
  if (!out.length) return [s];
  out.push({ ...s, a, b: s.b, start: toks[a].start, end: toks[s.b - 1].end });
  return out;
}

// Plain loops, not .some() with an arrow: these run per token, and each arrow is an allocation.
function covered(hits: AliasHit[], t: { start: number; end: number }): boolean {
  for (const h of hits) if (overlaps(h, t)) return true;
  return false;
}

/** Is token i inside one of the spans? */
function inSpan(spans: TaggedSpan[], i: number): boolean {
  for (const s of spans) if (s.a <= i && i < s.b) return true;
  return false;
}

export function ruleSpans(
  toks: NerToken[],
  hits: AliasHit[],
  spans: TaggedSpan[],
  titles: Titles,
  isMajorPlace?: (name: string) => boolean,
  isDivision?: (name: string) => 'country' | 'admin1' | null,
  isCommon: (w: string) => boolean = () => false,
): TaggedSpan[] {
  let out = spans.flatMap((s0) => commaParts(s0, toks)).flatMap((s0) => {
    const s = trim(s0, toks);
    if (!s) return [];
    const words = toks.slice(s.a, s.b).map((t) => t.text);
    if (words.length === 1 && STOP.has(words[0].toLowerCase())) return [];
    // A name has a capital or a digit somewhere ("eastern" alone is not one).
    if (!words.some((w) => CAP_OR_DIGIT.test(w))) return [];
    // A title alone ("Col.", "General") is never a name, of any type: the titles rule takes it
    // into the person mention it belongs to.
    if (words.every((w) => titles.isTitleWord(w) || titles.isModifier(w) || !WORDY.test(w))) return [];
    return [s];
  });
  // Adjacent person spans are one name.
  out.sort((x, y) => x.a - y.a);
  const oneWord = (x: TaggedSpan) => x.b - x.a === 1 && x.type !== 'NORP' && !covered(hits, x);
  const merged: TaggedSpan[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    // Also a lone capitalised word the tagger split off a person's name ("Sajida" + "Mubarak al-Rishawi").
    if (last && last.b === s.a && ((last.type === 'PERSON' && s.type === 'PERSON') || (s.type === 'PERSON' && oneWord(last)) || (last.type === 'PERSON' && oneWord(s) && !titles.isTitleWord(toks[s.a].text)))) {
      last.type = 'PERSON';
      last.b = s.b;
      last.end = s.end;
    } else merged.push({ ...s });
  }
  out = merged;
  const replace = (n: TaggedSpan) => {
    out = out.filter((s) => !(s.a < n.b && n.a < s.b));
    out.push(n);
  };
  // After a rank or title: a person's name.
  for (let i = 0; i + 1 < toks.length; i++) {
    // A rank or title ("Gen.", "President"), or a role noun ("spokesman") after a group's name.
    if (!titles.endsTitle(toks, i) && !(i > 0 && CAP.test(toks[i - 1].text) && startsLower(toks[i].text) && titles.isRole(toks[i].text))) continue;
    let j = i + 1;
    while (j < toks.length && j - i <= 5) {
      const w = toks[j].text;
      // A nickname in quotes inside the name: General John “Rex” Smith.
      if (j > i + 1 && /^["“‘']$/.test(w) && CAP.test(toks[j + 1]?.text ?? '') && /^["”’']$/.test(toks[j + 2]?.text ?? '') && CAP.test(toks[j + 3]?.text ?? '')) {
        j += 3;
        continue;
      }
      if (covered(hits, toks[j]) || titles.isTitleWord(w) || ORG_HEADS.has(w.toLowerCase()) || isPlaceHead(w)) break;
      if (!(CAP.test(w) && NAME_WORD.test(w)) && !(PARTICLE.test(w) && j + 1 < toks.length && CAP.test(toks[j + 1].text)) && !AL_NAME.test(w)) break;
      j++;
    }
    if (j === i + 1) continue;
    // A person span already covering the name (and maybe the title) is fine as it is.
    if (out.some((s) => s.type === 'PERSON' && s.a <= i + 1 && s.b >= j)) continue;
    replace({ a: i + 1, b: j, start: toks[i + 1].start, end: toks[j - 1].end, type: 'PERSON' });
    i = j - 1;
  }
  // A capitalised run ending in an organisation head noun ("Northern Valley Relief Organisation"),
  // or an organisation head with "of" and a name ("University of Mosul", "Ministry of Water"); a
  // run ending in a facility or natural-place head is that kind of place ("Zahra Gas Field").
  for (let i = 0; i < toks.length; i++) {
    // A unit's ordinal starts its name ("the 158th Fighter Wing").
    const ordinal = ORDINAL.test(toks[i].text) && CAP.test(toks[i + 1]?.text ?? '');
    if (!CAP.test(toks[i].text) && !ordinal) continue;
    let j = ordinal ? i + 1 : i;
    let lastHead = -1;
    let org = true;
    while (j < toks.length && (CAP.test(toks[j].text) || (CONNECTORS.has(toks[j].text) && j > i && CAP.test(toks[j + 1]?.text ?? '')))) {
      const lw = toks[j].text.toLowerCase();
      if (ORG_HEADS.has(lw)) {
        lastHead = j;
        org = true;
      } else if (CAP.test(toks[j].text) && isPlaceHead(lw) && placeType([lw]) !== 'GPE') {
        lastHead = j;
        org = false;
      }
      j++;
    }
    let a = i;
    while (a < lastHead && ARTICLE.test(toks[a].text)) a++;
    let b = lastHead + 1;
    // "University of Mosul", "Gulf of Aden": a head, "of" and a name; the head gives the type.
    const headOf = lastHead >= a && toks[b]?.text === 'of' && b + 1 < j;
    if (headOf) b = j;
    if (lastHead >= 0 && (lastHead > a || b > lastHead + 1)) {
      const words = headOf ? [toks[lastHead].text] : toks.slice(a, b).map((t) => t.text);
      const n: TaggedSpan = { a, b, start: toks[a].start, end: toks[b - 1].end, type: org ? 'ORG' : placeType(words) };
      const samePack = hits.some((h) => h.start <= n.start && h.end >= n.end);
      // A person span inside the run wins, unless it is only the run's own words with no title
      // before it: a name ending in "Times" or "Council" is an organisation ("Gulf Times"), and
      // a part of a facility's name is not a person ("Old Stone Bridge"; "John Field" stays one).
      const person = out.some(
        (s) => s.type === 'PERSON' && s.a < n.b && n.a < s.b && !(s.a >= n.a && s.b <= n.b && !titles.endsTitle(toks, s.a - 1) && (org || s.b - s.a < n.b - n.a)),
      );
      const wider = out.some((s) => s.a <= n.a && s.b >= n.b && (s.a < n.a || s.b > n.b));
      if (!samePack && !person && !wider) replace(n);
    }
    i = Math.max(i, j - 1);
  }
  // A country or a big city the gazetteer knows, standing alone ("Tunisia", "Toronto"): a place,
  // when nothing else claims the words and no capitalised word joins it to a longer name.
  if (isMajorPlace) {
    // The tagger drops a capitalised common word opening a sentence ("South", "New"), which may open a
    // place's name: "South Korea's first female president", "New Brunswick RCMP say". Where the word and
    // the span's first words are a country's, a state's or a big city's name, that name is a place.
    const place = (n: string) => isMajorPlace(n) || !!isDivision?.(n);
    const first = out.find((x) => x.a === 1);
    if (first && CAPITALISED.test(toks[0].text) && !covered(hits, toks[0])) {
      for (let k = Math.min(3, first.b - first.a); k >= 1; k--) {
        if (!place(toks.slice(0, 1 + k).map((t) => t.text).join(' '))) continue;
        const rest = 1 + k < first.b ? { ...first, a: 1 + k, start: toks[1 + k].start } : null;
        Object.assign(first, { a: 0, b: 1 + k, start: toks[0].start, end: toks[k].end, type: 'GPE' });
        if (rest) out.push(rest);
        break;
      }
    }
    // The tagger's person or organisation that is only such a name, with no title before it.
    for (const s of out) {
      if ((s.type !== 'PERSON' && s.type !== 'ORG') || s.b - s.a > 3 || (s.a > 0 && titles.endsTitle(toks, s.a - 1))) continue;
      if (isMajorPlace(toks.slice(s.a, s.b).map((t) => t.text).join(' '))) s.type = 'GPE';
    }
    if (isDivision) out = out.flatMap((s) => splitPlaces(s, toks, titles, isDivision, isCommon));
    for (let i = 0; i < toks.length; i++) {
      if (!CAPITALISED.test(toks[i].text) || covered(hits, toks[i]) || inSpan(out, i)) continue;
      if (i > 0 && CAP.test(toks[i - 1].text) && !PLACE_PREPOSITION.test(toks[i - 1].text)) continue;
      let j = i + 1;
      while (j < toks.length && j - i < 3 && CAPITALISED.test(toks[j].text) && !covered(hits, toks[j]) && !inSpan(out, j)) j++;
      if (j < toks.length && CAP.test(toks[j].text)) continue;
      const name = j === i + 1 ? toks[i].text : toks.slice(i, j).map((t) => t.text).join(' ');
      if (STOP.has(toks[i].text.toLowerCase()) || titles.isTitleWord(toks[i].text) || !isMajorPlace(name)) {
        i = j - 1;
        continue;
      }
      out.push({ a: i, b: j, start: toks[i].start, end: toks[j - 1].end, type: 'GPE' });
      i = j - 1;
    }
  }
  out.sort((x, y) => x.a - y.a);
  // A dateline: a place in capitals opening the text or a line, before ":", "(", a dash or a comma
  // ("AMMAN: ...", "KIRKUK (Agency) -"). Acronyms (few vowels: "UNHCR") are not datelines.
  const placeLike = (words: string[]) => {
    const w = words.join('');
    return w.length >= 4 && w.replace(/[^AEIOUY]/g, '').length >= 2 && !words.some((x) => FURNITURE.test(x));
  };
  const dl = toks.findIndex((t) => !ALL_CAPS.test(t.text));
  const dlWords = toks.slice(0, Math.max(dl, 0)).map((t) => t.text);
  if (dl > 0 && dl <= 3 && /^[:(—–-]$/.test(toks[dl].text) && placeLike(dlWords) && !out.some((s) => s.a < dl) && !toks.slice(0, dl).some((t) => covered(hits, t))) {
    out.unshift({ a: 0, b: dl, start: toks[0].start, end: toks[dl - 1].end, type: 'GPE' });
  }
  for (const s of out) {
    if (s.a !== 0 || s.type === 'GPE' || s.type === 'LOC' || s.type === 'FAC') continue;
    const words = toks.slice(s.a, s.b).map((t) => t.text);
    if (!words.every((w) => ALL_CAPS.test(w)) || !/^[:(,—–-]$/.test(toks[s.b]?.text ?? '') || !placeLike(words)) continue;
    s.type = 'GPE';
  }
  // "Razavi Khorasan province", "Sarmin district": a name before a place noun is a place.
  for (const s of out) {
    if (s.type === 'GPE' || s.type === 'LOC' || s.type === 'FAC') continue;
    if (PLACE_AFTER.test(toks[s.b]?.text ?? '') && !(s.type === 'PERSON' && s.a > 0 && titles.isTitleWord(toks[s.a - 1].text))) s.type = 'GPE';
  }
  // "between Nayrab and Sarmin", "in Hama and Idlib": a lone name coordinated with a place after a
  // locative preposition is a place too.
  const isPlace = (s: TaggedSpan | AliasHit) => ('type' in s ? s.type : s.entity.type) === 'GPE';
  const placeAt = (i: number) => out.find((s) => s.a === i && isPlace(s)) ?? hits.find((h) => h.start === toks[i]?.start && h.entity.type === 'GPE');
  for (const s of out) {
    if (s.type === 'GPE' || s.b - s.a !== 1 || titles.isTitleWord(toks[s.a - 1]?.text ?? '')) continue;
    const prevAnd = s.a >= 2 && /^(?:and|or|,)$/.test(toks[s.a - 1].text);
    if (!prevAnd) continue;
    // The conjunct before: a place that follows a locative preposition.
    let k = s.a - 2;
    while (k > 0 && !placeAt(k) && s.a - k < 5) k--;
    const before = placeAt(k);
    if (before && k > 0 && LOCATIVE.test(toks[k - 1].text)) s.type = 'GPE';
  }
  return out;
}

const PLACE_AFTER = /^(?:province|governorate|district|sub-district|subdistrict|city|town|village|countryside|neighbourhood|neighborhood)$/;
const LOCATIVE = /^(?:in|near|between|from|to|around|outside|towards|toward|at|into|across|through)$/;
