import type { EditableEventFields, Store, StoredEvent } from '../store/types.ts';
import type { EventActor } from '../doc.ts';
import { entityId } from '../crossdoc/entities.ts';
import { BadRequest } from './query.ts';
import { BASE_COUNT_UNITS, subtypesOf } from './schemas.ts';

/**
 * What a review edit must satisfy beyond its schema (schemas.ts has the shapes and the
 * vocabularies), because the answer depends on the event or the store: a subtype belongs to the
 * event's type, counts use units the event has, and every actor is an entity the store knows
 * unless the analyst marks it new. Each refusal names its field (`fields.actors[1].entity`).
 */
export type ActorEdit = { entity?: string | null; name?: string; role: EventActor['role']; inter?: number; new?: boolean };
type FieldsIn = Omit<Partial<EditableEventFields>, 'actors'> & { actors?: ActorEdit[] };

/** An edit's fields checked against the event and the store, actors resolved to stored entity ids with names. */
export async function checkEdit(store: Store, eventId: string, fields: FieldsIn, prefix = 'fields'): Promise<Partial<EditableEventFields>> {
  const event = await store.getEvent(eventId);
  // No such event: the store's own answer (404) says so.
  if (!event) return fields as Partial<EditableEventFields>;
  const at = (name: string) => `${prefix}.${name}`;
  const out: Partial<EditableEventFields> = { ...(fields as Partial<EditableEventFields>) };

  if ('type' in fields || 'subtype' in fields) {
    const type = fields.type ?? event.type;
    const subtype = fields.subtype ?? event.subtype;
    const allowed = subtypesOf(type);
    if (!allowed.includes(subtype)) {
      const why = 'subtype' in fields ? `'${subtype}' is not a subtype of ${type}` : `the event's subtype '${subtype}' is not a subtype of ${type}: send a subtype with the type`;
      throw new BadRequest(`${why} (${type}: ${allowed.join(', ')})`, at('subtype'));
    }
  }

  const f = fields.fatalities;
  if (f && !(f.low <= f.best && f.best <= f.high)) throw new BadRequest('fatalities: low <= best <= high', at('fatalities'));

  if (fields.counts) {
    const known = new Set([...BASE_COUNT_UNITS, ...Object.keys(event.counts ?? {}), ...Object.keys(event.machine?.counts ?? {})]);
    for (const unit of Object.keys(fields.counts)) {
      if (!known.has(unit)) throw new BadRequest(`unknown count unit '${unit}' (this event counts: ${[...known].join(', ')})`, at(`counts.${unit}`));
    }
  }

  if (fields.actors) out.actors = await resolveActors(store, event, fields.actors, at('actors'));
  return out;
}

/**
 * Each actor as stored: a known entity keeps (or gets) its name; a new one gets the id its name
 * makes and stays marked `new` until the store knows it. Ids already on the event count as known
 * (a machine actor may have no entity row of its own).
 */
async function resolveActors(store: Store, event: StoredEvent, actors: ActorEdit[], path: string): Promise<EventActor[]> {
  const onEvent = new Map<string, string | undefined>();
  const addedBefore = new Set<string>();
  for (const a of [...(event.machine?.actors ?? []), ...event.actors]) {
    onEvent.set(a.entity, a.name ?? onEvent.get(a.entity));
    if ((a as ActorEdit).new) addedBefore.add(a.entity);
  }
  const out: EventActor[] = [];
  for (const [i, a] of actors.entries()) {
    const at = (name: string) => `${path}[${i}].${name}`;
    const name = a.name?.trim() || undefined;
    const extra = a.inter != null ? { inter: a.inter } : {};
    if (a.new) {
      if (!name) throw new BadRequest('a new actor needs a name', at('name'));
      const id = a.entity ?? entityId({ name, type: 'ORG' });
      const known = (onEvent.has(id) && !addedBefore.has(id)) || (await store.getEntity(id)) != null;
      out.push({ entity: id, name, role: a.role, ...extra, ...(known ? {} : { new: true }) } as EventActor);
      continue;
    }
    if (!a.entity) throw new BadRequest('pick a known entity, or mark the actor as new (new: true, with a name)', at('entity'));
    let knownName = onEvent.get(a.entity);
    if (!onEvent.has(a.entity)) {
      const ent = await store.getEntity(a.entity);
      if (!ent) throw new BadRequest(`unknown entity '${a.entity}': pick one the store knows (GET /api/entities?q=...) or mark the actor as new`, at('entity'));
      if (ent.kind !== 'actor') throw new BadRequest(`'${a.entity}' is a place, not an actor`, at('entity'));
      knownName = ent.name;
    }
    out.push({ entity: a.entity, name: name ?? knownName, role: a.role, ...extra } as EventActor);
  }
  return out;
}
