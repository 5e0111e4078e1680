import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyCookie from '@fastify/cookie';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Store } from '../store/types.ts';
import { Context } from '../context.ts';
import { Accounts } from './accounts.ts';
import { isStoreError, httpStatusOf } from '../store/errors.ts';
import { registerAuth } from './auth.ts';
import { BadRequest } from './query.ts';
import { registerReadRoutes } from './routes/read.ts';
import { registerWriteRoutes } from './routes/write.ts';
import { registerMetaRoutes } from './routes/meta.ts';
import { registerLiveRoutes } from './routes/live.ts';
import { pointsJson } from './points.ts';
import { baseMap } from './basemap.ts';
import type { ApiRoute } from './openapi.ts';
import { validatorCompiler } from './schemas.ts';

/**
 * The HTTP server: the REST API under /api (documented in /api/openapi.json) and the dashboard's
 * static files from web/. The store, the accounts and the extraction context are given by the
 * caller (`sitrep serve`, or a test), so the server itself holds no global state.
 */
export interface ServerOptions {
  store: Store;
  /** The account policy; default: over the store's own account tables. */
  accounts?: Accounts;
  /** Extraction context for ingest (packs, gazetteer); built on first ingest when absent. */
  ctx?: Context;
  /** Anyone may read (browse, list, export) without logging in. Default true. */
  readOpen?: boolean;
  /** Mark the session cookie Secure (behind HTTPS). */
  secureCookie?: boolean;
  /** Largest accepted request body, bytes. */
  bodyLimit?: number;
  logger?: boolean;
}

export const WEB_ROOT = resolve(fileURLToPath(import.meta.url), '../../../web');

/**
 * The dashboard never needs inline scripts, other origins or plugins: a strict policy makes an
 * escaping mistake in the UI harmless rather than an XSS hole (articles are hostile input).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.bodyLimit ?? 20 * 1024 * 1024 });
  // Every API route with its schema and access rule: the OpenAPI document is generated from them.
  const apiRoutes: ApiRoute[] = [];
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/')) return;
    for (const m of [r.method].flat()) if (m !== 'HEAD') apiRoutes.push({ method: m, url: r.url, schema: r.schema, access: r.config?.access });
  });
  app.decorate('apiRoutes', apiRoutes);
  // Bodies are checked as sent, query strings as text (see schemas.ts); a refusal names its field.
  app.setValidatorCompiler(validatorCompiler);
  await app.register(fastifyCookie);

  // Raw uploads: ingest accepts the article itself as the body.
  for (const type of ['text/plain', 'text/html', 'application/xhtml+xml', 'application/xml', 'text/xml', 'application/octet-stream', 'application/x-ndjson']) {
    app.addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  }

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Frame-Options', 'DENY');
    // By the matched route, not the URL's spelling (`/%61pi/...` is the same route).
    if (!reply.hasHeader('Cache-Control') && (req.routeOptions.url ?? req.url).startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  // A caller's mistake is answered with its status and message; anything else is a fault of ours,
  // logged with the request id and answered 500 with that id only (its text may name files,
  // queries or internals).
  app.setErrorHandler((err: any, req, reply) => {
    const status = err instanceof BadRequest ? 400 : isStoreError(err) ? httpStatusOf(err) : Number.isInteger(err?.statusCode) && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err, reqId: req.id }, 'internal error');
      if (!opts.logger) console.error(`sitrep serve: internal error (request ${req.id}) on ${req.method} ${req.url.split('?')[0]}:`, err);
      return reply.code(500).send({ error: 'internal', message: `internal error; the server log has the details under request id ${req.id}`, requestId: req.id });
    }
    const error = isStoreError(err) ? err.code : status === 400 ? 'bad_request' : status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'error';
    // `field`: which part of the request was refused (schemas.ts), so the UI can show it there.
    reply.code(status).send({ error, message: err.message ?? String(err), ...(err instanceof BadRequest && err.field ? { field: err.field } : {}) });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });

  registerAuth(app, opts.accounts ?? new Accounts(opts.store), { readOpen: opts.readOpen ?? true, secureCookie: opts.secureCookie });
  const state = { store: opts.store, ctx: opts.ctx ?? null, pointsCache: new Map() as ServerState['pointsCache'] };
  registerMetaRoutes(app, state);
  registerReadRoutes(app, state);
  registerWriteRoutes(app, state);
  registerLiveRoutes(app, state);

  // Compute the unfiltered map points once the server is up, so the first visitor does not wait.
  app.addHook('onReady', async () => {
    pointsJson(state, {}, { bbox: null, review: null }).catch((e) => app.log.error(e));
    // And the first base map (projecting the outlines takes a few hundred ms): right after start-up,
    // while the first browser is still loading the page, not when its request arrives.
    setImmediate(() => {
      try {
        baseMap('110m');
      } catch (e) {
        app.log.error(e);
      }
    });
  });

  // The dashboard's files are public (the app shows its login page); every other route keeps the
  // rule it declares (auth.ts).
  await app.register(async (files) => {
    files.addHook('onRoute', (r) => {
      r.config = { ...(r.config ?? {}), access: 'public' };
    });
    await files.register(fastifyStatic, { root: WEB_ROOT, prefix: '/', index: ['index.html'], cacheControl: true, maxAge: 0 });
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: ApiRoute[];
  }
}

/** What the route modules share. */
export interface ServerState {
  store: Store;
  ctx: Context | null;
  /** Map points by filter, invalidated on every write through this server and after a few seconds. */
  pointsCache: Map<string, { at: number; head: number | null; json: string; gz?: Buffer }>;
}
