import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { enqueuePaths, queueSchema } from '../../src/queue/index.ts';
import { PostgresStore } from '../../src/store/postgres/index.ts';
import { ROOT, tempDir } from '../helpers.ts';
import { skipNoPg, freshUrl, dropSchemas, PG_URL } from '../store/pg-helpers.ts';

const CHILD = join(ROOT, 'test/queue/worker-child.ts');
const BIN = join(ROOT, 'bin/sitrep.js');
const dir = tempDir('sitrep-queue-');

function start(cmd: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, cmd, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<number>((res) => child.on('exit', (code, sig) => res(sig ? -1 : (code ?? -1))));
  return { child, done, out: () => out, err: () => err, ok: () => out.split('\n').filter((l) => l.startsWith('ok ')) };
}

/** Short articles in the samples' style, each with its own bytes. */
function writeDocs(sub: string, n: number): string {
  const d = join(dir, sub);
  mkdirSync(d, { recursive: true });
  const places = ['Mosul', 'Raqqa', 'Hajin', 'Kirkuk', 'Tikrit', 'Deir ez-Zor'];
  for (let i = 0; i < n; i++)
    writeFileSync(
      join(d, `${String(i).padStart(3, '0')}.txt`),
      `Clashes near ${places[i % places.length]} (report ${i})\n\nMarch ${1 + (i % 28)}, 2019\n\n` +
        `Security forces said ${i + 2} militants were killed in clashes near ${places[i % places.length]} on Saturday, an official said.\n`,
    );
  return d;
}

/** Every stored document is whole and stored once; returns the document count. */
async function check(url: string): Promise<number> {
  const schema = new URL(url).searchParams.get('schema');
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const q = async (sql: string) => (await c.query(sql.replaceAll('S.', `${schema}.`))).rows;
    assert.deepEqual(await q('SELECT content_hash FROM S.documents GROUP BY content_hash HAVING COUNT(*) > 1'), [], 'duplicate documents');
    assert.deepEqual(await q('SELECT source FROM S.documents GROUP BY source HAVING COUNT(*) > 1'), [], 'a source stored twice');
    assert.deepEqual(
      await q(`SELECT d.id FROM S.documents d WHERE d.n_mentions <> (SELECT COUNT(*) FROM S.mentions m WHERE m.document_pk = d.pk)
        OR d.n_events <> (SELECT COUNT(*) FROM S.event_reports r WHERE r.document_pk = d.pk) OR d.n_claims <> (SELECT COUNT(*) FROM S.claims x WHERE x.document_pk = d.pk)`),
      [],
      'partial documents',
    );
    const left = await q(`SELECT state, COUNT(*)::int AS n FROM ${queueSchema(schema!)}.job WHERE state <> 'completed' GROUP BY state`);
    assert.deepEqual(left, [], 'jobs not completed');
    return (await q('SELECT COUNT(*)::int AS n FROM S.documents'))[0].n;
  } finally {
    await c.end();
  }
}

describe('ingest queue (pg-boss) and workers', { skip: skipNoPg }, () => {
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropSchemas();
  });

  it('ingest --queue enqueues one job per document; `sitrep worker --drain --concurrency 2` stores each once', async () => {
    const url = freshUrl();
    const docs = writeDocs('cli', 6);
    const enq = start([BIN, 'ingest', '--db', url, '--queue', docs, join(dir, 'missing.txt')]);
    assert.equal(await enq.done, 1, 'an unreadable input makes the exit code 1');
    assert.match(enq.out(), /6 document\(s\) queued.*1 unreadable/);
    // The same documents queued again (a second run): stored once all the same (known bytes).
    await enqueuePaths(url, [docs]);
    const w = start([BIN, 'worker', '--db', url, '--drain', '--concurrency', '2']);
    assert.equal(await w.done, 0, w.err());
    const lines = w.out().trim().split('\n');
    assert.equal(lines.length, 2, w.out());
    const jobs = [...w.out().matchAll(/(\d+) job\(s\)/g)].reduce((a, m) => a + Number(m[1]), 0);
    assert.equal(jobs, 12, w.out());
    assert.equal(await check(url), 6);
    const store = new PostgresStore(url);
    try {
      const runs = await store.listRuns();
      assert.equal(runs.length, 2);
      // Workers take jobs of both runs at once: which run stored a document first is open.
      assert.deepEqual(runs.map((r) => r.seen).sort(), [6, 7]);
      assert.equal(runs[0].added + runs[1].added, 6);
      assert.equal(runs[0].unchanged + runs[1].unchanged, 6);
      assert.deepEqual(runs[1].skips.map((s) => s.code), ['unreadable']);
      assert.ok(runs.every((r) => r.finishedAt), 'runs finished by the worker that did their last document');
      assert.ok((await store.listEvents()).items.length > 0, 'the full pipeline ran in the workers');
    } finally {
      await store.close();
    }
  });

  it('a worker killed (SIGKILL) mid-run: the other completes the queue, the dead one\'s job is retried, nothing doubled or partial', async () => {
    const url = freshUrl();
    const N = 16;
    const r = await enqueuePaths(url, [writeDocs('kill', N)], { jobTimeoutSeconds: 2 });
    assert.equal(r.jobs, N);
    const a = start(['--import', 'tsx', CHILD, url, '120']);
    const b = start(['--import', 'tsx', CHILD, url, '120']);
    // Kill A once it has finished a few jobs: it is then holding (or about to take) another.
    await new Promise<void>((res, rej) => {
      const t = setInterval(() => {
        if (a.ok().length >= 3) {
          clearInterval(t);
          a.child.kill('SIGKILL');
          res();
        }
      }, 10);
      a.done.then((code) => (clearInterval(t), code !== -1 ? rej(new Error(`worker A ended before the kill: ${code} ${a.err()}`)) : undefined));
    });
    assert.equal(await a.done, -1);
    assert.equal(await b.done, 0, b.err());
    // A job A committed just before the kill is stored and marked done in the same transaction, but
    // its "ok" line may die with A unprinted: so at most one report is missing. What matters is
    // checked next: every document stored exactly once, and the run counts all of them.
    const handled = a.ok().length + b.ok().length;
    assert.ok(handled >= N - 1, `jobs reported ${handled} of ${N}`);
    assert.equal(await check(url), N);
    const store = new PostgresStore(url);
    try {
      const run = (await store.getRun(r.run))!;
      assert.equal(run.added, N);
      assert.ok(run.finishedAt);
    } finally {
      await store.close();
    }
  });
});
