import type { FastifySchema } from 'fastify';
import { components } from './schemas.ts';

/**
 * The OpenAPI 3.1 description of the REST API, served at /api/openapi.json. It is generated from
 * the routes as they register (app.ts collects each API route's method, URL, schema and access
 * rule), so every served route is in it, with the same parameter and body schemas fastify
 * validates against (src/server/schemas.ts). test/server/api.test.ts holds it to the routes.
 */
export interface ApiRoute {
  method: string;
  url: string;
  schema?: FastifySchema;
  /** The route's access rule (auth.ts): public, read (open unless the server is closed) or write. */
  access?: string;
}

const SECURITY: Record<string, object[]> = {
  public: [{}],
  read: [{}, { session: [] }, { token: [] }],
  write: [{ session: [] }, { token: [] }],
};

export function openApiDocument(routes: readonly ApiRoute[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[r.method.toLowerCase()] = operation(r);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'sitrep API',
      version: '0.1.0',
      description:
        'Structured, sourced, geolocated conflict events from news text. Reading is open unless the server runs with --closed; ingest and review need a login (POST /api/login sets a session cookie) or an API token (Authorization: Bearer). Offsets are UTF-16 code units into the stored document text. Events are clusters of reports from one or more documents; reviewed values win in every answer and export, and the machine values of overridden fields stay under `machine`. A refused request answers 400 with `{error, message, field}`, `field` naming the part of the request at fault.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sitrep_session' },
        token: { type: 'http', scheme: 'bearer', description: 'a token from POST /api/tokens' },
      },
      schemas: components,
    },
    paths,
  };
}

function operation(r: ApiRoute): object {
  const s = r.schema ?? {};
  const op: Record<string, unknown> = { summary: s.summary ?? `${r.method} ${r.url}` };
  if (s.description) op.description = s.description;
  if (s.tags) op.tags = s.tags;
  // As auth.ts: a route without a rule may be read (GET) or needs a writer (anything else).
  op.security = SECURITY[r.access ?? (r.method === 'GET' ? 'read' : 'write')] ?? SECURITY.write;
  const parameters = [...parametersOf(s.params, 'path'), ...parametersOf(s.querystring, 'query')];
  if (parameters.length) op.parameters = parameters;
  const content: Record<string, object> = { ...(s.rawBody ? Object.fromEntries(Object.entries(s.rawBody).map(([t, schema]) => [t, { schema }])) : {}) };
  if (s.body) content['application/json'] = { schema: s.body };
  if (Object.keys(content).length) op.requestBody = { required: !nullable(s.body), content };
  const responses: Record<string, object> = {};
  for (const [code, a] of Object.entries(s.responses ?? { '200': { description: 'OK' } })) {
    responses[code] = a.content ? { description: a.description, content: a.content } : a.schema ? { description: a.description, content: { 'application/json': { schema: a.schema } } } : { description: a.description };
  }
  op.responses = responses;
  return op;
}

/** An object schema's properties as OpenAPI parameters. */
function parametersOf(schema: unknown, where: 'path' | 'query'): object[] {
  const s = schema as { properties?: Record<string, { description?: string }>; required?: string[] } | undefined;
  if (!s?.properties) return [];
  return Object.entries(s.properties).map(([name, { description, ...rest }]) => ({
    name,
    in: where,
    required: where === 'path' || !!s.required?.includes(name),
    ...(description ? { description } : {}),
    schema: rest,
  }));
}

function nullable(schema: unknown): boolean {
  const t = (schema as { type?: unknown } | undefined)?.type;
  return Array.isArray(t) && t.includes('null');
}
