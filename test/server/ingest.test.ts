import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { isAbsolute, join, resolve } from 'node:path';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { ingestPaths } from '../../src/store/ingest.ts';
import { Accounts } from '../../src/server/accounts.ts';
import { buildServer } from '../../src/server/app.ts';
import { ExtractWorker } from '../../src/server/extract-worker.ts';
import { isErrorRecord } from '../../src/read/errors.ts';
import { readInputs } from '../../src/read/index.ts';
import { runCommand, storedSource } from '../../src/read/source-label.ts';
import { ROOT, tempDir } from '../helpers.ts';

/**
 * POST /api/ingest with uploads that hold many documents (JSONL, feeds): each record is its own
 * document, under its own source, as `sitrep ingest` stores it; a re-upload changes nothing; the
 * streamed variant reports each record; and extraction in its worker thread leaves the server
 * answering while a large upload is read.
 */
let dir: string;
let store: SqliteStore;
let app: FastifyInstance;
let base: string;
let cookie = '';

const ARTICLES = readdirSync(join(ROOT, 'test/fixtures/articles'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(ROOT, 'test/fixtures/articles', f), 'utf8'));

/** `n` distinct records (own ids and texts), one JSON object a line. */
function jsonl(n: number, tag: string): string {
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) lines.push(JSON.stringify({ id: `${tag}-${i}`, title: `${tag} report ${i}`, outlet: 'Test Wire', published: '2019-03-25', text: `${tag} report ${i}. ${ARTICLES[i % ARTICLES.length]}` }));
  return lines.join('\n') + '\n';
}

function feed(items: number): string {
  const it = (i: number) =>
    `<item><title>Item ${i}</title><link>https://feed.example/items/${i}</link><pubDate>Mon, 25 Mar 2019 10:00:00 GMT</pubDate>` +
    `<description><![CDATA[<p>Item ${i}. ${ARTICLES[i % ARTICLES.length].split('\n\n').slice(0, 3).join('</p><p>')}</p>]]></description></item>`;
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed Wire</title>${Array.from({ length: items }, (_, i) => it(i + 1)).join('')}</channel></rss>`;
}

async function upload(path: string, body: string, type = 'application/octet-stream') {
  const res = await fetch(base + path, { method: 'POST', headers: { cookie, 'content-type': type }, body });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, text, headers: res.headers };
}

const currentBySource = (prefix: string) =>
  store.db.prepare("SELECT source, id FROM documents WHERE current = 1 AND source LIKE ? || '%' ORDER BY pk").all(prefix) as Array<{ source: string; id: string }>;

before(async () => {
  dir = tempDir('sitrep-ingest-api-');
  store = openStore(join(dir, 'api.db')) as SqliteStore;
  const accounts = new Accounts(store);
  await accounts.create('ana', 'correct horse battery', 'analyst');
  app = await buildServer({ store, accounts });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(base + '/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ana', password: 'correct horse battery' }) });
  assert.equal(login.status, 200);
  cookie = login.headers.get('set-cookie')!.split(';')[0];
});

after(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a 20-record JSONL upload stores 20 current documents, as `sitrep ingest` does; a re-upload changes nothing', async () => {
  const body = jsonl(20, 'batch');
  const r = await upload('/api/ingest?filename=batch.jsonl', body);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.documents.length, 20);
  assert.ok(r.json.documents.every((d: any) => d.outcome?.status === 'added'), JSON.stringify(r.json.documents.map((d: any) => d.outcome?.status ?? d.error)));
  const docs = currentBySource('batch.jsonl#');
  assert.equal(docs.length, 20);
  assert.deepEqual(docs.map((d) => d.source), Array.from({ length: 20 }, (_, i) => `batch.jsonl#${i + 1}`));
  assert.deepEqual(r.json.documents.map((d: any) => d.result.source), docs.map((d) => d.source), 'the answer names each record by its own source');

  // The CLI on the same file stores the same documents under the same sources.
  const cliDir = tempDir('sitrep-ingest-cli-');
  try {
    writeFileSync(join(cliDir, 'batch.jsonl'), body);
    const cli = openStore(join(cliDir, 'cli.db')) as SqliteStore;
    await ingestPaths(cli, [join(cliDir, 'batch.jsonl')]);
    const cliDocs = cli.db.prepare('SELECT source, id, content_hash FROM documents WHERE current = 1 ORDER BY pk').all() as Array<{ source: string; id: string; content_hash: string }>;
    const apiDocs = store.db.prepare("SELECT source, id, content_hash FROM documents WHERE current = 1 AND source LIKE 'batch.jsonl#%' ORDER BY pk").all() as typeof cliDocs;
    await cli.close();
    assert.deepEqual(apiDocs.map((d) => [d.id, d.content_hash]), cliDocs.map((d) => [d.id, d.content_hash]));
    assert.deepEqual(apiDocs.map((d) => d.source), cliDocs.map((d) => d.source.replace(/^.*\//, '')));
  } finally {
    rmSync(cliDir, { recursive: true, force: true });
  }

  const again = await upload('/api/ingest?filename=batch.jsonl', body);
  assert.equal(again.status, 200);
  assert.ok(again.json.documents.every((d: any) => d.outcome?.status === 'unchanged'));
  // Not extracted again, but answered with the stored extraction.
  assert.deepEqual(again.json.documents.map((d: any) => d.result?.id), r.json.documents.map((d: any) => d.result.id));
  assert.equal(currentBySource('batch.jsonl#').length, 20);
  assert.equal((store.db.prepare("SELECT COUNT(*) AS n FROM documents WHERE source LIKE 'batch.jsonl#%'").get() as { n: number }).n, 20, 'no new versions');
});

test('a feed with 3 items stores 3 documents, each under its link', async () => {
  const r = await upload('/api/ingest?filename=wire.rss', feed(3), 'application/xml');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.documents.length, 3);
  const docs = currentBySource('https://feed.example/items/');
  assert.deepEqual(docs.map((d) => d.source).sort(), [1, 2, 3].map((i) => `https://feed.example/items/${i}`));
  // Sniffed without a file name, too.
  const sniffed = await upload('/api/ingest?source=pasted-feed', feed(3).replace(/Item (\d)\./g, 'Entry $1.'), 'text/xml');
  assert.equal(sniffed.json.documents.length, 3);
});

test('?stream=1 answers NDJSON: a line per record as it is stored (errors included), then a summary', async () => {
  const body = jsonl(6, 'streamed').replace(/\n$/, '\n{not json\n');
  const res = await fetch(base + '/api/ingest?filename=streamed.jsonl&stream=1', { method: 'POST', headers: { cookie, 'content-type': 'application/x-ndjson' }, body });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /application\/x-ndjson/);
  const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 8);
  const docs = lines.filter((l) => l.type === 'document');
  assert.equal(docs.length, 6);
  assert.deepEqual(docs.map((l) => l.n), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(docs.map((l) => l.source), [1, 2, 3, 4, 5, 6].map((i) => `streamed.jsonl#${i}`));
  for (const l of docs) {
    assert.equal(l.outcome.status, 'added');
    assert.equal(typeof l.found.events, 'number');
  }
  const bad = lines.find((l) => l.type === 'error');
  assert.equal(bad.source, 'streamed.jsonl#7');
  assert.equal(bad.error.code, 'bad_json');
  const done = lines.at(-1);
  assert.equal(done.type, 'done');
  assert.equal(done.seen, 7);
  assert.equal(done.added, 6);
  assert.equal(done.skipped, 1);
  assert.equal((await upload('/api/ingest?stream=maybe', 'x')).status, 400);
});

test('a large upload is extracted off the event loop: /api/health keeps answering', async (t) => {
  // ~0.3 MB of articles: seconds of extraction on a small machine (about 1 MB per 7 s here).
  const body = jsonl(400, 'large');
  const started = performance.now();
  let uploading = true;
  const up = upload('/api/ingest?filename=large.jsonl', body).finally(() => (uploading = false));
  // The probe shares this process's event loop with the server, so each wait is counted from when
  // the probe was due (50 ms after the last answer), not from when its request went out.
  const waits: number[] = [];
  while (uploading) {
    const due = performance.now() + 50;
    await new Promise((r) => setTimeout(r, 50));
    const h = await fetch(base + '/api/health');
    await h.text();
    waits.push(performance.now() - due);
  }
  const r = await up;
  const took = performance.now() - started;
  assert.equal(r.status, 200);
  assert.equal(r.json.documents.length, 400);
  const max = Math.max(...waits);
  t.diagnostic(`upload of ${(body.length / 1e6).toFixed(2)} MB took ${took.toFixed(0)} ms; ${waits.length} health checks meanwhile, slowest ${max.toFixed(0)} ms, median ${waits.sort((a, b) => a - b)[waits.length >> 1].toFixed(0)} ms`);
  assert.ok(waits.length >= 5, `the upload should take long enough to probe (${waits.length} probes in ${took.toFixed(0)} ms)`);
  // Before, the loop was held for the whole extraction (82 s for a 5 MB JSONL). The bound leaves
  // room for a loaded shared machine (the extraction thread competes for the same cores).
  const median = waits[waits.length >> 1];
  assert.ok(median < 200, `/api/health took ${median.toFixed(0)} ms (median) during the upload`);
  assert.ok(max < 1000, `/api/health waited ${max.toFixed(0)} ms during the upload`);
});

test('the extraction thread: a document that never finishes ends in a timeout record, and the next upload works', async () => {
  // A document that finishes within no limit: with a 1 ms limit every document is one. (A
  // document too slow to finish within seconds is now refused before extraction: readers cap the
  // text at MAX_TEXT_CHARS, so size alone can no longer be used to make one.)
  const stalled = new ExtractWorker({}, { stallMs: 1 });
  try {
    const got = [];
    for await (const item of stalled.extract(Buffer.from(ARTICLES.join('\n\n')), 'big.txt', { filename: 'big.txt' })) got.push(item);
    assert.equal(got.length, 1);
    assert.ok(isErrorRecord(got[0]));
    assert.equal(got[0].error.code, 'timeout');
  } finally {
    await stalled.close();
  }
  const w = new ExtractWorker({}, { stallMs: 60_000 });
  try {
    const next = [];
    for await (const item of w.extract(Buffer.from(ARTICLES[0]), 'small.txt', { filename: 'small.txt' })) next.push(item);
    assert.equal(next.length, 1);
    assert.ok(!isErrorRecord(next[0]) && 'result' in next[0], JSON.stringify(next[0]));
    assert.equal(next[0].result.source, 'small.txt');

    // Bytes the store holds are not extracted again; they keep their place in the upload.
    const asked: string[] = [];
    const three = Buffer.from(jsonl(3, 'known'));
    const known = async (text: string) => (asked.push(text), text.startsWith('known report 2.') ? { status: 'unchanged' as const, documentId: 'd2', version: 1, events: [] } : null);
    const kinds = [];
    for await (const item of w.extract(three, 'three.jsonl', { filename: 'three.jsonl', known })) kinds.push('known' in item ? `known ${item.source}` : 'result' in item ? `extracted ${item.result.source}` : 'error');
    assert.deepEqual(kinds, ['extracted three.jsonl#1', 'known three.jsonl#2', 'extracted three.jsonl#3']);
    assert.equal(asked.length, 3);
  } finally {
    await w.close();
  }
});

test('local files given by absolute path are stored and shown relative to where the command ran', async () => {
  const abs = join(dir, 'abs-given.jsonl');
  writeFileSync(abs, jsonl(2, 'absolute') + '{broken\n');
  const run = await ingestPaths(store, [abs], { command: runCommand('ingest', ['--db', join(dir, 'api.db'), abs], [abs]) });
  assert.equal(run.added, 2);
  const rel = storedSource(abs);
  assert.ok(!isAbsolute(rel), rel);
  assert.equal(resolve(rel), abs, 'the stored form still names the same file from here');
  const docs = currentBySource(rel + '#');
  assert.deepEqual(docs.map((d) => d.source), [`${rel}#1`, `${rel}#2`]);
  // Given relatively from the same directory: the same key, so nothing new (and the bytes are known).
  assert.equal((await ingestPaths(store, [rel])).unchanged, 2);

  const res = await fetch(base + '/api/documents?limit=100');
  const listed = JSON.stringify(await res.json());
  // The absolute form, not the tail of a relative one (`../../tmp/...` holds `/tmp/...`).
  const absolute = new RegExp('(?<![.\\w])' + dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  assert.doesNotMatch(listed, absolute, 'no absolute server path in /api/documents');
  const runs = JSON.stringify(await (await fetch(base + '/api/runs?limit=5')).json());
  assert.doesNotMatch(runs, absolute, 'no absolute server path in /api/runs');
  assert.ok(runs.includes(`${rel}#3`), 'the broken line is named by its stored source');

  // Plain `readInputs` (what `sitrep extract` prints) still gives the path exactly as typed.
  const read = [];
  for await (const item of readInputs([abs])) read.push(item.source);
  assert.deepEqual(read, [`${abs}#1`, `${abs}#2`, `${abs}#3`]);
  assert.equal(storedSource('samples/a.html'), 'samples/a.html', 'relative paths stay as given');
  assert.equal(storedSource('-'), '-');
  assert.equal(runCommand('ingest', ['--db=postgres://u:secret@h/db', '-v', abs], [abs]), `ingest -v ${rel}`);
});
