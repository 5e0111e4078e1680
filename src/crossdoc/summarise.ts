import type { ConflictEvent, EventActor, EventCounts, EventLocation, Fatalities } from '../doc.ts';
import { precisionRank } from './dates.ts';
import { entityId } from './entities.ts';

/**
 * One event's machine values from its reports. Conservative, in ACLED's spirit: the finest date
 * and place any report gives (the most frequent among equally fine ones), the union of actors,
 * and the LOWEST reported figures (fatalities low/best = the lowest, high = the highest reported),
 * so the range stays visible and the headline number is the one every source supports.
 */
export interface ReportForSummary {
  event: ConflictEvent;
  documentId: string;
}

/** The values that describe an event: what a summary computes and an analyst may override. */
export interface EventValues {
  type: string;
  subtype: string;
  date: { value: string; precision: string } | null;
  location: EventLocation | null;
  actors: EventActor[];
  fatalities: Fatalities | null;
  counts: Partial<EventCounts>;
}

export interface EventSummary extends EventValues {
  aggregate: boolean;
}

function mostFrequent<T>(xs: T[], key: (x: T) => string): T | undefined {
  const n = new Map<string, number>();
  for (const x of xs) n.set(key(x), (n.get(key(x)) ?? 0) + 1);
  let best: T | undefined;
  let bestN = 0;
  for (const x of xs) {
    const c = n.get(key(x))!;
    if (c > bestN) {
      best = x;
      bestN = c;
    }
  }
  return best;
}

export function summarise(reports: ReportForSummary[]): EventSummary {
  const evs = reports.map((r) => r.event);
  const first = evs[0];
  const type = mostFrequent(evs, (e) => e.type)?.type ?? first.type;
  const subtype = mostFrequent(evs.filter((e) => e.type === type), (e) => e.subtype)?.subtype ?? first.subtype;

  const dated = evs.map((e) => e.date).filter((d): d is NonNullable<ConflictEvent['date']> => !!d?.value);
  const finest = Math.min(...dated.map((d) => precisionRank(d.precision)));
  const fineDates = dated.filter((d) => precisionRank(d.precision) === finest && !d.fromPublication);
  const pickDate = mostFrequent(fineDates.length ? fineDates : dated.filter((d) => precisionRank(d.precision) === finest), (d) => d.value);
  const date = pickDate ? { value: pickDate.value, precision: pickDate.precision } : null;

  const located = evs.map((e) => e.location).filter((l): l is EventLocation => !!l);
  const bestPrec = Math.min(...located.map((l) => (l.lat != null ? l.precision : l.precision + 10)));
  const location = mostFrequent(located.filter((l) => (l.lat != null ? l.precision : l.precision + 10) === bestPrec), (l) => `${l.name}|${l.lat}|${l.lon}`) ?? null;

  type Tally = { name?: string; roles: Map<string, number>; inter?: number; acledName?: string };
  const roles = new Map<string, Tally>();
  for (const e of evs)
    for (const a of e.actors) {
      const id = entityId({ entity: a.entity, name: a.name, type: 'ORG' });
      const r: Tally = roles.get(id) ?? { name: a.name, roles: new Map() };
      r.roles.set(a.role, (r.roles.get(a.role) ?? 0) + 1);
      if (!r.name && a.name) r.name = a.name;
      // The ACLED class and name the events stage gave (the ACLED CSV export writes them).
      if (r.inter == null && typeof a.inter === 'number') r.inter = a.inter;
      if (!r.acledName && a.acledName) r.acledName = a.acledName;
      roles.set(id, r);
    }
  const actors: EventActor[] = [...roles].map(([entity, r]) => {
    const role = [...r.roles].sort((a, b) => b[1] - a[1])[0][0] as EventActor['role'];
    const out: EventActor = r.name ? { entity, name: r.name, role } : { entity, role };
    if (r.inter != null) out.inter = r.inter;
    if (r.acledName) out.acledName = r.acledName;
    return out;
  });

  const fat = evs.map((e) => e.fatalities).filter((f): f is Fatalities => !!f);
  const fatalities = fat.length
    ? { low: Math.min(...fat.map((f) => f.low)), best: Math.min(...fat.map((f) => f.best)), high: Math.max(...fat.map((f) => f.high)) }
    : null;

  const counts: Partial<EventCounts> = {};
  for (const e of evs)
    for (const [unit, v] of Object.entries(e.counts ?? {})) {
      if (v == null) continue;
      const cur = counts[unit];
      counts[unit] = cur == null ? v : Math.min(cur, v);
    }
  return { type, subtype, date, location: location ? { ...location } : null, actors, fatalities, counts, aggregate: evs.every((e) => !!e.aggregate) };
}
