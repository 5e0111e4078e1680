import type { EventActor, EventType, Mention, Place, Range } from '../../../doc.ts';
import type { Attribution } from '../attribution.ts';
import type { Lexicon } from '../lexicon.ts';
import type { RoleLexicon } from './lexicon.ts';
import { candidatesOf, type Candidate } from './candidates.ts';
import { sourceZones } from './sources.ts';
import { nameActor } from './naming.ts';

/**
 * Who did what to whom, read from the clause's grammar (a small rule-based agent/patient reader,
 * in the spirit of shallow semantic role labelling; no parser):
 *
 *   1. the clause's act verb nearest the event trigger, and its voice: a "be" auxiliary before a
 *      participle, or a participle followed by "by"/"in"/... after a victim ("15 civilians killed
 *      in air strikes"), is passive;
 *   2. actor phrases: named groups, generic actor nouns with what says whose they are ("Syrian
 *      troops", "Turkey's army", "regime jets"), never a source that reports the act;
 *   3. roles: active voice, the agent is the phrase nearest before the verb outside any
 *      prepositional adjunct and the patient the first after it (or after the act's "on",
 *      "against", "at"); passive voice, the patient is before the verb and the agent the "by X";
 *      a force's weapon ("Turkish air strikes", "X-led raids") makes its owner the agent wherever
 *      it stands; "between X and Y" and reciprocal verbs ("X clashed with Y") give two sides;
 *      "backed by X", "alongside X" an associated actor;
 *   4. ACLED conventions: victims (civilians) are never the agent; a protest's actor1 is the
 *      protesters, a riot's the rioters (unless state forces act on them); an attack on civilians
 *      with no victim named has "Civilians (country)" as its patient.
 * Every actor gets ACLED's actor class `inter` and an ACLED-style `acledName` (naming.ts).
 */
export interface RoleInput {
  text: string;
  clause: Range;
  trigger: Range;
  type: EventType;
  subtype: string;
  /** The sentence's entity mentions and places (demonyms included). */
  mentions: Mention[];
  places: Place[];
  attr: Attribution | null;
  /** ISO alpha-2 of where the event happened, and of the document's focus. */
  eventCountry: string | null;
  focusCountry: string | null;
}

interface Verb extends Range {
  passive: boolean;
  reciprocal: boolean;
  /** "-ing" form: an adjunct act ("..., killing 20 people") or a nominal one. */
  gerund: boolean;
}

export function readRoles(input: RoleInput, lex: RoleLexicon, evLex: Lexicon): EventActor[] {
  const { text, clause } = input;
  const zones = sourceZones(text, clause, input.attr, evLex, lex);
  const inZone = (r: Range) => zones.some((z) => r.start >= z.start && r.end <= z.end);
  const cands = candidatesOf(input, lex).filter((c) => !inZone(c) && !c.source);
  if (!cands.length && !defaultsApply(input.type)) return [];
  const verbs = actVerbs(text, clause, lex, cands).filter((v) => !inZone(v));
  const main = mainVerb(verbs, input.trigger);
  const before = (c: Candidate) => text.slice(clause.start, c.start);
  const prep = (c: Candidate, re: RegExp) => re.test(stripDeterminers(before(c), lex));

  let agent: Candidate | null = null;
  /** The agent is the subject of an act verb or its "by X", not only a name before the trigger. */
  let acting = false;
  let patient: Candidate | null = null;
  const associated: Candidate[] = [];

  // "backed by X", "alongside X": helpers, never the opponent.
  const support = new Set(cands.filter((c) => prep(c, lex.support)));
  const free = cands.filter((c) => !support.has(c));
  // A weapon nobody is said to own ("60 air raids") is what was done, never whom it was done to.
  const hittable = (c: Candidate) => !(c.instrument && !c.owned);
  // "by X" after a verb of finding or telling ("bodies recovered by the police", "confirmed by
  // officials") names who found or told, not who did the act.
  const byAgent = free.find((c) => prep(c, lex.agent) && !lex.notAgentBy.test(stripDeterminers(before(c), lex)));
  const onPatient = (after: number) => free.find((c) => c.start >= after && hittable(c) && prep(c, lex.patient));
  const ownAdjunct = (c: Candidate) => prep(c, lex.adjunct) || prep(c, lex.agent) || prep(c, lex.patient) || prep(c, lex.withWord) || prep(c, lex.between);
  // A conjunct shares its partner's preposition ("by the regime and Russian jets"): it is no subject or object either.
  const partnerOf = (c: Candidate) => cands.find((x) => x.end <= c.start && /^\s*,?\s*(?:and|or)\s+(?:the\s+)?$/i.test(text.slice(x.end, c.start)));
  const adjunct = (c: Candidate): boolean => {
    if (ownAdjunct(c)) return true;
    const p = partnerOf(c);
    return !!p && ownAdjunct(p);
  };
  // A force's weapon or act ("Turkish air strikes", "regime jets") names its owner as the agent.
  const owned = free.find((c) => c.instrument && c.owned && !c.cls?.victim);

  const between = free.findIndex((c) => prep(c, lex.between));
  if (between >= 0 && free[between + 1]) {
    agent = free[between];
    patient = free[between + 1];
  } else if (main && !main.gerund) {
    const subjects = free.filter((c) => c.end <= main.start && !adjunct(c));
    // Coordinated subjects ("Syrian and Russian warplanes have launched", "police and NSS
    // personnel beat"): the state's own forces lead, as ACLED codes them; a foreign force or an
    // armed group beside them is the partner. With no home force the nearest leads ("Turkish
    // forces and opposition rebels shelled": the rebels).
    const last = nearestBefore(subjects, main.start);
    const subj = last ? homeForce(chainOf(last, partnerOf).filter((c) => subjects.includes(c)), input) ?? last : null;
    if (main.passive) {
      // "Air raids carried out by X killed 39 civilians": a weapon or an act nobody owns is no
      // victim; the clause goes on to say whom it hit, after the verb.
      patient = subj && !hittable(subj) ? free.find((c) => c !== byAgent && !c.instrument && c.start >= main.end && (!adjunct(c) || prep(c, lex.patient))) ?? null : subj;
      agent = byAgent ?? owned ?? null;
      acting = !!byAgent;
      // "a boy was killed when police fired at a mob": with no "by X", the subject of the clause
      // that tells how it came about acts.
      if (!agent) {
        const cause = causeAgent(text, verbs, main, free, lex, adjunct);
        if (cause) [agent, acting] = [cause, true];
      }
    } else {
      agent = subj ?? byAgent ?? owned ?? null;
      acting = !!agent && agent === (subj ?? byAgent);
      // "X and Y clashed": the first named is actor1, the other the second side.
      if (main.reciprocal && subjects.length >= 2 && subj) {
        agent = subjects[subjects.length - 2];
        patient = subj;
      }
      const obj = free.find((c) => c !== agent && hittable(c) && c.start >= main.end && (!adjunct(c) || prep(c, lex.patient) || (main.reciprocal && prep(c, lex.withWord))));
      patient ??= obj ?? null;
      // "X and Y clashed": the other side is the second name of the subject.
      if (!patient && main.reciprocal) patient = free.find((c) => c !== agent && c.end <= main.start && !adjunct(c)) ?? null;
    }
  } else {
    // No finite act verb (a headline, a nominal act): the owner of the act, "by X", else the
    // first actor before the trigger; the patient is "on/against X" or the gerund's object.
    agent = byAgent ?? owned ?? free.find((c) => c.end <= input.trigger.start && !adjunct(c)) ?? null;
    acting = !!byAgent && agent === byAgent;
    patient = onPatient(input.trigger.end) ?? null;
    // "after exchanging fire with X", "a clash with X": the other side.
    if (!patient && (main?.reciprocal || input.type === 'Battles')) patient = free.find((c) => c !== agent && hittable(c) && prep(c, lex.withWord)) ?? null;
  }
  // "..., killing 20 people": the victims of the act's outcome.
  if (!patient) {
    const g = verbs.find((v) => v.gerund && v !== main && (!main || v.start > main.start));
    if (g) patient = free.find((c) => c !== agent && hittable(c) && c.start >= g.end && !adjunct(c)) ?? null;
  }
  patient ??= onPatient(main?.end ?? input.trigger.end) ?? null;
  // Victims named anywhere in the clause ("11 people were killed ... when jets struck a market").
  patient ??= free.find((c) => c !== agent && c.cls?.victim && !prep(c, lex.adjunct)) ?? null;
  // No victim named: what the act hit may say whose it is ("air raids on the rebel-held town of
  // Zabadani", "bombardment on rebel positions", "strikes on jihadist targets").
  if (!patient && !cands.some((c) => c.cls?.victim) && input.type !== 'Protests' && input.type !== 'Riots') patient = heldTarget(input, lex, inZone);
  // A weapon with no owner ("air strikes") speaks for a force only when nothing else does: an
  // owned one, else the actor named before it ("the police ... burst tear-gas shells").
  if (agent && agent.instrument && !agent.owned) {
    const before = nearestBefore(free.filter((c) => c !== agent && !c.cls?.victim && !c.instrument && c.end <= agent!.start), agent.start);
    agent = owned ?? before ?? agent;
  }
  // Nobody acts in the grammar but a weapon is named ("were killed in air raids"): its user acts.
  if (!agent) agent = free.find((c) => c.instrument && !c.cls?.victim && c !== patient) ?? null;
  // Two names joined by "and" are partners, not the two sides ("Syrian and Russian warplanes").
  if (agent && patient && !main?.reciprocal && input.type !== 'Battles') {
    const [a, b] = agent.start < patient.start ? [agent, patient] : [patient, agent];
    if (/^\s*(?:,|and|or|,\s*and|,\s*or|as\s+well\s+as)\s*$/i.test(text.slice(a.end, b.start))) {
      associated.push(patient);
      patient = null;
    }
  }
  // Victims never act; a victim in the agent's place is the patient.
  if (agent?.cls?.victim && !(input.type === 'Protests' || input.type === 'Riots')) {
    if (!patient) patient = agent;
    agent = null;
  }
  if (agent === patient) patient = null;
  for (const c of support) associated.push(c);
  for (const c of free) if (c !== agent && c !== patient && c.named && !c.cls?.victim && !c.instrument) associated.push(c);

  const out = conventions(input, lex, agent, patient, associated, acting);
  return out;
}

/**
 * The actors a reading took from ACLED's defaults, not from the text ("Unidentified Armed Group",
 * the state's air force for an air strike nobody is said to own, "Civilians" as the victims): the
 * refiners let another mention of the incident that names the side replace them.
 */
export const INFERRED = new WeakSet<EventActor>();

/** The side whose ground the act hit, after the trigger: a rebel or armed-group owner of a target noun. */
function heldTarget(input: RoleInput, lex: RoleLexicon, inZone: (r: Range) => boolean): Candidate | null {
  const from = Math.max(input.clause.start, input.trigger.start);
  const m = lex.heldTarget.exec(input.text.slice(from, input.clause.end));
  if (!m) return null;
  const start = from + m.index;
  const end = start + m[1].length;
  if (inZone({ start, end })) return null;
  const cls = lex.armedOwner.test(m[1]) ? lex.classes.get('armed') : lex.classes.get('rebels');
  return cls ? { start, end, named: false, generic: true, cls, country: null, instrument: false, owned: true, source: false } : null;
}

/** The coordinated phrases that end in `last`, first to last ("A, B and C"). */
function chainOf(last: Candidate, partnerOf: (c: Candidate) => Candidate | undefined): Candidate[] {
  const out = [last];
  for (let p = partnerOf(last); p && out.length < 5 && !out.includes(p); p = partnerOf(p)) out.unshift(p);
  return out;
}

/** The first of them that is the forces or government of the country where the act happened. */
function homeForce(cs: Candidate[], input: RoleInput): Candidate | null {
  if (cs.length < 2) return null;
  const home = input.eventCountry ?? input.focusCountry;
  const stateOf = (c: Candidate) => !!(c.cls?.state || c.namedActor?.force === 'military' || c.namedActor?.force === 'police' || c.namedActor?.force === 'government');
  return cs.find((c) => stateOf(c) && (c.country ?? c.namedActor?.country ?? home) === home) ?? null;
}

function defaultsApply(type: EventType): boolean {
  return type !== 'Strategic developments';
}

/** ACLED's conventions for protests, riots and attacks on civilians; then names and classes. */
function conventions(input: RoleInput, lex: RoleLexicon, agent: Candidate | null, patient: Candidate | null, associated: Candidate[], acting: boolean): EventActor[] {
  const out: EventActor[] = [];
  const seen = new Set<string>();
  const country = input.eventCountry ?? input.focusCountry;
  const push = (a: EventActor | null) => {
    if (!a || seen.has(a.entity)) return;
    seen.add(a.entity);
    out.push(a);
  };
  const generic = (cls: string) => nameActor({ cls: lex.classes.get(cls), country: country ?? null }, input, lex);
  // ACLED's defaults, taken when the text names no one: another sentence of the incident may.
  const guesses = new WeakSet<EventActor>();
  const guess = (a: EventActor) => (guesses.add(a), a);
  const keep = (from: EventActor, to: EventActor) => (guesses.has(from) && INFERRED.add(to), to);
  const state = (c: Candidate | null) => !!c && (c.cls?.state || c.namedActor?.force === 'military' || c.namedActor?.force === 'police' || c.namedActor?.force === 'government');
  // A battle's second side fights; so does a riot's or a protest's when state forces act in it
  // (fire on, disperse, baton-charge the crowd): ACLED's actor2 (interaction 15, 16), no target.
  const hitRole: EventActor['role'] = input.type === 'Battles' || ((input.type === 'Protests' || input.type === 'Riots') && acting && state(agent)) ? 'actor2' : 'target';
  const isClass = (c: Candidate | null, k: string) => !!c && c.cls?.name === k;
  // State forces merely named in a protest or riot ("the police failed to contain the riots") are
  // no side of it: only forces that act (subject of an act verb, "by X") are.
  if ((input.type === 'Protests' || input.type === 'Riots') && state(agent) && !acting) agent = null;
  // Unnamed fighters in a clause that names their group ("a strike on an Islamic State camp
  // killed 17 militants") are that group: the one named group that is neither side already.
  const groupOf = (c: Candidate | null): Candidate | null => {
    if (!c || !c.generic || c.cls?.name !== 'armed') return c;
    const groups = associated.filter((x) => x.named && !x.generic && !x.source && !x.cls?.victim && !state(x) && x !== agent && x !== patient);
    return groups.length === 1 ? groups.splice(0, 1)[0] : c;
  };
  const [agentG, patientG] = [groupOf(agent), groupOf(patient)];
  if (agentG !== agent || patientG !== patient) associated = associated.filter((x) => x !== agentG && x !== patientG);
  [agent, patient] = [agentG, patientG];
  let a1: EventActor | null = agent ? nameActor(agent, input, lex) : null;
  let a2: EventActor | null = patient ? nameActor(patient, input, lex) : null;
  // "Air strikes hit ...": a weapon nobody is said to own stands for the state's forces, a guess.
  if (a1 && agent?.instrument && !agent.owned) guess(a1);
  const assoc: EventActor[] = [];
  if (input.type === 'Protests' && lex.classes.has('protesters')) {
    const excessive = /excessive/i.test(input.subtype);
    // State forces acting on protesters: they are actor1 only for "excessive force".
    if (state(agent) && !excessive) [a1, a2] = [null, a1];
    if (!isClass(agent, 'protesters') && !(excessive && state(agent))) {
      // A named group protesting is associated with the protesters ("Health Workers (Israel)"); people are the protesters.
      if (a1 && !agent?.cls?.victim) assoc.push({ ...a1, role: 'associated' });
      a1 = excessive && state(patient) ? a2 : generic('protesters');
      if (excessive && state(patient)) a2 = generic('protesters');
    }
    if (excessive && state(agent) && !isClass(patient, 'protesters')) {
      if (a2) assoc.push({ ...a2, role: 'associated' });
      a2 = generic('protesters');
    }
  } else if (input.type === 'Riots' && lex.classes.has('rioters')) {
    // Police firing on rioters keeps the police as the actor; otherwise the rioters act.
    if (state(agent) && !patient) {
      // Forces acting in a riot with no one named as their target: the rioters' opponents.
      a2 = a1;
      a1 = generic('rioters');
    } else if (!(state(agent) && patient) && !isClass(agent, 'rioters')) {
      if (agent && !agent.cls?.victim && a1) assoc.push({ ...a1, role: 'associated' });
      a1 = generic('rioters');
    }
    if (isClass(patient, 'civilians') && state(agent)) a2 = generic('rioters');
  } else if (input.type === 'Violence against civilians' && !a2 && lex.classes.has('civilians')) {
    a2 = guess(generic('civilians'));
  } else if (input.type === 'Explosions/Remote violence' && !a2 && DEATHS.test(input.text.slice(input.clause.start, input.clause.end)) && lex.classes.has('civilians')) {
    // Victims of a strike or a bomb that the text does not describe: civilians, as ACLED codes them.
    a2 = guess(generic('civilians'));
  }
  // ACLED names a perpetrator nobody identifies "Unidentified Armed Group (country)"; a battle
  // always has two sides.
  const unidentified = input.type === 'Violence against civilians' || input.type === 'Battles' || /IED|landmine|Grenade|Suicide/i.test(input.subtype);
  if (!a1 && unidentified && lex.classes.has('armed')) a1 = guess(generic('armed'));
  // Air power and artillery nobody is said to own: the state's forces, the side that has them in
  // most wars (a weak guess, taken only when the text names no one).
  if (!a1 && input.type === 'Explosions/Remote violence' && /Air|Shelling/i.test(input.subtype) && lex.classes.has('military')) {
    a1 = guess(nameActor({ cls: lex.classes.get('military'), country: input.focusCountry ?? input.eventCountry }, input, lex));
  }
  if (!a2 && input.type === 'Battles' && lex.classes.has('armed')) a2 = guess(generic('armed'));
  if (a1) push(keep(a1, { ...a1, role: 'actor1' }));
  // Two unnamed sides of a battle may carry the same name ("Unidentified Armed Group (Brazil)");
  // a force is never its own target ("strikes by Syrian regime ... on the area" is no attack on Syria).
  if (a2 && a1 && a2.entity === a1.entity && !/^org:unidentified/.test(a2.entity)) a2 = null;
  if (!a2 && a1 && input.type === 'Explosions/Remote violence' && DEATHS.test(input.text.slice(input.clause.start, input.clause.end)) && lex.classes.has('civilians')) a2 = guess(generic('civilians'));
  if (a2 && a1 && a2.entity === a1.entity) out.push(keep(a2, { ...a2, role: hitRole }));
  else if (a2 && !seen.has(a2.entity)) push(keep(a2, { ...a2, role: hitRole }));
  for (const a of assoc) push(a);
  for (const c of associated) if (!((input.type === 'Protests' || input.type === 'Riots') && state(c))) push({ ...nameActor(c, input, lex), role: 'associated' });
  return out;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
/** Someone died or was hurt (words of the outcome, no actor named by them). */
const DEATHS = /\b(?:kill(?:ed|ing|s)?|dead|died|deaths?|lives|injur(?:ed|ing|ies)|wound(?:ed|ing)|casualties|victims)\b/i;

/** Drop the determiners, numbers and quantity words that end a text, so that "by the" and "on some 20" end in their preposition. */
function stripDeterminers(s: string, lex: RoleLexicon): string {
  let out = s;
  for (let i = 0; i < 6; i++) {
    const m = /([\p{L}\p{N}][\p{L}\p{N}'’.,-]*)\s*$/u.exec(out);
    if (!m) break;
    const w = m[1];
    if (!(lex.determiners.test(w) || lex.unknown.test(w) || /^\d[\d,.]*$/.test(w))) break;
    out = out.slice(0, m.index);
  }
  return /\s$/.test(out) ? out : out + ' ';
}

/**
 * The subject of the first active act verb after a passive one, when a cause conjunction
 * ("when", "as", "after") opens its clause: "two were injured when police fired", "killed as
 * troops stormed the village". Victims never act.
 */
function causeAgent(text: string, verbs: Verb[], main: Verb, free: Candidate[], lex: RoleLexicon, adjunct: (c: Candidate) => boolean): Candidate | null {
  for (const next of verbs) {
    if (next.start <= main.end || next.passive || next.gerund) continue;
    const subj = nearestBefore(
      free.filter((c) => c.start >= main.end && c.end <= next.start && !c.cls?.victim && !(c.instrument && !c.owned)),
      next.start,
    );
    // The first act with a subject decides ("two injured when police fired": "injured" has none).
    if (!subj) continue;
    // The conjunction opens the subject's clause ("when police", "as the troops"), or stands
    // earlier in it with the subject outside any prepositional adjunct.
    const lead = stripDeterminers(text.slice(main.end, subj.start), lex).match(WORD) ?? [];
    if (lead.length && lex.causeClause.test(lead[lead.length - 1])) return subj;
    return !adjunct(subj) && lead.some((w) => lex.causeClause.test(w)) ? subj : null;
  }
  return null;
}

function nearestBefore(cs: Candidate[], pos: number): Candidate | null {
  let best: Candidate | null = null;
  for (const c of cs) if (c.end <= pos && (!best || c.end > best.end)) best = c;
  return best;
}

/** The clause's act verbs outside actor names, each with its voice. */
function actVerbs(text: string, clause: Range, lex: RoleLexicon, cands: Candidate[]): Verb[] {
  const slice = text.slice(clause.start, clause.end);
  const out: Verb[] = [];
  lex.actVerbs.lastIndex = 0;
  for (let m = lex.actVerbs.exec(slice); m; m = lex.actVerbs.exec(slice)) {
    const start = clause.start + m.index;
    const end = start + m[0].length;
    if (cands.some((c) => c.start <= start && c.end >= end)) continue;
    if (ownedActNoun(text, clause, start, m[0], cands, lex)) continue;
    const words = slice.slice(0, m.index).match(WORD) ?? [];
    const prev = words[words.length - 1] ?? '';
    // "the attack", "their shelling": a noun, not a verb; but "had to fire", "were forced to
    // open fire" tell an act that was done.
    const done = /^to$/i.test(prev) && lex.infinitiveAfter.test(words[words.length - 2] ?? '');
    if (!done && /^(?:the|a|an|this|that|its|their|his|her|these|those|such|any|no|of|to)$/i.test(prev)) continue;
    const gerund = /ing$/i.test(m[0]);
    let k = words.length - 1;
    while (k >= 0 && lex.adverbs.test(words[k]) && !lex.passiveAux.test(words[k])) k--;
    let passive = !gerund && k >= 0 && lex.passiveAux.test(words[k]);
    const nextWord = (slice.slice(m.index + m[0].length).match(WORD) ?? [])[0] ?? '';
    // "airstrikes launched by X", "an attack carried out by X": a participle with its agent.
    if (!passive && !gerund && /^by$/i.test(nextWord)) passive = true;
    if (!passive && lex.patientVerbs.test(m[0])) {
      // A reduced passive: the verb is followed by no object ("15 civilians killed in air strikes",
      // "killed by a roadside bomb") and what stands before it are its victims or a count.
      const next = (slice.slice(m.index + m[0].length).match(WORD) ?? [])[0] ?? '';
      const prevIsVictim = cands.some((c) => c.end <= start && c.cls?.victim && /^[\s,]*$/.test(text.slice(c.end, start).replace(/\b(?:some|of|them|all|including|mostly|and|children|women)\b/gi, '')));
      if (/^by$/i.test(next) || (prevIsVictim && (next === '' || lex.reducedAfter.test(next)))) passive = true;
    }
    out.push({ start, end, passive, gerund, reciprocal: lex.reciprocal.test(m[0]) });
  }
  return out;
}

/**
 * "in a Syrian army ambush", "after an IS attack", "by regime bombardment": an act word right
 * after an actor phrase that itself follows an article or a preposition is a noun the actor owns,
 * not a verb of which the actor is the subject ("the army shelled", "Syrian army kills"). The
 * actor is then the act's owner: its agent wherever it stands.
 */
const ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:a|an)\s+$/iu;
const PREPOSITION_BEFORE = /(?:^|[^\p{L}])(?:in|by|of|on|from|after|during|amid|following|with|to)\s+(?:the\s+|a\s+|an\s+)?$/iu;
function ownedActNoun(text: string, clause: Range, start: number, word: string, cands: Candidate[], lex: RoleLexicon): boolean {
  // (only a word the pack knows as an act noun: "a DAESH suicide bomber blew himself up" is a verb)
  if (!lex.actNounAfter.test(` ${word}`)) return false;
  const owner = cands.find((c) => c.end <= start && /^\s+$/.test(text.slice(c.end, start)) && !c.cls?.victim && !c.source);
  if (!owner) return false;
  const lead = text.slice(Math.max(clause.start, owner.start - 20), owner.start);
  const noun = PREPOSITION_BEFORE.test(lead) ? !/ed$/i.test(word) : ARTICLE_BEFORE.test(lead) && !/(?:ed|s)$/i.test(word);
  if (noun) [owner.instrument, owner.owned] = [true, true];
  return noun;
}

/** The act verb that tells the event: a finite one nearest the trigger (overlapping it first). */
function mainVerb(verbs: Verb[], trigger: Range): Verb | null {
  let best: Verb | null = null;
  let bestD = Infinity;
  for (const v of verbs) {
    const d = v.end > trigger.start && v.start < trigger.end ? 0 : v.start >= trigger.end ? v.start - trigger.end : trigger.start - v.end + 0.5;
    const score = d + (v.gerund ? 1000 : 0);
    if (score < bestD) [best, bestD] = [v, score];
  }
  return best;
}
