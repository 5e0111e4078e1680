import { readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { haversineKm } from './dates.ts';

/**
 * The scored comparison behind clustering: how likely a report and an event (or two reports) are
 * one real-world incident. A few hard vetoes say "never" (types of different families, an
 * aggregate or war-long total, an undated report, the same document); everything else is a
 * weighted sum of features passed through a logistic, compared with a threshold. The weights and
 * threshold are learned from hand-labelled incident groups (scripts/train-cluster.ts) and shipped
 * in data/cluster-weights.json, so the rule can be refitted on new labels without code changes.
 *
 * Each feature is scaled so that the same weight means the same thing for any precision:
 * distances are divided by the sum of both locations' uncertainty radii (a town is a point, a
 * province a wide area), date gaps by the sum of both dates' tolerances (a day, a week, a month).
 */

/** Families of ACLED types that can describe one incident (an air strike on a market is both
 * remote violence and violence against civilians; shelling inside a battle is both). */
const FAMILY: Record<string, string> = {
  Battles: 'violent',
  'Explosions/Remote violence': 'violent',
  'Violence against civilians': 'violent',
  Protests: 'demonstration',
  Riots: 'demonstration',
  'Strategic developments': 'strategic',
};
export const typeFamily = (type: string): string => FAMILY[type] ?? type;
/** The types a report of `type` may be compared with (the candidate search uses this list). */
export function compatibleTypes(type: string): string[] {
  const fam = typeFamily(type);
  const out = Object.keys(FAMILY).filter((t) => FAMILY[t] === fam);
  return out.includes(type) ? out : [type, ...out];
}

/** Uncertainty radius (km) of an ACLED geo-precision: 1 the place itself, 2 near it / district, 3 province. */
const RADIUS_KM: Record<number, number> = { 1: 8, 2: 25, 3: 80 };
/** Windows wider than this are war-long or yearly totals: never one incident. */
export const MAX_INCIDENT_WINDOW_DAYS = 31;

/** What the comparison reads from either side (a report, or an event's summary). */
export interface Comparable {
  type: string;
  /** The ACLED sub-event type (air strike, shelling, suicide bomb, ...), when known. */
  subtype?: string | null;
  window: { lo: string; hi: string } | null;
  /** The report has no date of its own (its window is borrowed from the publication date). */
  undated?: boolean;
  lat: number | null;
  lon: number | null;
  geoPrecision: number | null;
  placeName: string | null;
  /** First-level division (governorate, province), when known. */
  admin1?: string | null;
  actors: string[];
  /** The perpetrators (actor1 entities), for the conflict test. */
  perpetrators?: string[];
  /** Counts the side states (unit -> value), e.g. killed: 12. */
  figures?: Record<string, number>;
  aggregate: boolean;
  documents: string[];
  /** An event's own reports, each as a side (a report is compared with them, not only with the event's summary). */
  reports?: Comparable[];
}

export const FEATURES = [
  'sameType',
  'dateGap',
  'dateCentre',
  'bothDayPrecise',
  'sameDay',
  'distance',
  'noPoint',
  'samePlaceName',
  'admin1Differs',
  'coarsePlace',
  'actorOverlap',
  'actorConflict',
  'sharedFigure',
] as const;
export type FeatureName = (typeof FEATURES)[number];
export type PairFeatures = Record<FeatureName, number>;

export interface SimilarityModel {
  bias: number;
  weights: Record<FeatureName, number>;
  /** Join when the probability reaches this. */
  threshold: number;
  /** Provenance: how and on what the weights were fitted, with the held-out figures. */
  fitted?: Record<string, unknown>;
}

/** Why a pair can never be one incident, or null when the features decide. */
export type Veto = 'type family' | 'aggregate' | 'wide date' | 'undated' | 'same document' | 'no date' | 'dates apart' | 'far apart' | 'actor conflict';

/** Beyond this many times the two uncertainty radii, two places are never one incident's. */
export const MAX_SCALED_DISTANCE = 3;
/** Beyond this share of the two dates' tolerance, a gap between windows is never one incident. */
export const MAX_SCALED_GAP = 0.5;
/** Perpetrators too vague to conflict with another ("unidentified armed group", "civilians"). */
const VAGUE_ACTOR = /unidentified|unknown|civilians|^org:(rebel|military|police|security)-forces/;

const DAY = 86_400_000;
const day = (s: string) => Date.parse(s.slice(0, 10)) / DAY;
const width = (w: { lo: string; hi: string }) => day(w.hi) - day(w.lo);

export function veto(a: Comparable, b: Comparable): Veto | null {
  if (typeFamily(a.type) !== typeFamily(b.type)) return 'type family';
  if (a.aggregate || b.aggregate) return 'aggregate';
  if (a.undated || b.undated) return 'undated';
  if (!a.window || !b.window) return 'no date';
  if (width(a.window) > MAX_INCIDENT_WINDOW_DAYS || width(b.window) > MAX_INCIDENT_WINDOW_DAYS) return 'wide date';
  if (a.documents.some((d) => b.documents.includes(d))) return 'same document';
  const f = pairFeatures(a, b);
  if (f.dateGap > MAX_SCALED_GAP) return 'dates apart';
  if (f.distance > MAX_SCALED_DISTANCE) return 'far apart';
  // Named perpetrators that differ, with no actor at all in common (IS and the Kurdish police vs
  // the army and HTS), never are one incident. Differing perpetrators alone are only a feature
  // (actorConflict): as a veto that cost 0.13 held-out pairwise recall on the FA-KES incident
  // groups and gained no precision, since extracted perpetrators of one incident often differ.
  if (f.actorConflict && !a.actors.some((x) => b.actors.includes(x))) return 'actor conflict';
  return null;
}

/** The feature vector of a pair that is not vetoed. */
export function pairFeatures(a: Comparable, b: Comparable): PairFeatures {
  const wa = a.window!;
  const wb = b.window!;
  const gap = Math.max(0, Math.max(day(wa.lo), day(wb.lo)) - Math.min(day(wa.hi), day(wb.hi)));
  const ha = width(wa) / 2;
  const hb = width(wb) / 2;
  const centre = Math.abs((day(wa.lo) + ha) - (day(wb.lo) + hb));
  // Tolerance: both half-widths (a day-precise date has its slack day either side) plus one day.
  const tol = 1 + ha + hb;
  const bothDay = ha <= 1 && hb <= 1;
  const point = a.lat != null && a.lon != null && b.lat != null && b.lon != null;
  let distance = 0;
  if (point) {
    const km = haversineKm(a.lat!, a.lon!, b.lat!, b.lon!);
    distance = Math.min(4, km / (RADIUS_KM[a.geoPrecision ?? 1] + RADIUS_KM[b.geoPrecision ?? 1]));
  }
  const shared = a.actors.filter((x) => b.actors.includes(x)).length;
  // Vague perpetrators ("unidentified armed group", "civilians") never conflict with a named one.
  const pa = (a.perpetrators ?? []).filter((x) => !VAGUE_ACTOR.test(x));
  const pb = (b.perpetrators ?? []).filter((x) => !VAGUE_ACTOR.test(x));
  const conflict = pa.length > 0 && pb.length > 0 && !pa.some((x) => pb.includes(x));
  let sharedFigure = 0;
  for (const [u, v] of Object.entries(a.figures ?? {})) if (v > 0 && b.figures?.[u] === v) sharedFigure = 1;
  return {
    sameType: a.type === b.type ? 1 : 0,
    dateGap: Math.min(4, gap / tol),
    dateCentre: Math.min(4, centre / tol),
    bothDayPrecise: bothDay ? 1 : 0,
    sameDay: bothDay && centre === 0 ? 1 : 0,
    distance,
    noPoint: point ? 0 : 1,
    samePlaceName: a.placeName && a.placeName === b.placeName ? 1 : 0,
    admin1Differs: a.admin1 && b.admin1 && a.admin1.toLowerCase() !== b.admin1.toLowerCase() ? 1 : 0,
    coarsePlace: (a.geoPrecision ?? 1) >= 3 || (b.geoPrecision ?? 1) >= 3 ? 1 : 0,
    actorOverlap: a.actors.length && b.actors.length ? shared / Math.min(a.actors.length, b.actors.length) : 0,
    actorConflict: conflict ? 1 : 0,
    sharedFigure,
  };
}

export function probability(model: SimilarityModel, f: PairFeatures): number {
  let z = model.bias;
  for (const k of FEATURES) z += (model.weights[k] ?? 0) * f[k];
  return 1 / (1 + Math.exp(-z));
}

/** One comparison, kept with the report so the event page can say why two reports are one event. */
export interface PairDecision {
  /** The event compared with (the chosen one, or the best refused one). */
  eventId: string | null;
  joined: boolean;
  score: number;
  threshold: number;
  /** Feature values and each one's contribution to the logit (weight x value). */
  features?: Partial<PairFeatures>;
  contributions?: Partial<Record<FeatureName, number>>;
  veto?: Veto;
  /** How many candidate events were compared. */
  candidates: number;
}

export function explain(model: SimilarityModel, f: PairFeatures): Partial<Record<FeatureName, number>> {
  const out: Partial<Record<FeatureName, number>> = {};
  for (const k of FEATURES) {
    const c = (model.weights[k] ?? 0) * f[k];
    if (c) out[k] = Math.round(c * 1000) / 1000;
  }
  return out;
}

let loaded: SimilarityModel | null = null;
/** The shipped model (data/cluster-weights.json). */
export function defaultModel(): SimilarityModel {
  if (!loaded) {
    const file = resolvePath(dirname(fileURLToPath(import.meta.url)), '../../data/cluster-weights.json');
    loaded = JSON.parse(readFileSync(file, 'utf8')) as SimilarityModel;
  }
  return loaded;
}
