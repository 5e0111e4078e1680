import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Accounts, User } from './accounts.ts';
import { routes } from './schemas.ts';

/**
 * Who is asking: a login session (HttpOnly, SameSite=Strict cookie set by POST /api/login) or an
 * API token (`Authorization: Bearer srt_...`, from POST /api/tokens). Reading is open to anyone
 * unless the server runs with `readOpen: false`; anything that writes (ingest, review, tokens)
 * needs a user. Cookie-authenticated writes from another origin are refused (CSRF).
 */
export const SESSION_COOKIE = 'sitrep_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    /** How the user was identified: the cookie or a bearer token. */
    via: 'cookie' | 'token' | null;
  }
  interface FastifyContextConfig {
    /** 'public': no login ever (login, health, OpenAPI); 'read': login only when reading is closed; 'write': always. */
    access?: 'public' | 'read' | 'write';
  }
}

export function registerAuth(app: FastifyInstance, accounts: Accounts, opts: { readOpen: boolean; secureCookie?: boolean }): void {
  const limiter = new FailureLimiter(10, 10 * 60_000);
  app.decorateRequest('user', null);
  app.decorateRequest('via', null);

  app.addHook('onRequest', async (req, reply) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.user = accounts.lookup(auth.slice(7).trim());
      req.via = req.user ? 'token' : null;
      if (!req.user) return reply.code(401).send({ error: 'unauthorized', message: 'unknown or revoked API token' });
    } else {
      req.user = accounts.lookup(req.cookies?.[SESSION_COOKIE]);
      req.via = req.user ? 'cookie' : null;
    }
    if (!req.url.startsWith('/api/')) return;
    const access = req.routeOptions.config?.access ?? 'read';
    if (access === 'public') return;
    if (access === 'read' && opts.readOpen) return;
    if (!req.user) return reply.code(401).send({ error: 'unauthorized', message: access === 'write' ? 'log in to make changes' : 'log in to browse this server' });
    if (access === 'write') {
      if (req.user.role === 'viewer') return reply.code(403).send({ error: 'forbidden', message: 'this account may only read' });
      if (req.via === 'cookie' && !sameOrigin(req)) return reply.code(403).send({ error: 'forbidden', message: 'cross-origin request refused' });
    }
  });

  app.post('/api/login', { config: { access: 'public' }, schema: routes.login }, async (req, reply) => {
    const body = (req.body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof body.username !== 'string' || typeof body.password !== 'string') return reply.code(400).send({ error: 'bad_request', message: 'username and password required' });
    const key = `${req.ip}\u0000${body.username}`;
    if (limiter.blocked(key)) return reply.code(429).send({ error: 'too_many_requests', message: 'too many failed logins; try again in a few minutes' });
    const user = await accounts.verify(body.username, body.password);
    if (!user) {
      limiter.fail(key);
      return reply.code(401).send({ error: 'unauthorized', message: 'wrong username or password' });
    }
    limiter.clear(key);
    const secret = accounts.openSession(user);
    reply.setCookie(SESSION_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'strict', secure: !!opts.secureCookie, maxAge: 14 * 86400 });
    return { user };
  });

  app.post('/api/logout', { config: { access: 'public' }, schema: routes.logout }, async (req, reply) => {
    accounts.closeSession(req.cookies?.[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', { config: { access: 'public' }, schema: routes.me }, async (req) => ({ user: req.user, readOpen: opts.readOpen }));

  app.post('/api/tokens', { config: { access: 'write' }, schema: routes.createToken }, async (req) => {
    const label = typeof (req.body as any)?.label === 'string' ? String((req.body as any).label).slice(0, 100) : null;
    return { token: accounts.openSession(req.user!, 'token', label), note: 'send as Authorization: Bearer <token>; shown only once' };
  });
}

/** The Origin (or Referer) of a browser request matches the Host it was sent to. */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin ?? req.headers.referer;
  if (!origin) return true; // not a browser cross-site form: browsers send Origin on cross-site POSTs
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Password guessing: after `max` failures for one client and user name within `windowMs`, logins
 * for that pair are refused until the window passes (bcrypt already makes each guess slow).
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  private recent(key: string): number[] {
    const now = Date.now();
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  blocked(key: string): boolean {
    return this.recent(key).length >= this.max;
  }

  fail(key: string): void {
    const list = this.recent(key);
    list.push(Date.now());
    this.failures.set(key, list);
    // Bound memory under a spray of user names.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}
