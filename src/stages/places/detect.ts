import type { Doc, Mention, Range, Token } from '../../doc.ts';
import type { Candidate, Gazetteer } from '../../gazetteer/index.ts';
import { distanceKm } from '../../gazetteer/index.ts';
import { NOT_PLACE_WORDS, CONNECTORS, LOCATIVE_CUES, PLACE_HEADS, DIRECTIONAL } from './words.ts';
import { startsUpper } from '../../text/case.ts';
import { prior } from './resolve.ts';

/** A stretch of text that may name a place, with every place it may name. */
export interface Toponym extends Range {
  text: string;
  candidates: Candidate[];
  /** Where the span came from: an entity mention of the entities stage, or the gazetteer scan. */
  source: 'mention' | 'scan';
  /** Sentence-initial: capitalisation says nothing there. */
  initial: boolean;
  /** A locative cue precedes it ("in", "near", "the town of"). */
  cued: boolean;
  /** What the words around it say it is: "the village of X" / "X province" / "the city of X". */
  hint?: 'village' | 'city' | 'admin' | null;
  /** nameKey of the text, set by the resolver (one reading per spelling). */
  key?: string;
  /** The text right after the span, for "Paris, Texas"-style appositions. */
  after: string;
  /** The non-space text right before the span (a few characters). */
  before: string;
  /** "NAME hospital": the facility head noun after the name (the name then locates only near its namesake). */
  facility?: string;
  /** A part of a city ("Bab al-Maqam in Aleppo"): the city it is in; `candidates` then hold only it. */
  quarterOf?: Candidate;
  /** That part's own gazetteer record, where the gazetteer has it (a section of the city, a suburb within a few km). */
  quarter?: Candidate;
  /** A neighbourhood with no town named before it ("Colonia X" in a report on a town the gazetteer lacks): no place of its own. */
  noPlace?: boolean;
  /** "the village of NAME" where the gazetteer has no NAME: placed by its surroundings (see index.ts). */
  unknown?: boolean;
  /** "X (Y)", "X, Y": the division named right after, when the gazetteer has one by that name. */
  qualifier?: Candidate[];
}

/** Pack words that make a name something else than a place (packs' places.yaml), as matchers. */
export interface NotPlaceRules {
  facility: RegExp | null;
  product: RegExp | null;
  products: Set<string>;
  /** Heads that make a quarter alone ("X neighbourhood") and those that need "of CITY" ("X district of Y"). */
  quarterAlone: string[];
  quarterOf: string[];
  /** Outlet names and aliases: never places. */
  outlets: Set<string>;
  /** "Colonia Libertad", "Barrio Obrero": a neighbourhood's name, opened by one of the pack's words. */
  quarterPrefix: RegExp | null;
}

const alternation = (words: string[]) => words.map((w) => w.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).sort((a, b) => b.length - a.length).join('|');

export function notPlaceRules(pack: Gazetteer['pack'], outlets: Iterable<string> = []): NotPlaceRules {
  const fac = pack.facilityHeads ?? [];
  const prod = pack.productHeads ?? [];
  const q = pack.quarterHeads ?? [];
  return {
    // The head right after the name ("Tishreen Hospital", "Kuweires military airport").
    facility: fac.length ? new RegExp(`^\\s+(${alternation(fac)})\\b`, 'i') : null,
    // The head after up to two lower-case modifiers ("Tomahawk cruise missiles", "Grad multiple rockets").
    product: prod.length ? new RegExp(`^\\s+(?:[a-z][a-z-]*\\s+){0,2}?(?:${alternation(prod)})\\b`) : null,
    products: new Set((pack.products ?? []).map((w) => w.toLowerCase())),
    quarterAlone: q.filter((w) => !/^(?:district|districts|area|areas)$/i.test(w)),
    quarterOf: q,
    outlets: new Set(outlets),
    quarterPrefix: pack.quarterPrefixes?.length ? new RegExp(`(?<![\\p{L}-])(?:${alternation(pack.quarterPrefixes)}) (${NAME_RE})`, 'gu') : null,
  };
}


const POSSESSIVE = /['’]s$/;
/** Capitalised at a sentence start, these say nothing about the next word being part of a name. */
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'in', 'on', 'at', 'to', 'from', 'for', 'by', 'with', 'and', 'or', 'but', 'as', 'of', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'both', 'all', 'while', 'when', 'after', 'before', 'since', 'if']);
const INSTITUTION_END = /\b(?:Police|Department|Office|Council|Ministry|University|College|School|Schools|Church|Cathedral|Hospital|Airport|Archbishop|Archdiocese|Diocese|Authority|Agency|Company|Corporation|Group|Bank|Club|Court|Airlines|Analytica)\b/;
/** A token that can start or continue a name: capitalised, or an article attached to one ("al-Anbar", "ez-Zor"). */
const NAME_TOKEN = /^(?:\p{Lu}|(?:al|el|ad|ar|as|ash|at|az|ez|an|ed|es|et|en)[-‘’'`]\p{Lu})/u;

function isNameToken(t: string): boolean {
  const c = t.charCodeAt(0);
  // Lower-case ASCII words other than an attached article ("al-Anbar") are never names: skip the regex.
  if (c >= 97 && c <= 122 && t.indexOf('-') < 0 && t.indexOf('‘') < 0 && t.indexOf('’') < 0 && t.indexOf("'") < 0 && t.indexOf('`') < 0) return false;
  if (c < 65) return false;
  // Mixed-case acronyms and their plurals ("PoP", "HAPs", "NGOs") are not names; "McKee", "MacArthur" are.
  if (MIXED_ACRONYM.test(t) && !/^Ma?c\p{Lu}/u.test(t) && !/^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+-\p{Lu}/u.test(t)) return false; // "KwaZulu-Natal" is a name
  return NAME_TOKEN.test(t);
}
const MIXED_ACRONYM = /^\p{Lu}+\p{Ll}+\p{Lu}|^\p{Lu}{2,}s$/u;

/** Upper-case words ("BEIRUT") are headline or dateline style; match them in title case. */
function isAllCaps(t: string): boolean {
  return t.length >= 2 && /^[\p{Lu}\d'’.-]+$/u.test(t) && /\p{Lu}{2}/u.test(t);
}

const ABBREVIATED = /^(?:[A-Z]\.){2,}$|^[A-Z]{2,3}$/; // U.S., UK, UAE: matched as written

/**
 * Toponym spans: the GPE/LOC/FAC and NORP mentions of the entities stage, and capitalised token
 * sequences that the gazetteer knows, where the evidence is enough (see `enoughEvidence`).
 */
export function detectToponyms(doc: Doc, gaz: Gazetteer, rules: NotPlaceRules = notPlaceRules(gaz.pack)): Toponym[] {
  const focus = new Set(gaz.pack.focusCountries ?? []);
  const text = doc.view.text;
  const out: Toponym[] = [];
  // PERSON mentions: never a toponym inside them. ORG mentions may hold one ("West Virginia State Police",
  // "Syrian Democratic Forces"): the scan's own evidence rules decide there.
  const blocked: Range[] = [];
  // A "person" ending in an institution word ("St. Louis Police", "Manila Archbishop") is a tagging slip.
  // A title phrase the entities stage took into the mention ("Manitoba Premier Brian Pallister", role
  // "Manitoba Premier") qualifies the name: only the name after it is blocked.
  for (const m of doc.mentions) {
    if (m.type !== 'PERSON' || INSTITUTION_END.test(text.slice(m.start, m.end))) continue;
    const role = m.role?.split(', ')[0];
    const at = role && role.length < m.end - m.start && text.startsWith(role, m.start) ? /^\s+/.exec(text.slice(m.start + role.length)) : null;
    blocked.push(at ? { start: m.start + role!.length + at[0].length, end: m.end } : m);
  }
  // Last words of multi-word PERSON mentions ("Michael Jordan"): alone later, still that person.
  const personTails = new Set<string>();
  for (const m of blocked) {
    const words = text.slice(m.start, m.end).split(/\s+/);
    if (words.length > 1) personTails.add(words[words.length - 1].replace(/['’]s$/, ''));
  }
  const inBlocked = (s: number, e: number) => blocked.some((b) => s < b.end && b.start < e);

  // 1. The entities stage's mentions.
  for (const m of doc.mentions) {
    if (m.type !== 'GPE' && m.type !== 'LOC' && m.type !== 'FAC' && m.type !== 'NORP') continue;
    const t = fromMention(doc, m, gaz);
    if (t) out.push(t);
  }
  const fromMentions = out.length;

  // 2. The gazetteer scan over each sentence's tokens.
  const tokens = splitCompounds(doc.tokens, gaz);
  const surnames = personNameTails(doc, gaz);
  let si = 0;
  const sentences = doc.sentences;
  for (let i = 0; i < tokens.length; ) {
    while (si < sentences.length && sentences[si].end <= tokens[i].start) si++;
    const sent = sentences[si];
    const t0 = tokens[i].text;
    if (!isNameToken(t0)) {
      i++;
      continue;
    }
    const initial = !!sent && tokens[i].start === sent.start || (i > 0 && /^["“‘(\[]$/.test(tokens[i - 1].text) && tokens[i - 1].start === sent?.start);
    let matched = 0;
    // The run of name-like tokens from here (capitalised words, inner connectors, single spaces) bounds
    // the n-grams worth looking up: most runs are one word, so most tokens cost one lookup.
    let run = 1;
    while (run < 7 && i + run < tokens.length) {
      const tk = tokens[i + run];
      const gap = text.slice(tokens[i + run - 1].end, tk.start);
      if (sent && tk.end > sent.end) break;
      if (gap !== ' ' && gap !== '') break;
      // ("J&K": an ampersand inside a word joins its letters.)
      if (!(isNameToken(tk.text) || CONNECTORS.has(tk.text.toLowerCase()) || tk.text === '-' || (tk.text === '&' && gap === '' && tokens[i + run + 1]?.start === tk.end))) break;
      run++;
    }
    while (run > 1 && !isNameToken(tokens[i + run - 1].text)) run--;
    for (let len = run; len >= 1 && !matched; len--) {
      const last = tokens[i + len - 1];
      if (!isNameToken(last.text)) continue;
      const start = tokens[i].start;
      let end = last.end;
      let surface = text.slice(start, end);
      if (POSSESSIVE.test(surface)) {
        end -= 2;
        surface = surface.slice(0, -2);
      }
      const allCaps = surface.split(/\s+/).every(isAllCaps);
      const query = allCaps && !ABBREVIATED.test(surface) ? titleCase(surface) : surface;
      if (len === 1 && NOT_PLACE_WORDS.has(query.toLowerCase())) continue;
      if (!gaz.has(query) && !(len >= 1 && query.length >= 5 && gaz.hasLoose(query))) continue;
      // A PERSON mention that is exactly the name of a country, province, big city or pack place ("Tunisia")
      // is a tagging slip, unless the word serves as a surname elsewhere in the document; anything longer
      // ("Georgia Smith") stays a person.
      // A name right after a preposition of place ("at Schiphol", "in Canada", "between Coggeshall and
      // Marks Tey") is a place even where the tagger or a surname coreference made it a person.
      const prevWords = tokens.slice(Math.max(0, i - 3), i).map((t) => t.text.toLowerCase());
      if (inBlocked(start, end) && (placePreposition(text, start) || phraseCue(prevWords)) && blocked.some((b) => b.start === start && b.end === end) && !NOT_PLACE_WORDS.has(query.toLowerCase()) && gaz.lookup(query).some((c) => c.match === 'name' || c.match === 'alias')) {
        /* kept: the evidence rules below still decide */
      } else if (inBlocked(start, end) && !(blocked.some((b) => b.start === start && b.end === end) && !surnames.has(surface) && !personTails.has(surface) && !NOT_PLACE_WORDS.has(query.toLowerCase()) && gaz.lookup(query).some((c) => c.fromPack || ((c.kind === 'country' || c.kind === 'admin1' || (c.kind === 'city' && c.population >= 100000)) && (c.match === 'name' || c.match === 'alias'))))) continue;
      if (out.some((o, j) => j < fromMentions && o.start === start && o.end === end)) {
        matched = len; // a mention already covers it
        continue;
      }
      const candidates = gaz.lookup(query).filter((c) => caseFits(surface, c));
      if (!candidates.length) continue;
      const prev = tokens.slice(Math.max(0, i - 3), i).map((t) => t.text.toLowerCase());
      const cued = cuedBy(prev) || (inBlocked(start, end) && (placePreposition(text, start) || phraseCue(prev)));
      const nextTok = tokens[i + len];
      // A capitalised word right after ("Syrian Democratic Forces", "Washington Post") makes this part of
      // a longer name: keep it only as a demonym/country modifier or where a place head follows ("Province").
      const continues = !!nextTok && nextTok.start - end <= 1 && isNameToken(nextTok.text) && !isAllCaps(nextTok.text) && !PLACE_HEADS.has(nextTok.text.toLowerCase());
      // The tail of a longer capitalised run ("Hillary Clinton", "Mr. Tyler"), or a word used so elsewhere
      // in the document, is a person's name, not a town that happens to share it.
      const prevTok = tokens[i - 1];
      const tail =
        len === 1 && !!prevTok && !initial && start - prevTok.end === 1 && text[prevTok.end] === ' ' &&
        (isNameToken(prevTok.text) || /^(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Sen|Rep|Gov|St)\.?$/.test(prevTok.text)) &&
        !LOCATIVE_CUES.has(prevTok.text.toLowerCase()) && !FUNCTION_WORDS.has(prevTok.text.toLowerCase());
      // With the entities stage's mentions present, people are already PERSON spans (blocked above); then
      // a country or state name after another capitalised word is a place in a name ("Building Ireland").
      const countryName = candidates.some((c) => (c.kind === 'country' || c.kind === 'admin1') && (c.match === 'name' || c.match === 'alias'));
      // So is a big city ending an organisation's name after its acronym or brand ("CTV Winnipeg"): a bureau, a branch.
      const orgTail = tail && bigCityName(candidates) && doc.mentions.some((m) => m.type === 'ORG' && m.start < start && m.end === end);
      const personish = len === 1 && ((tail && !(doc.mentions.length && (countryName || orgTail))) || (surnames.has(surface) && !cued));
      const top: Toponym = { start, end, text: surface, candidates, source: 'scan', initial, cued, after: text.slice(end, Math.min(text.length, end + 40)), before: text.slice(Math.max(0, start - 8), start).trimEnd() };
      top.hint = hintOf(prev, nextTok && nextTok.start - end <= 1 ? nextTok.text.toLowerCase() : '', i >= 3 && namesHead(tokens[i - 3].text));
      // "Beverly Hills Police Department", "Cavan Sustainable Energy Group": a town opening an institution's
      // name is where the institution is (the capitalised run after it ends in an institution word).
      const institution = continues && !initial && INSTITUTION_END.test(text.slice(end, tokens[Math.min(tokens.length - 1, i + run + 3)].end).split(/[.,;:!?()]/)[0]);
      // A place found right before, maybe with its kind and an opening bracket or a comma between ("Pratapgarh (UP)", "Poonch district, J&K").
      // (Or a dateline's place in capitals, "CAMP MURRAY, Wash.", which the gazetteer may lack.)
      const afterPlace = out.some((o) => o.end <= start && start - o.end < 24 && PLACE_THEN_QUALIFIER.test(text.slice(o.end, start))) || DATELINE_PLACE.test(text.slice(Math.max(0, start - 40), start));
      if (!enoughEvidence(top, len, continues, allCaps, personish, focus, institution, afterPlace)) {
        // "The Laurel County Sheriff's Office": the words of a longer name the gazetteer knows are no place
        // of their own ("Laurel" of Maryland); skip them.
        if (len > 1 && continues) matched = len;
        continue;
      }
      out.push(top);
      matched = len;
    }
    i += matched || 1;
  }
  // Spans may nest or overlap ("British" inside "British Columbia"): the longest names the place; at
  // equal length the entity mention wins over the scan, and a part of a city wins over both.
  for (let i = out.length - 1; i >= 0; i--) if (onlyDirections(out[i]) || describesDivisionOf(out[i]) || notAPlace(out[i], rules)) out.splice(i, 1);
  // (A PERSON mention blocks a part of a city only when it covers the whole name: "Bab" tagged PERSON is a slip.)
  out.unshift(...partsOfCities(doc, gaz, out, rules, (s, e) => blocked.some((b) => b.start <= s && b.end >= e)));
  const order = out.map((t, i) => ({ t, i })).sort((a, b) => b.t.end - b.t.start - (a.t.end - a.t.start) || a.i - b.i);
  const kept: Toponym[] = [];
  for (const { t } of order) if (!kept.some((k) => k.start < t.end && t.start < k.end)) kept.push(t);
  // Transliteration-folded matches only where the document is about those countries: "Messi" is no
  // Syrian village in a football report.
  const named = new Set<string>();
  for (const t of kept) for (const c of t.candidates) if (c.match !== 'loose' && c.country && (c.kind === 'country' || c.kind === 'admin1' || c.fromPack || c.match === 'demonym')) named.add(c.country);
  return kept
    .filter((t) => !t.noPlace)
    .filter((t) => t.unknown || t.quarterOf || t.candidates.some((c) => c.match !== 'loose' || (c.country && named.has(c.country))))
    .sort((a, b) => a.start - b.start);
}

/**
 * Names that are something else: an outlet ("SANA"), a weapon or product ("Tomahawk cruise missiles",
 * "Scud"). A facility named after a place ("Al-Quds hospital") is marked, and kept or dropped once the
 * document's places are resolved (index.ts). Demonyms and countries keep their own meaning ("Turkish
 * drones", "US base").
 */
function notAPlace(t: Toponym, rules: NotPlaceRules): boolean {
  // (Only "in al-Mayadeen", "the town of ..." can make an outlet's name the town it is also called.)
  if (rules.outlets.has(t.text) && t.hint !== 'village' && t.hint !== 'city' && !/\b(?:in|near|outside|around|into|towards?)$/i.test(t.before)) return true;
  const national = t.candidates.some((c) => c.match === 'demonym' || c.kind === 'country' || c.fcode === 'CONT');
  if (national) return false;
  if (rules.products.has(t.text.toLowerCase())) return true;
  if (rules.product?.test(t.after) && !t.candidates.some((c) => c.kind === 'admin1' || c.kind === 'region')) return true;
  const f = rules.facility?.exec(t.after);
  if (f) t.facility = f[1].toLowerCase();
  return false;
}

/** The divisions (admin1, admin2) a name after a place may stand for ("Donetsk", "Bari", "Idlib province"). */
export function qualifierOf(gaz: Gazetteer, name: string | undefined): Candidate[] {
  if (!name || name.split(/\s+/).every((w) => DIRECTIONAL.has(w.toLowerCase()))) return [];
  const cands = gaz.lookup(name);
  // "South Ossetia, Georgia": a country's name is the country, not the US state.
  if (cands.some((c) => c.kind === 'country' && c.match !== 'loose' && c.match !== 'alt')) return [];
  return cands.filter((c) => (c.kind === 'admin1' || c.kind === 'admin2') && c.match !== 'loose');
}

/**
 * Whether a capitalised run can be the name of a quarter or a village: not "On Tuesday" (a function or
 * calendar word first), not "Pearson International Airport" / "District Court" (an institution's name).
 */
export function plausibleName(name: string, rules: NotPlaceRules, facility = false): boolean {
  const words = name.replace(/^(?:The|A|An) /, '').split(/\s+/);
  const first = words[0].toLowerCase();
  if (FUNCTION_WORDS.has(first) || words.some((w) => w.toLowerCase().split('-').some((x) => CALENDAR.has(x)))) return false;
  // A building or venue in a city ("Jamsil Stadium in Seoul", "Barclays Center in Brooklyn") is a facility
  // at that city: it places there, as a part of the city does.
  if (facility) return !words.every((w) => NOT_PLACE_WORDS.has(w.toLowerCase()));
  if (INSTITUTION_END.test(name) || /\b(?:Centre|Center|Trust|Institute|Court|Hall|Station|Market|Magazine|Times|News|Theatre|Theater|Hotel|Studio|Studios|League|Cup|Academy|Farm|Farms|Restaurant|Cafe|Bar|Store|Mall)$/i.test(name)) return false;
  if (rules.facility?.test(' ' + words[words.length - 1])) return false;
  return !words.every((w) => NOT_PLACE_WORDS.has(w.toLowerCase()));
}
/** Words before "X in CITY" that make X a location ("clashes in X in Aleppo"); "to X in CITY" is often a shop. */
const QUARTER_CUES = new Set(['in', 'near', 'inside', 'shelled', 'bombed', 'bombarded', 'stormed', 'captured', 'entered', 'besieged', 'hit', 'struck', 'targeted', 'raided']);
const CALENDAR = new Set('monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(' '));

const ART = '(?:al|el|ad|ar|as|ash|at|az|ez|an|ed|es|et|en)';
/** A capitalised word of a name, with an attached article ("al-Maqam"); never a possessive ("Aleppo's"). */
const NAME_WORD = `(?:${ART}[-‘’'\`])?\\p{Lu}[\\p{L}\`-]*(?:['’](?!s\\b)\\p{L}+)*`;
const NAME_RE = `(?<![\\p{L}\\p{N}'’-])${NAME_WORD}(?: (?:${ART} )?${NAME_WORD}){0,3}`;
/** A quarter's name, with the connectors of Portuguese and Spanish names ("Morro do Cavalão", "Lins de Vasconcelos"). */
const QUARTER_NAME_RE = `(?<![\\p{L}\\p{N}'’-])${NAME_WORD}(?: (?:${ART} |(?:do|da|dos|das|de|del|de la|de los) )?${NAME_WORD}){0,3}`;
const POSS_RE = new RegExp(`(${NAME_RE})['’]s (?:(?:old|eastern|western|northern|southern|central|besieged|rebel-held|government-held) )?(${NAME_RE})`, 'gu');
const VILLAGE_RE = new RegExp(`\\b(?:village|town|hamlet)s? of (${NAME_RE})|(${NAME_RE}) village\\b`, 'gu');
/** "X (Y)", "X town (Z, Y)", "X, Y", "X in (the countryside of) Y" where Y may be a division: X is then a place of Y. */
/** A division's name, with the connectors of Portuguese and Spanish names ("Mato Grosso do Sul", "Rio Grande do Norte"). */
const DIVISION_RE = `${NAME_RE}(?: (?:do|da|dos|das|de|del|de la) ${NAME_WORD}(?: ${NAME_WORD})?)?`;
const QUALIFIER = `(?: (?:town|village|city|area|district))?(?: \\((?:[^,()]{1,40}, )?(${DIVISION_RE})(?: (?:state|province|governorate|region|oblast|district|county))?\\)|, (${DIVISION_RE})(?: (?:state|province|governorate|region|oblast))?(?![\\p{L}-])(?! \\p{Lu})(?!,?\\s+(?:and|or)\\s|,\\s+\\p{Lu})| in (?:the )?(?:(?:\\p{L}+ )?(?:countryside|outskirts|suburbs|province|governorate|Province|Governorate|Countryside) of )?(${DIVISION_RE})(?![\\p{L}-]))`;
const DISTRICT_RE = new RegExp(`\\b(?:neighbourhood|neighborhood|quarter|district)s? of (${NAME_RE})|(${NAME_RE}) district\\b(?! of)`, 'gu');
const QUALIFIED_RE = new RegExp(`(${NAME_RE})${QUALIFIER}`, 'gu');
const QUALIFIER_AFTER = new RegExp(`^${QUALIFIER}`, 'u');

/** The divisions named right after a place ("X, Donetsk", "X (Z, Bari)"), from the text after it. */
export function qualifierAfter(gaz: Gazetteer, after: string): Candidate[] {
  const m = QUALIFIER_AFTER.exec(after);
  return m ? qualifierOf(gaz, m[1] ?? m[2] ?? m[3]) : [];
}

/**
 * Parts of cities: "the Barzeh district of Damascus", "Bab al-Maqam in Aleppo", "Aleppo's Salaheddin",
 * "the Salaheddin neighbourhood" (then the nearest big city the text names); also the buildings of a city
 * ("the Al-Quds hospital in Aleppo", "Jamsil Stadium in Seoul"): facilities placed where the text says. They resolve to the city,
 * never to a same-named town elsewhere (al-Bab for "Bab al-Nasr"). Also "the village of X" where the
 * gazetteer has no X: an `unknown` toponym that index.ts places by its surroundings.
 */
function partsOfCities(doc: Doc, gaz: Gazetteer, found: Toponym[], rules: NotPlaceRules, blocked: (s: number, e: number) => boolean): Toponym[] {
  const text = doc.view.text;
  const out: Toponym[] = [];
  const taken = (s: number, e: number) => out.some((o) => o.start < e && s < o.end);
  const bigCity = (name: string): Candidate | undefined => {
    let best: Candidate | undefined;
    for (const c of gaz.lookup(name)) {
      if (c.kind !== 'city' || !(c.population >= 100000 || c.fcode === 'PPLA' || c.fcode === 'PPLC')) continue;
      if (!best || c.population > best.population) best = c;
    }
    return best;
  };
  /** A country or province is no quarter; nor, where the text leaves it open ("Idlib's X", "X in Aleppo"), a
   * name the gazetteer places in the city's province more than 10 km away: a town of the province. */
  // (Nor a city of its own: "a Houston suburb".)
  const notQuarter = (name: string) => !plausibleName(name, rules, true) || !!bigCity(name) || gaz.lookup(name).some((c) => (c.kind === 'country' || c.kind === 'admin1') && c.match !== 'loose' && c.match !== 'alt');
  const townElsewhere = (name: string, city: Candidate) =>
    notQuarter(name) ||
    gaz.lookup(name).some((c) => {
      if (c.country !== city.country) return false;
      const d = distanceKm(c.lat, c.lon, city.lat, city.lon);
      return d > 10 && (c.admin1Code === city.admin1Code || d < 60);
    });
  // Where the text says outright that it is a part of the city ("Aleppo's X", "X district of Y"), a PERSON
  // tag on the name is a slip; in "X in Aleppo" it may be a man ("Assad in Damascus").
  const push = (start: number, name: string, city: Candidate, person = false) => {
    const article = /^(?:The|A|An) /.exec(name);
    if (article) [start, name] = [start + article[0].length, name.slice(article[0].length)];
    const end = start + name.length;
    if (taken(start, end) || (person && blocked(start, end)) || rules.outlets.has(name)) return;
    out.push({ start, end, text: name, candidates: [city], source: 'scan', initial: false, cued: true, hint: null, after: text.slice(end, end + 40), before: text.slice(Math.max(0, start - 8), start).trimEnd(), quarterOf: city, quarter: quarterIn(gaz, name, city) });
  };
  const heads = (words: string[]) => (words.length ? alternation(words) : '(?!)');
  const withCity = new RegExp(`(${QUARTER_NAME_RE}) (?:${heads(rules.quarterOf)}) (?:of|in) (?:the )?(?:city of )?(${NAME_RE})`, 'gu');
  const alone = new RegExp(`(${QUARTER_NAME_RE}) (?:${heads(rules.quarterAlone)})\\b(?!-)`, 'gu');
  const inCity = new RegExp(`(${NAME_RE}) in (?:the )?(?:city of )?(${NAME_RE})(?!['’]s)(?! (?:province|governorate|countryside|region|district|rural|suburbs))`, 'gu');
  const cities = found.filter((t) => t.candidates.some((c) => c.kind === 'city' && c.population >= 100000));
  /** The city span must be one the detection found (not "Mary's Turkeys"). */
  const detectedAt = (start: number) => found.some((t) => t.start === start);
  for (const sent of doc.sentences) {
    const s = text.slice(sent.start, sent.end);
    for (const m of s.matchAll(POSS_RE)) {
      const city = detectedAt(sent.start + m.index!) ? bigCity(m[1]) : undefined;
      if (city && !townElsewhere(m[2], city)) push(sent.start + m.index! + m[0].length - m[2].length, m[2], city);
    }
    for (const m of s.matchAll(withCity)) {
      const city = detectedAt(sent.start + m.index! + m[0].length - m[2].length) ? bigCity(m[2]) : undefined;
      if (city && !notQuarter(m[1])) push(sent.start + m.index!, m[1], city);
    }
    // "the encircled district of Al Mallah", "the Al Mallah district": a district of the city the document is
    // about when the gazetteer knows no such district or town in its province.
    for (const m of s.matchAll(DISTRICT_RE)) {
      const name = m[1] ?? m[2];
      const at = sent.start + m.index! + (m[1] ? m[0].length - name.length : 0);
      if (notQuarter(name) || gaz.lookup(name).some((c) => c.kind === 'admin2')) continue;
      let city: Candidate | undefined;
      let best = Infinity;
      for (const t of cities) {
        const c = bigCity(t.text);
        if (c && Math.abs(t.start - at) < best && !townElsewhere(name, c)) [best, city] = [Math.abs(t.start - at), c];
      }
      if (city) push(at, name, city);
    }
    for (const m of s.matchAll(alone)) {
      const at = sent.start + m.index!;
      // The nearest big city named in the text (the quarter of "Aleppo ... the Salaheddin neighbourhood").
      let city: Candidate | undefined;
      let best = Infinity;
      for (const t of cities) {
        const d = Math.abs(t.start - at);
        const c = bigCity(t.text);
        if (c && d < best && !notQuarter(m[1])) [best, city] = [d, c];
      }
      if (city) push(at, m[1], city);
    }
    for (const m of s.matchAll(inCity)) {
      const at = sent.start + m.index!;
      const city = detectedAt(at + m[0].length - m[2].length) ? bigCity(m[2]) : undefined;
      if (!city || townElsewhere(m[1], city) || bigCity(m[1])) continue;
      // Only where the text says it is a location ("clashes in Bab al-Nasr in Aleppo"): "Assad in Damascus" is a man.
      const prev = text.slice(Math.max(0, at - 30), at).toLowerCase().split(/\s+/).filter(Boolean);
      if (cuedBy(prev)) push(at, m[1], city, true);
    }
    for (const m of s.matchAll(VILLAGE_RE)) {
      const name = m[1] ?? m[2];
      const at = sent.start + m.index! + (m[1] ? m[0].length - name.length : 0);
      if (gaz.has(name) || gaz.hasLoose(name) || taken(at, at + name.length) || blocked(at, at + name.length) || rules.outlets.has(name) || !plausibleName(name, rules)) continue;
      // Already a toponym of its own words ("the village of Kafr Nabl" found by the scan) or part of one.
      if (found.some((t) => t.start <= at && t.end >= at + name.length)) continue;
      out.push({ start: at, end: at + name.length, text: name, candidates: [], source: 'scan', initial: false, cued: true, hint: 'village', after: text.slice(at + name.length, at + name.length + 40), before: text.slice(Math.max(0, at - 8), at).trimEnd(), unknown: true });
    }
    // "Sosnovskoye, Donetsk", "Tongaat (eThekwini, KwaZulu-Natal)": a name the gazetteer lacks, qualified by a division it has.
    for (const m of s.matchAll(QUALIFIED_RE)) {
      const name = m[1];
      const at = sent.start + m.index!;
      const divisions = qualifierOf(gaz, m[2] ?? m[3] ?? m[4]);
      // "X in Y" makes X a place only where the text says so before it ("clashes in X in Y", "the town of X in Y").
      if (m[4] && !QUARTER_CUES.has(text.slice(Math.max(0, at - 30), at).toLowerCase().split(/\s+/).filter(Boolean).pop() ?? '') && !/\b(?:village|town|city|area|hamlet)s? of $/i.test(text.slice(Math.max(0, at - 20), at))) continue;
      if (at === sent.start && !isAllCaps(name.split(/\s+/)[0])) continue; // "Ideally, Orange County could ..."
      if (!divisions.length || gaz.has(name) || gaz.hasLoose(name) || taken(at, at + name.length) || blocked(at, at + name.length) || rules.outlets.has(name) || !plausibleName(name, rules)) continue;
      if (found.some((t) => t.start <= at && t.end >= at + name.length)) continue;
      out.push({ start: at, end: at + name.length, text: name, candidates: [], source: 'scan', initial: false, cued: true, hint: 'village', after: text.slice(at + name.length, at + name.length + 40), before: text.slice(Math.max(0, at - 8), at).trimEnd(), unknown: true, qualifier: divisions });
    }
    // "in Acapulco, Guerrero, ... in Colonia Libertad": the neighbourhood is a part of the town named before
    // it, never a namesake town elsewhere. The town is the nearest earlier name that is no state or country
    // ("Guerrero" qualifies Acapulco); where that town is one the gazetteer lacks, the neighbourhood places nothing.
    if (rules.quarterPrefix) for (const m of s.matchAll(rules.quarterPrefix)) {
      const at = sent.start + m.index!;
      const end = at + m[0].length;
      if (taken(at, end) || blocked(at, end)) continue;
      const division = (t: Toponym) => t.candidates.some((c) => (c.kind === 'admin1' || c.kind === 'country') && c.match !== 'loose');
      const town = [...found, ...out].filter((t) => t.end <= at && !t.quarterOf && !t.noPlace && (t.unknown || !division(t))).sort((a, b) => a.end - b.end).pop();
      const towns = town && !town.unknown ? town.candidates.filter((c) => c.kind === 'city') : [];
      const best = towns.reduce<Candidate | undefined>((a, c) => (!a || prior(c) > prior(a) ? c : a), undefined);
      out.push({ start: at, end, text: m[0], candidates: towns, source: 'scan', initial: false, cued: true, hint: null, after: text.slice(end, end + 40), before: text.slice(Math.max(0, at - 8), at).trimEnd(), quarterOf: best, noPlace: !best });
    }
  }
  return out;
}

/**
 * The gazetteer's record of a part of a city: a populated place by that name within 12 km of the city
 * (GeoNames lists many quarters as sections, PPLX, or as villages the city has grown over). The
 * nearest one; none when the gazetteer knows the name only farther away.
 */
function quarterIn(gaz: Gazetteer, name: string, city: Candidate): Candidate | undefined {
  let best: Candidate | undefined;
  let bestKm = 12;
  for (const c of gaz.lookup(name)) {
    if (c.kind !== 'city' || c.idx === city.idx || c.country !== city.country) continue;
    const d = distanceKm(c.lat, c.lon, city.lat, city.lon);
    if (d <= bestKm) [best, bestKm] = [c, d];
  }
  return best;
}

/**
 * Words that end a run of two or three capitalised words which is not itself a place ("Steven Tyler",
 * "Hillary Clinton"): surnames. Elsewhere in the same document the word alone is the same person.
 */
function personNameTails(doc: Doc, gaz: Gazetteer): Set<string> {
  const out = new Set<string>();
  const tokens = doc.tokens;
  const text = doc.view.text;
  // One pass of flags: capitalised-then-lower-case word ("Tyler"), and a single space before the next token.
  const n = tokens.length;
  const word = new Uint8Array(n);
  const spaced = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i].text;
    const c0 = t.charCodeAt(0);
    // Cheap ASCII pre-test before the Unicode regex.
    if ((c0 >= 65 && c0 <= 90) || c0 > 127) word[i] = CAPITALISED_WORD.test(t) ? 1 : 0;
    if (i + 1 < n) spaced[i] = tokens[i + 1].start - tokens[i].end === 1 && text.charCodeAt(tokens[i].end) === 32 ? 1 : 0;
  }
  for (let i = 0; i + 1 < n; i++) {
    if (!word[i] || !word[i + 1] || !spaced[i]) continue;
    const c = tokens[i + 2];
    if (c && spaced[i + 1] && startsUpper(c.text)) continue; // longer runs: organisations, titles
    if (i > 0 && word[i - 1] && spaced[i - 1]) continue;
    const a = tokens[i];
    const b = tokens[i + 1];
    const pair = `${a.text} ${b.text}`;
    if (gaz.has(pair) || gaz.has(a.text) && !NOT_PLACE_WORDS.has(a.text.toLowerCase()) && gaz.lookup(a.text).some((x) => x.kind !== 'city' || x.population >= 100000)) continue;
    // "Bank Malta", "Local Ireland": a country, province or pack place after another word is no surname.
    if (gaz.lookup(b.text).some((x) => x.fromPack || ((x.kind === 'country' || x.kind === 'admin1' || x.fcode === 'CONT') && (x.match === 'name' || x.match === 'alias')))) continue;
    out.add(b.text);
  }
  return out;
}
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}+$/u;

/**
 * Hyphenated compounds hide names: "London-based", "Amsterdam-London", "Turkish-backed". Where the whole
 * token is no place name, its capitalised parts become tokens of their own (with their own offsets);
 * attached articles ("ez-Zor", "al-Anbar") and hyphenated names ("Guinea-Bissau") stay whole.
 */
function splitCompounds(tokens: Token[], gaz: Gazetteer): Token[] {
  let out: Token[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const dash = t.text.indexOf('-');
    if (dash <= 0 || /^(?:al|el|ad|ar|as|ash|at|az|ez|an|ed|es|et|en)-/i.test(t.text) || gaz.has(t.text)) {
      out?.push(t);
      continue;
    }
    out ??= tokens.slice(0, i);
    let start = t.start;
    for (const part of t.text.split('-')) {
      if (part) out.push({ start, end: start + part.length, text: part });
      start += part.length + 1;
    }
  }
  return out ?? tokens;
}

/**
 * "the Northern Province of Aleppo", "the Eastern Region of Deir ez-Zor": a direction and a division noun
 * before "of NAME" describe NAME's division, even where some country has a division called that
 * ("Northern Province" of Sri Lanka). Without "of" ("in the Northern Province") the name stands.
 */
function describesDivisionOf(t: Toponym): boolean {
  const words = t.text.toLowerCase().split(/\s+/);
  if (words.length < 2 || !DIVISION_NOUNS.has(words[words.length - 1])) return false;
  if (!words.slice(0, -1).every((w) => DIRECTIONAL.has(w))) return false;
  return /^\s+of\s+(?:the\s+)?\p{Lu}/u.test(t.after);
}
const DIVISION_NOUNS = new Set(['province', 'governorate', 'region', 'district', 'state', 'countryside', 'sector', 'front', 'zone', 'part', 'area', 'suburbs', 'outskirts']);

const bigCityName = (cs: Candidate[]) => cs.some((c) => c.kind === 'city' && c.population >= 100000 && c.match === 'name');
const DATELINE_PLACE = /(?:^|\n)\s*\p{Lu}[\p{Lu}'’. -]*\p{Lu},\s*$/u;
const PLACE_THEN_QUALIFIER = /^(?:\s+\p{Ll}+)?\s*[,(]\s*$/u;
/** Prepositions that put what follows in a place, never (or hardly ever) before a person's name. */
const PLACE_PREPOSITION_BEFORE = /(?:^|[\s(])(?:in|at|near|outside|inside|across|throughout|between|beyond|around|[Ii]n|At|Near|Outside|Across|Throughout|Between|Beyond)\s+$/;
/** "between Coggeshall and Marks Tey": the second name of a pair after "between" too. */
const BETWEEN_PAIR = /\bbetween\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}\s+and\s+$/u;
function placePreposition(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 60), start);
  return PLACE_PREPOSITION_BEFORE.test(before.slice(-14)) || BETWEEN_PAIR.test(before);
}

/** "South", "Far North", "North West": directions, unless they name a country. */
function onlyDirections(t: Toponym): boolean {
  const words = t.text.toLowerCase().split(/[\s]+/);
  if (!words.every((w) => DIRECTIONAL.has(w))) return false;
  return !t.candidates.some((c) => c.kind === 'country' || c.fcode === 'CONT' || c.fcode === 'OCN' || c.fromPack);
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a, b) => a + b.toUpperCase());
}

/** Abbreviations ("US", "UK") only when written in capitals, so that the pronoun "us" never matches. */
function caseFits(surface: string, c: Candidate): boolean {
  if (c.match === 'alias' && surface.length <= 4) return /^[A-Z.&]+$/.test(surface);
  // An acronym ("UN", "EU", "UAE") names a country, a region or a division by its abbreviation, never a
  // town that happens to be spelled with those letters (Un, India).
  if (ABBREVIATED.test(surface) && c.kind === 'city' && !c.fromPack) return false;
  return true;
}

const VILLAGE_WORDS = new Set(['village', 'villages', 'town', 'towns', 'hamlet', 'hamlets', 'settlement']);
// ("The Hama countryside", "the countryside of Idlib": the rural part of the province, which is how reports place it.)
const ADMIN_WORDS = new Set(['province', 'provinces', 'governorate', 'governorates', 'district', 'state', 'county', 'region', 'countryside']);

/** "the village of X", "X village", "X province", "the city of X": what kind of place the text says it is. */
/** "the Barzeh district of": a name before the division noun makes it that name's division (a direction does not: "the Northern Province of"). */
function namesHead(word: string): boolean {
  return isNameToken(word) && !DIRECTIONAL.has(word.toLowerCase());
}

function hintOf(prev: string[], next: string, namedHead = false): Toponym['hint'] {
  const before = prev.slice(-3);
  if (VILLAGE_WORDS.has(next) || before.some((w) => VILLAGE_WORDS.has(w))) return 'village';
  // "the (northern) province of X" names X's division; "the Barzeh district of X" names a part of X, not X's district.
  const headOf = before[before.length - 1] === 'of' && ADMIN_WORDS.has(before[before.length - 2]) && !namedHead;
  if (ADMIN_WORDS.has(next) || headOf) return 'admin';
  if (next === 'city' || (before[before.length - 1] === 'of' && before.includes('city'))) return 'city';
  return null;
}

/** A cue of two or three words ("the city of", "suburb of", "based in"): never before a person's name. */
function phraseCue(prev: string[]): boolean {
  return LOCATIVE_CUES.has(prev.slice(-2).join(' ')) || LOCATIVE_CUES.has(prev.slice(-3).join(' '));
}

function cuedBy(prev: string[]): boolean {
  const p1 = prev[prev.length - 1];
  const p2 = prev.slice(-2).join(' ');
  const p3 = prev.slice(-3).join(' ');
  return LOCATIVE_CUES.has(p1) || LOCATIVE_CUES.has(p2) || LOCATIVE_CUES.has(p3);
}

/**
 * Does a scanned span carry enough evidence to be a toponym? Countries, first-level divisions,
 * demonyms and the packs' places do; a town needs population, or a locative cue, or an apposition
 * naming its state or country ("Oxford, North Carolina"). Capitals say nothing sentence-initially.
 */
function enoughEvidence(t: Toponym, len: number, continues: boolean, allCaps: boolean, personish: boolean, focus: Set<string>, institution = false, afterPlace = false): boolean {
  // Abbreviations ("Ky.", "Calif.", "B.C.") only in apposition after a place: "Louisville, Ky.", and in
  // brackets after one: "Pulwama city (J&K)", "(Poonch district, J&K)". One in capitals without a full stop
  // ("UP", "KPK") could be a company in a list ("Dell, HP and Lenovo"): only right after a place found.
  const real = t.candidates.filter((c) => c.match !== 'abbrev');
  // "Mo." is the abbreviation with its full stop (which may end the sentence too): the span takes it.
  const takeStop = () => {
    if (/^\p{Lu}\p{Ll}+$/u.test(t.text) && t.after.startsWith('.')) [t.end, t.text, t.after] = [t.end + 1, t.text + '.', t.after.slice(1)];
    return true;
  };
  if (!real.length) {
    if (t.initial) return false;
    // "(UP)", "(Poonch district, J&K)": the abbreviation closing a bracket qualifies what the bracket follows.
    const bracketed = (t.before.endsWith('(') && /^\s*[),]/.test(t.after)) || (t.before.endsWith(',') && /^\s*\)/.test(t.after));
    if (!t.before.endsWith(',') && !bracketed) return false;
    return (t.text.includes('.') || bracketed || afterPlace) && takeStop();
  }
  // "PARIS, Mo.", "CAMP MURRAY, Wash.": right after a place and a comma, a word with the abbreviation's
  // full stop is the state, not the town or feature that shares its letters (Mo i Rana, The Wash).
  if (real.length < t.candidates.length && afterPlace && t.before.endsWith(',') && /^\.(?!\p{L})/u.test(t.after)) {
    t.candidates = t.candidates.filter((c) => c.match === 'abbrev');
    return takeStop();
  }
  if (real.length < t.candidates.length) t.candidates = real;
  // Demonyms modify the next name ("Turkish President", "Kurdish YPG") and still point at a place.
  if (t.candidates.some((c) => c.match === 'demonym')) return true;
  const strong = t.candidates.some((c) => c.fromPack || c.kind === 'country' || c.match === 'alias');
  if (strong && !continues && !(personish && !t.candidates.some((c) => c.fromPack))) return true;
  // A country, state or province opening an institution's name still names it ("Texas A&M",
  // "Pakistan Army", "Jamaica Cancer Society"): toponyms embedded in names count.
  if (institution && !personish && t.candidates.some((c) => c.kind === 'city' && c.population >= 1000 && c.match === 'name')) return true;
  if (continues && !personish && t.candidates.some((c) => ((c.kind === 'admin1' || c.kind === 'country' || (c.kind === 'city' && c.population >= 100000) || (c.kind === 'admin2' && len > 1)) && (c.match === 'name' || c.match === 'alias')) || c.fcode === 'CONT' || c.fcode === 'OCN')) return true;
  if (continues || personish) return false;
  const maxPop = Math.max(...t.candidates.map((c) => (c.kind === 'city' ? c.population : 0)));
  const admin = t.candidates.some((c) => c.kind === 'admin1' && c.match !== 'loose');
  const feature = t.candidates.some((c) => (c.kind === 'feature' || c.kind === 'region') && (len > 1 || c.match === 'name'));
  const admin2 = t.candidates.some((c) => c.kind === 'admin2' && len > 1);
  const apposition = /^,\s+\p{Lu}/u.test(t.after);
  if (t.initial && len === 1) return admin || maxPop >= 100000 || (t.cued && maxPop >= 1000);
  if (allCaps) return admin || maxPop >= 20000 || t.candidates.some((c) => c.fcode === 'CONT' || c.fcode === 'OCN');
  if (admin || feature || admin2) return true;
  if (maxPop >= 15000) return true;
  if (t.cued || apposition) return t.candidates.some((c) => c.match !== 'loose' || c.kind === 'city');
  // A multi-word name spelled exactly as a village of the pack's focus countries ("Kafr Nabudah") is
  // that village: such names rarely mean anything else.
  if (len > 1 && t.candidates.some((c) => c.kind === 'city' && c.match === 'name' && !!c.country && focus.has(c.country))) return true;
  return len > 1 && maxPop >= 1000;
}

function fromMention(doc: Doc, m: Mention, gaz: Gazetteer): Toponym | null {
  let start = m.start;
  let end = m.end;
  let text = doc.slice(m);
  const the = /^the\s+/i.exec(text);
  if (the) {
    start += the[0].length;
    text = text.slice(the[0].length);
  }
  if (POSSESSIVE.test(text)) {
    end -= 2;
    text = text.slice(0, -2);
  }
  let candidates = gaz.lookup(text).filter((c) => caseFits(text, c));
  if (m.type === 'NORP') candidates = candidates.filter((c) => c.match === 'demonym' || c.kind === 'country');
  if (!candidates.length) return null;
  // The tagger says "a place", but if the gazetteer knows only unpopulated namesakes under other or
  // folded spellings ("Mohamed" -> a hamlet "Muhammad"), that is a tagging slip, not a village.
  if (candidates.every((c) => c.kind === 'city' && c.population < 1000 && c.match !== 'name' && !c.fromPack)) return null;
  const prevText = doc.view.text.slice(Math.max(0, start - 30), start).toLowerCase().split(/\s+/).filter(Boolean);
  const after = doc.view.text.slice(end, end + 40);
  const prevRaw = doc.view.text.slice(Math.max(0, start - 30), start).split(/\s+/).filter(Boolean);
  const hint = hintOf(prevText.slice(-3), /^\s(\p{L}+)/u.exec(after)?.[1]?.toLowerCase() ?? '', prevRaw.length >= 3 && namesHead(prevRaw[prevRaw.length - 3]));
  return { start, end, text, candidates, source: 'mention', initial: false, cued: cuedBy(prevText), hint, after, before: doc.view.text.slice(Math.max(0, start - 8), start).trimEnd() };
}

