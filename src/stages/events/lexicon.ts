import type { Context } from '../../context.ts';
import type { EventType } from '../../doc.ts';
import { makeFinder, type Finder, type VagueEntry } from '../../quantity/find.ts';

/**
 * The `events` section of the domain packs, compiled once per process (ctx.resource): regular
 * expressions for event rules, figure cues, attribution and modality. The pack holds the words;
 * this file only knows how to turn them into matchers.
 */
export interface EventRule {
  type: EventType;
  subtype: string;
  priority: number;
  /** Condition name(s) of the pack's `conditions`, "a|b" for either. */
  requires?: string;
  unless?: string;
  /** Its words name only an outcome or an unspecified act ("killed", "attack"): it restates an incident of another kind. */
  restates?: boolean;
}

export interface Cue {
  unit: string;
  override: boolean;
  /** Must end right before the number. */
  before?: RegExp;
  /** Must start within the words right after the number. */
  after?: RegExp;
}

export interface Lexicon {
  rules: EventRule[];
  /** One regex per rule (same order as `rules`). */
  ruleRes: RegExp[];
  /** Every rule's words in one regex: a clause it does not match needs no rule tried. */
  anyTrigger: RegExp;
  conditions: Map<string, RegExp>;
  zeroCasualties: RegExp | null;
  nounUnits: Map<string, string>;
  cues: Cue[];
  eventCounts: string[];
  finder: Finder;
  attributionVerbs: RegExp;
  attributionPrefixes: RegExp;
  attributionPassive: RegExp;
  modality: { denied: RegExp; future: RegExp; hypothetical: RegExp; claimed: RegExp; negation: RegExp };
  aggregate: RegExp;
  /** Types for a clause with a death toll but no trigger: the first whose condition holds. */
  untriggered: Array<{ type: EventType; subtype: string; requires?: string }>;
  /** One victim named without a figure: "shot dead a civilian", "a man was killed". */
  singularActive: RegExp;
  singularPassive: RegExp;
  /** The victim nouns alone: a cheap test before the two patterns above. */
  singularPersons: RegExp;
  /** Right after a place: it qualifies an actor ("US-led", "London-based"), it is no location. */
  placeModifier: RegExp;
  /** Right before a place: it says where an actor is based ("the Observatory, based in Britain"), not where the event happened. */
  placeModifierBefore: RegExp;
  /** Right after a nationality: it names the country's ground ("Iraqi territory"), a place after all. */
  demonymPlace: RegExp;
  /** Present-perfect or campaign scope of a toll ("have died in the fight against"): a total when the clause gives no day. */
  cumulative: RegExp;
  /** Habitual or generic activity ("remains a threat, carrying out ambushes", "continues to"): no event of its own. */
  generic: RegExp;
  /** Background and history ("since 2011", "the war began when", "has been under siege since"): no event of its own. */
  background: RegExp;
  /** The refiners' thresholds (src/stages/events/refiners/), from the pack's `refine` table. */
  refine: RefineThresholds;
  /** A clause opening with the act just told ("The strike ...", "Tuesday's attack ..."): it says more of that event. */
  anaphora: RegExp;
  /** "the militants", "the extremists": an armed group named before (refiners/definite-actors.ts). */
  definiteArmed: RegExp;
  /** A claim of responsibility ("IS claimed responsibility for the bombing"): part of the event before it. */
  responsibility: RegExp;
  /** Words opening a report of another incident ("Another air strike", "Five more civilians", "In a separate attack"). */
  distinct: RegExp;
  /** Subtype -> its family: two strong mentions of subtypes of different families are two incidents (an air strike and a suicide bombing). */
  incidentFamily: Map<string, number>;
}

export interface RefineThresholds {
  /** An event whose own date ends this many days or more before publication is background. */
  backgroundDays: number;
  /** Two mentions of one incident: their places at most this far apart (km) ... */
  mergeKm: number;
  /** ... and a mention with no date of its own at most this many days after the other's date. */
  mergeDays: number;
  /** Rules below this priority are weak triggers ("killed", "attack"): they join a stronger mention of the incident. */
  weakPriority: number;
  /** A total "since" a day at least this many days before publication, or since an undated act, is a running tally: a claim, not an event. */
  runningTotalDays: number;
}

const REFINE_DEFAULTS: RefineThresholds = { backgroundDays: 60, mergeKm: 50, mergeDays: 7, weakPriority: 60, runningTotalDays: 14 };

interface RawRule {
  type: EventType;
  subtype: string;
  priority?: number;
  requires?: string;
  unless?: string;
  restates?: boolean;
  patterns: string[];
}

interface RawSection {
  conditions?: Record<string, string>;
  rules?: RawRule[];
  zero_casualties?: string;
  units?: Record<string, string[]>;
  cues?: Array<{ unit: string; override?: boolean; before?: string; after?: string }>;
  event_counts?: string[];
  vague?: VagueEntry[];
  attribution?: { verbs?: string; prefixes?: string; passive?: string };
  modality?: Record<string, string>;
  aggregate?: string;
  untriggered?: Array<{ type: EventType; subtype: string; requires?: string }>;
  singular_victims?: { persons?: string; active?: string; passive?: string };
  place_modifiers?: string;
  place_modifiers_before?: string;
  demonym_places?: string;
  cumulative?: string;
  generic?: string;
  background?: string;
  distinct?: string;
  anaphora?: string;
  definite_armed?: string;
  responsibility?: string;
  incident_families?: string[][];
  refine?: { background_days?: number; merge_km?: number; merge_days?: number; weak_priority?: number; running_total_days?: number };
}

const NEVER = /(?!)/;

/** A pattern from the pack: the lines of a YAML block joined, spaces made flexible. */
export function fragment(p: string): string {
  const joined = p.trim().replace(/\s*\n\s*/g, '');
  // A space is any run of white space; inside a character class ("[- ]") it is one white-space character.
  let out = '';
  let inClass = false;
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    if (c === '\\') {
      out += c + (joined[++i] ?? '');
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    if (c === ' ') {
      if (inClass) out += '\\s';
      else {
        while (joined[i + 1] === ' ') i++;
        out += '\\s+';
      }
    } else out += c;
  }
  return out;
}

function wordRe(p: string | undefined, flags = 'i'): RegExp {
  // (flags without 'i' make a case-sensitive matcher)
  if (!p) return NEVER;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${fragment(p)})(?![\\p{L}\\p{N}])`, flags + 'u');
}

export function lexicon(ctx: Context): Lexicon {
  return ctx.resource('events.lexicon', () => build(ctx.section<RawSection>('events')));
}

export function build(sections: RawSection[]): Lexicon {
  const rules: EventRule[] = [];
  const ruleRes: RegExp[] = [];
  const allPatterns: string[] = [];
  const conditions = new Map<string, RegExp>();
  const nounUnits = new Map<string, string>();
  const cues: Cue[] = [];
  const vague: VagueEntry[] = [];
  const eventCounts = new Set<string>();
  const attr = { verbs: [] as string[], prefixes: [] as string[], passive: [] as string[] };
  const mod: Record<string, string[]> = {};
  const aggregate: string[] = [];
  const zero: string[] = [];
  const untriggered: Lexicon['untriggered'] = [];
  const persons: string[] = [];
  const active: string[] = [];
  const passive: string[] = [];
  const placeMods: string[] = [];
  const placeModsBefore: string[] = [];
  const demonymPlaces: string[] = [];
  const cumulative: string[] = [];
  const generic: string[] = [];
  const background: string[] = [];
  const distinct: string[] = [];
  const anaphora: string[] = [];
  const definiteArmed: string[] = [];
  const responsibility: string[] = [];
  const incidentFamily = new Map<string, number>();
  let families = 0;
  const refine: RefineThresholds = { ...REFINE_DEFAULTS };
  for (const s of sections) {
    if (!s || typeof s !== 'object') continue;
    for (const [k, v] of Object.entries(s.conditions ?? {})) conditions.set(k, wordRe(v));
    for (const r of s.rules ?? []) {
      if (!r.patterns?.length) continue;
      rules.push({ type: r.type, subtype: r.subtype, priority: r.priority ?? 50, requires: r.requires, unless: r.unless, ...(r.restates ? { restates: true } : {}) });
      allPatterns.push(...r.patterns.map(fragment));
      ruleRes.push(new RegExp(`(?<![\\p{L}\\p{N}])(?:${r.patterns.map(fragment).join('|')})(?![\\p{L}\\p{N}])`, 'giu'));
    }
    if (s.zero_casualties) zero.push(fragment(s.zero_casualties));
    for (const [unit, nouns] of Object.entries(s.units ?? {})) for (const n of nouns) nounUnits.set(n.toLowerCase(), unit);
    for (const c of s.cues ?? []) {
      cues.push({
        unit: c.unit,
        override: !!c.override,
        before: c.before ? new RegExp(`(?<![\\p{L}])(?:${fragment(c.before)})\\s+$`, 'iu') : undefined,
        after: c.after ? new RegExp(`^(?:${fragment(c.after)})(?![\\p{L}])`, 'iu') : undefined,
      });
    }
    for (const u of s.event_counts ?? []) eventCounts.add(u);
    vague.push(...(s.vague ?? []));
    if (s.attribution?.verbs) attr.verbs.push(fragment(s.attribution.verbs));
    if (s.attribution?.prefixes) attr.prefixes.push(fragment(s.attribution.prefixes));
    if (s.attribution?.passive) attr.passive.push(fragment(s.attribution.passive));
    for (const [k, v] of Object.entries(s.modality ?? {})) (mod[k] ??= []).push(fragment(v));
    if (s.aggregate) aggregate.push(fragment(s.aggregate));
    untriggered.push(...(s.untriggered ?? []));
    if (s.singular_victims?.persons) persons.push(fragment(s.singular_victims.persons));
    if (s.singular_victims?.active) active.push(fragment(s.singular_victims.active));
    if (s.singular_victims?.passive) passive.push(fragment(s.singular_victims.passive));
    if (s.place_modifiers) placeMods.push(fragment(s.place_modifiers));
    if (s.place_modifiers_before) placeModsBefore.push(fragment(s.place_modifiers_before));
    if (s.demonym_places) demonymPlaces.push(fragment(s.demonym_places));
    if (s.cumulative) cumulative.push(fragment(s.cumulative));
    if (s.generic) generic.push(fragment(s.generic));
    if (s.background) background.push(fragment(s.background));
    if (s.distinct) distinct.push(fragment(s.distinct));
    if (s.anaphora) anaphora.push(fragment(s.anaphora));
    if (s.definite_armed) definiteArmed.push(fragment(s.definite_armed));
    if (s.responsibility) responsibility.push(fragment(s.responsibility));
    for (const fam of s.incident_families ?? []) {
      families++;
      for (const sub of fam) incidentFamily.set(sub, families);
    }
    if (s.refine?.background_days !== undefined) refine.backgroundDays = s.refine.background_days;
    if (s.refine?.merge_km !== undefined) refine.mergeKm = s.refine.merge_km;
    if (s.refine?.merge_days !== undefined) refine.mergeDays = s.refine.merge_days;
    if (s.refine?.weak_priority !== undefined) refine.weakPriority = s.refine.weak_priority;
    if (s.refine?.running_total_days !== undefined) refine.runningTotalDays = s.refine.running_total_days;
  }
  const P = persons.length ? `(?:${persons.join('|')})` : null;
  const W = String.raw`(?:[\p{L}\p{N}'’-]+\s+)`;
  // Highest priority first (stable): detection stops at the first rule that fires.
  const order = rules.map((_, i) => i).sort((a, b) => rules[b].priority - rules[a].priority || a - b);
  const sortedRules = order.map((i) => rules[i]);
  const sortedRes = order.map((i) => ruleRes[i]);
  const join = (xs: string[]) => (xs.length ? xs.join('|') : undefined);
  return {
    rules: sortedRules,
    ruleRes: sortedRes,
    anyTrigger: allPatterns.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${allPatterns.join('|')})(?![\\p{L}\\p{N}])`, 'iu') : NEVER,
    conditions,
    zeroCasualties: zero.length ? wordRe(zero.join('|')) : null,
    nounUnits,
    cues,
    eventCounts: eventCounts.size ? [...eventCounts] : ['killed', 'injured', 'detained', 'strikes', 'operations'],
    finder: makeFinder(vague),
    attributionVerbs: wordRe(join(attr.verbs), 'gi'),
    attributionPrefixes: wordRe(join(attr.prefixes), 'gi'),
    attributionPassive: wordRe(join(attr.passive), 'gi'),
    modality: {
      denied: wordRe(join(mod.denied ?? [])),
      // Case-sensitive: "May" and "Will" start dates and names; the cues are lower-case words.
      future: wordRe(join(mod.future ?? []), ''),
      hypothetical: wordRe(join(mod.hypothetical ?? []), ''),
      claimed: wordRe(join(mod.claimed ?? [])),
      negation: mod.negation?.length ? new RegExp(`(?<![\\p{L}])(?:${join(mod.negation)})`, 'iu') : NEVER,
    },
    aggregate: wordRe(join(aggregate)),
    untriggered,
    placeModifierBefore: placeModsBefore.length ? new RegExp(`(?<![\\p{L}])(?:${placeModsBefore.join('|')})\\s+$`, 'iu') : NEVER,
    placeModifier: placeMods.length ? new RegExp(`^\\s?[-‐‑–]\\s?(?:${placeMods.join('|')})(?![\\p{L}])`, 'iu') : NEVER,
    demonymPlace: demonymPlaces.length ? new RegExp(`^\\s+(?:${demonymPlaces.join('|')})(?![\\p{L}])`, 'iu') : NEVER,
    cumulative: wordRe(join(cumulative)),
    generic: wordRe(join(generic)),
    background: wordRe(join(background)),
    refine,
    distinct: wordRe(join(distinct)),
    responsibility: wordRe(join(responsibility)),
    definiteArmed: wordRe(join(definiteArmed)),
    anaphora: anaphora.length ? new RegExp(`^[\\s"“'‘(]*(?:${anaphora.join('|')})(?![\\p{L}])`, 'iu') : NEVER,
    incidentFamily,
    singularPersons: P ? new RegExp(String.raw`(?<![\p{L}])${P}(?![\p{L}])`, 'iu') : NEVER,
    singularActive:
      P && active.length
        ? new RegExp(String.raw`(?<![\p{L}])(?:${active.join('|')})\s+(?:a|an|one|the)\s+${W}{0,4}?${P}(?![\p{L}])(?:\s+(?:and|as\s+well\s+as)\s+(?:a|an|his|her|their|another|one)\s+${W}{0,2}?${P}(?![\p{L}]))?`, 'giu')
        : NEVER,
    singularPassive:
      P && passive.length
        ? new RegExp(String.raw`(?<![\p{L}])(?:a|an|one|the)\s+${W}{0,5}?${P}\s+(?:[^\s.;,]+\s+){0,6}?(?:${passive.join('|')})(?![\p{L}])`, 'giu')
        : NEVER,
  };
}
