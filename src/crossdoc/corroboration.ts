import type { ConflictEvent } from '../doc.ts';
import type { Corroboration } from '../store/types.ts';
import { entityId, normaliseName } from './entities.ts';
import { areCopies } from './copies.ts';

/**
 * Corroboration grade of an event, in the spirit of Airwars' grading of civilian-harm incidents
 * (https://airwars.org/about/methodology/). Reports that only speak of a hypothetical or future
 * event are not evidence that it happened and are not counted. Independent outlets are distinct
 * outlet keys (crossdoc/entities.ts `outletKey`): two articles of one outlet count once.
 *
 * The rule, first match wins:
 * - contested: one source denies the event while another reports it, or the sources name
 *   different perpetrators (their actor1 sets are disjoint);
 * - confirmed: a party to the event itself says so (a report is attributed to one of the event's
 *   actors, e.g. a military command announcing its own strike), or 3+ independent outlets report it
 *   (outlets that ran the same wire text count once: `independentSources`, copies.ts);
 * - fair: 2 independent outlets report it;
 * - weak: a single source.
 */
export interface ReportForGrade {
  event: ConflictEvent;
  outletKey: string;
  /** The evidence fingerprint (copies.ts): reports of different outlets with the same text are one source. */
  fingerprint?: string | null;
  /** For listing copies. */
  documentId?: string;
}

/**
 * Independent sources: outlets, with outlets that ran the same text (wire copies) joined into one.
 * Returns the number of independent sources and the copy groups (outlets and documents).
 */
export function independentSources(reports: ReportForGrade[]): { count: number; copies: Array<{ outlets: string[]; documents: string[] }> } {
  const outlets = [...new Set(reports.map((r) => r.outletKey))];
  const parent = new Map(outlets.map((o) => [o, o]));
  const find = (o: string): string => (parent.get(o) === o ? o : find(parent.get(o)!));
  const linked: Array<[ReportForGrade, ReportForGrade]> = [];
  for (let i = 0; i < reports.length; i++)
    for (let j = i + 1; j < reports.length; j++) {
      const a = reports[i];
      const b = reports[j];
      if (a.outletKey === b.outletKey || !areCopies(a.fingerprint, b.fingerprint)) continue;
      parent.set(find(a.outletKey), find(b.outletKey));
      linked.push([a, b]);
    }
  const groups = new Map<string, { outlets: Set<string>; documents: Set<string> }>();
  for (const [a, b] of linked) {
    const root = find(a.outletKey);
    const g = groups.get(root) ?? groups.set(root, { outlets: new Set(), documents: new Set() }).get(root)!;
    for (const r of [a, b]) {
      g.outlets.add(r.outletKey);
      if (r.documentId) g.documents.add(r.documentId);
    }
  }
  return {
    count: new Set(outlets.map(find)).size,
    copies: [...groups.values()].map((g) => ({ outlets: [...g.outlets].sort(), documents: [...g.documents].sort() })),
  };
}

function attributedToParty(e: ConflictEvent): boolean {
  if (e.attributionEntity) {
    const id = entityId({ entity: e.attributionEntity, type: 'ORG' });
    if (e.actors.some((a) => a.role !== 'target' && entityId({ entity: a.entity, name: a.name, type: 'ORG' }) === id)) return true;
  }
  if (!e.attribution) return false;
  const att = normaliseName(e.attribution);
  if (!att) return false;
  return e.actors.some((a) => {
    const name = a.name ? normaliseName(a.name) : '';
    const slug = (a.entity.split(':')[1] ?? '').replace(/-/g, ' ');
    return (name && (att === name || att.includes(name) || name.includes(att))) || (slug.length > 2 && (att === slug || att.split(' ').includes(slug)));
  });
}

export function grade(reports: ReportForGrade[]): Corroboration {
  const counted = reports.filter((r) => r.event.modality !== 'hypothetical' && r.event.modality !== 'future');
  const { count: outlets, copies } = independentSources(counted);
  const base = { reports: reports.length, outlets, ...(copies.length ? { copies } : {}) };
  const denied = counted.filter((r) => r.event.modality === 'denied');
  const affirmed = counted.filter((r) => r.event.modality !== 'denied');
  if (denied.length && affirmed.length) return { ...base, grade: 'contested', reason: `${denied.length} report(s) deny what ${affirmed.length} report(s) assert` };
  const perpetrators = affirmed
    .map((r) => new Set(r.event.actors.filter((a) => a.role === 'actor1').map((a) => entityId({ entity: a.entity, name: a.name, type: 'ORG' }))))
    .filter((s) => s.size);
  for (let i = 0; i < perpetrators.length; i++)
    for (let j = i + 1; j < perpetrators.length; j++)
      if (![...perpetrators[i]].some((a) => perpetrators[j].has(a)))
        return { ...base, grade: 'contested', reason: `sources name different perpetrators (${[...perpetrators[i]].join(', ')} vs ${[...perpetrators[j]].join(', ')})` };
  if (affirmed.some((r) => attributedToParty(r.event))) return { ...base, grade: 'confirmed', reason: 'a party to the event reports it itself' };
  const copied = copies.length ? ` (${copies.map((c) => c.outlets.length).reduce((a, b) => a + b, 0) - copies.length} wire cop${copies.length === 1 && copies[0].outlets.length === 2 ? 'y' : 'ies'} counted once)` : '';
  if (outlets >= 3) return { ...base, grade: 'confirmed', reason: `${outlets} independent outlets${copied}` };
  if (outlets === 2) return { ...base, grade: 'fair', reason: `2 independent outlets${copied}` };
  if (copied && outlets === 1) return { ...base, grade: 'weak', reason: `a single source${copied}` };
  return { ...base, grade: 'weak', reason: outlets ? 'a single source' : 'no source asserts it' };
}
