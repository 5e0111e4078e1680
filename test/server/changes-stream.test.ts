import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { Accounts } from '../../src/server/accounts.ts';
import { buildServer } from '../../src/server/app.ts';
import { tempDir } from '../helpers.ts';
import { corpus, seed } from './fixtures.ts';

/**
 * GET /api/changes/stream: the change feed as server-sent events. A stream opened before an
 * ingest receives that ingest's changes, in cursor order, each with its cursor as the SSE id; a
 * stream resumed with Last-Event-ID (what EventSource sends on reconnect) starts right after it;
 * reading closed means no stream for anonymous callers, whatever the spelling; the server's close
 * ends open streams instead of waiting for them.
 */
let dir: string;
let store: SqliteStore;
let app: FastifyInstance;
let closed: FastifyInstance;
let base: string;
let closedBase: string;

before(async () => {
  dir = tempDir('sitrep-sse-');
  store = openStore(join(dir, 's.db')) as SqliteStore;
  await seed(store, corpus(4, { perDoc: 2 }));
  const accounts = new Accounts(store);
  app = await buildServer({ store, accounts });
  closed = await buildServer({ store, accounts, readOpen: false });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  closedBase = await closed.listen({ host: '127.0.0.1', port: 0 });
});

after(async () => {
  await app?.close();
  await closed?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Message {
  event: string;
  id?: string;
  data: any;
}

/** Read SSE messages from a response until `enough` says stop. */
async function readMessages(res: Response, enough: (m: Message[]) => boolean): Promise<Message[]> {
  const reader = res.body!.getReader();
  const out: Message[] = [];
  let buf = '';
  while (!enough(out)) {
    const r = await reader.read();
    if (r.done) break;
    buf += Buffer.from(r.value).toString('utf8');
    let at;
    while ((at = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, at);
      buf = buf.slice(at + 2);
      const m: Message = { event: 'message', data: null };
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) m.event = line.slice(7);
        else if (line.startsWith('id: ')) m.id = line.slice(4);
        else if (line.startsWith('data: ')) m.data = JSON.parse(line.slice(6));
      }
      if (m.data != null) out.push(m);
    }
  }
  await reader.cancel().catch(() => {});
  return out;
}

test('a stream opened before an ingest receives its changes in cursor order, each with its cursor as id', async () => {
  const head = await store.changeHead();
  const res = await fetch(base + '/api/changes/stream');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^text\/event-stream/);
  assert.match(res.headers.get('content-security-policy')!, /default-src 'self'/, 'the security headers of every answer');
  const before = await store.changeHead();
  await seed(store, corpus(2, { perDoc: 2, seed: 41 }));
  const want = await store.changes(String(before), 1000);
  assert.ok(want.changes.length > 0);
  const got = await readMessages(res, (m) => m.filter((x) => x.event === 'change').length >= want.changes.length);
  assert.equal(got[0].event, 'ready');
  assert.ok(Number(got[0].data.cursor) >= head);
  const changes = got.filter((m) => m.event === 'change');
  assert.deepEqual(changes.map((m) => m.id), want.changes.map((c) => c.cursor));
  assert.deepEqual(changes.map((m) => m.data.eventId), want.changes.map((c) => c.eventId));
  assert.ok(changes.every((m) => m.data.op === 'delete' || m.data.event?.id === m.data.eventId), 'each change carries its event');
});

test('Last-Event-ID resumes right after that change (an EventSource reconnecting misses nothing)', async () => {
  const all = await store.changes(null, 1000);
  const from = all.changes[2].cursor;
  const res = await fetch(base + '/api/changes/stream', { headers: { 'last-event-id': from } });
  const rest = all.changes.slice(3);
  const got = await readMessages(res, (m) => m.filter((x) => x.event === 'change').length >= rest.length);
  assert.equal(got[0].data.cursor, from);
  assert.deepEqual(got.filter((m) => m.event === 'change').map((m) => m.id), rest.map((c) => c.cursor));
  const bad = await fetch(base + '/api/changes/stream?since=x1');
  assert.equal(bad.status, 400);
});

test('reading closed: no stream for anonymous callers, in any spelling', async () => {
  for (const p of ['/api/changes/stream', '/%61pi/changes/stream', '/api/changes/%73tream', '//api/changes/stream', '/api/changes/stream/']) {
    const r = await fetch(closedBase + p);
    assert.ok([400, 401, 403, 404].includes(r.status), `${p}: ${r.status}`);
    await r.body?.cancel();
  }
});

test('closing the server ends the open streams', async () => {
  const extra = await buildServer({ store });
  const b = await extra.listen({ host: '127.0.0.1', port: 0 });
  const res = await fetch(b + '/api/changes/stream');
  const reading = readMessages(res, () => false);
  await extra.close();
  const got = await reading; // ends because the server ended the stream
  assert.equal(got[0].event, 'ready');
});
