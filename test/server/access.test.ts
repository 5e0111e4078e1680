import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { Accounts } from '../../src/server/accounts.ts';
import { buildServer } from '../../src/server/app.ts';
import { tempDir } from '../helpers.ts';
import { corpus, seed } from './fixtures.ts';

/**
 * Access rules hold whatever the URL spelling. Every route of the OpenAPI document is tried in
 * several spellings the router may decode or normalise to the same route (percent-encoded letters
 * in the prefix or the last segment, upper case, doubled slashes, a trailing slash, an encoded
 * slash), three ways:
 *   - anonymous, against a server whose reading is closed: only the public routes answer;
 *   - as a viewer: no write is accepted;
 *   - cross-origin, with an analyst's session cookie (a page on another local port): no write.
 * Each matrix runs over a real socket (raw request paths, nothing normalised by a client) and
 * through fastify's inject. Afterwards the store must be as it was: no review, no document, no
 * token revoked.
 */
const PUBLIC = new Set(['GET /api/health', 'GET /api/openapi.json', 'GET /api/basemap/{res}', 'GET /api/vocabulary', 'POST /api/login', 'POST /api/logout', 'GET /api/me']);
const ANA = { username: 'ana', password: 'correct horse battery' };
const VIC = { username: 'vic', password: 'viewer password x' };

let dir: string;
let store: SqliteStore;
let open: FastifyInstance;
let closed: FastifyInstance;
let openBase: string;
let closedBase: string;
let anaCookie = '';
let vicCookie = '';
let eventId = '';
let documentId = '';
let tokenId = '';
let routes: Array<{ method: string; path: string }> = [];

interface Answer {
  status: number;
  body: string;
}
type Send = (server: 'open' | 'closed', method: string, path: string, headers: Record<string, string>, body?: string) => Promise<Answer>;

/** One request over the socket with the path exactly as given (node's fetch would normalise it). */
const overSocket: Send = (server, method, path, headers, body) =>
  new Promise((resolve, reject) => {
    const u = new URL(server === 'open' ? openBase : closedBase);
    const req = request({ host: u.hostname, port: u.port, method, path, headers: { ...headers, ...(body != null ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body != null) req.write(body);
    req.end();
  });

const injected: Send = async (server, method, path, headers, body) => {
  const r = await (server === 'open' ? open : closed).inject({ method: method as any, url: path, headers, payload: body });
  return { status: r.statusCode, body: r.body };
};

/** A concrete URL for a documented path: real ids where the route wants one. */
function concrete(path: string): string {
  return path
    .replace('/api/events/{id}', `/api/events/${encodeURIComponent(eventId)}`)
    .replace('/api/documents/{id}', `/api/documents/${encodeURIComponent(documentId)}`)
    .replace('/api/entities/{id}', '/api/entities/org:isis')
    .replace('/api/tokens/{id}', `/api/tokens/${encodeURIComponent(tokenId)}`)
    .replace('{res}', '110m')
    .replace('{format}', 'csv')
    .replace(/\{\w+\}/g, 'x');
}

/** Other spellings of one URL that a router might take for the same route. */
export function spellings(url: string): string[] {
  const [path, query] = url.split('?');
  const q = query ? '?' + query : '';
  const rest = path.slice('/api'.length); // '/events/ID/reject'
  const segs = path.split('/');
  const last = segs[segs.length - 1];
  const i = [...last].findIndex((c) => /[a-z]/i.test(c));
  const encLast = i < 0 ? null : [...segs.slice(0, -1), last.slice(0, i) + '%' + last.charCodeAt(i).toString(16) + last.slice(i + 1)].join('/');
  const out = [
    `/%61pi${rest}`,
    `/ap%69${rest}`,
    `/%41PI${rest}`,
    `/API${rest}`,
    `//api${rest}`,
    `/api/${rest}`,
    `${path}/`,
    `/api%2F${rest.slice(1)}`,
    `/api%2f${rest.slice(1)}`,
    `/api/.${rest}`,
    `/x/..${path}`,
    ...(encLast ? [encLast] : []),
  ];
  return [...new Set(out)].map((s) => s + q);
}

function bodyFor(method: string, path: string): { body?: string; type?: string } {
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE') return {};
  if (path === '/api/ingest') return { body: 'Clashes broke out in Mosul on Monday, killing four people, officials said.\n', type: 'text/plain' };
  if (path === '/api/review') return { body: JSON.stringify({ action: 'reject', eventId }), type: 'application/json' };
  if (path === '/api/login') return { body: JSON.stringify(ANA), type: 'application/json' };
  if (method === 'PATCH') return { body: JSON.stringify({ fields: { notes: 'probe' } }), type: 'application/json' };
  if (path === '/api/tokens') return { body: JSON.stringify({ label: 'probe' }), type: 'application/json' };
  return { body: '{}', type: 'application/json' };
}

async function snapshot() {
  return {
    audit: (await store.auditLog({ limit: 1000 })).length,
    documents: (await store.listDocuments({ limit: 500, allVersions: true })).items.length,
    tokens: (store.db.prepare("SELECT count(*) AS n FROM web_sessions WHERE kind = 'token'").get() as { n: number }).n,
  };
}

before(async () => {
  dir = tempDir('sitrep-access-');
  store = openStore(join(dir, 'access.db')) as SqliteStore;
  const accounts = new Accounts(store);
  await accounts.create(ANA.username, ANA.password, 'analyst');
  await accounts.create(VIC.username, VIC.password, 'viewer');
  await seed(store, corpus(12, { perDoc: 3, days: 30 }));
  open = await buildServer({ store, accounts });
  closed = await buildServer({ store, accounts, readOpen: false });
  openBase = await open.listen({ host: '127.0.0.1', port: 0 });
  closedBase = await closed.listen({ host: '127.0.0.1', port: 0 });
  const login = async (who: typeof ANA) => {
    const r = await fetch(openBase + '/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
    assert.equal(r.status, 200, `login ${who.username}`);
    return r.headers.get('set-cookie')!.split(';')[0];
  };
  anaCookie = await login(ANA);
  vicCookie = await login(VIC);
  eventId = (await store.listEvents({ limit: 1 })).items[0].id;
  documentId = (await store.listDocuments({ limit: 1 })).items[0].id;
  const tok = await fetch(openBase + '/api/tokens', { method: 'POST', headers: { cookie: anaCookie, 'content-type': 'application/json' }, body: '{"label":"kept"}' });
  assert.equal(tok.status, 200);
  const list = await fetch(openBase + '/api/tokens', { headers: { cookie: anaCookie } });
  tokenId = (await list.json()).items[0].id;
  const doc = await (await fetch(openBase + '/api/openapi.json')).json();
  for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
    for (const m of Object.keys(ops)) if (['get', 'post', 'put', 'patch', 'delete'].includes(m)) routes.push({ method: m.toUpperCase(), path });
  }
  assert.ok(routes.length >= 20, `only ${routes.length} documented routes`);
});

after(async () => {
  await open?.close();
  await closed?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const tally: Record<string, { tried: number; held: number; failures: string[]; statuses: Record<number, number> }> = {};
function count(label: string, ok: boolean, what: string) {
  const t = (tally[label] ??= { tried: 0, held: 0, failures: [], statuses: {} });
  t.tried++;
  const status = Number(/-> (\d+)/.exec(what)?.[1]);
  t.statuses[status] = (t.statuses[status] ?? 0) + 1;
  if (ok) t.held++;
  else t.failures.push(what);
}

/** Held: refused (401/403) or not routed (404/400) — never an answer, never a server error. */
const refused = (s: number) => s === 401 || s === 403 || s === 404 || s === 400 || s === 405;

async function matrix(send: Send, label: string) {
  const before = await snapshot();
  for (const r of routes) {
    const key = `${r.method} ${r.path}`;
    const url = concrete(r.path);
    const { body, type } = bodyFor(r.method, r.path);
    const ctype: Record<string, string> = type ? { 'content-type': type } : {};
    for (const spelled of spellings(url)) {
      // Anonymous, reading closed: every route but the public ones is refused.
      if (!PUBLIC.has(key)) {
        for (const method of r.method === 'GET' ? ['GET', 'HEAD'] : [r.method]) {
          const a = await send('closed', method, spelled, { ...ctype }, method === 'HEAD' ? undefined : body);
          count(`${label} anonymous`, refused(a.status), `${method} ${spelled} -> ${a.status} ${a.body.slice(0, 80)}`);
        }
      }
      if (r.method === 'GET') continue;
      // A viewer may read, never write.
      if (!PUBLIC.has(key)) {
        const v = await send('open', r.method, spelled, { ...ctype, cookie: vicCookie }, body);
        count(`${label} viewer`, refused(v.status), `${r.method} ${spelled} -> ${v.status} ${v.body.slice(0, 80)}`);
      }
      // A page on another local port, riding the analyst's cookie.
      const host = new URL(openBase).host;
      const evil = `http://127.0.0.1:${Number(new URL(openBase).port) + 1}`;
      const x = await send('open', r.method, spelled, { ...ctype, cookie: anaCookie, origin: evil, host }, body);
      count(`${label} cross-origin`, refused(x.status), `${r.method} ${spelled} -> ${x.status} ${x.body.slice(0, 80)}`);
    }
  }
  assert.deepEqual(await snapshot(), before, 'no attempt changed the store');
}

test('every documented route, in every spelling, over a real socket: anonymous, viewer, cross-origin', async () => {
  await matrix(overSocket, 'socket');
  for (const [k, t] of Object.entries(tally)) if (k.startsWith('socket')) assert.deepEqual(t.failures, [], `${k}: ${t.failures.length} of ${t.tried} got through`);
});

test('the same matrix through fastify inject', async () => {
  await matrix(injected, 'inject');
  for (const [k, t] of Object.entries(tally)) if (k.startsWith('inject')) assert.deepEqual(t.failures, [], `${k}: ${t.failures.length} of ${t.tried} got through`);
});

test('the plain spellings still work for the right caller (the matrix is not refusing everything)', async () => {
  const ok = async (base: string, path: string, init: RequestInit = {}) => (await fetch(base + path, init)).status;
  assert.equal(await ok(closedBase, '/api/events', { headers: { cookie: vicCookie } }), 200);
  assert.equal(await ok(closedBase, '/%61pi/events', { headers: { cookie: vicCookie } }), 200, 'an encoded spelling is the same route, with the same rule');
  assert.equal(await ok(closedBase, '/api/events'), 401);
  assert.equal(await ok(openBase, '/api/events'), 200);
  assert.equal(await ok(openBase, `/api/events/${eventId}/accept`, { method: 'POST', headers: { cookie: anaCookie, 'content-type': 'application/json', origin: openBase }, body: '{}' }), 200);
  // Static files stay public even when reading is closed (the app shows its login page).
  assert.equal(await ok(closedBase, '/'), 200);
  assert.equal(await ok(closedBase, '/index.html'), 200);
});

test('an anonymous write is refused with 401, never a server error', async () => {
  for (const path of [`/api/events/${eventId}/reject`, `/%61pi/events/${eventId}/reject`, '/api/review', '/ap%69/ingest']) {
    const r = await overSocket('open', 'POST', path, { 'content-type': 'application/json' }, JSON.stringify({ action: 'reject', eventId }));
    assert.equal(r.status, 401, `${path}: ${r.body}`);
  }
});

after(() => {
  const lines = Object.entries(tally).map(([k, t]) => `${k}: ${t.held}/${t.tried} held (statuses ${JSON.stringify(t.statuses)})`);
  const tried = Object.values(tally).reduce((s, t) => s + t.tried, 0);
  const held = Object.values(tally).reduce((s, t) => s + t.held, 0);
  console.log(`access-bypass attempts: ${held}/${tried} held, over ${routes.length} documented routes\n  ${lines.join('\n  ')}`);
});
