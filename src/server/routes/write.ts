import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../app.ts';
import { Context } from '../../context.ts';
import { extractBytes } from '../extract-text.ts';
import { isErrorRecord } from '../../read/errors.ts';
import type { ReviewAction, EditableEventFields } from '../../store/types.ts';
import { BadRequest } from '../query.ts';

/**
 * The write side: ingest (extract an uploaded article and store it) and analyst review.
 * Both need a logged-in user (see auth.ts); review actions are recorded under that user's name.
 */
export function registerWriteRoutes(app: FastifyInstance, state: ServerState): void {
  const { store } = state;
  const ctx = () => (state.ctx ??= new Context());

  /**
   * POST /api/ingest: the article as the raw body (text/plain, text/html, ...; `?source=` and
   * `?filename=` name it), or JSON `{ text, source?, filename? }`. Returns the extraction (the
   * contract result) and what the store did with it, per document the body holds.
   */
  app.post('/api/ingest', { config: { access: 'write' } }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    let bytes: Buffer;
    let source = q.source;
    let filename = q.filename;
    let referenceDate = q.referenceDate;
    if (Buffer.isBuffer(req.body)) bytes = req.body;
    else if (req.body && typeof req.body === 'object' && typeof (req.body as any).text === 'string') {
      const b = req.body as { text: string; source?: string; filename?: string; referenceDate?: string };
      bytes = Buffer.from(b.text, 'utf8');
      source = b.source ?? source;
      filename = b.filename ?? filename;
      referenceDate = b.referenceDate ?? referenceDate;
    } else throw new BadRequest('send the article as the request body (text/plain or text/html) or JSON {"text": "..."}');
    if (!bytes.length) throw new BadRequest('empty document');
    if (referenceDate && !/^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) throw new BadRequest('referenceDate must be YYYY-MM-DD');
    source = (source || filename || `upload:${new Date().toISOString()}`).slice(0, 2000);

    const runId = await store.beginRun(`api ingest by ${req.user!.username}`);
    const documents: unknown[] = [];
    let failed = 0;
    try {
      for (const item of await extractBytes(bytes, source, ctx(), { filename, referenceDate })) {
        if (isErrorRecord(item)) {
          failed++;
          await store.recordSkip(runId, item);
          documents.push(item);
          continue;
        }
        const outcome = await store.ingest({ result: item.result, text: item.text, source, kind: item.kind as any }, runId);
        documents.push({ outcome, result: item.result });
      }
    } finally {
      await store.finishRun(runId);
      state.pointsCache.clear();
    }
    reply.code(failed && failed === documents.length ? 422 : 200);
    return { runId, documents };
  });

  /** POST /api/review: one ReviewAction (accept, reject, edit, merge, split); the reviewer is the logged-in user. */
  app.post('/api/review', { config: { access: 'write' } }, async (req) => {
    const action = checkAction(req.body, req.user!.username);
    const result = await store.review(action);
    state.pointsCache.clear();
    return result;
  });

  // Convenience forms of the same actions, per event.
  for (const verb of ['accept', 'reject'] as const) {
    app.post(`/api/events/:id/${verb}`, { config: { access: 'write' } }, async (req) => {
      const note = noteOf(req.body);
      const result = await store.review({ action: verb, eventId: (req.params as { id: string }).id, reviewer: req.user!.username, note });
      state.pointsCache.clear();
      return result;
    });
  }
  app.patch('/api/events/:id', { config: { access: 'write' } }, async (req) => {
    const body = (req.body ?? {}) as { fields?: unknown; note?: unknown };
    const fields = checkFields(body.fields ?? req.body);
    const result = await store.review({ action: 'edit', eventId: (req.params as { id: string }).id, reviewer: req.user!.username, fields, note: noteOf(req.body) });
    state.pointsCache.clear();
    return result;
  });
}

function noteOf(body: unknown): string | undefined {
  const n = (body as any)?.note;
  return typeof n === 'string' && n.trim() ? n.slice(0, 2000) : undefined;
}

const FIELDS: Array<keyof EditableEventFields> = ['type', 'subtype', 'date', 'location', 'actors', 'fatalities', 'counts', 'notes'];

function checkFields(raw: unknown): Partial<EditableEventFields> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new BadRequest('fields must be an object');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'note') continue;
    if (!FIELDS.includes(k as keyof EditableEventFields)) throw new BadRequest(`field '${k}' cannot be edited (editable: ${FIELDS.join(', ')})`);
    out[k] = v;
  }
  if (!Object.keys(out).length) throw new BadRequest('no fields to edit');
  const f = out as Partial<EditableEventFields>;
  if ('type' in f && typeof f.type !== 'string') throw new BadRequest('type must be a string');
  if ('subtype' in f && typeof f.subtype !== 'string') throw new BadRequest('subtype must be a string');
  if ('date' in f && f.date !== null && (typeof f.date !== 'object' || !/^\d{4}(-(\d{2}(-\d{2})?|Q[1-4]|W\d{2}))?$/.test(String((f.date as any).value)))) throw new BadRequest('date must be {value: YYYY-MM-DD (or YYYY-MM, YYYY-Qn, YYYY-Wnn, YYYY), precision} or null');
  if ('fatalities' in f && f.fatalities !== null) {
    const x = f.fatalities as any;
    if (typeof x !== 'object' || ![x.low, x.best, x.high].every((n) => Number.isInteger(n) && n >= 0) || !(x.low <= x.best && x.best <= x.high)) throw new BadRequest('fatalities must be {low, best, high}: integers, low <= best <= high, or null');
  }
  if ('location' in f && f.location !== null) {
    const l = f.location as any;
    if (typeof l !== 'object' || typeof l.name !== 'string') throw new BadRequest('location must be {name, lat, lon, ...} or null');
    for (const k of ['lat', 'lon']) if (l[k] != null && !Number.isFinite(l[k])) throw new BadRequest(`location.${k} must be a number`);
    if (l.lat != null && Math.abs(l.lat) > 90) throw new BadRequest('location.lat out of range');
    if (l.lon != null && Math.abs(l.lon) > 180) throw new BadRequest('location.lon out of range');
  }
  if ('actors' in f && (!Array.isArray(f.actors) || f.actors.some((a: any) => !a || typeof a.entity !== 'string' || typeof a.role !== 'string'))) throw new BadRequest('actors must be [{entity, role, name?}]');
  return f;
}

function checkAction(raw: unknown, reviewer: string): ReviewAction {
  if (!raw || typeof raw !== 'object') throw new BadRequest('send a JSON review action');
  const a = raw as Record<string, any>;
  const note = noteOf(a);
  switch (a.action) {
    case 'accept':
    case 'reject':
      if (typeof a.eventId !== 'string') throw new BadRequest('eventId required');
      return { action: a.action, eventId: a.eventId, reviewer, note };
    case 'edit':
      if (typeof a.eventId !== 'string') throw new BadRequest('eventId required');
      return { action: 'edit', eventId: a.eventId, reviewer, fields: checkFields(a.fields), note };
    case 'merge':
      if (!Array.isArray(a.eventIds) || a.eventIds.length < 2 || a.eventIds.some((x: unknown) => typeof x !== 'string')) throw new BadRequest('merge needs eventIds: at least two event ids');
      return { action: 'merge', eventIds: a.eventIds, into: typeof a.into === 'string' ? a.into : undefined, reviewer, note };
    case 'split':
      if (typeof a.eventId !== 'string' || !Array.isArray(a.reportIds) || !a.reportIds.length || a.reportIds.some((x: unknown) => typeof x !== 'string')) throw new BadRequest('split needs eventId and reportIds');
      return { action: 'split', eventId: a.eventId, reportIds: a.reportIds, reviewer, note };
    default:
      throw new BadRequest('action must be accept, reject, edit, merge or split');
  }
}
