import type { ConflictEvent } from '../doc.ts';
import type { Corroboration } from '../store/types.ts';
import { entityId, normaliseName } from './entities.ts';

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
 *   actors, e.g. a military command announcing its own strike), or 3+ independent outlets report it;
 * - fair: 2 independent outlets report it;
 * - weak: a single source.
 */
export interface ReportForGrade {
  event: ConflictEvent;
  outletKey: string;
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
  const outlets = new Set(counted.map((r) => r.outletKey)).size;
  const base = { reports: reports.length, outlets };
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
  if (outlets >= 3) return { ...base, grade: 'confirmed', reason: `${outlets} independent outlets` };
  if (outlets === 2) return { ...base, grade: 'fair', reason: '2 independent outlets' };
  return { ...base, grade: 'weak', reason: outlets ? 'a single source' : 'no source asserts it' };
}
