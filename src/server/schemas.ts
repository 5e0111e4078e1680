import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { BadRequest } from './query.ts';
import { RESOLUTIONS } from './basemap.ts';
import { EVENT_SORTS } from '../store/event-order.ts';
import { DOCUMENT_SORTS } from '../store/document-order.ts';
import { TOKEN_DAYS, TOKEN_MAX_DAYS } from './accounts.ts';

/**
 * Every route's schema in one place: its parameters, query string and body (which fastify
 * validates before the handler runs), its summary, and the answers it documents. The OpenAPI
 * document (openapi.ts) is generated from these as the routes register them, so what is checked
 * and what is documented cannot drift apart.
 *
 * Answers are documented only (`responses`, not fastify's `response`): a response schema would
 * make fastify serialise through it and drop every field it does not list.
 */
declare module 'fastify' {
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
    /** Documented answers by status code: a JSON schema (usually a $ref to a component), or raw media types. */
    responses?: Record<string, { description: string; schema?: object; content?: Record<string, object> }>;
    /** Body media types besides JSON (raw uploads), documented only: fastify parses them to a Buffer. */
    rawBody?: Record<string, object>;
  }
}

// ---------------------------------------------------------------------------------------------
// ACLED's vocabulary: what a reviewed event may say.

const TAXONOMY: Record<string, string[]> = JSON.parse(readFileSync(new URL('./acled-taxonomy.json', import.meta.url), 'utf8'));
delete TAXONOMY._comment;
export const EVENT_TYPES = Object.keys(TAXONOMY);
export const SUBTYPES = [...new Set(Object.values(TAXONOMY).flat())];
/** The subtypes ACLED allows under a type (empty for an unknown type). */
export const subtypesOf = (type: string): string[] => TAXONOMY[type] ?? [];
export const ROLES = ['actor1', 'actor2', 'target', 'associated'] as const;
/** ACLED's actor classes (inter1/inter2), by code. */
export const INTER_CLASSES: Record<number, string> = {
  1: 'State forces', 2: 'Rebel groups', 3: 'Political militias', 4: 'Identity militias',
  5: 'Rioters', 6: 'Protesters', 7: 'Civilians', 8: 'External/Other forces',
};
export const INTER_CODES = Object.keys(INTER_CLASSES).map(Number);
/** The vocabulary the review UI offers (GET /api/vocabulary): the same lists the schemas enforce. */
export const vocabulary = () => ({ types: Object.fromEntries(EVENT_TYPES.map((t) => [t, subtypesOf(t)])), roles: [...ROLES], inter: INTER_CLASSES, countUnits: BASE_COUNT_UNITS });
/** The count units every event has, whatever the pack adds. */
export const BASE_COUNT_UNITS = ['killed', 'injured', 'detained', 'strikes', 'operations'];

// ---------------------------------------------------------------------------------------------
// Validation: bodies strictly as sent; query strings and path parameters checked as their type
// (a query string is text), but handed to the handler as parsed, never rewritten.

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const strictAjv = addFormats(new Ajv({ strict: false, allErrors: false, coerceTypes: false, removeAdditional: false, useDefaults: false, discriminator: true }));
const textAjv = addFormats(new Ajv({ strict: false, allErrors: false, coerceTypes: 'array', removeAdditional: false, useDefaults: false }));

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const fromText = httpPart !== 'body';
  const validate: ValidateFunction = (fromText ? textAjv : strictAjv).compile(schema);
  const where = httpPart === 'body' ? '' : httpPart === 'querystring' ? 'query' : httpPart ?? '';
  return (data: unknown) => {
    // Coercion rewrites the data it checks: check a copy, so handlers see the text as sent.
    const ok = validate(fromText && data && typeof data === 'object' ? structuredClone({ ...(data as object) }) : data);
    return ok ? true : { error: schemaError(validate.errors?.[0], where) };
  };
};

/** A field path as the UI can place it: `fields.actors[0].role`, `query.limit`. */
export function fieldPath(prefix: string, pointer: string): string {
  let out = prefix;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  }
  return out;
}

/** One Ajv error as a 400 naming the field, in words an analyst can act on. */
function schemaError(e: ErrorObject | undefined, where: string): BadRequest {
  if (!e) return new BadRequest('invalid request', where || undefined);
  let field = fieldPath(where, e.instancePath);
  const p = e.params as Record<string, any>;
  const at = (name: string) => (field ? `${field}.${name}` : name);
  let message: string;
  switch (e.keyword) {
    case 'additionalProperties':
      field = at(p.additionalProperty);
      message = `${field} is not accepted here`;
      break;
    case 'required':
      field = at(p.missingProperty);
      message = `${field} is required`;
      break;
    case 'enum':
      message = `${field || 'value'} must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
      break;
    case 'discriminator':
      field = at(p.tag);
      message = p.error === 'mapping' ? `${field} must be one of: accept, reject, edit, merge, split` : `${field} is required`;
      break;
    case 'pattern':
      message = /<>/.test(p.pattern) ? `${field} must not contain < or >` : `${field} has the wrong form (${p.pattern})`;
      break;
    default:
      message = `${field || 'body'} ${e.message ?? 'is invalid'}`;
  }
  return new BadRequest(message, field || undefined);
}

// ---------------------------------------------------------------------------------------------
// Building blocks

type Schema = Record<string, unknown>;
const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const int = (description: string, minimum: number, maximum: number): Schema => ({ type: 'integer', description, minimum, maximum });
/** A yes/no query parameter, as query.ts's bool() reads it. */
const flag = (description: string): Schema => ({ type: 'string', enum: ['true', 'false', '1', '0', 'yes', 'no'], description });
/** A comma-separated (or repeated) query parameter. */
const csv = (description: string): Schema => ({ type: ['string', 'array'], items: { type: 'string' }, description });
const query = (properties: Record<string, Schema>): Schema => ({ type: 'object', properties });
const params = (properties: Record<string, Schema>): Schema => ({ type: 'object', required: Object.keys(properties), properties });
/** Names and labels an analyst types: plain text, never markup (the page escapes it anyway). */
const plain = (description: string, maxLength = 200): Schema => ({ type: 'string', minLength: 1, maxLength, pattern: '^[^<>]*$', description });
const note: Schema = { type: 'string', maxLength: 2000, description: 'why (kept in the audit log)' };
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ok = (schema: object, description = 'OK') => ({ description, schema });
const fail = (description: string) => ({ description, schema: ref('ErrorResponse') });
const page = (item: string) => ({ type: 'object', properties: { items: { type: 'array', items: ref(item) }, next: { type: ['string', 'null'], description: 'pass back as cursor for the next page; null when done' } } });
const limitCursor = (max: number, dflt: number) => ({ limit: int(`page size (1-${max}, default ${dflt})`, 1, max), cursor: str('the `next` of the previous page') });
const bad = { '400': fail('a parameter or the body is invalid; `field` names which') };
const writeFails = { ...bad, '401': fail('not logged in'), '403': fail('a viewer account, or a cross-origin browser request') };

const eventFilters: Record<string, Schema> = {
  since: str('events on or after this date (YYYY-MM-DD)', { pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' }),
  until: str('events on or before this date (YYYY-MM-DD)', { pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' }),
  type: csv('event type(s), comma-separated (ACLED types, e.g. Battles)'),
  subtype: str('event subtype (e.g. Air/drone strike)'),
  actor: str('entity id (org:isis): that actor exactly; any other text is a name fragment, like actorName'),
  actorName: str('a name or alias fragment of any actor of the event (case-insensitive)'),
  admin1: str('first-level division of the event location (governorate, province), case-insensitive'),
  country: str('ISO 3166 alpha-2 code of the event location', { pattern: '^[A-Za-z]{2}$' }),
  grade: csv('corroboration grade(s), comma-separated: confirmed, fair, weak, contested'),
  near: str('lat,lon,km: events within km of a point'),
  bbox: str('west,south,east,north in degrees (pages are filtered after the store query, so a page may hold fewer than limit items while next is not null)'),
  review: csv('review status(es), comma-separated: unreviewed, accepted, edited, rejected (filtered per page, like bbox)'),
  includeRejected: flag('true to include events an analyst rejected'),
  sort: { type: 'string', enum: [...EVENT_SORTS], description: 'order: -date (newest first, default), date, -fatalities, fatalities, -reports, reports, type, -type, place, -place; the cursor pages in that order' },
};

// ---------------------------------------------------------------------------------------------
// Review bodies

export const actorSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['role'],
  properties: {
    entity: { type: ['string', 'null'], minLength: 3, maxLength: 300, pattern: '^[a-z][a-z0-9]*:[^<>\\s]+$', description: 'a known entity id (GET /api/entities); null for a new actor' },
    name: plain('the actor as named'),
    role: { enum: [...ROLES] },
    inter: { enum: INTER_CODES, description: "ACLED actor class: 1 state forces, 2 rebels, 3 political militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces" },
    new: { type: 'boolean', description: 'true for an actor the store does not know yet (then `name` is required)' },
  },
};

export const editableFieldsSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'the fields to change; each becomes an audited override of the machine value',
  properties: {
    type: { enum: EVENT_TYPES },
    subtype: { enum: SUBTYPES, description: "one of ACLED's subtypes of the event's type" },
    date: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['value'],
      properties: {
        value: { type: 'string', pattern: '^\\d{4}(-(\\d{2}(-\\d{2})?|Q[1-4]|W\\d{2}))?$', description: 'YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Wnn or YYYY' },
        precision: { enum: ['day', 'week', 'month', 'quarter', 'year', 'decade', 'time'] },
        fromPublication: { type: 'boolean' },
      },
    },
    location: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: plain('place name'),
        lat: { type: ['number', 'null'], minimum: -90, maximum: 90 },
        lon: { type: ['number', 'null'], minimum: -180, maximum: 180 },
        country: { type: ['string', 'null'], pattern: '^[A-Z]{2}$', description: 'ISO 3166 alpha-2' },
        admin1: { anyOf: [plain('first-level division'), { type: 'null' }] },
        precision: { enum: [1, 2, 3], description: 'ACLED geo-precision' },
        geonameid: { type: ['integer', 'null'] },
      },
    },
    actors: { type: 'array', maxItems: 50, items: actorSchema },
    fatalities: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['low', 'best', 'high'],
      description: 'UCDP low/best/high, low <= best <= high',
      properties: { low: { type: 'integer', minimum: 0 }, best: { type: 'integer', minimum: 0 }, high: { type: 'integer', minimum: 0 } },
    },
    counts: {
      type: 'object',
      description: "figures by unit (killed, injured, detained, ...: the units the event already has); null clears one",
      propertyNames: { pattern: '^[a-z][a-z_]{0,39}$' },
      additionalProperties: { type: ['integer', 'null'], minimum: 0 },
    },
    notes: { type: ['string', 'null'], maxLength: 5000, description: 'free text (shown escaped)' },
  },
};

const eventId = { type: 'string', minLength: 1, maxLength: 300 };
const reviewActionSchema: Schema = {
  type: 'object',
  discriminator: { propertyName: 'action' },
  required: ['action'],
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['action', 'eventId'], properties: { action: { const: 'accept' }, eventId, note } },
    { type: 'object', additionalProperties: false, required: ['action', 'eventId'], properties: { action: { const: 'reject' }, eventId, note } },
    { type: 'object', additionalProperties: false, required: ['action', 'eventId', 'fields'], properties: { action: { const: 'edit' }, eventId, fields: editableFieldsSchema, note } },
    { type: 'object', additionalProperties: false, required: ['action', 'eventIds'], properties: { action: { const: 'merge' }, eventIds: { type: 'array', items: eventId, minItems: 2, maxItems: 100 }, into: eventId, note } },
    { type: 'object', additionalProperties: false, required: ['action', 'eventId', 'reportIds'], properties: { action: { const: 'split' }, eventId, reportIds: { type: 'array', items: eventId, minItems: 1, maxItems: 500 }, note } },
  ],
};

// ---------------------------------------------------------------------------------------------
// Routes

const eventIdParam = params({ id: str('event id') });

export const routes = {
  health: { summary: 'Liveness and the store backend', tags: ['meta'], responses: { '200': ok({ type: 'object', properties: { ok: { type: 'boolean' }, backend: { type: 'string' } } }) } },
  openapi: { summary: 'This document', tags: ['meta'], responses: { '200': ok({ type: 'object' }) } },
  basemap: {
    summary: "World country outlines (Natural Earth) as SVG paths in Web Mercator degrees (x = lon, y = -(180/π)·ln(tan(π/4 + lat/2))), with each country's label point; `labels`: admin1 and city labels (GeoNames) as columns",
    tags: ['meta'],
    params: params({ res: str('resolution, or labels', { examples: [...RESOLUTIONS, 'labels'] }) }),
    responses: { '200': ok({ type: 'object' }), '404': fail('no such resolution') },
  },
  vocabulary: {
    summary: "What a review edit may say: ACLED's types with their subtypes, the actor roles and ACLED actor classes",
    tags: ['review'],
    responses: { '200': ok({ type: 'object', properties: { types: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }, roles: { type: 'array', items: { type: 'string' } }, inter: { type: 'object', additionalProperties: { type: 'string' } }, countUnits: { type: 'array', items: { type: 'string' } } } }) },
  },
  stats: { summary: 'Counts of documents, events, claims, entities; events by type; top actors', tags: ['meta'], responses: { '200': ok({ type: 'object' }) } },

  login: {
    summary: 'Log in; sets the session cookie',
    tags: ['auth'],
    body: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 1000 } } },
    responses: { '200': ok({ type: 'object', properties: { user: ref('User') } }), ...bad, '401': fail('wrong username or password'), '429': fail('too many failed logins; try again later') },
  },
  logout: { summary: 'End the session', tags: ['auth'], responses: { '200': ok({ type: 'object' }) } },
  me: { summary: 'The logged-in user (or null) and whether reading is open', tags: ['auth'], responses: { '200': ok({ type: 'object', properties: { user: { oneOf: [ref('User'), { type: 'null' }] }, readOpen: { type: 'boolean' } } }) } },
  createToken: {
    summary: 'Create an API token for the logged-in user (the secret is shown once)',
    tags: ['auth'],
    body: {
      type: ['object', 'null'],
      properties: { label: { type: 'string', maxLength: 100 }, days: { type: 'integer', minimum: 1, maximum: TOKEN_MAX_DAYS, description: `lifetime in days (default ${TOKEN_DAYS})` } },
    },
    responses: { '200': ok({ type: 'object', properties: { token: { type: 'string' }, id: { type: 'string' }, expires: { type: 'string' }, note: { type: 'string' } } }), ...writeFails },
  },
  listTokens: {
    summary: "The logged-in user's API tokens (never their secrets)",
    tags: ['auth'],
    responses: { '200': ok({ type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } }), ...writeFails },
  },
  revokeToken: {
    summary: 'Revoke one of your API tokens',
    tags: ['auth'],
    params: params({ id: str('the token id (GET /api/tokens)') }),
    responses: { '200': ok({ type: 'object', properties: { ok: { type: 'boolean' } } }), ...writeFails, '404': fail('no such token') },
  },

  listDocuments: {
    summary: 'List stored documents (current versions unless allVersions)',
    tags: ['documents'],
    querystring: query({
      source: str('exact source'), outlet: str('outlet name'), allVersions: flag('include superseded versions'),
      q: { type: 'string', maxLength: 200, description: 'words that must all occur in the title, source or outlet (case-insensitive)' },
      sort: { type: 'string', enum: [...DOCUMENT_SORTS], description: 'ingested (default: first stored first), -ingested, published, -published, title, -title, -events, events, outlet, -outlet; the cursor continues the same order' },
      ...limitCursor(500, 50),
    }),
    responses: { '200': ok(page('Document')), ...bad },
  },
  getDocument: {
    summary: 'A document with its text and every span (mentions, places, times, events, claims)',
    tags: ['documents'],
    params: params({ id: str('store key or contract id') }),
    responses: { '200': ok(ref('DocumentFull')), '404': fail('no such document') },
  },
  listEvents: {
    summary: 'Events (clusters of reports), newest first, filtered; cursor pagination',
    tags: ['events'],
    querystring: query({ ...eventFilters, ...limitCursor(500, 50) }),
    responses: { '200': ok(page('Event')), ...bad },
  },
  eventPoints: {
    summary: 'Every matching located event as compact columns, for maps and timelines',
    tags: ['events'],
    querystring: query(eventFilters),
    responses: { '200': ok(ref('Points')), ...bad },
  },
  getEvent: {
    summary: 'An event with its source reports, claims, contradictions and audit log',
    tags: ['events'],
    params: eventIdParam,
    responses: { '200': ok(ref('EventDetail')), '404': fail('no such event') },
  },
  listClaims: {
    summary: 'Numeric claims with who says them',
    tags: ['claims'],
    querystring: query({ unit: str('killed, detained, fighters, ...'), subject: str('entity id'), claimant: str('entity id'), documentId: str('one document'), eventId: str('one event'), ...limitCursor(500, 50) }),
    responses: { '200': ok(page('Claim')), ...bad },
  },
  listContradictions: {
    summary: 'Where sources disagree on the same quantity, side by side',
    tags: ['claims'],
    querystring: query({ unit: str('unit: killed, injured, detained, strikes, fighters, ...'), eventId: str('one event'), subject: str('entity id'), kind: str('event or subject'), since: str('ISO date, inclusive'), until: str('ISO date, inclusive'), place: str("fragment of the event's place, admin1 or country code") }),
    responses: { '200': ok({ type: 'object', properties: { items: { type: 'array', items: ref('Contradiction') } } }) },
  },
  listEntities: {
    summary: 'Actors and places seen in documents',
    tags: ['entities'],
    querystring: query({ kind: str('actor or place'), type: str('PERSON, ORG, ...'), q: str('name or alias fragment'), sort: { type: 'string', enum: ['id', 'mentions'], description: 'id (default) or mentions: the most often named first' }, ...limitCursor(500, 50) }),
    responses: { '200': ok(page('Entity')), ...bad },
  },
  getEntity: {
    summary: 'An entity with its aliases and its events over time',
    tags: ['entities'],
    params: params({ id: str('entity id, e.g. org:isis') }),
    responses: { '200': ok({ allOf: [ref('Entity'), { type: 'object', properties: { events: { type: 'array', items: ref('Event') } } }] }), '404': fail('no such entity') },
  },
  audit: {
    summary: 'The review audit log (who, when, field, before, after), newest first',
    tags: ['review'],
    querystring: query({ eventId: str('one event only'), limit: int('1-1000, default 100', 1, 1000) }),
    responses: { '200': ok({ type: 'object', properties: { items: { type: 'array', items: ref('AuditEntry') } } }), ...bad },
  },
  changes: {
    summary: 'Change feed: event additions, updates and deletions since a cursor',
    tags: ['events'],
    querystring: query({ since: str('cursor from the previous answer (omit: from the beginning; `latest`: no changes, just the newest cursor to poll from)'), limit: int('1-1000, default 100', 1, 1000) }),
    responses: { '200': ok({ type: 'object', properties: { changes: { type: 'array', items: ref('Change') }, cursor: { type: 'string' } } }), ...bad },
  },
  runs: {
    summary: 'Recent ingest runs with their skipped inputs',
    tags: ['documents'],
    querystring: query({ limit: int('1-100, default 20', 1, 100) }),
    responses: { '200': ok({ type: 'object' }), ...bad },
  },
  exportEvents: {
    summary: 'All matching events: csv (reviewed values, review status and the machine values they replaced), jsonl, acled.csv (ACLED columns + sitrep columns, with evidence), geojson',
    tags: ['events'],
    params: params({ format: str('csv, jsonl, acled.csv or geojson', { examples: ['csv', 'jsonl', 'acled.csv', 'geojson'] }) }),
    querystring: query(eventFilters),
    responses: { '200': { description: 'the export', content: { 'text/csv': {}, 'application/x-ndjson': {}, 'application/geo+json': {} } }, ...bad, '404': fail('no such format') },
  },

  ingest: {
    summary: 'Extract and store an article; returns its extraction',
    description: 'The article as the raw body (text/plain, text/html, ...; `?source=` and `?filename=` name it), or JSON `{ text, source?, filename? }`. A JSONL or feed body holds many records: each is its own document.',
    tags: ['ingest'],
    querystring: query({
      source: str('a name or URL for the upload'),
      filename: str("the upload's file name (picks the reader: .html, .txt, .jsonl, ...)"),
      referenceDate: str('resolve relative dates against this day when the article gives none (YYYY-MM-DD)'),
      stream: { type: 'string', enum: ['1', 'true', '0', 'false'], description: '1: answer NDJSON (application/x-ndjson), a line per document as it is stored: `{type: "document", n, source, outcome: {status, documentId, version, events}, title, found: {events, places, mentions, claims}}` or `{type: "error", n, source, error: {code, message}}`; then `{type: "done", runId, seen, added, versions, unchanged, skipped}` (or `{type: "failed", runId, error}`)' },
    }),
    rawBody: {
      'text/plain': { type: 'string' },
      'text/html': { type: 'string' },
      'application/x-ndjson': { type: 'string', description: 'JSONL: one record per line, each its own document' },
      'application/xml': { type: 'string', description: 'an RSS or Atom feed, or XHTML' },
      'application/octet-stream': { type: 'string', format: 'binary', description: 'a WARC (.warc, .warc.gz) or any file the readers sniff' },
      'application/json': { type: 'object', required: ['text'], properties: { text: { type: 'string' }, source: { type: 'string' }, filename: { type: 'string' }, referenceDate: { type: 'string' } } },
    },
    responses: { '200': ok(ref('IngestResponse')), '422': ok(ref('IngestResponse'), 'nothing could be extracted'), ...writeFails },
  },
  review: {
    summary: 'Any review action: accept, reject, edit, merge clusters, split a cluster',
    description: "Edits are held to ACLED's vocabulary: the six types, the subtypes of the event's type, the four roles; actors must be entities the store knows unless marked `new`.",
    tags: ['review'],
    body: reviewActionSchema,
    responses: { '200': ok(ref('ReviewResult')), ...writeFails, '404': fail('no such event') },
  },
  acceptEvent: {
    summary: 'Accept an event (review)',
    tags: ['review'],
    params: eventIdParam,
    body: { type: ['object', 'null'], additionalProperties: false, properties: { note } },
    responses: { '200': ok(ref('ReviewResult')), ...writeFails, '404': fail('no such event') },
  },
  rejectEvent: {
    summary: 'Reject an event (review); rejected events leave lists and exports unless includeRejected',
    tags: ['review'],
    params: eventIdParam,
    body: { type: ['object', 'null'], additionalProperties: false, properties: { note } },
    responses: { '200': ok(ref('ReviewResult')), ...writeFails, '404': fail('no such event') },
  },
  undoEvent: {
    summary: "Undo the event's last accept, reject or edit (again: the change before it)",
    description: 'Logged as action `undo`: an entry per field put back and one `undone` entry listing the audit ids taken back. A merge or split is not undone here (400): take it back with a split or merge.',
    tags: ['review'],
    params: eventIdParam,
    body: { type: ['object', 'null'], additionalProperties: false, properties: { note } },
    responses: { '200': ok(ref('ReviewResult')), ...writeFails, '404': fail('no such event') },
  },
  editEvent: {
    summary: 'Edit event fields (review); the machine values stay under `machine`',
    description: "The same checks as an `edit` review action. Answers 400 with `field` (e.g. `fields.actors[0].role`) naming what was refused.",
    tags: ['review'],
    params: eventIdParam,
    body: { type: 'object', additionalProperties: false, required: ['fields'], properties: { fields: editableFieldsSchema, note } },
    responses: { '200': ok(ref('ReviewResult')), ...writeFails, '404': fail('no such event') },
  },
} satisfies Record<string, import('fastify').FastifySchema>;

// ---------------------------------------------------------------------------------------------
// Shapes of answers, for the OpenAPI document's components.

export const components: Record<string, object> = {
  ErrorResponse: { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' }, field: { type: 'string', description: 'the refused field, as a path into the request (fields.actors[0].role, query.limit)' } } },
  User: { type: 'object', properties: { id: { type: 'integer' }, username: { type: 'string' }, role: { enum: ['analyst', 'admin', 'viewer'] }, created: { type: 'string' } } },
  Span: { type: 'object', properties: { start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } } },
  DocResult: { type: 'object', description: "the per-document contract (CONTRACT.md): id, source, meta, mentions, places, times, events, claims" },
  Document: {
    type: 'object',
    properties: {
      id: { type: 'string' }, contractId: { type: 'string' }, source: { type: 'string' }, version: { type: 'integer' }, current: { type: 'boolean' },
      outlet: { type: ['string', 'null'] }, title: { type: ['string', 'null'] }, published: { type: ['object', 'null'] }, ingestedAt: { type: 'string' },
      counts: { type: 'object', properties: { mentions: { type: 'integer' }, places: { type: 'integer' }, times: { type: 'integer' }, events: { type: 'integer' }, claims: { type: 'integer' } } },
    },
  },
  DocumentFull: { allOf: [ref('Document'), { type: 'object', properties: { text: { type: 'string', description: 'the text as read; every span offset points into it' }, result: ref('DocResult'), eventIds: { type: 'object', additionalProperties: { type: 'string' }, description: 'contract event id -> the event (cluster) it was filed under' } } }] },
  Corroboration: { type: 'object', properties: { reports: { type: 'integer' }, outlets: { type: 'integer', description: 'independent outlets (wire copies counted once)' }, copies: { type: 'array', description: 'outlets that ran the same text', items: { type: 'object', properties: { outlets: { type: 'array', items: { type: 'string' } }, documents: { type: 'array', items: { type: 'string' } } } } }, grade: { enum: ['confirmed', 'fair', 'weak', 'contested'] }, reason: { type: 'string' } } },
  Actor: { type: 'object', properties: { entity: { type: 'string' }, name: { type: 'string' }, role: { enum: [...ROLES] }, inter: { enum: INTER_CODES }, new: { type: 'boolean', description: 'added by an analyst; not seen in any document' } } },
  Event: {
    type: 'object',
    properties: {
      id: { type: 'string' }, type: { enum: EVENT_TYPES }, subtype: { type: 'string' },
      date: { type: ['object', 'null'], properties: { value: { type: 'string' }, precision: { type: 'string' } } },
      location: { type: ['object', 'null'], properties: { name: { type: 'string' }, lat: { type: ['number', 'null'] }, lon: { type: ['number', 'null'] }, country: { type: ['string', 'null'] }, admin1: { type: ['string', 'null'] }, precision: { enum: [1, 2, 3] } } },
      actors: { type: 'array', items: ref('Actor') },
      fatalities: { type: ['object', 'null'], properties: { low: { type: 'integer' }, best: { type: 'integer' }, high: { type: 'integer' } } },
      counts: { type: 'object', additionalProperties: { type: ['integer', 'null'] } },
      notes: { type: ['string', 'null'] },
      corroboration: ref('Corroboration'),
      sources: { type: 'array', items: { type: 'object', properties: { documentId: { type: 'string' }, source: { type: 'string' }, outlet: { type: ['string', 'null'] }, published: { type: ['string', 'null'] }, copyOf: { type: 'string', description: 'the document whose wire text this one runs (counted once)' } } } },
      review: { type: 'object', properties: { status: { enum: ['unreviewed', 'accepted', 'rejected', 'edited'] }, overridden: { type: 'array', items: { type: 'string' } } } },
      machine: { type: 'object', description: 'machine values of the fields an analyst overrode' },
      revision: { type: 'integer' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' },
    },
  },
  Report: { type: 'object', description: "one source document's report of an event", properties: { id: { type: 'string' }, eventId: { type: 'string' }, documentId: { type: 'string' }, source: { type: 'string' }, outlet: { type: ['string', 'null'] }, published: { type: ['string', 'null'] }, event: { type: 'object' }, evidence: { type: 'array', items: ref('Span') }, why: ref('ReportWhy'), match: ref('ReportMatch') } },
  ReportMatch: { type: ['object', 'null'], description: 'why this report is in this event: the clustering decision when it was filed (crossdoc/similarity.ts)', properties: { eventId: { type: ['string', 'null'], description: 'the event compared with' }, joined: { type: 'boolean' }, score: { type: 'number', description: 'similarity probability' }, threshold: { type: 'number' }, features: { type: 'object', additionalProperties: { type: 'number' } }, contributions: { type: 'object', additionalProperties: { type: 'number' }, description: 'weight x value per feature (logit)' }, veto: { type: 'string', description: 'why it could not join (type family, aggregate, undated, ...)' }, candidates: { type: 'integer' } } },
  ValueEvidence: { type: 'object', description: 'the sentence and the words of the document that set one value (raw offsets)', properties: { sentence: ref('Span'), words: { type: 'array', items: ref('Span') }, note: { type: 'string' } } },
  ReportWhy: { type: ['object', 'null'], description: "the words behind each of the report's values (event page only)", properties: { type: ref('ValueEvidence'), date: ref('ValueEvidence'), location: ref('ValueEvidence'), fatalities: ref('ValueEvidence'), actors: { type: 'object', additionalProperties: ref('ValueEvidence'), description: 'by entity id' } } },
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
      admin1s: { type: 'array', items: { type: 'string' } }, a1: { type: 'array', items: { type: 'integer' }, description: 'index into admin1s, -1 none' },
      prec: { type: 'array', items: { type: 'integer' }, description: 'ACLED geo-precision 1-3' },
    },
  },
  Claim: { type: 'object', properties: { id: { type: 'string' }, documentId: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' }, value: { type: 'number' }, low: { type: 'number' }, high: { type: 'number' }, unit: { type: 'string' }, subject: { type: ['string', 'null'] }, claimant: { type: ['string', 'null'] }, eventId: { type: ['string', 'null'] } } },
  Contradiction: { type: 'object', properties: { id: { type: 'string' }, kind: { enum: ['event', 'subject'] }, unit: { type: 'string' }, eventId: { type: ['string', 'null'] }, subject: { type: ['string', 'null'] }, subjectName: { type: ['string', 'null'] }, values: { type: 'array', items: { type: 'object' } }, min: { type: 'number' }, max: { type: 'number' }, date: { type: ['string', 'null'] }, place: { type: ['string', 'null'] }, admin1: { type: ['string', 'null'] }, country: { type: ['string', 'null'] } } },
  Entity: { type: 'object', properties: { id: { type: 'string' }, kind: { enum: ['actor', 'place'] }, type: { type: 'string' }, name: { type: 'string' }, aliases: { type: 'array', items: { type: 'string' } }, mentions: { type: 'integer' }, documents: { type: 'integer' } } },
  AuditEntry: { type: 'object', properties: { id: { type: 'integer' }, at: { type: 'string' }, reviewer: { type: 'string' }, action: { type: 'string' }, eventId: { type: 'string' }, field: { type: ['string', 'null'] }, before: {}, after: {}, note: { type: ['string', 'null'] } } },
  ReviewResult: { type: 'object', properties: { events: { type: 'array', items: ref('Event') }, audit: { type: 'array', items: ref('AuditEntry') } } },
  Change: { type: 'object', properties: { cursor: { type: 'string' }, op: { enum: ['add', 'update', 'delete'] }, eventId: { type: 'string' }, revision: { type: 'integer' }, at: { type: 'string' }, event: { oneOf: [ref('Event'), { type: 'null' }] } } },
  IngestResponse: { type: 'object', properties: { runId: { type: 'integer' }, documents: { type: 'array', items: { type: 'object', description: '{outcome: {status, documentId, version, events}, result: DocResult} or an error record {source, error: {code, message}}' } } } },
};
