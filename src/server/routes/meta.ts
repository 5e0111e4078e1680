import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../app.ts';
import { openApiDocument } from '../openapi.ts';
import { baseMap, baseLabels, LABELS, RESOLUTIONS } from '../basemap.ts';
import { sendJson } from '../compress.ts';
import { routes, vocabulary } from '../schemas.ts';

/** Health, the OpenAPI document, the base map and the store's summary figures. */
export function registerMetaRoutes(app: FastifyInstance, state: ServerState): void {
  app.get('/api/health', { config: { access: 'public' }, schema: routes.health }, async () => ({ ok: true, backend: state.store.backend }));

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: routes.openapi }, async () => openApiDocument(app.apiRoutes));

  app.get('/api/basemap/:res', { config: { access: 'public' }, schema: routes.basemap }, async (req, reply) => {
    const res = (req.params as { res: string }).res.replace(/\.json$/, '');
    if (res !== LABELS && !(RESOLUTIONS as readonly string[]).includes(res)) return reply.code(404).send({ error: 'not_found', message: `resolutions: ${RESOLUTIONS.join(', ')}, or ${LABELS}` });
    // The boundaries never change while the server runs: let the browser keep them.
    reply.header('Cache-Control', 'public, max-age=86400');
    return sendJson(req, reply, res === LABELS ? baseLabels() : baseMap(res as (typeof RESOLUTIONS)[number]));
  });

  app.get('/api/vocabulary', { config: { access: 'public' }, schema: routes.vocabulary }, async (_req, reply) => {
    reply.header('Cache-Control', 'public, max-age=3600');
    return vocabulary();
  });

  app.get('/api/stats', { schema: routes.stats }, async () => state.store.stats());
}
