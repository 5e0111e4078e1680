import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { Accounts } from '../../src/server/accounts.ts';
import { buildServer } from '../../src/server/app.ts';
import { tempDir } from '../helpers.ts';
import { corpus, seed, article, hostileArticle } from './fixtures.ts';

/**
 * The REST API against a real server on 127.0.0.1 (random port) over a real SQLite file.
 */
let dir: string;
let store: SqliteStore;
let app: FastifyInstance;
let base: string;
let cookie = '';

async function call(method: string, path: string, opts: { body?: unknown; raw?: string; type?: string; cookie?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let body: string | undefined;
  if (opts.raw !== undefined) (body = opts.raw), (headers['content-type'] = opts.type ?? 'text/plain');
  else if (opts.body !== undefined) (body = JSON.stringify(opts.body)), (headers['content-type'] = 'application/json');
  if (opts.cookie ?? cookie) headers.cookie = opts.cookie ?? cookie;
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, text, headers: res.headers };
}

before(async () => {
  dir = tempDir('sitrep-api-');
  store = openStore(join(dir, 'api.db')) as SqliteStore;
  const accounts = new Accounts(store);
  await accounts.create('ana', 'correct horse battery', 'analyst');
  await accounts.create('vic', 'viewer password', 'viewer');
  await seed(store, corpus(60, { perDoc: 4, days: 90 }));
  await seed(store, [hostileArticle()]);
  app = await buildServer({ store, accounts });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await call('POST', '/api/login', { body: { username: 'ana', password: 'correct horse battery' }, cookie: '' });
  assert.equal(login.status, 200);
  cookie = login.headers.get('set-cookie')!.split(';')[0];
});

after(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('health, security headers and the OpenAPI document covering every route', async () => {
  const h = await call('GET', '/api/health');
  assert.equal(h.status, 200);
  assert.equal(h.json.backend, 'sqlite');
  assert.match(h.headers.get('content-security-policy')!, /script-src 'self'/);
  assert.equal(h.headers.get('x-content-type-options'), 'nosniff');
  const doc = (await call('GET', '/api/openapi.json')).json;
  assert.equal(doc.openapi, '3.1.0');
  const documented = new Set<string>();
  for (const [path, ops] of Object.entries<any>(doc.paths)) for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${path}`);
  const served = app.apiRoutes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}').replace('events.{format}', 'events.{format}')}`);
  for (const r of served) assert.ok(documented.has(r), `route not in OpenAPI: ${r}`);
  for (const d of documented) assert.ok(served.includes(d), `documented but not served: ${d}`);
  // The document is generated from the routes, so the checks above hold by construction; what
  // must hold besides: the API keeps every operation it has offered, each with a summary of its
  // own, its path parameters, and a request body wherever it takes JSON.
  const offered = [
    'GET /api/health', 'GET /api/openapi.json', 'POST /api/login', 'POST /api/logout', 'GET /api/me', 'POST /api/tokens', 'GET /api/stats',
    'GET /api/basemap/{res}', 'GET /api/documents', 'GET /api/documents/{id}', 'GET /api/events', 'GET /api/events/points', 'GET /api/events/{id}',
    'PATCH /api/events/{id}', 'POST /api/events/{id}/accept', 'POST /api/events/{id}/reject', 'POST /api/events/{id}/undo', 'POST /api/review', 'GET /api/audit', 'GET /api/claims',
    'GET /api/contradictions', 'GET /api/entities', 'GET /api/entities/{id}', 'POST /api/ingest', 'GET /api/runs', 'GET /api/changes', 'GET /api/export/events.{format}',
  ];
  for (const o of offered) assert.ok(documented.has(o), `no longer documented: ${o}`);
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    for (const [m, op] of Object.entries<any>(ops)) {
      assert.ok(op.summary && !op.summary.startsWith(m.toUpperCase() + ' '), `${m} ${path}: no summary`);
      assert.ok(op.responses?.['200'], `${m} ${path}: no 200 answer documented`);
      for (const name of path.match(/\{(\w+)\}/g) ?? []) assert.ok(op.parameters?.some((p: any) => p.in === 'path' && `{${p.name}}` === name), `${m} ${path}: ${name} undocumented`);
    }
  }
  for (const o of ['PATCH /api/events/{id}', 'POST /api/review', 'POST /api/login', 'POST /api/ingest']) {
    const [m, path] = o.split(' ');
    assert.ok(doc.paths[path][m.toLowerCase()].requestBody?.content?.['application/json']?.schema, `${o}: no JSON body schema`);
  }
  // Every $ref points at a schema that exists.
  const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
  for (const r of refs) assert.ok(doc.components.schemas[r.split('/').pop()!.replace('"', '')], r);
});

test('login: wrong password refused, session cookie identifies the user, logout ends it', async () => {
  assert.equal((await call('POST', '/api/login', { body: { username: 'ana', password: 'nope' }, cookie: '' })).status, 401);
  assert.equal((await call('POST', '/api/login', { body: { username: 'nobody', password: 'nope' }, cookie: '' })).status, 401);
  assert.equal((await call('POST', '/api/login', { body: {}, cookie: '' })).status, 400);
  const me = await call('GET', '/api/me');
  assert.equal(me.json.user.username, 'ana');
  assert.equal(me.json.user.password_hash, undefined);
  const other = await call('POST', '/api/login', { body: { username: 'ana', password: 'correct horse battery' }, cookie: '' });
  const c2 = other.headers.get('set-cookie')!.split(';')[0];
  assert.match(other.headers.get('set-cookie')!, /HttpOnly/i);
  assert.match(other.headers.get('set-cookie')!, /SameSite=Strict/i);
  await call('POST', '/api/logout', { cookie: c2 });
  assert.equal((await call('GET', '/api/me', { cookie: c2 })).json.user, null);
  // Stored hashes are bcrypt, never the password.
  const row = store.db.prepare("SELECT password_hash FROM web_users WHERE username = 'ana'").get() as { password_hash: string };
  assert.match(row.password_hash, /^\$2[aby]\$10\$/);
});

test('writes need a login, an analyst role and a same-origin browser; API tokens work', async () => {
  assert.equal((await call('POST', '/api/ingest', { raw: 'x', cookie: 'none=1' })).status, 401);
  const viewer = await call('POST', '/api/login', { body: { username: 'vic', password: 'viewer password' }, cookie: '' });
  const vc = viewer.headers.get('set-cookie')!.split(';')[0];
  assert.equal((await call('POST', '/api/ingest', { raw: 'x', cookie: vc })).status, 403);
  assert.equal((await call('POST', '/api/ingest', { raw: 'x', headers: { origin: 'http://evil.example' } })).status, 403);
  const tok = await call('POST', '/api/tokens', { body: { label: 'test' } });
  assert.equal(tok.status, 200);
  const r = await call('POST', '/api/ingest?source=token-upload', { raw: 'Fighting was reported on Monday.', cookie: 'x=1', headers: { authorization: `Bearer ${tok.json.token}` } });
  assert.equal(r.status, 200);
  assert.equal((await call('GET', '/api/me', { cookie: 'x=1', headers: { authorization: 'Bearer srt_bogus' } })).status, 401);
});

test('ingest runs the real pipeline on text and HTML and returns the extraction', async () => {
  const text = 'Militants attacked a checkpoint near Mosul on Tuesday, killing three soldiers, officials said.\n';
  const r = await call('POST', '/api/ingest?filename=story.txt', { raw: text });
  assert.equal(r.status, 200);
  const d = r.json.documents[0];
  assert.ok(['added', 'unchanged'].includes(d.outcome.status));
  assert.equal(d.result.meta.body.end <= text.length, true);
  for (const layer of ['mentions', 'places', 'times', 'claims'] as const) for (const s of d.result[layer]) assert.equal(text.slice(s.start, s.end), s.text);
  const again = await call('POST', '/api/ingest?filename=story.txt', { raw: text });
  assert.equal(again.json.documents[0].outcome.status, 'unchanged');
  const html = '<html><head><title>Clash</title></head><body><article><p>Clashes broke out in Raqqa on 3 May 2019.</p><script>alert(1)</script></article></body></html>';
  const rh = await call('POST', '/api/ingest', { body: { text: html, filename: 'page.html', source: 'https://example.org/a' } });
  assert.equal(rh.status, 200);
  const got = await call('GET', '/api/documents/' + rh.json.documents[0].outcome.documentId);
  assert.equal(got.json.text, html);
  assert.equal((await call('POST', '/api/ingest', { raw: '' })).status, 400);
  assert.equal((await call('POST', '/api/ingest', { body: { nope: 1 } })).status, 400);
});

test('events: filters, bbox/near, and cursor pages that cover every event once', async () => {
  const all = new Set<string>();
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r = await call('GET', `/api/events?limit=17${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`);
    assert.equal(r.status, 200);
    for (const e of r.json.items) {
      assert.ok(!all.has(e.id), 'an event on two pages');
      all.add(e.id);
    }
    cursor = r.json.next;
    pages++;
  } while (cursor && pages < 100);
  assert.ok(all.size >= 50, `only ${all.size} events`);
  const stats = (await call('GET', '/api/stats')).json;
  assert.equal(all.size, stats.events);

  const battles = (await call('GET', '/api/events?type=Battles&limit=500')).json.items;
  assert.ok(battles.length > 0 && battles.every((e: any) => e.type === 'Battles'));
  const sy = (await call('GET', '/api/events?country=sy&limit=500')).json.items;
  assert.ok(sy.length > 0 && sy.every((e: any) => e.location.country === 'SY'));
  const feb = (await call('GET', '/api/events?since=2019-02-01&until=2019-02-28&limit=500')).json.items;
  assert.ok(feb.length > 0 && feb.every((e: any) => e.date.value >= '2019-02-01' && e.date.value <= '2019-02-28'));
  const isis = (await call('GET', '/api/events?actor=org:isis&limit=500')).json.items;
  assert.ok(isis.length > 0 && isis.every((e: any) => e.actors.some((a: any) => a.entity === 'org:isis')));
  const byName = (await call('GET', '/api/events?actor=islamic%20state&limit=500')).json.items;
  assert.equal(byName.length, isis.length);
  // Around Mosul (36.34, 43.13); fixture jitter is +-1.5 degrees.
  const box = (await call('GET', '/api/events?bbox=41,34,45,38&limit=500')).json.items;
  assert.ok(box.length > 0 && box.every((e: any) => e.location.lon >= 41 && e.location.lon <= 45 && e.location.lat >= 34 && e.location.lat <= 38));
  const near = (await call('GET', '/api/events?near=36.34,43.13,50&limit=500')).json.items;
  assert.ok(near.every((e: any) => Math.hypot(e.location.lat - 36.34, (e.location.lon - 43.13) * Math.cos(0.63)) * 111 <= 51));
  const weak = (await call('GET', '/api/events?grade=weak&limit=500')).json.items;
  assert.ok(weak.every((e: any) => e.corroboration.grade === 'weak'));
  for (const bad of ['since=yesterday', 'limit=0', 'limit=abc', 'country=IRQ', 'grade=great', 'near=1,2', 'bbox=1,2,3', 'since=2019-05-01&until=2019-01-01']) {
    const r = await call('GET', '/api/events?' + bad);
    assert.equal(r.status, 400, bad);
    assert.ok(r.json.message, bad);
  }
  assert.equal((await call('GET', '/api/events?cursor=@@@')).status, 400);
});

test('map points: compact columns matching the event list', async () => {
  const p = (await call('GET', '/api/events/points')).json;
  const stats = (await call('GET', '/api/stats')).json;
  assert.equal(p.count, stats.events);
  assert.equal(p.id.length, p.lat.length);
  assert.equal(p.id.length, p.day.length);
  const b = (await call('GET', '/api/events/points?type=Battles')).json;
  assert.ok(b.types.every((t: string) => t === 'Battles'));
  // Big answers are gzipped for clients that accept it, and the base map may be cached.
  const map = await call('GET', '/api/basemap/110m', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(map.headers.get('content-encoding'), 'gzip');
  assert.match(map.headers.get('cache-control')!, /max-age/);
  assert.ok(map.json.countries.length > 150);
  assert.ok(map.json.countries.every((c: any) => /^M[-\d.,MLZ ]+$/.test(c.d)), 'plain SVG path data');
  assert.equal((await call('GET', '/api/basemap/10m')).status, 404);
});

test('event detail: source reports with evidence, claims, contradictions; 404 for unknown ids', async () => {
  const first = (await call('GET', '/api/events?limit=1')).json.items[0];
  const e = (await call('GET', '/api/events/' + first.id)).json;
  assert.ok(e.reports.length >= 1);
  for (const r of e.reports) for (const ev of r.evidence) assert.ok(ev.text.length > 0);
  assert.ok(Array.isArray(e.contradictions));
  assert.ok(Array.isArray(e.claims));
  assert.equal((await call('GET', '/api/events/nope')).status, 404);
  assert.equal((await call('GET', '/api/documents/nope')).status, 404);
  assert.equal((await call('GET', '/api/entities/nope:x')).status, 404);
});

test('two outlets reporting one event are clustered, graded, and their figures contradict', async () => {
  const ev = { day: '2020-05-05', place: 3, actor1: 0, actor2: 1, kind: 1, killed: 0 };
  const a = article({ id: 'twoA', outlet: 'Outlet A', events: [{ ...ev, killed: 5 }] });
  const b = article({ id: 'twoB', outlet: 'Outlet B', events: [{ ...ev, killed: 25 }] });
  await seed(store, [a, b]);
  const list = (await call('GET', '/api/events?since=2020-05-05&until=2020-05-05')).json.items;
  assert.equal(list.length, 1, 'one cluster');
  const e = (await call('GET', '/api/events/' + list[0].id)).json;
  assert.equal(e.reports.length, 2);
  assert.equal(e.corroboration.outlets, 2);
  assert.ok(e.contradictions.length >= 1, 'killed 5 vs 25');
  const c = (await call('GET', '/api/contradictions?eventId=' + e.id)).json.items;
  assert.ok(c.some((x: any) => x.values.length === 2));
});

test('documents: list and get with spans whose offsets index the stored text', async () => {
  const list = (await call('GET', '/api/documents?limit=5')).json;
  assert.equal(list.items.length, 5);
  assert.ok(list.next);
  const d = (await call('GET', '/api/documents/' + list.items[0].id)).json;
  for (const layer of ['mentions', 'places', 'times', 'claims'] as const) for (const s of d.result[layer]) assert.equal(d.text.slice(s.start, s.end), s.text);
  assert.ok(Object.keys(d.eventIds).length >= 1, 'contract event ids map to clusters');
  const ents = (await call('GET', '/api/entities?q=islamic')).json.items;
  assert.ok(ents.some((x: any) => x.id === 'org:isis'));
  const isis = (await call('GET', '/api/entities/org:isis')).json;
  assert.ok(isis.events.length > 0);
  assert.ok((await call('GET', '/api/claims?unit=killed&limit=3')).json.items.length > 0);
});

test('review: edit, accept, reject, merge, split; audit log, exports and change feed follow', async () => {
  const since = (await call('GET', '/api/changes?limit=1000')).json.cursor;
  const [e1, e2, e3] = (await call('GET', '/api/events?type=Battles&limit=3')).json.items;
  const edit = await call('PATCH', '/api/events/' + e1.id, { body: { fields: { fatalities: { low: 40, best: 42, high: 45 }, type: 'Explosions/Remote violence', subtype: 'Air/drone strike' }, note: 'checked with second source' } });
  assert.equal(edit.status, 200, edit.text);
  const after = (await call('GET', '/api/events/' + e1.id)).json;
  assert.equal(after.fatalities.best, 42);
  assert.equal(after.type, 'Explosions/Remote violence');
  assert.equal(after.machine.type, 'Battles');
  assert.deepEqual(after.machine.fatalities, e1.fatalities);
  assert.equal(after.review.status, 'edited');
  const audit = (await call('GET', '/api/audit?eventId=' + e1.id)).json.items;
  const fat = audit.find((a: any) => a.field === 'fatalities');
  assert.equal(fat.reviewer, 'ana');
  assert.equal(fat.after.best, 42);
  assert.equal(fat.note, 'checked with second source');
  assert.ok(fat.at);

  const csv = await call('GET', '/api/export/events.csv');
  assert.match(csv.headers.get('content-type')!, /text\/csv/);
  const line = csv.text.split('\r\n').find((l) => l.startsWith(e1.id + ','))!;
  assert.match(line, /,42,/);
  assert.match(line, /edited/);
  assert.match(line, /Battles/, 'machine value beside the reviewed one');
  const jl = (await call('GET', '/api/export/events.jsonl')).text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(jl.find((x) => x.id === e1.id).fatalities.best, 42);
  const acled = (await call('GET', '/api/export/events.acled.csv?type=Explosions/Remote%20violence')).text;
  assert.match(acled.split('\n')[0], /^event_id_cnty,event_date/);
  assert.ok(acled.includes(e1.id), 'reviewed type moves the event into the filtered export');
  const geo = (await call('GET', '/api/export/events.geojson?country=SY')).json;
  assert.equal(geo.type, 'FeatureCollection');
  assert.ok(geo.features.length > 0);
  assert.equal((await call('GET', '/api/export/events.xlsx')).status, 404);

  assert.equal((await call('POST', `/api/events/${e2.id}/accept`, { body: {} })).status, 200);
  assert.equal((await call('GET', '/api/events/' + e2.id)).json.review.status, 'accepted');
  assert.equal((await call('POST', `/api/events/${e3.id}/reject`, { body: {} })).status, 200);
  assert.ok(!(await call('GET', '/api/events?limit=500&type=Battles')).json.items.some((e: any) => e.id === e3.id));
  assert.ok((await call('GET', '/api/events?limit=500&type=Battles&includeRejected=true')).json.items.some((e: any) => e.id === e3.id));
  assert.ok(!(await call('GET', '/api/export/events.jsonl')).text.includes(`"id":"${e3.id}"`));
  const queue = async (r: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await call('GET', `/api/events?review=${r}&limit=200${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`)).json;
      ids.push(...page.items.map((e: any) => e.id));
      cursor = page.next;
    } while (cursor);
    return ids;
  };
  assert.deepEqual(await queue('edited'), [e1.id]);
  assert.deepEqual(await queue('accepted'), [e2.id]);
  assert.deepEqual(await queue('rejected'), [e3.id]);
  assert.ok(!(await queue('unreviewed')).includes(e1.id));
  assert.deepEqual((await call('GET', '/api/events/points?review=rejected')).json.id, [e3.id]);
  assert.equal((await call('GET', '/api/events?review=maybe')).status, 400);

  const merged = await call('POST', '/api/review', { body: { action: 'merge', eventIds: [e1.id, e2.id] } });
  assert.equal(merged.status, 200, merged.text);
  const m = (await call('GET', '/api/events/' + e1.id)).json;
  assert.equal(m.reports.length, 2);
  assert.equal((await call('GET', '/api/events/' + e2.id)).status, 404);
  const split = await call('POST', '/api/review', { body: { action: 'split', eventId: e1.id, reportIds: [m.reports[1].id] } });
  assert.equal(split.status, 200, split.text);
  assert.equal(split.json.events.length, 2);
  assert.equal((await call('POST', '/api/review', { body: { action: 'split', eventId: e1.id, reportIds: ['nope'] } })).status, 400);
  assert.equal((await call('POST', '/api/review', { body: { action: 'explode', eventId: e1.id } })).status, 400);
  assert.equal((await call('PATCH', '/api/events/' + e1.id, { body: { fields: { password: 1 } } })).status, 400);
  assert.equal((await call('PATCH', '/api/events/' + e1.id, { body: { fields: { fatalities: { low: 5, best: 2, high: 1 } } } })).status, 400);
  assert.equal((await call('POST', '/api/events/nope/accept', { body: {} })).status, 404);

  const latest = (await call('GET', '/api/changes?since=latest')).json;
  assert.deepEqual(latest.changes, []);
  assert.ok(Number(latest.cursor) > Number(since));
  assert.deepEqual((await call('GET', '/api/changes?since=' + latest.cursor)).json.changes, []);
  const feed = (await call('GET', '/api/changes?since=' + since)).json;
  const touched = new Set(feed.changes.map((c: any) => c.eventId));
  for (const id of [e1.id, e2.id, e3.id]) assert.ok(touched.has(id), `change feed has ${id}`);
  assert.ok(feed.changes.some((c: any) => c.op === 'delete' && c.eventId === e2.id));
});

test('repeated failed logins are refused for a while', async () => {
  const accounts = new Accounts(store);
  await accounts.create('target', 'the real password');
  let last = 0;
  for (let i = 0; i < 11; i++) last = (await call('POST', '/api/login', { body: { username: 'target', password: 'guess ' + i }, cookie: '' })).status;
  assert.equal(last, 429);
  assert.equal((await call('POST', '/api/login', { body: { username: 'target', password: 'the real password' }, cookie: '' })).status, 429);
  // Other users are not locked out.
  assert.equal((await call('POST', '/api/login', { body: { username: 'ana', password: 'correct horse battery' }, cookie: '' })).status, 200);
});

test('reading can be closed to anonymous users', async () => {
  const accounts = new Accounts(store);
  const closed = await buildServer({ store, accounts, readOpen: false });
  const url = await closed.listen({ host: '127.0.0.1', port: 0 });
  try {
    assert.equal((await fetch(url + '/api/events')).status, 401);
    assert.equal((await fetch(url + '/api/health')).status, 200);
    assert.equal((await fetch(url + '/api/openapi.json')).status, 200);
    assert.equal((await fetch(url + '/api/events', { headers: { cookie } })).status, 200);
    // The static app still loads (it shows the login page).
    assert.equal((await fetch(url + '/')).status, 200);
  } finally {
    await closed.close();
  }
});

test('hostile document content comes back as data, unchanged', async () => {
  const d = (await call('GET', '/api/documents/hostile01')).json;
  assert.ok(d.text.includes('<script>window.__pwned = 1</script>'));
  assert.match((await call('GET', '/api/documents/hostile01')).headers.get('content-type')!, /application\/json/);
  const csv = (await call('GET', '/api/export/events.csv?since=2019-06-01&until=2019-06-01')).text;
  assert.ok(!/\n[=+@]/.test(csv), 'no formula cells');
});
