import { createHash } from 'node:crypto';
import type { Comparable } from './similarity.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { PACKS_DIR } from '../packs/load.ts';
import { checkSection } from '../packs/schema.ts';

/**
 * Contradictions: the same quantity, for the same event or the same subject, stated by different
 * sources with values that cannot both be right.
 *
 * Two statements are compared when they have the same unit and the same key (an event id, or a
 * subject entity), come from different sources (`sameSource`: one claimant's rising toll is a
 * revision), are figures someone states (not "dozens"), and, for subject claims,
 * their documents were published within `windowDays` of each other (fighter numbers from 2017 and
 * 2024 are history, not a contradiction; a document with no known publication date is compared
 * only with other claimants in itself). They CONTRADICT when their ranges [low, high] are apart
 * by more than a tolerance: max(`absTolerance`, `relTolerance` x the larger value), with
 * `relToleranceApprox` when either side is approximate ("some 2,500"). So 7 vs 9 killed and
 * "about 2,500" vs 3,500 fighters contradict; 7 vs 8, or 100 vs "up to 110", do not.
 * Statements linked by contradictions form one group; each group lists who says what.
 */
export interface Tolerance {
  absTolerance: number;
  relTolerance: number;
  relToleranceApprox: number;
  /** Subject claims are compared only when their documents are this close in time (the pack's `contradictions.subject_window_days`). */
  windowDays: number;
  /** Units an event's reports may contradict on: counts of people or acts of one incident. */
  eventUnits: string[];
  /** Units a subject's claims may contradict on: a group's strength, not tolls (those belong to incidents). */
  subjectUnits: string[];
  /** Words right before a figure that make it a part of another one ("including 10"): never compared. */
  partBefore?: RegExp | null;
  /** Words right after a figure naming the group it counts ("22 children"): figures of different groups are not compared. */
  subgroupAfter?: RegExp | null;
  /** Sub-event type -> how the harm was delivered; reports of different kinds are two incidents (subtypes not listed fit any). */
  actKinds?: Record<string, string>;
}

/** What a pack's `contradictions.yaml` sets (packs/en-acled/contradictions.yaml). */
export interface PackContradictions {
  event_units?: string[];
  subject_units?: string[];
  subject_window_days?: number;
  part_before?: string;
  subgroup_after?: string;
  act_kinds?: Record<string, string[]>;
}

const BUILT_IN: Tolerance = {
  absTolerance: 1,
  relTolerance: 0.1,
  relToleranceApprox: 0.2,
  windowDays: 31,
  eventUnits: ['killed', 'injured', 'detained', 'strikes'],
  subjectUnits: ['fighters', 'personnel', 'members', 'trained'],
};

/** A pack's `contradictions` section over the built-in values. */
export function packTolerance(section: PackContradictions | null | undefined, base: Tolerance = BUILT_IN): Tolerance {
  if (!section) return base;
  return {
    ...base,
    windowDays: section.subject_window_days ?? base.windowDays,
    eventUnits: section.event_units ?? base.eventUnits,
    subjectUnits: section.subject_units ?? base.subjectUnits,
    partBefore: section.part_before ? new RegExp(section.part_before, 'i') : (base.partBefore ?? null),
    subgroupAfter: section.subgroup_after ? new RegExp(section.subgroup_after, 'i') : (base.subgroupAfter ?? null),
    actKinds: section.act_kinds ? Object.fromEntries(Object.entries(section.act_kinds).flatMap(([kind, subs]) => subs.map((s) => [s, kind]))) : base.actKinds,
  };
}

let fromPack: Tolerance | null = null;
/**
 * The default: the base pack's `contradictions.yaml` (read once, on first use), else the built-in
 * values. A store opened with another `tolerance` uses that one.
 */
export function defaultTolerance(): Tolerance {
  if (!fromPack) {
    const file = join(PACKS_DIR, 'en-acled', 'contradictions.yaml');
    let section: PackContradictions | null = null;
    if (existsSync(file)) {
      // The YAML parser is loaded here only (importing it costs ~0.1 s, see packs/load.ts).
      const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
      const parsed = yaml.parse(readFileSync(file, 'utf8')) as unknown;
      const problems = checkSection('contradictions', parsed);
      if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
      section = parsed as PackContradictions;
    }
    fromPack = packTolerance(section);
  }
  return fromPack;
}

/** The default tolerance, resolved when first read (so importing this module reads no file). */
export const DEFAULT_TOLERANCE: Tolerance = {
  get absTolerance() { return defaultTolerance().absTolerance; },
  get relTolerance() { return defaultTolerance().relTolerance; },
  get relToleranceApprox() { return defaultTolerance().relToleranceApprox; },
  get windowDays() { return defaultTolerance().windowDays; },
  get eventUnits() { return defaultTolerance().eventUnits; },
  get subjectUnits() { return defaultTolerance().subjectUnits; },
  get partBefore() { return defaultTolerance().partBefore; },
  get subgroupAfter() { return defaultTolerance().subgroupAfter; },
  get actKinds() { return defaultTolerance().actKinds; },
};

export interface Statement<T = unknown> {
  key: string;
  unit: string;
  value: number;
  low: number;
  high: number;
  approximate: boolean;
  documentId: string;
  claimant: string | null;
  published: string | null;
  /** The outlet (normalised) that published it: with no claimant named, the outlet is the source. */
  outlet?: string | null;
  /** The claimant as written ("the Britain-based Syrian Observatory for Human Rights"). */
  claimantName?: string | null;
  /** Not a figure anyone states: a vague word ("dozens", "several"), or no words that say it. */
  vague?: boolean;
  /** The group the figure counts when it is a part of a toll ("children"); '' or absent for everyone. */
  group?: string;
  /** Told after the document's lead incident (derive.ts leadStart): an earlier incident, a running total or a part. */
  background?: boolean;
  /** What the statement's report is (date, place, actors), to tell whether two reports are one incident. */
  incident?: Comparable;
  data: T;
}

export interface StatementGroup<T> {
  id: string;
  key: string;
  unit: string;
  statements: Statement<T>[];
  min: number;
  max: number;
}

export function conflict(a: Statement, b: Statement, tol: Tolerance = DEFAULT_TOLERANCE): boolean {
  const gap = Math.max(a.low, b.low) - Math.min(a.high, b.high);
  if (gap <= 0) return false;
  const rel = a.approximate || b.approximate ? tol.relToleranceApprox : tol.relTolerance;
  return gap > Math.max(tol.absTolerance, rel * Math.max(a.high, b.high));
}

/** A claimant's name as its words, without articles and descriptors ("the Britain-based ..."). */
const DESCRIPTORS = new Set(['the', 'an', 'britain', 'british', 'based', 'uk', 'london', 'group', 'monitor', 'of', 'for', 'and']);
/** Short forms written for the same word ("state TV" and "state television"). */
const SHORT: Record<string, string> = { tv: 'television' };
const words = (x: string | null | undefined): string[] =>
  (x ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !DESCRIPTORS.has(w))
    .map((w) => SHORT[w] ?? w);

export function sameSource(a: Statement, b: Statement): boolean {
  if (a.claimant && b.claimant) return a.claimant === b.claimant;
  const na = words(a.claimantName);
  const nb = words(b.claimantName);
  if (na.length && nb.length) {
    // One name inside the other, word for word ("the Observatory" and "Syrian Observatory for Human Rights").
    const [short, long] = na.length <= nb.length ? [na, nb] : [nb, na];
    return short.every((w) => long.includes(w));
  }
  if (na.length || nb.length || a.claimant || b.claimant) return false;
  return a.documentId === b.documentId || (!!a.outlet && a.outlet === b.outlet);
}
function withinWindow(a: Statement, b: Statement, days: number): boolean {
  if (!Number.isFinite(days)) return true;
  // An undated document cannot be placed in time: compare it only with itself (other claimants).
  if (!a.published || !b.published) return a.documentId === b.documentId;
  const d = Math.abs(Date.parse(a.published.slice(0, 10)) - Date.parse(b.published.slice(0, 10))) / 86_400_000;
  return !(d > days);
}

/** Group statements by (key, unit) and return the groups holding at least one contradiction. */
export function findContradictions<T>(
  statements: Statement<T>[],
  opts: {
    tolerance?: Tolerance;
    useWindow?: boolean;
    kind?: string;
    /** Units that may contradict (default: any). */
    units?: string[];
    /**
     * Only figures someone is named as giving (a claimant): a contradiction says who says what, and an
     * unattributed figure may be the outlet relaying anyone (on FA-KES such figures were mostly a
     * number picked from another sentence, not a source's toll).
     */
    attributedOnly?: boolean;
    /** Whether two statements speak of one incident (event reports: the two reports themselves, not only via the event). */
    oneIncident?: (a: Statement<T>, b: Statement<T>) => boolean;
  } = {},
): StatementGroup<T>[] {
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  const byKey = new Map<string, Statement<T>[]>();
  for (const s of statements) {
    if (!Number.isFinite(s.value) || s.vague || s.background) continue;
    if (opts.units && !opts.units.includes(s.unit)) continue;
    if (opts.attributedOnly && !s.claimant && !s.claimantName) continue;
    // Children are compared with children, a whole toll with a whole toll.
    const k = `${s.key}\u0000${s.unit}\u0000${s.group ?? ''}`;
    (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(s);
  }
  const out: StatementGroup<T>[] = [];
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const parent = group.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    const hit = new Set<number>();
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i];
        const b = group[j];
        if (sameSource(a, b) || (opts.useWindow !== false && !withinWindow(a, b, tol.windowDays))) continue;
        if (!conflict(a, b, tol)) continue;
        if (opts.oneIncident && !opts.oneIncident(a, b)) continue;
        parent[find(i)] = find(j);
        hit.add(i).add(j);
      }
    const comps = new Map<number, Statement<T>[]>();
    for (const i of hit) (comps.get(find(i)) ?? comps.set(find(i), []).get(find(i))!).push(group[i]);
    // Statements that agree with a member (same key, unit, in the window) are listed too: who says what.
    for (const members of comps.values()) {
      for (let i = 0; i < group.length; i++) {
        if (hit.has(i)) continue;
        const s = group[i];
        if (members.some((m) => (opts.useWindow === false || withinWindow(m, s, tol.windowDays)) && (!opts.oneIncident || opts.oneIncident(m, s)))) members.push(s);
      }
      members.sort((a, b) => a.value - b.value || a.documentId.localeCompare(b.documentId));
      const docs = [...new Set(members.map((m) => m.documentId))].sort();
      const groupTag = members[0].group ? `|${members[0].group}` : '';
      const id = 'con_' + createHash('sha256').update(`${opts.kind ?? ''}|${members[0].key}|${members[0].unit}${groupTag}|${docs[0]}`).digest('hex').slice(0, 16);
      out.push({ id, key: members[0].key, unit: members[0].unit, statements: members, min: members[0].value, max: members[members.length - 1].value });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key) || a.unit.localeCompare(b.unit) || a.id.localeCompare(b.id));
}
