import type { Context } from '../../../context.ts';
import { PackError } from '../../../packs/load.ts';
import { fragment } from '../lexicon.ts';

/**
 * The packs' knowledge of actors, compiled once per process: the `actors` section (ACLED actor
 * classes, generic actor nouns, modifiers, country adjectives, clause grammar; general, in
 * packs/en-acled) and the actor fields of `entities` (`inter`, `acled`, `force`, `source`; regional)
 * and the `outlets` names (a news outlet reports, it never acts).
 */
export interface ActorClass {
  name: string;
  inter: number;
  /** ACLED-style name, `{country}` standing for the country's name. */
  acled: string;
  /** The class of these forces acting outside their own country (ACLED 8). */
  abroad?: number;
  state: boolean;
  /** Victims only: never the agent of an act. */
  victim: boolean;
  /** An actor only with an owner ("the Saudi-led coalition"), never alone. */
  ownedOnly: boolean;
}

/** What the pack says about a named entity as an ACLED actor. */
export interface NamedActor {
  inter?: number;
  acled?: string;
  /** A state's forces or government: the entity stands for its country's `military`/`police`/`government`. */
  force?: 'military' | 'police' | 'government';
  country?: string;
  /** A reporting body (outlet, monitor, UN agency): it tells of acts, it is never their actor. */
  source: boolean;
}

/**
 * Three kinds of matcher: `scan` finds every occurrence in a clause (global), `tail` must end a
 * text (the words right before a name: "by", "on", "in"), `is` must be one whole word or phrase.
 */
export interface RoleLexicon {
  classes: Map<string, ActorClass>;
  /** scan: generic actor nouns; capture group k+1 matched means class `classOrder[k]`. */
  nouns: RegExp;
  classOrder: string[];
  /** scan: the nouns that are a force's weapons or acts ("jets", "air strikes"): its owner acts through them. */
  instruments: RegExp;
  /** right after an actor noun: an act it owns ("police firing") */
  actNounAfter: RegExp;
  /** is: modifiers before a generic noun. */
  state: RegExp;
  unknown: RegExp;
  opposition: RegExp;
  /** "on rebel positions", "the rebel-held town of", "jihadist targets": whose ground a strike hits (group 1 the owner word). */
  heldTarget: RegExp;
  /** Owner words of `heldTarget` that are armed groups of no one name ("jihadist", "militant"), not rebels. */
  armedOwner: RegExp;
  /** right after a noun: "-held", "-controlled" (the noun qualifies a place) */
  notActorAfter: RegExp;
  /** right after a noun: a head it modifies ("police station", "army spokesman"): no actor */
  notActorBefore: RegExp;
  /** is: country adjectives; capture group k+1 matched means `demonymCountry[k]`. */
  demonyms: RegExp;
  demonymCountry: string[];
  countryArticle: RegExp;
  /** ACLED's spelling of a country, where it differs from ISO's. */
  countryNames: Map<string, string>;
  /** scan */
  actVerbs: RegExp;
  /** is */
  reciprocal: RegExp;
  patientVerbs: RegExp;
  passiveAux: RegExp;
  adverbs: RegExp;
  reducedAfter: RegExp;
  /** tail: a verb whose "by X" is no agent of the act ("recovered by the police", "confirmed by officials") */
  notAgentBy: RegExp;
  /** is: a word before "to" that makes the infinitive an act done ("had to fire", "were forced to open fire") */
  infinitiveAfter: RegExp;
  /** is: a conjunction that opens a clause telling how a passive's outcome came about ("killed when police fired") */
  causeClause: RegExp;
  determiners: RegExp;
  /** tail */
  agent: RegExp;
  patient: RegExp;
  between: RegExp;
  withWord: RegExp;
  support: RegExp;
  adjunct: RegExp;
  partOf: RegExp;
  /** right after a name: "-led", "-launched" make it the owner of what follows */
  ownerSuffix: RegExp;
  /** is: words of a name that make it a reporting body ("Anadolu Agency", "Sputnik News") */
  sourceWords: RegExp;
  /** The class of a group the pack does not know, by a word of its name. */
  namedInter: Array<{ inter: number; words: RegExp }>;
  /** A word of an unknown group's name that makes it a state force of this class (police, military). */
  stateNameWords: Array<{ cls: string; words: RegExp }>;
  named: Map<string, NamedActor>;
  /** `country|force` -> the pack entity that is that country's force ("SY|military" -> org:syrian-army). */
  forceOf: Map<string, { id: string; name: string }>;
  /** Outlet names and aliases, lower-cased. */
  outlets: Set<string>;
}

interface RawActors {
  classes?: Record<string, { inter: number; acled: string; abroad?: number; state?: boolean; victim?: boolean; owned_only?: boolean }>;
  named_inter?: Array<{ inter: number; words: string }>;
  state_name_words?: Record<string, string>;
  nouns?: Record<string, string>;
  modifiers?: Record<string, string>;
  demonyms?: Record<string, string>;
  country_article?: string;
  country_names?: Record<string, string>;
  grammar?: Record<string, string>;
}

const NEVER = /(?!)/;
const alts = (p: string[] | string | undefined): string | null => {
  const xs = (Array.isArray(p) ? p : p ? [p] : []).filter(Boolean);
  return xs.length ? xs.map(fragment).join('|') : null;
};
const B = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;
/** One whole word or phrase. */
const word = (p: string[] | string | undefined, flags = 'iu'): RegExp => {
  const a = alts(p);
  return a ? new RegExp(`^(?:${a})$`, flags) : NEVER;
};
/** Every occurrence. */
const scan = (p: string[] | string | undefined): RegExp => {
  const a = alts(p);
  return a ? new RegExp(`${B}(?:${a})${E}`, 'giu') : NEVER;
};
/** Ends the text, after a word boundary, with white space after it. */
const tail = (p: string[] | string | undefined): RegExp => {
  const a = alts(p);
  return a ? new RegExp(`${B}(?:${a})\\s+$`, 'iu') : NEVER;
};

export function roleLexicon(ctx: Context): RoleLexicon {
  return ctx.resource('events.roles', () =>
    build(ctx.section<RawActors>('actors'), ctx.section<Record<string, unknown>>('entities'), ctx.section<Record<string, unknown>>('outlets')),
  );
}

export function build(sections: RawActors[], entities: Array<Record<string, unknown>>, outletList: Array<Record<string, unknown>>): RoleLexicon {
  const classes = new Map<string, ActorClass>();
  const nouns = new Map<string, string[]>();
  const mods: Record<string, string[]> = {};
  const grammar: Record<string, string[]> = {};
  const demonymParts: Array<[string, string]> = [];
  const articles: string[] = [];
  const countryNames = new Map<string, string>();
  const namedInter: RoleLexicon['namedInter'] = [];
  const stateNameWords: RoleLexicon['stateNameWords'] = [];
  for (const s of sections) {
    if (!s || typeof s !== 'object') continue;
    for (const [k, c] of Object.entries(s.classes ?? {})) {
      if (!c || typeof c.inter !== 'number' || c.inter < 1 || c.inter > 8 || typeof c.acled !== 'string') throw new PackError(`actors: class ${k}: needs inter (1-8) and acled (a name)`);
      classes.set(k, { name: k, inter: c.inter, acled: c.acled, abroad: c.abroad, state: !!c.state, victim: !!c.victim, ownedOnly: !!c.owned_only });
    }
    for (const [k, v] of Object.entries(s.nouns ?? {})) if (typeof v === 'string') (nouns.get(k) ?? nouns.set(k, []).get(k)!).push(fragment(v));
    for (const [k, v] of Object.entries(s.modifiers ?? {})) if (typeof v === 'string') (mods[k] ??= []).push(v);
    for (const [k, v] of Object.entries(s.grammar ?? {})) if (typeof v === 'string') (grammar[k] ??= []).push(v);
    for (const [cc, v] of Object.entries(s.demonyms ?? {})) if (typeof v === 'string') demonymParts.push([cc.toUpperCase(), fragment(v)]);
    for (const n of s.named_inter ?? []) {
      if (!n || typeof n.inter !== 'number' || typeof n.words !== 'string') throw new PackError('actors: named_inter: each entry needs inter and words');
      namedInter.push({ inter: n.inter, words: word(n.words) });
    }
    for (const [k, v] of Object.entries(s.state_name_words ?? {})) if (typeof v === 'string') stateNameWords.push({ cls: k, words: word(v) });
    if (s.country_article) articles.push(s.country_article);
    for (const [cc, n] of Object.entries(s.country_names ?? {})) if (typeof n === 'string') countryNames.set(cc.toUpperCase(), n);
  }
  const classOrder: string[] = [];
  const groups: string[] = [];
  for (const [k, v] of nouns) {
    if (!classes.has(k)) throw new PackError(`actors: nouns.${k}: no class ${k} in actors.classes`);
    classOrder.push(k);
    groups.push(`(${v.join('|')})`);
  }
  const named = new Map<string, NamedActor>();
  const forceOf = new Map<string, { id: string; name: string }>();
  for (const e of entities) {
    if (!e || typeof e.id !== 'string') continue;
    const { inter, acled, force, source, country } = e as { inter?: unknown; acled?: unknown; force?: unknown; source?: unknown; country?: unknown };
    if (inter == null && acled == null && force == null && source == null) continue;
    if (inter != null && (typeof inter !== 'number' || inter < 1 || inter > 8)) throw new PackError(`entities: ${e.id}: inter must be an ACLED actor class 1-8`);
    if (acled != null && typeof acled !== 'string') throw new PackError(`entities: ${e.id}: acled must be a name`);
    if (force != null && force !== 'military' && force !== 'police' && force !== 'government') throw new PackError(`entities: ${e.id}: force must be military|police|government`);
    const a: NamedActor = {
      inter: inter as number | undefined,
      acled: acled as string | undefined,
      force: force as NamedActor['force'],
      country: typeof country === 'string' ? country : undefined,
      source: source === true,
    };
    named.set(e.id, a);
    // The first entity declared for a country's force stands for the generic noun ("Syrian troops").
    if (a.force && a.country && !forceOf.has(`${a.country}|${a.force}`)) forceOf.set(`${a.country}|${a.force}`, { id: e.id, name: String(e.name ?? e.id) });
  }
  const outlets = new Set<string>();
  for (const o of outletList) {
    if (!o || typeof o !== 'object') continue;
    for (const n of [o.name, ...(Array.isArray(o.aliases) ? o.aliases : [])]) if (typeof n === 'string' && n.trim()) outlets.add(n.trim().toLowerCase());
  }
  const na = alts(mods.not_actor_after);
  const nb = alts(mods.not_actor_before);
  const own = alts(grammar.owner_suffix);
  return {
    classes,
    nouns: groups.length ? new RegExp(`${B}(?:${groups.join('|')})${E}`, 'giu') : NEVER,
    classOrder,
    instruments: word(mods.instruments),
    actNounAfter: mods.act_nouns ? new RegExp(`^\\s+(?:${alts(mods.act_nouns)})${E}`, 'iu') : NEVER,
    state: word(mods.state),
    unknown: word(mods.unknown),
    opposition: word(mods.opposition),
    heldTarget:
      grammar.target_nouns && (mods.opposition || grammar.armed_owners)
        ? new RegExp(`${B}(${alts([...(mods.opposition ?? []), ...(grammar.armed_owners ?? [])])})(?:[-‐‑–\\s](?:held|controlled|run))?\\s+(?:[\\p{L}-]+\\s+)?(?:${alts(grammar.target_nouns)})${E}`, 'iu')
        : NEVER,
    armedOwner: word(grammar.armed_owners),
    notActorAfter: na ? new RegExp(`^\\s?[-‐‑–]\\s?(?:${na})${E}`, 'iu') : NEVER,
    notActorBefore: nb ? new RegExp(`^\\s+(?:${nb})${E}`, 'iu') : NEVER,
    demonyms: demonymParts.length ? new RegExp(`^(?:${demonymParts.map(([, f]) => `(${f})`).join('|')})$`, 'iu') : NEVER,
    demonymCountry: demonymParts.map(([cc]) => cc),
    countryArticle: word(articles, 'u'),
    countryNames,
    actVerbs: scan(grammar.act_verbs),
    reciprocal: word(grammar.reciprocal),
    patientVerbs: word(grammar.patient_verbs),
    passiveAux: word(grammar.passive_aux),
    adverbs: word(grammar.adverbs),
    reducedAfter: word(grammar.reduced_after),
    infinitiveAfter: word(grammar.infinitive_after),
    notAgentBy: grammar.not_agent_by ? new RegExp(`${B}(?:${alts(grammar.not_agent_by)})\\s+by\\s+$`, 'iu') : NEVER,
    causeClause: word(grammar.cause_clause),
    determiners: word(grammar.determiners),
    agent: tail(grammar.agent),
    patient: tail(grammar.patient),
    between: tail(grammar.between),
    withWord: tail(grammar.with),
    support: tail(grammar.support),
    adjunct: tail(grammar.adjunct),
    partOf: tail(grammar.part_of),
    ownerSuffix: own ? new RegExp(`^\\s?[-‐‑–]\\s?(?:${own})${E}`, 'iu') : NEVER,
    sourceWords: word(grammar.source_words),
    namedInter,
    stateNameWords,
    named,
    forceOf,
    outlets,
  };
}
