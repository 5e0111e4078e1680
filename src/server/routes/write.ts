import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../app.ts';
import { Context } from '../../context.ts';
import { extractBytes } from '../extract-text.ts';
import { isErrorRecord } from '../../read/errors.ts';
import type { ReviewAction } from '../../store/types.ts';
import { routes } from '../schemas.ts';
import { checkEdit } from '../review-checks.ts';
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
  app.post('/api/ingest', { config: { access: 'write' }, schema: routes.ingest }, async (req, reply) => {
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
  app.post('/api/review', { config: { access: 'write' }, schema: routes.review }, async (req) => {
    const action = await reviewAction(req.body as ReviewBody, req.user!.username);
    const result = await store.review(action);
    state.pointsCache.clear();
    return result;
  });

  // Convenience forms of the same actions, per event.
  for (const verb of ['accept', 'reject'] as const) {
    app.post(`/api/events/:id/${verb}`, { config: { access: 'write' }, schema: verb === 'accept' ? routes.acceptEvent : routes.rejectEvent }, async (req) => {
      const note = noteOf((req.body as { note?: string } | null)?.note);
      const result = await store.review({ action: verb, eventId: (req.params as { id: string }).id, reviewer: req.user!.username, note });
      state.pointsCache.clear();
      return result;
    });
  }
  app.patch('/api/events/:id', { config: { access: 'write' }, schema: routes.editEvent }, async (req) => {
    const body = req.body as { fields: Parameters<typeof checkEdit>[2]; note?: string };
    const eventId = (req.params as { id: string }).id;
    const fields = await checkEdit(store, eventId, body.fields);
    const result = await store.review({ action: 'edit', eventId, reviewer: req.user!.username, fields, note: noteOf(body.note) });
    state.pointsCache.clear();
    return result;
  });

  /** A review body (its shape already checked against routes.review's schema) as the store's action. */
  async function reviewAction(a: ReviewBody, reviewer: string): Promise<ReviewAction> {
    const note = noteOf(a.note);
    switch (a.action) {
      case 'accept':
      case 'reject':
        return { action: a.action, eventId: a.eventId, reviewer, note };
      case 'edit':
        return { action: 'edit', eventId: a.eventId, reviewer, fields: await checkEdit(store, a.eventId, a.fields), note };
      case 'merge':
        return { action: 'merge', eventIds: a.eventIds, into: a.into, reviewer, note };
      case 'split':
        return { action: 'split', eventId: a.eventId, reportIds: a.reportIds, reviewer, note };
    }
  }
}

type ReviewBody =
  | { action: 'accept' | 'reject'; eventId: string; note?: string }
  | { action: 'edit'; eventId: string; fields: Parameters<typeof checkEdit>[2]; note?: string }
  | { action: 'merge'; eventIds: string[]; into?: string; note?: string }
  | { action: 'split'; eventId: string; reportIds: string[]; note?: string };

function noteOf(n: string | undefined): string | undefined {
  return n?.trim() ? n : undefined;
}
