import type { Mention, Range } from '../../../doc.ts';
import type { ActorClass, NamedActor, RoleLexicon } from './lexicon.ts';
import { slug } from '../../entities/normalize.ts';
import type { RoleInput } from './index.ts';

/**
 * The actor phrases of a clause: named groups (ORG mentions; a country or nationality only where
 * it owns forces or is the subject of an act) and generic actor nouns ("troops", "gunmen",
 * "protesters", "civilians") with what says whose they are: a nationality or country ("Syrian
 * troops", "Turkey's army", lower-cased "indian police"), a government ("regime jets"), an owner
 * named before ("X-led raids", "IS fighters") or after ("fighters of the Islamic State group").
 */
export interface Candidate extends Range {
  /** A named entity: its id and canonical name. */
  entity?: string;
  name?: string;
  named: boolean;
  namedActor?: NamedActor;
  /** The generic class of the phrase's head noun (also for a named phrase whose head is one). */
  cls?: ActorClass;
  /** Read as a generic actor of `cls` and `country` (the name only said whose it is). */
  generic: boolean;
  /** ISO alpha-2 the phrase says it belongs to. */
  country?: string | null;
  /** Its head is a weapon or an act of a force ("jets", "air strikes"), and something owns it. */
  instrument: boolean;
  owned: boolean;
  /** A reporting body: never an actor. */
  source: boolean;
}

const ACTOR_TYPES = new Set(['ORG', 'NORP', 'GPE']);
const verbAfterCache = new WeakMap<RoleLexicon, RegExp>();
const subjectCache = new WeakMap<RoleLexicon, RegExp>();

export function candidatesOf(input: RoleInput, lex: RoleLexicon): Candidate[] {
  const { text, clause } = input;
  const named: Candidate[] = [];
  const ms = input.mentions
    .filter((m) => ACTOR_TYPES.has(m.type) && m.start >= clause.start && m.end <= clause.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let verbAfter = verbAfterCache.get(lex);
  if (!verbAfter) {
    verbAfter = new RegExp(`^\\s+(?:has\\s+|have\\s+|had\\s+|also\\s+|reportedly\\s+)*(?:${lex.actVerbs.source})`, 'iu');
    verbAfterCache.set(lex, verbAfter);
  }
  for (const m of ms) {
    const na = lex.named.get(m.entity);
    // The outermost mention only ("Syrian" inside "the Syrian Democratic Forces"); but a group the
    // pack knows inside a phrase it does not ("Lebanese Hezbollah fighters") names that phrase.
    const outer = named.find((c) => c.start <= m.start && c.end >= m.end);
    if (outer) {
      if (m.type === 'ORG' && na && !outer.namedActor && outer.named) Object.assign(outer, { entity: m.entity, name: m.name, namedActor: na, source: isSource(m, na, lex) });
      continue;
    }
    if (m.type !== 'ORG') {
      // A country acts through its forces only as the subject of an act ("Turkey shelled ...").
      const cc = countryOf(m, input, lex);
      if (!cc || !verbAfter.test(text.slice(m.end, Math.min(clause.end, m.end + 60)))) continue;
      // "... in northern Syria killing dozens": a place after a preposition is where, not who.
      if (lex.adjunct.test(text.slice(Math.max(clause.start, m.start - 20), m.start))) continue;
      named.push({ start: m.start, end: m.end, named: false, generic: true, cls: lex.classes.get('military'), country: cc, instrument: false, owned: true, source: false });
      continue;
    }
    // "Syrian or Russian warplanes", "Syrian and Russian jets" (the second a force the pack
    // knows): the first nationality's forces are the first side named, the other its partner.
    if (na?.force) {
      const co = /([\p{L}]+)\s+(?:and|or)\s+$/u.exec(text.slice(Math.max(clause.start, m.start - 40), m.start));
      const cc = co && lex.demonyms.test(co[1]) ? lex.demonymCountry[lex.demonyms.exec(co[1])!.slice(1).findIndex((g) => g !== undefined)] : null;
      if (co && cc && cc !== na.country && !named.some((c) => c.end > m.start - co[0].length && c.start < m.start)) {
        const start = m.start - co[0].length;
        named.push({ start, end: start + co[1].length, named: false, generic: true, cls: lex.classes.get('military'), country: cc, instrument: true, owned: true, source: false });
      }
    }
    // "IS group suicide blast", "Hezbollah shelling": the group owns the act named after it.
    const owns = lex.actNounAfter.test(text.slice(m.end, Math.min(clause.end, m.end + 40)));
    named.push({
      start: m.start,
      end: m.end,
      entity: m.entity,
      name: m.name,
      named: true,
      namedActor: na,
      generic: false,
      instrument: owns,
      owned: owns,
      source: isSource(m, na, lex),
    });
  }
  const out: Candidate[] = [...named];
  const slice = text.slice(clause.start, clause.end);
  lex.nouns.lastIndex = 0;
  /** Where a compound of actor nouns starts ("police officers", "military police forces"). */
  let compound: number | null = null;
  for (let m = lex.nouns.exec(slice); m; m = lex.nouns.exec(slice)) {
    const start = clause.start + m.index;
    const end = start + m[0].length;
    const k = m.slice(1).findIndex((g) => g !== undefined);
    let cls = lex.classes.get(lex.classOrder[k]);
    if (!cls) continue;
    const after = text.slice(end, Math.min(clause.end, end + 40));
    if (lex.notActorAfter.test(after) || lex.notActorBefore.test(after)) continue;
    // A noun before another actor noun modifies it ("military police", "army troops"): the second is the head.
    const next = /^\s+/.exec(after);
    if (next) {
      lex.nouns.lastIndex = 0;
      const h = lex.nouns.exec(after.slice(next[0].length));
      lex.nouns.lastIndex = m.index + m[0].length;
      if (h && h.index === 0) {
        compound ??= start;
        continue;
      }
    }
    const phraseStart = compound ?? start;
    compound = null;
    // "police firing", "army shelling": the actor owns the act named after it.
    const instrument = lex.instruments.test(m[0]) || lex.actNounAfter.test(after);
    // Inside a name: a name of the pack ("Syrian Democratic Forces") is that actor; a name the
    // tagger made of a nationality and this noun ("Syrian troops") is read as the generic actor.
    const host = named.find((c) => c.named && c.start <= start && c.end >= end);
    const across = !host && named.find((c) => c.named && !c.namedActor && !c.source && c.start < start && c.end > start && c.end < end);
    if (across) across.end = end; // "Russian fighter" + "fighter jets": one phrase up to the noun
    const h = host || across;
    if (h) {
      const host = h;
      if (host.namedActor || host.end !== end || host.source) continue;
      const mod = modifiers(text, host.start, start, input, lex, named);
      // Only when the words before the noun say whose it is ("Syrian troops", "Kurdish fighters");
      // a name of its own ("ISGS militants", "Shabaab fighters") stays that group.
      let rest = text.slice(host.start, mod.start);
      // Nationalities, peoples and places the layers know are modifiers too ("Kurdish", "Jubaland").
      for (const x of input.mentions) if ((x.type === 'NORP' || x.type === 'GPE') && x.start >= host.start && x.end <= mod.start) rest = rest.replace(x.text, ' ');
      for (const pl of input.places) if (pl.start >= host.start && pl.end <= mod.start) rest = rest.replace(pl.text, ' ');
      if (!/^\s*(?:the\s+)?[\s-]*$/i.test(rest) || (mod.nameRun && !input.mentions.some((x) => (x.type === 'NORP' || x.type === 'GPE') && x.start <= mod.nameRun!.start && x.end >= mod.nameRun!.end))) {
        host.cls = cls;
        host.instrument = instrument;
        host.owned = true;
        continue;
      }
      host.generic = true;
      host.cls = cls;
      host.country = mod.country;
      if (mod.opposition) host.cls = lex.classes.get('rebels') ?? cls;
      host.instrument = instrument;
      host.owned = mod.owned;
      continue;
    }
    if (named.some((c) => c.start < end && c.end > start)) continue;
    // A compound begun inside a name ("US-led coalition" + "coalition air strike"): the name owns the noun.
    const inName = named.some((c) => c.named && c.start < phraseStart && c.end > phraseStart && c.end <= start);
    const mod = modifiers(text, clause.start, inName ? start : phraseStart, input, lex, named);
    if (mod.opposition && (cls.state || cls.name === 'armed')) cls = lex.classes.get('rebels') ?? cls;
    if (cls.ownedOnly && !mod.owned) continue;
    // "unidentified warplanes": a state's forces of unknown origin.
    if (mod.unknown && cls.name === 'military' && lex.classes.has('unknown_military')) cls = lex.classes.get('unknown_military')!;
    const owner = mod.owner;
    const acronym = !!mod.nameRun && /^\p{Lu}{2,}[\p{Lu}\d-]*$/u.test(text.slice(mod.nameRun.start, mod.nameRun.end));
    if (mod.nameRun && ((!cls.state && !cls.victim && cls.name !== 'protesters' && cls.name !== 'rioters') || (acronym && cls.state && !mod.country))) {
      // "ISGS militants", "Al shabaab fighters": a group the entity layer did not name.
      const name = text.slice(mod.nameRun.start, mod.nameRun.end);
      out.push({ start: mod.nameRun.start, end, entity: `org:${slug(name)}`, name, named: true, generic: false, cls, instrument, owned: true, source: false });
      continue;
    }
    // (a named force with no one country, "the US-led coalition air strike", is that force too)
    if (owner && owner.named && !owner.generic && !(owner.namedActor?.force && owner.namedActor.country) && !owner.source) {
      // "IS fighters", "Hezbollah drones": the named group acts; its phrase runs to the noun.
      owner.end = end;
      owner.instrument ||= instrument;
      owner.owned = true;
      owner.cls ??= cls;
      continue;
    }
    if (owner && owner.namedActor?.force && owner.namedActor.country) {
      // "Syrian regime jets", "the Iraqi government's forces": the state's forces.
      const i = out.indexOf(owner);
      if (i >= 0) out.splice(i, 1);
      const stateCls = cls.state ? cls : owner.namedActor.force === 'police' ? lex.classes.get('police') : lex.classes.get('military');
      out.push({ start: owner.start, end, named: false, generic: true, cls: stateCls ?? cls, country: owner.namedActor.country, instrument, owned: true, source: false });
      continue;
    }
    // "bombers from Russia", "the forces of Turkey": the country after the noun.
    let country = mod.country;
    if (!country && cls.state) {
      const of = /^\s+(?:from|of)\s+(?:the\s+)?/i.exec(after);
      const pl = of && input.places.find((p) => p.start === end + of[0].length && p.kind === 'country');
      if (pl) country = pl.country;
    }
    out.push({ start: mod.start, end, named: false, generic: true, cls, country, instrument, owned: mod.owned || !!country || (instrument && !lex.instruments.test(m[0])), source: false });
  }
  // A capitalised name no layer knows, right before an act verb, is a group acting ("Boko Haram
  // raided", "Ansar al Tawhid ended"): names of people and places are mentions or places already.
  let subj = subjectCache.get(lex);
  if (!subj) {
    subj = new RegExp(`((?:\\p{Lu}[\\p{L}'’-]+|\\p{Lu}{2,})(?:\\s+(?:\\p{Lu}[\\p{L}'’-]*|al|el|ad|ash|wa))*)(?=\\s+(?:has\\s+|have\\s+|had\\s+|reportedly\\s+|allegedly\\s+)*(?:${lex.actVerbs.source}))`, 'gu');
    subjectCache.set(lex, subj);
  }
  subj.lastIndex = 0;
  for (let m = subj.exec(slice); m; m = subj.exec(slice)) {
    const start = clause.start + m.index;
    const end = start + m[1].length;
    const first = m[1].split(/\s+/)[0];
    if (NOT_NAME.test(first) || lex.demonyms.test(first)) continue;
    // (a group the tagger took for a person: only when a word of its name says it is a group, "Boko Haram")
    const groupWords = lex.namedInter.some((n) => m![1].split(/\s+/).some((w) => n.words.test(w)));
    if (out.some((c) => c.start < end && c.end > start) || input.mentions.some((x) => x.start < end && x.end > start && !(x.type === 'PERSON' && groupWords)) || input.places.some((p) => p.start < end && p.end > start)) continue;
    // After a preposition it is a place or a time ("located at Marzili fired").
    if (lex.adjunct.test(text.slice(Math.max(clause.start, start - 30), start)) || /\b(?:at|by|on)\s+$/i.test(text.slice(Math.max(clause.start, start - 5), start))) continue;
    // A title-case word opening the sentence ("Fighting", "Clashes") is no name.
    if (text.slice(clause.start, start).trim() === '' && !/\s/.test(m[1]) && !/^\p{Lu}{2,}/u.test(m[1])) continue;
    lex.nouns.lastIndex = 0;
    if (lex.nouns.test(m[1])) continue;
    out.push({ start, end, entity: `org:${slug(m[1])}`, name: m[1], named: true, generic: false, instrument: false, owned: false, source: false });
  }
  lex.nouns.lastIndex = 0;
  // "fighters of the Islamic State group", "gunmen from the PKK": the named group is the actor.
  const kept: Candidate[] = [];
  for (const c of out.sort((a, b) => a.start - b.start)) {
    if (c.generic && !c.country && !c.cls?.state && !c.cls?.victim) {
      const n = out.find((o) => o.named && !o.generic && !o.source && o.start >= c.end && partOf(text.slice(c.end, o.start), lex));
      if (n) {
        n.start = c.start;
        n.cls ??= c.cls;
        continue;
      }
    }
    kept.push(c);
  }
  return kept;
}

function partOf(between: string, lex: RoleLexicon): boolean {
  const t = between.replace(/\b(?:the|a|an)\s+$/i, '');
  const m = lex.partOf.exec(t);
  return !!m && t.slice(0, m.index).trim() === '';
}

interface Mods {
  start: number;
  /** A capitalised name or acronym right before the noun, that no layer knows. */
  nameRun?: Range;
  unknown?: boolean;
  country: string | null;
  owner: Candidate | null;
  owned: boolean;
  opposition: boolean;
}

/** Capitalised words that are no group's name. */
const NOT_NAME = /^(?:The|A|An|On|In|At|By|Of|For|From|With|And|But|Or|As|After|Before|During|When|While|Some|Several|Many|Two|Three|Four|Five|Local|Suspected|Armed|Unidentified|Unknown|Other|Around|About|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Police|Security|Government|State|Army|Military|Regime|Opposition|Rebel|Islamist|Jihadist|Tribal|Kurdish|Arab|Sunni|Shia|Shiite|Muslim|Christian|Hindu|Sikh)$/;

const PREV_WORD = /([\p{L}\p{N}][\p{L}\p{N}.'’-]*)(\s*)$/u;

/** Read the words before a generic noun, right to left, for whose it is. */
function modifiers(text: string, floor: number, nounStart: number, input: RoleInput, lex: RoleLexicon, named: Candidate[]): Mods {
  const out: Mods = { start: nounStart, country: null, owner: null, owned: false, opposition: false };
  let p = nounStart;
  for (let i = 0; i < 5 && p > floor; i++) {
    const before = text.slice(Math.max(floor, p - 60), p);
    // An owner right before: "Turkey's", "the US-led", "ISIS", "the regime's".
    const owner = named.find((c) => c.end <= p && c.start >= floor && /^(?:\s*['’]s?)?\s*$|^\s?[-‐‑–]\s?\p{L}+\s*$/u.test(text.slice(c.end, p)) && (text.slice(c.end, p).trim() === '' || /^['’]/.test(text.slice(c.end, p).trim()) || lex.ownerSuffix.test(text.slice(c.end, p))));
    if (owner) {
      out.owner = owner;
      out.owned = true;
      out.start = owner.start;
      out.country ??= owner.country ?? owner.namedActor?.country ?? null;
      break;
    }
    let m = PREV_WORD.exec(before);
    // "Syrian and Russian warplanes", "Iraqi or Turkish jets": the first nationality is the
    // owner, unless the second is the country's own ("Russian and Syrian jets" over Idlib).
    if (m && /^(?:and|or)$/i.test(m[1]) && out.country && p !== nounStart) {
      const b2 = text.slice(Math.max(floor, p - m[0].length - 40), p - m[0].length);
      const m2 = PREV_WORD.exec(b2);
      if (m2 && lex.demonyms.test(m2[1])) {
        const home = input.eventCountry ?? input.focusCountry;
        p -= m[0].length;
        m = m2;
        if (!home || out.country !== home) out.country = null;
      }
    }
    if (!m || !m[2] && p !== nounStart) break;
    const w = m[1].replace(/['’]s$/, '');
    const ws = p - m[0].length;
    const place = input.places.find((pl) => pl.start <= ws && pl.end >= ws + m[1].length - (m[1].length - w.length) && (pl.demonym || pl.kind === 'country'));
    const d = lex.demonyms.exec(w);
    if (place?.country || d) {
      out.country ??= place?.country ?? lex.demonymCountry[d!.slice(1).findIndex((g) => g !== undefined)] ?? null;
      out.owned = true;
      out.start = place ? Math.min(place.start, ws) : ws;
      p = out.start;
      continue;
    }
    if (lex.state.test(w)) {
      out.owned = true;
      out.start = ws;
      p = ws;
      continue;
    }
    if (lex.opposition.test(w)) {
      out.opposition = true;
      out.owned = true;
      out.start = ws;
      p = ws;
      continue;
    }
    if (lex.unknown.test(w) || /^(?:pro|anti)-/i.test(w)) {
      out.unknown ||= lex.unknown.test(w) && !/^armed$/i.test(w);
      out.start = ws;
      p = ws;
      continue;
    }
    // A name only right before the noun ("ISGS militants"), capitalised or an acronym, not a
    // time, a function word or the first word of a sentence in title case.
    if (p === nounStart && /^(?:\p{Lu}{2,}[\p{Lu}\d-]*|\p{Lu}[\p{Ll}'’-]+)$/u.test(w) && !NOT_NAME.test(w) && !input.places.some((pl) => pl.start <= ws && pl.end > ws)) {
      let s0 = ws;
      // Take the capitalised words before it too ("Al Shabaab", "Ansar al-Islam").
      for (let j = 0; j < 3; j++) {
        const pm = PREV_WORD.exec(text.slice(Math.max(floor, s0 - 40), s0));
        if (!pm || !/^(?:\p{Lu}[\p{L}'’-]*|al|el|ad|ash)$/u.test(pm[1]) || NOT_NAME.test(pm[1])) break;
        s0 -= pm[0].length;
      }
      const atStart = text.slice(floor, s0).trim() === '';
      if (!(atStart && /^\p{Lu}\p{Ll}/u.test(w) && s0 === ws)) out.nameRun = { start: s0, end: ws + m[1].length };
    }
    break;
  }
  return out;
}

/** The country a GPE or NORP mention stands for: the places layer, else the pack's adjectives. */
function countryOf(m: Mention, input: RoleInput, lex: RoleLexicon): string | null {
  const pl = input.places.find((p) => p.start <= m.start && p.end >= m.end && (p.kind === 'country' || p.demonym));
  if (pl?.country) return pl.country;
  const d = lex.demonyms.exec(m.text);
  return d ? lex.demonymCountry[d.slice(1).findIndex((g) => g !== undefined)] ?? null : null;
}

function isSource(m: Mention, na: NamedActor | undefined, lex: RoleLexicon): boolean {
  if (na?.source) return true;
  if (lex.outlets.has(m.text.toLowerCase().replace(/^the\s+/, '')) || (m.name && lex.outlets.has(m.name.toLowerCase()))) return true;
  // A wire credit run into a name ("NGO AFP", "Monitor Reuters"): a word of it is an outlet.
  if (!na?.inter && !na?.force && (m.text.match(/[\p{L}]+/gu) ?? []).some((w) => w.length > 2 && lex.outlets.has(w.toLowerCase()))) return true;
  if (na?.inter || na?.force) return false;
  return (m.text.match(/[\p{L}]+/gu) ?? []).some((w) => lex.sourceWords.test(w));
}
