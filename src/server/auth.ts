import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Accounts, User } from './accounts.ts';
import { routes } from './schemas.ts';

/**
 * Who is asking: a login session (HttpOnly, SameSite=Strict cookie set by POST /api/login) or an
 * API token (`Authorization: Bearer srt_...`, from POST /api/tokens). Reading is open to anyone
 * unless the server runs with `readOpen: false`; anything that writes (ingest, review, tokens)
 * needs a user. Browser writes from another origin are refused (CSRF).
 *
 * The rule is the one of the route the router matched (`config.access`), never a test on the URL:
 * the router decodes and matches spellings such as `/%61pi/...`, so a check on the raw URL would
 * miss them. A route that declares no rule gets the strictest one for its method ('read' for
 * GET/HEAD, 'write' otherwise); the static files of the dashboard are declared public.
 */
export const SESSION_COOKIE = 'sitrep_session';

/**
 * 'public': no login ever (login, health, OpenAPI, static files); 'read': login only when reading is
 * closed; 'write': an analyst or admin (API tokens are theirs too: a viewer cannot make one).
 */
export type Access = 'public' | 'read' | 'write';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    /** How the user was identified: the cookie or a bearer token. */
    via: 'cookie' | 'token' | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The rule for a matched route: its own, else the strictest for its method. */
export function accessOf(req: FastifyRequest): Access {
  return req.routeOptions.config?.access ?? (SAFE_METHODS.has(req.method) ? 'read' : 'write');
}

export function registerAuth(app: FastifyInstance, accounts: Accounts, opts: { readOpen: boolean; secureCookie?: boolean }): void {
  app.decorateRequest('user', null);
  app.decorateRequest('via', null);

  app.addHook('onRequest', async (req, reply) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.user = await accounts.lookup(auth.slice(7).trim(), 'token');
      req.via = req.user ? 'token' : null;
      if (!req.user) return reply.code(401).send({ error: 'unauthorized', message: 'unknown, expired or revoked API token' });
    } else {
      req.user = await accounts.lookup(req.cookies?.[SESSION_COOKIE], 'session');
      req.via = req.user ? 'cookie' : null;
    }
    // A browser page of another origin may not make this browser write here, whatever the route
    // (even logging in or out): only a bearer token, which no browser adds by itself, is exempt.
    if (!SAFE_METHODS.has(req.method) && req.via !== 'token' && !sameOrigin(req)) {
      return reply.code(403).send({ error: 'forbidden', message: 'cross-origin request refused' });
    }
    const access = accessOf(req);
    if (access === 'public') return;
    if (access === 'read' && opts.readOpen) return;
    if (!req.user) return reply.code(401).send({ error: 'unauthorized', message: access === 'write' ? 'log in to make changes' : 'log in to browse this server' });
    if (access === 'write' && req.user.role === 'viewer') return reply.code(403).send({ error: 'forbidden', message: 'this account may only read' });
  });

  app.post(
    '/api/login',
    {
      config: { access: 'public' },
      schema: routes.login,
    },
    async (req, reply) => {
      const body = (req.body ?? {}) as { username?: unknown; password?: unknown };
      if (typeof body.username !== 'string' || typeof body.password !== 'string') return reply.code(400).send({ error: 'bad_request', message: 'username and password required' });
      const attempt = await accounts.login(body.username, body.password);
      if ('retryAfterMs' in attempt) {
        reply.header('Retry-After', String(Math.ceil(attempt.retryAfterMs / 1000)));
        return reply.code(429).send({ error: 'too_many_requests', message: `too many failed logins for this account; try again in ${Math.ceil(attempt.retryAfterMs / 1000)} s` });
      }
      if (!attempt.user) return reply.code(401).send({ error: 'unauthorized', message: 'wrong username or password' });
      const secret = await accounts.openSession(attempt.user);
      reply.setCookie(SESSION_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'strict', secure: !!opts.secureCookie, maxAge: 14 * 86400 });
      return { user: attempt.user };
    },
  );

  app.post('/api/logout', { config: { access: 'public' }, schema: routes.logout }, async (req, reply) => {
    await accounts.closeSession(req.cookies?.[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', { config: { access: 'public' }, schema: routes.me }, async (req) => ({ user: req.user, readOpen: opts.readOpen }));

  app.post(
    '/api/tokens',
    {
      config: { access: 'write' },
      schema: routes.createToken,
    },
    async (req) => {
      const body = (req.body ?? {}) as { label?: unknown; days?: unknown };
      const label = typeof body.label === 'string' ? body.label.slice(0, 100) : null;
      const days = typeof body.days === 'number' ? body.days : undefined;
      const token = await accounts.openSession(req.user!, 'token', label, days);
      const info = (await accounts.listTokens(req.user!)).at(-1);
      return { token, ...(info ? { id: info.id, expires: info.expires } : {}), note: 'send as Authorization: Bearer <token>; shown only once' };
    },
  );

  app.get('/api/tokens', { config: { access: 'write' }, schema: routes.listTokens }, async (req) => ({
    items: await accounts.listTokens(req.user!),
  }));

  app.delete('/api/tokens/:id', { config: { access: 'write' }, schema: routes.revokeToken }, async (req, reply) => {
    const ok = await accounts.revokeToken(req.user!, (req.params as { id: string }).id);
    if (!ok) return reply.code(404).send({ error: 'not_found', message: 'no such token' });
    return { ok: true };
  });
}

/**
 * The request is not a cross-origin browser write: its Origin (or Referer) names the Host it was
 * sent to, and the browser did not mark it as from another site. A request with neither header
 * is not a browser's cross-site form or fetch (browsers send Origin on those) and passes.
 */
function sameOrigin(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = req.headers.origin ?? req.headers.referer;
  if (!origin) return true;
  try {
    // req.host: the Host header, or X-Forwarded-Host when the server is told to trust its proxy.
    return new URL(origin).host === req.host;
  } catch {
    return false;
  }
}
