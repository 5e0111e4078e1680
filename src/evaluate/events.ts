import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConflictEvent, DocResult } from '../doc.ts';
import type { GoldDoc, Metric, Pair, Scorer } from './types.ts';

/**
 * Events, scored per document (the dev sets annotate the event(s) one text reports):
 *   type / subtype accuracy   the main predicted event (the first non-aggregate one in the text)
 *                             against the gold's first event, labels mapped by event-labels.json;
 *   type in any event         whether some predicted event has the gold type;
 *   actor1 class              the `inter` class (1-8) of the main event's actor1 against the gold's,
 *                             where the gold gives one (a missing predicted class counts wrong);
 *   killed exact / within 20% the document's predicted fatalities (sum of its events' best, 0 when
 *                             none says) against the gold sum, where the gold gives fatalities;
 *   date exact / within 7 d   the main event's date against the gold's first event's date;
 *   date from the text        how often that date was found in the text (not the publication date);
 *   admin1 / 161 km / 50 km   the main event's place against the gold's (admin1 names compared
 *                             after normalising spellings; distances where both have coordinates).
 * Gold sets with a `label` (fakes: credible/fake) are also scored on the credible part alone.
 */
interface Labels {
  types: Record<string, string>;
  subtypes: Record<string, string>;
  admin1: Record<string, string[]>;
}

const LABELS: Labels = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'event-labels.json'), 'utf8'));

const ADMIN1 = new Map<string, string>();
for (const [canon, variants] of Object.entries(LABELS.admin1)) {
  ADMIN1.set(normName(canon), canon);
  for (const v of variants) ADMIN1.set(normName(v), canon);
}

function normName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/\b(?:governorate|province|muhafazat|wilayat|region)\b/g, '')
    .replace(/^(?:al|ar|ad|as|ash|an|at|az|ath|adh|el|ed|es)[\s-]+/, '')
    .replace(/[^a-z]/g, '');
}

export function admin1Key(s: string | null | undefined): string | null {
  if (!s) return null;
  const n = normName(s);
  return ADMIN1.get(n) ?? n;
}

export function mapType(t: string | undefined): string | undefined {
  return t === undefined ? undefined : LABELS.types[t] ?? t;
}

export function mapSubtype(t: string | undefined): string | undefined {
  return t === undefined ? undefined : LABELS.subtypes[t] ?? t;
}

/** The event a document is mainly about: the first in the text that is not a period total. */
export function mainEvent(pred: DocResult): ConflictEvent | null {
  const evs = [...pred.events].sort((a, b) => (a.evidence[0]?.start ?? 0) - (b.evidence[0]?.start ?? 0));
  return evs.find((e) => !e.aggregate && !e.negated && e.modality !== 'future' && e.modality !== 'hypothetical') ?? evs[0] ?? null;
}

/** Fatalities the document reports: the sum over its single events (period totals left out). */
export function docKilled(pred: DocResult): number {
  let n = 0;
  for (const e of pred.events) if (!e.aggregate && !e.negated && e.fatalities) n += e.fatalities.best;
  return n;
}

export function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const r = Math.PI / 180;
  const dLat = (bLat - aLat) * r;
  const dLon = (bLon - aLon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * r) * Math.cos(bLat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function days(a: string, b: string): number | null {
  const ta = Date.parse(a.slice(0, 10));
  const tb = Date.parse(b.slice(0, 10));
  if (Number.isNaN(ta) || Number.isNaN(tb) || a.length < 10 || b.length < 10) return null;
  return Math.abs(ta - tb) / 86400000;
}

/** ACLED's actor class (`inter`, 1-8) of the first actor1; null when there is none or it has no class. */
function actor1Inter(actors: unknown): number | null {
  if (!Array.isArray(actors)) return null;
  const a = actors.find((x) => x && x.role === 'actor1');
  return a && typeof a.inter === 'number' ? a.inter : null;
}

class Tally {
  hits = 0;
  n = 0;
  add(ok: boolean): void {
    this.n++;
    if (ok) this.hits++;
  }
  metric(name: string): Metric {
    return { metric: name, value: this.n ? this.hits / this.n : 0, n: this.n };
  }
}

function scoreSet(pairs: Pair[], suffix: string): Metric[] {
  const t = {
    type: new Tally(),
    subtype: new Tally(),
    typeAny: new Tally(),
    killedExact: new Tally(),
    killed20: new Tally(),
    dateExact: new Tally(),
    date7: new Tally(),
    dateText: new Tally(),
    admin1: new Tally(),
    km161: new Tally(),
    km50: new Tally(),
    found: new Tally(),
    actor1Class: new Tally(),
  };
  for (const { gold, pred } of pairs) {
    const gevs = gold.events;
    if (!Array.isArray(gevs) || !gevs.length) continue;
    const g = gevs[0];
    const main = mainEvent(pred);
    t.found.add(!!main);
    if (g.type) {
      t.type.add(mapType(main?.type) === mapType(g.type));
      t.typeAny.add(pred.events.some((e) => mapType(e.type) === mapType(g.type)));
    }
    if (g.subtype) t.subtype.add(mapSubtype(main?.subtype) === mapSubtype(g.subtype));
    const gInter = actor1Inter(g.actors);
    if (gInter !== null) t.actor1Class.add(actor1Inter(main?.actors) === gInter);
    const gk = gevs.filter((e) => e.fatalities && typeof e.fatalities.best === 'number');
    if (gk.length) {
      const want = gk.reduce((n: number, e) => n + e.fatalities.best, 0);
      const got = docKilled(pred);
      t.killedExact.add(got === want);
      t.killed20.add(Math.abs(got - want) <= 0.2 * want);
    }
    const gd: string | undefined = g.date?.value;
    if (gd) {
      const pd = main?.date?.value;
      t.dateExact.add(!!pd && pd.slice(0, 10) === gd.slice(0, 10));
      const dd = pd ? days(pd, gd) : null;
      t.date7.add(dd !== null && dd <= 7);
      t.dateText.add(!!main?.date && !main.date.fromPublication);
    }
    const gl = g.location;
    if (gl) {
      const pl = main?.location ?? null;
      if (gl.admin1) t.admin1.add(!!pl && admin1Key(pl.admin1) === admin1Key(gl.admin1) && (!gl.country || !pl.country || pl.country === gl.country));
      if (typeof gl.lat === 'number' && typeof gl.lon === 'number') {
        const d = pl && pl.lat !== null && pl.lon !== null ? km(gl.lat, gl.lon, pl.lat, pl.lon) : Infinity;
        t.km161.add(d <= 161);
        t.km50.add(d <= 50);
      }
    }
  }
  const out: Metric[] = [];
  const push = (tally: Tally, name: string) => {
    if (tally.n) out.push(tally.metric(name + suffix));
  };
  push(t.found, 'docs with an event');
  push(t.type, 'type accuracy (main event)');
  push(t.typeAny, 'type in any event');
  push(t.subtype, 'subtype accuracy (main event)');
  push(t.actor1Class, 'actor1 class (inter, main event)');
  push(t.killedExact, 'killed exact');
  push(t.killed20, 'killed within 20%');
  push(t.dateExact, 'date exact (main event)');
  push(t.date7, 'date within 7 days');
  push(t.dateText, 'date from the text');
  push(t.admin1, 'admin1 match');
  push(t.km161, 'location within 161 km');
  push(t.km50, 'location within 50 km');
  return out;
}

export const scorer: Scorer = {
  name: 'events',
  applies: (gold: GoldDoc[]) => gold.some((g) => Array.isArray(g.events) && g.events.length > 0),
  score(pairs: Pair[]): Metric[] {
    const out = scoreSet(pairs, '');
    const labelled = pairs.filter((p) => typeof p.gold.label === 'string');
    if (labelled.length) out.push(...scoreSet(labelled.filter((p) => p.gold.label === 'credible'), ' [credible]'));
    return out;
  },
};
