import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../app.ts';
import { eventFilter, keep, int, str, type Query } from '../query.ts';
import { pointsJson } from '../points.ts';
import { sendJson } from '../compress.ts';
import { routes } from '../schemas.ts';
import { eventsWithReports, exportEvents } from '../../export/index.ts';
import { csvField } from '../../export/csv.ts';
import type { EventReport, Store, StoredEvent } from '../../store/types.ts';
import { valueEvidence } from '../value-evidence.ts';
import type { DocumentSort } from '../../store/document-order.ts';

/** The read side of the API: documents, events (clusters), claims, contradictions, entities, audit, changes, exports. */
export function registerReadRoutes(app: FastifyInstance, state: ServerState): void {
  const { store } = state;

  app.get('/api/documents', { schema: routes.listDocuments }, async (req) => {
    const q = req.query as Query;
    return store.listDocuments({
      source: str(q, 'source'),
      outlet: str(q, 'outlet'),
      allVersions: str(q, 'allVersions') === 'true',
      q: str(q, 'q'),
      sort: str(q, 'sort') as DocumentSort | undefined,
      limit: int(q, 'limit', 1, 500) ?? 50,
      cursor: str(q, 'cursor') ?? null,
    });
  });

  app.get('/api/documents/:id', { schema: routes.getDocument }, async (req, reply) => {
    const doc = await store.getDocument((req.params as { id: string }).id);
    if (!doc) return reply.code(404).send({ error: 'not_found', message: 'no such document' });
    return { ...doc, eventIds: await store.reportClusters(doc.id) };
  });

  app.get('/api/events', { schema: routes.listEvents }, async (req) => {
    const { query, post } = eventFilter(req.query as Query);
    const page = await store.listEvents(query);
    return post.bbox || post.review ? { items: page.items.filter((e) => keep(post, e)), next: page.next } : page;
  });

  // Every matching event as compact columns: what the map and the timeline draw from.
  app.get('/api/events/points', { schema: routes.eventPoints }, async (req, reply) => {
    const { query, post } = eventFilter({ ...(req.query as Query), limit: undefined, cursor: undefined });
    return sendJson(req, reply, await pointsJson(state, query, post));
  });

  app.get('/api/events/:id', { schema: routes.getEvent }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const event = await store.getEvent(id);
    if (!event) return reply.code(404).send({ error: 'not_found', message: 'no such event' });
    const [contradictions, claims, audit, reports] = await Promise.all([
      store.listContradictions({ eventId: id }),
      store.listClaims({ eventId: id, limit: 200 }),
      store.auditLog({ eventId: id, limit: 200 }),
      reportsWithWhy(store, event.reports),
    ]);
    return { ...event, reports, contradictions, claims: claims.items, audit };
  });

  app.get('/api/claims', { schema: routes.listClaims }, async (req) => {
    const q = req.query as Query;
    return store.listClaims({
      unit: str(q, 'unit'),
      subject: str(q, 'subject'),
      claimant: str(q, 'claimant'),
      documentId: str(q, 'documentId'),
      eventId: str(q, 'eventId'),
      limit: int(q, 'limit', 1, 500) ?? 50,
      cursor: str(q, 'cursor') ?? null,
    });
  });

  app.get('/api/contradictions', { schema: routes.listContradictions }, async (req) => {
    const q = req.query as Query;
    const kind = str(q, 'kind');
    return {
      items: await store.listContradictions({
        unit: str(q, 'unit'),
        eventId: str(q, 'eventId'),
        subject: str(q, 'subject'),
        kind: kind === 'event' || kind === 'subject' ? kind : undefined,
        since: str(q, 'since'),
        until: str(q, 'until'),
        place: str(q, 'place'),
      }),
    };
  });

  app.get('/api/entities', { schema: routes.listEntities }, async (req) => {
    const q = req.query as Query;
    const kind = str(q, 'kind');
    return store.listEntities({
      kind: kind === 'actor' || kind === 'place' ? kind : undefined,
      type: str(q, 'type'),
      q: str(q, 'q'),
      sort: str(q, 'sort') === 'mentions' ? 'mentions' : undefined,
      limit: int(q, 'limit', 1, 500) ?? 50,
      cursor: str(q, 'cursor') ?? null,
    });
  });

  // An entity with the events it takes part in (actors) or that happened at it (places).
  app.get('/api/entities/:id', { schema: routes.getEntity }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const entity = await store.getEntity(id);
    if (!entity) return reply.code(404).send({ error: 'not_found', message: 'no such entity' });
    const events: StoredEvent[] = [];
    if (entity.kind === 'place' && entity.lat != null && entity.lon != null) {
      const page = await store.listEvents({ near: { lat: entity.lat, lon: entity.lon, km: 10 }, limit: 500 });
      events.push(...page.items);
    } else {
      const page = await store.listEvents({ actor: id, limit: 500 });
      events.push(...page.items);
    }
    events.sort((a, b) => (a.date?.value ?? '').localeCompare(b.date?.value ?? ''));
    return { ...entity, events };
  });

  app.get('/api/audit', { schema: routes.audit }, async (req) => {
    const q = req.query as Query;
    return { items: await store.auditLog({ eventId: str(q, 'eventId'), limit: int(q, 'limit', 1, 1000) ?? 100 }) };
  });

  app.get('/api/changes', { schema: routes.changes }, async (req) => {
    const q = req.query as Query;
    const since = str(q, 'since') ?? null;
    const limit = int(q, 'limit', 1, 1000) ?? 100;
    // `since=latest`: no changes, only the cursor to poll from (what a live view starts with).
    if (since === 'latest') {
      return { changes: [], cursor: String(await store.changeHead()) };
    }
    return store.changes(since, limit);
  });

  app.get('/api/runs', { schema: routes.runs }, async (req) => {
    const q = req.query as Query;
    return { items: await store.listRuns(int(q, 'limit', 1, 100) ?? 20) };
  });

  // Exports: reviewed values in the main fields, the machine values beside them.
  app.get('/api/export/events.:format', { schema: routes.exportEvents }, async (req, reply) => {
    const format = (req.params as { format: string }).format;
    const { query, post } = eventFilter({ ...(req.query as Query), limit: undefined, cursor: undefined });
    // The project's standard exports (ACLED-style CSV, GeoJSON), with each event's reports.
    if (format === 'acled.csv' || format === 'geojson') {
      const kind = format === 'geojson' ? 'geojson' : 'csv';
      async function* kept() {
        for await (const e of eventsWithReports(store, { ...query, limit: undefined })) if (keep(post, e)) yield e;
      }
      const parts: string[] = [];
      await exportEvents(kept(), kind, (x) => void parts.push(x));
      reply.header('Content-Disposition', `attachment; filename="sitrep-events.${format}"`);
      return reply.type(kind === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json').send(parts.join(''));
    }
    if (format !== 'jsonl' && format !== 'csv') return reply.code(404).send({ error: 'not_found', message: 'formats: csv (review columns), jsonl, acled.csv, geojson' });
    const rows: StoredEvent[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listEvents({ ...query, limit: 500, cursor });
      for (const e of page.items) if (keep(post, e)) rows.push(e);
      cursor = page.next;
    } while (cursor);
    reply.header('Content-Disposition', `attachment; filename="sitrep-events.${format}"`);
    if (format === 'jsonl') return reply.type('application/x-ndjson; charset=utf-8').send(rows.map((e) => JSON.stringify(e)).join('\n') + (rows.length ? '\n' : ''));
    return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
  });

}

const CSV_COLUMNS = [
  'id', 'type', 'subtype', 'date', 'date_precision', 'location', 'lat', 'lon', 'country', 'admin1', 'actors',
  'fatalities_low', 'fatalities_best', 'fatalities_high', 'grade', 'reports', 'outlets', 'sources',
  'review_status', 'reviewed_fields', 'machine_values',
];

function toCsv(events: StoredEvent[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of events) {
    const row = [
      e.id, e.type, e.subtype, e.date?.value, e.date?.precision, e.location?.name, e.location?.lat, e.location?.lon, e.location?.country, e.location?.admin1,
      e.actors.map((a) => `${a.name ?? a.entity} (${a.role})`).join('; '),
      e.fatalities?.low, e.fatalities?.best, e.fatalities?.high,
      e.corroboration.grade, e.corroboration.reports, e.corroboration.outlets,
      e.sources.map((s) => s.source).join(' | '),
      e.review.status, e.review.overridden.join(' '), e.machine ? JSON.stringify(e.machine) : '',
    ];
    lines.push(row.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Each report with the words of its document behind each of its values (`why`, value-evidence.ts). */
async function reportsWithWhy(store: Store, reports: EventReport[]): Promise<Array<EventReport & { why: ReturnType<typeof valueEvidence> | null }>> {
  const docs = new Map(await Promise.all([...new Set(reports.map((r) => r.documentId))].map(async (d) => [d, await store.getDocument(d)] as const)));
  return reports.map((r) => {
    const doc = docs.get(r.documentId);
    return { ...r, why: doc ? valueEvidence(r.event, doc) : null };
  });
}
