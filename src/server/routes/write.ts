import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../app.ts';
import { PassThrough, Readable } from 'node:stream';
import type { DocResult, ErrorRecord } from '../../doc.ts';
import { ExtractWorker } from '../extract-worker.ts';
import { errorRecord, InputError, isErrorRecord } from '../../read/errors.ts';
import type { ReviewAction, IngestOutcome, IngestRun } from '../../store/types.ts';
import { routes } from '../schemas.ts';
import { checkEdit } from '../review-checks.ts';
import { BadRequest } from '../query.ts';

/**
 * The write side: ingest (extract an uploaded article and store it) and analyst review.
 * Both need a logged-in user (see auth.ts); review actions are recorded under that user's name.
 */
export function registerWriteRoutes(app: FastifyInstance, state: ServerState): void {
  const { store } = state;

  // Extraction runs in a worker thread (see extract-worker.ts), with the server's extraction options.
  const extractor = new ExtractWorker(state.ctx?.options ?? {});
  app.addHook('onClose', () => extractor.close());

  /**
   * POST /api/ingest: the upload as the raw body (text/plain, text/html, a feed, JSONL, a WARC, ...;
   * `?source=` and `?filename=` name it), or JSON `{ text, source?, filename? }`. Every document the
   * body holds (a JSONL line, a feed item, a WARC record) is stored as its own document under its
   * own source, exactly as `sitrep ingest` stores it (`upload.jsonl#3`, the item's link, the
   * record's URI); a single article keeps the source given. Known bytes are `unchanged`, so a
   * re-upload is a no-op. The answer is JSON, per document its extraction and what the store did;
   * with `?stream=1` it is NDJSON instead: a line per document as it is stored, then a summary.
   */
  app.post('/api/ingest', { config: { access: 'write' }, schema: routes.ingest }, async (req, reply) => {
    const up = uploadOf(req.body, req.query as Record<string, string | undefined>);
    const runId = await store.beginRun(`api ingest ${up.source} by ${req.user!.username}`.slice(0, 2000));
    // Known bytes are not extracted again (as with `sitrep ingest`): the thread asks the store first.
    const items = extractor.extract(up.bytes, up.source, { filename: up.filename, referenceDate: up.referenceDate, known: (text) => store.ingestKnown(text, runId) });

    /** Store each document as it comes out of the thread; `each` hears of it (stored, known or failed). */
    const storeAll = async (each: (n: number, done: Done) => void): Promise<IngestRun> => {
      let n = 0;
      try {
        for await (const item of items) {
          n++;
          if (isErrorRecord(item)) {
            await store.recordSkip(runId, item);
            each(n, item);
            continue;
          }
          if ('known' in item) {
            // Counted as unchanged already; answer with what the store holds for these bytes.
            const doc = await store.getDocument(item.known.documentId);
            each(n, { source: item.source, outcome: item.known, result: doc?.result ?? null, title: doc?.title ?? null, found: doc?.counts ?? null });
            continue;
          }
          let outcome: IngestOutcome;
          try {
            outcome = await store.ingest({ result: item.result, text: item.text, kind: item.kind as any, fetchedAt: item.fetchedAt }, runId);
          } catch (e) {
            // One document the store refuses must not lose the rest of the upload.
            req.log.error(e);
            const err = errorRecord(item.result.source, new InputError('store_failed', 'the document could not be stored'), item.result.id);
            await store.recordSkip(runId, err);
            each(n, err);
            continue;
          }
          const r = item.result;
          each(n, { source: r.source, outcome, result: r, title: r.meta.title, found: { events: r.events.length, places: r.places.length, mentions: r.mentions.length, claims: r.claims.length } });
          // Storing is synchronous work on this thread (SQLite): give other requests their turn
          // between documents, or a burst of extracted records would hold the loop until all are stored.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        state.pointsCache.clear();
      }
      return store.finishRun(runId);
    };

    if (up.stream) {
      // NDJSON progress: the run goes on to its end even if the client stops reading.
      const out = new PassThrough();
      const line = (x: unknown) => void (out.writable && out.write(JSON.stringify(x) + '\n'));
      storeAll((n, done) => line(progressLine(n, done)))
        .then((run) => line({ type: 'done', runId, seen: run.seen, added: run.added, versions: run.versions, unchanged: run.unchanged, skipped: run.skipped }))
        .catch((e) => {
          req.log.error(e);
          line({ type: 'failed', runId, error: { code: 'internal', message: 'the upload could not be finished' } });
        })
        .finally(() => out.end());
      return reply.type('application/x-ndjson; charset=utf-8').send(out);
    }

    // The JSON answer `{ runId, documents: [...] }`, each document serialised as it is stored: a
    // thousand-record upload's answer is tens of MB, and one JSON.stringify of it all at the end
    // would hold the event loop for most of a second.
    const documents: string[] = [];
    let failed = 0;
    await storeAll((_n, done) => {
      if (isErrorRecord(done)) failed++;
      documents.push(JSON.stringify(isErrorRecord(done) ? done : { outcome: done.outcome, result: done.result }));
    });
    reply.code(failed && failed === documents.length ? 422 : 200);
    async function* answer(): AsyncGenerator<string> {
      yield `{"runId":${runId},"documents":[`;
      for (let i = 0; i < documents.length; i += 64) yield (i ? ',' : '') + documents.slice(i, i + 64).join(',');
      yield ']}';
    }
    return reply.type('application/json; charset=utf-8').send(Readable.from(answer()));
  });

  /** POST /api/review: one ReviewAction (accept, reject, edit, merge, split); the reviewer is the logged-in user. */
  app.post('/api/review', { config: { access: 'write' }, schema: routes.review }, async (req) => {
    const action = await reviewAction(req.body as ReviewBody, req.user!.username);
    const result = await store.review(action);
    state.pointsCache.clear();
    return result;
  });

  // Convenience forms of the same actions, per event.
  for (const verb of ['accept', 'reject', 'undo'] as const) {
    app.post(`/api/events/:id/${verb}`, { config: { access: 'write' }, schema: verb === 'accept' ? routes.acceptEvent : verb === 'reject' ? routes.rejectEvent : routes.undoEvent }, async (req) => {
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

interface Upload {
  bytes: Buffer;
  source: string;
  filename?: string;
  referenceDate?: string;
  stream: boolean;
}

/** The upload in an ingest request: raw bytes with `?source=`/`?filename=`, or JSON `{ text, ... }`. */
function uploadOf(body: unknown, q: Record<string, string | undefined>): Upload {
  let bytes: Buffer;
  let source = q.source;
  let filename = q.filename;
  let referenceDate = q.referenceDate;
  if (Buffer.isBuffer(body)) bytes = body;
  else if (body && typeof body === 'object' && typeof (body as any).text === 'string') {
    const b = body as { text: string; source?: string; filename?: string; referenceDate?: string };
    bytes = Buffer.from(b.text, 'utf8');
    source = b.source ?? source;
    filename = b.filename ?? filename;
    referenceDate = b.referenceDate ?? referenceDate;
  } else throw new BadRequest('send the article as the request body (text/plain or text/html) or JSON {"text": "..."}');
  if (!bytes.length) throw new BadRequest('empty document');
  if (referenceDate && !/^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) throw new BadRequest('referenceDate must be YYYY-MM-DD');
  if (q.stream !== undefined && !['1', 'true', '0', 'false'].includes(q.stream)) throw new BadRequest('stream must be 1 or 0');
  source = (source || filename || `upload:${new Date().toISOString()}`).slice(0, 2000);
  return { bytes, source, filename, referenceDate, stream: q.stream === '1' || q.stream === 'true' };
}

/** One document of an upload, stored (or known already), or why not. */
type Done =
  | ErrorRecord
  | {
      source: string;
      outcome: IngestOutcome;
      /** The extraction; for known bytes the stored one (null if it has gone meanwhile). */
      result: DocResult | null;
      title: string | null;
      found: { events: number; places: number; mentions: number; claims: number } | null;
    };

/** One NDJSON progress line of a streamed ingest: what was stored (with a summary of what was found) or why not. */
function progressLine(n: number, d: Done): Record<string, unknown> {
  if (isErrorRecord(d)) return { type: 'error', n, source: d.source, error: d.error };
  const o = d.outcome;
  const found = d.found ?? { events: 0, places: 0, mentions: 0, claims: 0 };
  return { type: 'document', n, source: d.source, outcome: { status: o.status, documentId: o.documentId, version: o.version, events: o.events.length }, title: d.title, found: { events: found.events, places: found.places, mentions: found.mentions, claims: found.claims } };
}
