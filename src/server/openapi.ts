/**
 * The OpenAPI 3.1 description of the REST API, served at /api/openapi.json. Written by hand next
 * to the routes (src/server/routes/); test/server/api.test.ts checks that every route the server
 * registers is documented here and every documented path answers.
 */
const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const page = (item: string) => ({ type: 'object', properties: { items: { type: 'array', items: ref(item) }, next: { type: ['string', 'null'], description: 'pass back as cursor for the next page; null when done' } } });
const q = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
const p = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const errors = { '400': ref('ErrorResponse') as any, '401': ref('ErrorResponse') as any };
const err = (d: string) => json(ref('ErrorResponse'), d);
const limitCursor = [q('limit', 'page size (1-500, default 50)', { type: 'integer', minimum: 1, maximum: 500 }), q('cursor', 'the `next` of the previous page')];

const eventFilters = [
  q('since', 'events on or after this date (YYYY-MM-DD)', { type: 'string', format: 'date' }),
  q('until', 'events on or before this date (YYYY-MM-DD)', { type: 'string', format: 'date' }),
  q('type', 'event type(s), comma-separated (ACLED types, e.g. Battles)'),
  q('subtype', 'event subtype (e.g. Air/drone strike)'),
  q('actor', 'entity id (org:isis) or a name fragment'),
  q('country', 'ISO 3166 alpha-2 code of the event location'),
  q('grade', 'corroboration grade(s), comma-separated: confirmed, fair, weak, contested'),
  q('near', 'lat,lon,km: events within km of a point'),
  q('bbox', 'west,south,east,north in degrees (pages are filtered after the store query, so a page may hold fewer than limit items while next is not null)'),
  q('review', 'review status(es), comma-separated: unreviewed, accepted, edited, rejected (filtered per page, like bbox)'),
  q('includeRejected', 'true to include events an analyst rejected', { type: 'boolean' }),
];

export function openApiDocument(): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'sitrep API',
      version: '0.1.0',
      description:
        'Structured, sourced, geolocated conflict events from news text. Reading is open unless the server runs with --closed; ingest and review need a login (POST /api/login sets a session cookie) or an API token (Authorization: Bearer). Offsets are UTF-16 code units into the stored document text. Events are clusters of reports from one or more documents; reviewed values win in every answer and export, and the machine values of overridden fields stay under `machine`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sitrep_session' },
        token: { type: 'http', scheme: 'bearer', description: 'a token from POST /api/tokens' },
      },
      schemas: {
        ErrorResponse: { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' } } },
        User: { type: 'object', properties: { id: { type: 'integer' }, username: { type: 'string' }, role: { enum: ['analyst', 'admin', 'viewer'] }, created: { type: 'string' } } },
        Span: { type: 'object', properties: { start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } } },
        DocResult: { type: 'object', description: 'the per-document contract (CONTRACT.md): id, source, meta, mentions, places, times, events, claims' },
        Document: {
          type: 'object',
          properties: {
            id: { type: 'string' }, contractId: { type: 'string' }, source: { type: 'string' }, version: { type: 'integer' }, current: { type: 'boolean' },
            outlet: { type: ['string', 'null'] }, title: { type: ['string', 'null'] }, published: { type: ['object', 'null'] }, ingestedAt: { type: 'string' },
            counts: { type: 'object', properties: { mentions: { type: 'integer' }, places: { type: 'integer' }, times: { type: 'integer' }, events: { type: 'integer' }, claims: { type: 'integer' } } },
          },
        },
        DocumentFull: { allOf: [ref('Document'), { type: 'object', properties: { text: { type: 'string', description: 'the text as read; every span offset points into it' }, result: ref('DocResult'), eventIds: { type: 'object', additionalProperties: { type: 'string' }, description: 'contract event id -> the event (cluster) it was filed under' } } }] },
        Corroboration: { type: 'object', properties: { reports: { type: 'integer' }, outlets: { type: 'integer' }, grade: { enum: ['confirmed', 'fair', 'weak', 'contested'] }, reason: { type: 'string' } } },
        Event: {
          type: 'object',
          properties: {
            id: { type: 'string' }, type: { type: 'string' }, subtype: { type: 'string' },
            date: { type: ['object', 'null'], properties: { value: { type: 'string' }, precision: { type: 'string' } } },
            location: { type: ['object', 'null'], properties: { name: { type: 'string' }, lat: { type: ['number', 'null'] }, lon: { type: ['number', 'null'] }, country: { type: ['string', 'null'] }, admin1: { type: ['string', 'null'] }, precision: { type: 'integer' } } },
            actors: { type: 'array', items: { type: 'object', properties: { entity: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } } } },
            fatalities: { type: ['object', 'null'], properties: { low: { type: 'integer' }, best: { type: 'integer' }, high: { type: 'integer' } } },
            counts: { type: 'object' }, notes: { type: ['string', 'null'] },
            corroboration: ref('Corroboration'),
            sources: { type: 'array', items: { type: 'object', properties: { documentId: { type: 'string' }, source: { type: 'string' }, outlet: { type: ['string', 'null'] }, published: { type: ['string', 'null'] } } } },
            review: { type: 'object', properties: { status: { enum: ['unreviewed', 'accepted', 'rejected', 'edited'] }, overridden: { type: 'array', items: { type: 'string' } } } },
            machine: { type: 'object', description: 'machine values of the fields an analyst overrode' },
            revision: { type: 'integer' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' },
          },
        },
        Report: { type: 'object', description: 'one source document\'s report of an event', properties: { id: { type: 'string' }, eventId: { type: 'string' }, documentId: { type: 'string' }, source: { type: 'string' }, outlet: { type: ['string', 'null'] }, published: { type: ['string', 'null'] }, event: { type: 'object' }, evidence: { type: 'array', items: ref('Span') } } },
        EventDetail: { allOf: [ref('Event'), { type: 'object', properties: { reports: { type: 'array', items: ref('Report') }, contradictions: { type: 'array', items: ref('Contradiction') }, claims: { type: 'array', items: ref('Claim') }, audit: { type: 'array', items: ref('AuditEntry') } } }] },
        Points: {
          type: 'object',
          description: 'every located event as parallel columns (what the map and timeline draw)',
          properties: {
            count: { type: 'integer' }, unlocated: { type: 'integer' }, undated: { type: 'integer' },
            types: { type: 'array', items: { type: 'string' } }, grades: { type: 'array', items: { type: 'string' } },
            id: { type: 'array', items: { type: 'string' } }, lat: { type: 'array', items: { type: 'number' } }, lon: { type: 'array', items: { type: 'number' } },
            type: { type: 'array', items: { type: 'integer' }, description: 'index into types' }, grade: { type: 'array', items: { type: 'integer' } },
            fat: { type: 'array', items: { type: 'integer' } }, day: { type: 'array', items: { type: 'integer' }, description: 'days since 1970-01-01, -1 undated' },
            rev: { type: 'array', items: { type: 'integer' }, description: '0 unreviewed, 1 accepted/edited, 2 rejected' },
          },
        },
        Claim: { type: 'object', properties: { id: { type: 'string' }, documentId: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' }, value: { type: 'number' }, low: { type: 'number' }, high: { type: 'number' }, unit: { type: 'string' }, subject: { type: ['string', 'null'] }, claimant: { type: ['string', 'null'] }, eventId: { type: ['string', 'null'] } } },
        Contradiction: { type: 'object', properties: { id: { type: 'string' }, kind: { enum: ['event', 'subject'] }, unit: { type: 'string' }, eventId: { type: ['string', 'null'] }, subject: { type: ['string', 'null'] }, values: { type: 'array', items: { type: 'object' } }, min: { type: 'number' }, max: { type: 'number' } } },
        Entity: { type: 'object', properties: { id: { type: 'string' }, kind: { enum: ['actor', 'place'] }, type: { type: 'string' }, name: { type: 'string' }, aliases: { type: 'array', items: { type: 'string' } }, mentions: { type: 'integer' }, documents: { type: 'integer' } } },
        AuditEntry: { type: 'object', properties: { id: { type: 'integer' }, at: { type: 'string' }, reviewer: { type: 'string' }, action: { type: 'string' }, eventId: { type: 'string' }, field: { type: ['string', 'null'] }, before: {}, after: {}, note: { type: ['string', 'null'] } } },
        ReviewAction: {
          oneOf: [
            { type: 'object', required: ['action', 'eventId'], properties: { action: { const: 'accept' }, eventId: { type: 'string' }, note: { type: 'string' } } },
            { type: 'object', required: ['action', 'eventId'], properties: { action: { const: 'reject' }, eventId: { type: 'string' }, note: { type: 'string' } } },
            { type: 'object', required: ['action', 'eventId', 'fields'], properties: { action: { const: 'edit' }, eventId: { type: 'string' }, fields: ref('EditableFields'), note: { type: 'string' } } },
            { type: 'object', required: ['action', 'eventIds'], properties: { action: { const: 'merge' }, eventIds: { type: 'array', items: { type: 'string' }, minItems: 2 }, into: { type: 'string' }, note: { type: 'string' } } },
            { type: 'object', required: ['action', 'eventId', 'reportIds'], properties: { action: { const: 'split' }, eventId: { type: 'string' }, reportIds: { type: 'array', items: { type: 'string' } }, note: { type: 'string' } } },
          ],
        },
        EditableFields: { type: 'object', properties: { type: { type: 'string' }, subtype: { type: 'string' }, date: { type: ['object', 'null'] }, location: { type: ['object', 'null'] }, actors: { type: 'array' }, fatalities: { type: ['object', 'null'] }, counts: { type: 'object' }, notes: { type: ['string', 'null'] } } },
        ReviewResult: { type: 'object', properties: { events: { type: 'array', items: ref('Event') }, audit: { type: 'array', items: ref('AuditEntry') } } },
        Change: { type: 'object', properties: { cursor: { type: 'string' }, op: { enum: ['add', 'update', 'delete'] }, eventId: { type: 'string' }, revision: { type: 'integer' }, at: { type: 'string' }, event: { oneOf: [ref('Event'), { type: 'null' }] } } },
        IngestResponse: { type: 'object', properties: { runId: { type: 'integer' }, documents: { type: 'array', items: { type: 'object', description: '{outcome: {status, documentId, version, events}, result: DocResult} or an error record {source, error: {code, message}}' } } } },
      },
    },
    security: [{}, { session: [] }, { token: [] }],
    paths: {
      '/api/health': { get: { summary: 'Liveness and the store backend', security: [{}], responses: { '200': json({ type: 'object' }) } } },
      '/api/openapi.json': { get: { summary: 'This document', security: [{}], responses: { '200': json({ type: 'object' }) } } },
      '/api/login': { post: { summary: 'Log in; sets the session cookie', security: [{}], requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } } } } }, responses: { '200': json({ type: 'object', properties: { user: ref('User') } }), '401': err('wrong username or password'), '429': err('too many failed logins for this user from this client') } } },
      '/api/logout': { post: { summary: 'End the session', security: [{}], responses: { '200': json({ type: 'object' }) } } },
      '/api/me': { get: { summary: 'The logged-in user (or null) and whether reading is open', security: [{}], responses: { '200': json({ type: 'object', properties: { user: { oneOf: [ref('User'), { type: 'null' }] }, readOpen: { type: 'boolean' } } }) } } },
      '/api/tokens': { post: { summary: 'Create an API token for the logged-in user (shown once)', requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { label: { type: 'string' } } } } } }, responses: { '200': json({ type: 'object', properties: { token: { type: 'string' } } }), '401': err('not logged in') } } },
      '/api/stats': { get: { summary: 'Counts of documents, events, claims, entities; events by type; top actors', responses: { '200': json({ type: 'object' }) } } },
      '/api/basemap/{res}': { get: { summary: 'World country outlines (Natural Earth) as SVG paths in degrees (x = lon, y = -lat)', security: [{}], parameters: [{ name: 'res', in: 'path', required: true, schema: { enum: ['110m', '50m'] } }], responses: { '200': json({ type: 'object' }) } } },
      '/api/documents': { get: { summary: 'List stored documents (current versions unless allVersions)', parameters: [q('source', 'exact source'), q('outlet', 'outlet name'), q('allVersions', 'include superseded versions', { type: 'boolean' }), ...limitCursor], responses: { '200': json(page('Document')), ...errors } } },
      '/api/documents/{id}': { get: { summary: 'A document with its text and every span (mentions, places, times, events, claims)', parameters: [p('id', 'store key or contract id')], responses: { '200': json(ref('DocumentFull')), '404': err('no such document') } } },
      '/api/events': { get: { summary: 'Events (clusters of reports), newest first, filtered; cursor pagination', parameters: [...eventFilters, ...limitCursor], responses: { '200': json(page('Event')), ...errors } } },
      '/api/events/points': { get: { summary: 'Every matching located event as compact columns, for maps and timelines', parameters: eventFilters, responses: { '200': json(ref('Points')), ...errors } } },
      '/api/events/{id}': {
        get: { summary: 'An event with its source reports, claims, contradictions and audit log', parameters: [p('id', 'event id')], responses: { '200': json(ref('EventDetail')), '404': err('no such event') } },
        patch: { summary: 'Edit event fields (review); the machine values stay under `machine`', parameters: [p('id', 'event id')], requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { fields: ref('EditableFields'), note: { type: 'string' } } } } } }, responses: { '200': json(ref('ReviewResult')), ...errors } },
      },
      '/api/events/{id}/accept': { post: { summary: 'Accept an event (review)', parameters: [p('id', 'event id')], responses: { '200': json(ref('ReviewResult')), ...errors } } },
      '/api/events/{id}/reject': { post: { summary: 'Reject an event (review); rejected events leave lists and exports unless includeRejected', parameters: [p('id', 'event id')], responses: { '200': json(ref('ReviewResult')), ...errors } } },
      '/api/review': { post: { summary: 'Any review action: accept, reject, edit, merge clusters, split a cluster', requestBody: { required: true, content: { 'application/json': { schema: ref('ReviewAction') } } }, responses: { '200': json(ref('ReviewResult')), ...errors } } },
      '/api/audit': { get: { summary: 'The review audit log (who, when, field, before, after), newest first', parameters: [q('eventId', 'one event only'), q('limit', '1-1000, default 100', { type: 'integer' })], responses: { '200': json({ type: 'object', properties: { items: { type: 'array', items: ref('AuditEntry') } } }) } } },
      '/api/claims': { get: { summary: 'Numeric claims with who says them', parameters: [q('unit', 'killed, detained, fighters, ...'), q('subject', 'entity id'), q('claimant', 'entity id'), q('documentId', 'one document'), q('eventId', 'one event'), ...limitCursor], responses: { '200': json(page('Claim')) } } },
      '/api/contradictions': { get: { summary: 'Where sources disagree on the same quantity, side by side', parameters: [q('unit', 'unit'), q('eventId', 'one event'), q('subject', 'entity id')], responses: { '200': json({ type: 'object', properties: { items: { type: 'array', items: ref('Contradiction') } } }) } } },
      '/api/entities': { get: { summary: 'Actors and places seen in documents', parameters: [q('kind', 'actor or place'), q('type', 'PERSON, ORG, ...'), q('q', 'name or alias fragment'), ...limitCursor], responses: { '200': json(page('Entity')) } } },
      '/api/entities/{id}': { get: { summary: 'An entity with its aliases and its events over time', parameters: [p('id', 'entity id, e.g. org:isis')], responses: { '200': json({ allOf: [ref('Entity'), { type: 'object', properties: { events: { type: 'array', items: ref('Event') } } }] }), '404': err('no such entity') } } },
      '/api/ingest': {
        post: {
          summary: 'Extract and store an article; returns its extraction',
          parameters: [q('source', 'a name or URL for the upload'), q('filename', 'the upload\'s file name (picks the reader: .html, .txt, .jsonl, ...)'), q('referenceDate', 'resolve relative dates against this day when the article gives none')],
          requestBody: {
            required: true,
            content: {
              'text/plain': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
              'application/json': { schema: { type: 'object', required: ['text'], properties: { text: { type: 'string' }, source: { type: 'string' }, filename: { type: 'string' }, referenceDate: { type: 'string' } } } },
            },
          },
          responses: { '200': json(ref('IngestResponse')), '422': json(ref('IngestResponse'), 'nothing could be extracted'), ...errors },
        },
      },
      '/api/runs': { get: { summary: 'Recent ingest runs with their skipped inputs', parameters: [q('limit', '1-100', { type: 'integer' })], responses: { '200': json({ type: 'object' }) } } },
      '/api/changes': { get: { summary: 'Change feed: event additions, updates and deletions since a cursor', parameters: [q('since', 'cursor from the previous answer (omit: from the beginning; `latest`: no changes, just the newest cursor to poll from)'), q('limit', '1-1000, default 100', { type: 'integer' })], responses: { '200': json({ type: 'object', properties: { changes: { type: 'array', items: ref('Change') }, cursor: { type: 'string' } } }) } } },
      '/api/export/events.{format}': { get: { summary: 'All matching events: csv (reviewed values, review status and the machine values they replaced), jsonl, acled.csv (ACLED columns + sitrep columns, with evidence), geojson', parameters: [{ name: 'format', in: 'path', required: true, schema: { enum: ['csv', 'jsonl', 'acled.csv', 'geojson'] } }, ...eventFilters], responses: { '200': { description: 'the export', content: { 'application/x-ndjson': {}, 'text/csv': {}, 'application/geo+json': {} } } } } },
    },
  };
}
