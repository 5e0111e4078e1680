import { isDeepStrictEqual } from 'node:util';
import { StoreError } from './errors.ts';
import type { AuditEntry, EditableEventFields } from './types.ts';

/**
 * Undo of an event's last review change, the same for every store: which audit entries it takes
 * back and what to write. The store applies the plan in its own transaction and logs it as action
 * `undo` (one entry per field put back, and one `undone` entry listing the ids taken back, so that
 * a second undo goes one change further back instead of undoing the undo).
 *
 * Accept, reject and edit can be undone. A merge or split moves reports between events: it is
 * taken back by the opposite action, which the analyst chooses, so it stops the undo here.
 */
export interface UndoPlan {
  /** The entries taken back (one change: same time, reviewer and action). */
  group: AuditEntry[];
  /** Fields whose override is set back to the value before the change. */
  setOverrides: Array<[keyof EditableEventFields, unknown]>;
  /** Fields whose override goes: the value before the change was the machine's. */
  dropOverrides: Array<keyof EditableEventFields>;
  /** The review status after the undo. */
  status: string;
  /** Per field: the value now and the value put back, for the log. */
  log: Array<{ field: string; before: unknown; after: unknown }>;
}

const UNDOABLE = new Set(['accept', 'reject', 'edit']);

/**
 * @param entries the event's audit log, newest first (all of it: the undo needs to see what was undone)
 * @param event the event's current values, with `machine` (the machine values of overridden fields)
 * @param overridden the fields overridden now
 */
export function planUndo(
  entries: AuditEntry[],
  event: Record<string, unknown> & { machine?: Record<string, unknown>; review: { status: string } },
  overridden: string[],
): UndoPlan {
  const undone = new Set<number>();
  for (const e of entries) if (e.action === 'undo' && e.field === 'undone' && Array.isArray(e.after)) for (const id of e.after) undone.add(Number(id));
  const live = entries.filter((e) => e.action !== 'undo' && !undone.has(Number(e.id)));
  const last = live[0];
  if (!last) throw new StoreError('bad_request', 'nothing to undo: this event has no review change left');
  if (!UNDOABLE.has(last.action)) throw new StoreError('bad_request', `the last change is a ${last.action}: take it back with a ${last.action === 'merge' ? 'split' : 'merge'}`);
  const group = live.filter((e) => e.at === last.at && e.reviewer === last.reviewer && e.action === last.action);
  const plan: UndoPlan = { group, setOverrides: [], dropOverrides: [], status: event.review.status, log: [] };
  const left = new Set(overridden);
  for (const e of group) {
    if (e.field === 'review_status') {
      plan.status = typeof e.before === 'string' ? e.before : 'unreviewed';
      plan.log.push({ field: 'review_status', before: event.review.status, after: plan.status });
      continue;
    }
    if (!e.field) continue;
    const field = e.field as keyof EditableEventFields;
    const machine = event.machine && field in event.machine ? event.machine[field] : undefined;
    // The value before the edit was the machine's (no analyst value then): the override goes.
    if (machine !== undefined && isDeepStrictEqual(normal(e.before), normal(machine))) {
      plan.dropOverrides.push(field);
      left.delete(field);
    } else plan.setOverrides.push([field, e.before]);
    plan.log.push({ field, before: event[field] ?? null, after: e.before ?? null });
  }
  if (last.action === 'edit') {
    // Still edited while any analyst value stays; else the status the last live accept/reject left.
    const statusEntry = live.find((e) => e.field === 'review_status' && !group.includes(e));
    plan.status = left.size ? 'edited' : typeof statusEntry?.after === 'string' ? statusEntry.after : 'unreviewed';
    if (plan.status !== event.review.status) plan.log.push({ field: 'review_status', before: event.review.status, after: plan.status });
  }
  return plan;
}

/** JSON round trip: what the log stored and what the store computes compare alike (no undefined keys). */
function normal(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}
