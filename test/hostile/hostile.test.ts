import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { extract } from '../../src/extract.ts';
import { readInputs, type ReadItem } from '../../src/read/index.ts';
import { Context } from '../../src/context.ts';
import { Doc, type DocResult, type ErrorRecord } from '../../src/doc.ts';
import { isErrorRecord } from '../../src/read/errors.ts';
import { openStore } from '../../src/store/index.ts';
import { ingestPaths } from '../../src/store/ingest.ts';
import { ROOT, tempDir } from '../helpers.ts';
import { badSpans } from '../spans.ts';
import { generateHostile, GOOD_ARTICLES, SECRET_MARKER, type HostileInput } from './generate.ts';

/**
 * Issue 18 item 9: every hostile input of generate.ts goes through `extract` (library and CLI) and
 * `ingest` (a real SQLite file) between good articles. For each input: an error record or a clean
 * result, the good articles all come out, a bounded time, every span slices the input, and the
 * XXE target's secret never appears in any output. A table of the counts is printed.
 */

const PER_INPUT_MS = 20_000;
const ctx = new Context();
const dir = tempDir('sitrep-hostile-');
const corpus = join(dir, 'corpus');
const inputs = generateHostile(corpus);

function isClearError(x: ErrorRecord): boolean {
  return typeof x.source === 'string' && x.source.length > 0 && typeof x.error?.code === 'string' && /^[a-z_]+$/.test(x.error.code) && typeof x.error.message === 'string' && x.error.message.length > 0;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

interface Row {
  input: HostileInput;
  ms: number;
  crashed: string | null;
  hung: boolean;
  leaked: boolean;
  offsetsWrong: number;
  outcome: string;
}

const rows: Row[] = [];

test('hostile inputs through extract (library), each between good articles', { timeout: 240_000 }, async () => {
  for (const input of inputs) {
    const path = join(corpus, input.name);
    const batch = [GOOD_ARTICLES[0], path, GOOD_ARTICLES[1]];
    const row: Row = { input, ms: 0, crashed: null, hung: false, leaked: false, offsetsWrong: 0, outcome: '' };
    const t0 = performance.now();
    let results: Array<DocResult | ErrorRecord> = [];
    let read: ReadItem[] = [];
    try {
      // The read items, in the same order as extract's output (one result per item), give each
      // result the input text its offsets must slice.
      read = await collect(readInputs(batch));
      results = await collect(extract(batch, { ctx }));
    } catch (e) {
      row.crashed = (e as Error).stack ?? String(e);
    }
    row.ms = performance.now() - t0;
    row.hung = row.ms > PER_INPUT_MS;
    rows.push(row);
    if (row.crashed) continue;
    assert.equal(results.length, read.length, `${input.name}: one result per read item`);
    // The good articles before and after come out whole.
    const first = results[0];
    const last = results[results.length - 1];
    assert.ok(!isErrorRecord(first) && first.source === GOOD_ARTICLES[0], `${input.name}: the article before it`);
    assert.ok(!isErrorRecord(last) && last.source === GOOD_ARTICLES[1], `${input.name}: the article after it`);
    assert.ok(first.events.length > 0 && last.events.length > 0, `${input.name}: good articles keep their events`);
    const mine = results.slice(1, -1);
    let errors = 0;
    let docs = 0;
    for (let i = 0; i < results.length; i++) {
      const r = results[i];
      if (JSON.stringify(r).includes(SECRET_MARKER)) row.leaked = true;
      if (isErrorRecord(r)) {
        assert.ok(isClearError(r), `${input.name}: a clear error record: ${JSON.stringify(r)}`);
        continue;
      }
      const item = read[i];
      assert.ok(item instanceof Doc && item.source === r.source, `${input.name}: results line up with read items`);
      const bad = badSpans(r, item.text);
      row.offsetsWrong += bad.length;
      if (bad.length) console.log(`${input.name}: ${bad.length} span(s) off, e.g. ${bad[0]}`);
    }
    for (const r of mine) isErrorRecord(r) ? errors++ : docs++;
    row.outcome = `${docs} doc(s), ${errors} error(s)${mine.filter(isErrorRecord).length ? ': ' + [...new Set(mine.filter(isErrorRecord).map((e) => e.error.code))].join(',') : ''}`;
    if (input.expect === 'error') assert.ok(errors > 0 && docs === 0, `${input.name} (${input.what}) should be an error record, got ${row.outcome}`);
    if (input.expect === 'doc') assert.ok(docs > 0, `${input.name} (${input.what}) should give a result, got ${row.outcome}`);
  }
  const table = [
    '| inputs tried | crashed | hung | leaked | offsets wrong |',
    '|---|---|---|---|---|',
    `| ${rows.length} | ${rows.filter((r) => r.crashed).length} | ${rows.filter((r) => r.hung).length} | ${rows.filter((r) => r.leaked).length} | ${rows.filter((r) => r.offsetsWrong).length} |`,
  ].join('\n');
  console.log(`\nhostile inputs, extract (library):\n${table}\n`);
  if (process.env.HOSTILE_VERBOSE) for (const r of rows) console.log(`${String(Math.round(r.ms)).padStart(6)} ms  ${JSON.stringify(r.input.name).padEnd(32)} ${r.outcome}`);
  const slow = rows.filter((r) => r.ms > 5000).map((r) => `${r.input.name} ${Math.round(r.ms)} ms`);
  if (slow.length) console.log(`slowest: ${slow.join('; ')}`);
  assert.ok(rows.length >= 40, 'at least 40 hostile inputs');
  assert.deepEqual(rows.filter((r) => r.crashed).map((r) => `${r.input.name}: ${r.crashed}`), [], 'crashed');
  assert.deepEqual(rows.filter((r) => r.hung).map((r) => r.input.name), [], 'hung');
  assert.deepEqual(rows.filter((r) => r.leaked).map((r) => r.input.name), [], 'leaked');
  assert.deepEqual(rows.filter((r) => r.offsetsWrong).map((r) => r.input.name), [], 'offsets wrong');
});

/** The corpus folder with good articles at its start, middle and end (by name order). */
function mixedFolder(): string {
  const mixed = join(dir, 'mixed');
  mkdirSync(mixed, { recursive: true });
  copyFileSync(GOOD_ARTICLES[0], join(mixed, '000-good-first.txt'));
  copyFileSync(GOOD_ARTICLES[1], join(mixed, 'm-good-middle.txt'));
  copyFileSync(GOOD_ARTICLES[2], join(mixed, 'zzz-good-last.txt'));
  return mixed;
}

const GOOD_NAMES = ['000-good-first.txt', 'm-good-middle.txt', 'zzz-good-last.txt'];

test('the CLI `sitrep extract` over the whole corpus: finishes, good articles out, nothing leaks', { timeout: 180_000 }, async () => {
  const mixed = mixedFolder();
  // The folders are walked: the symlink loops, the FIFO and /dev/zero come through the walk.
  const args = [join(ROOT, 'bin/sitrep.js'), 'extract', '--no-debug', mixed, corpus];
  const t0 = performance.now();
  const { code, stdout, stderr, timedOut } = await run('node', args, 150_000);
  const ms = performance.now() - t0;
  assert.equal(timedOut, false, `the CLI finished within the bound (${Math.round(ms)} ms)`);
  assert.equal(code, 1, `exit 1: some inputs failed, none crashed (stderr: ${stderr.slice(-500)})`);
  assert.doesNotMatch(stderr, /TypeError|RangeError|at .*\.ts:\d+/, 'no stack trace');
  const lines = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as DocResult | ErrorRecord);
  for (const g of GOOD_NAMES) assert.ok(lines.some((l) => !isErrorRecord(l) && basename(l.source) === g), `${g} came out`);
  assert.ok(!stdout.includes(SECRET_MARKER) && !stderr.includes(SECRET_MARKER), 'the XXE target never leaks');
  for (const l of lines) if (isErrorRecord(l)) assert.ok(isClearError(l), JSON.stringify(l));
  console.log(`CLI extract: ${lines.length} line(s) (${lines.filter(isErrorRecord).length} error records) in ${Math.round(ms)} ms`);
});

test('ingest into a SQLite file over the corpus: the run completes, good articles stored, spans slice the stored text', { timeout: 180_000 }, async () => {
  const mixed = mixedFolder();
  const db = join(dir, 'hostile.db');
  const store = openStore(db);
  const seen: Array<{ source: string; error?: string }> = [];
  const t0 = performance.now();
  try {
    const paths = [mixed, corpus];
    const run = await ingestPaths(store, paths, { ctx, threaded: true, onDocument: (o) => seen.push(isErrorRecord(o) ? { source: o.source, error: o.error.code } : { source: o.documentId }) });
    assert.ok(run.seen > 40, `documents seen: ${run.seen}`);
    assert.ok(run.skipped > 0 && run.added > 0);
  } finally {
    await store.close();
  }
  const ms = performance.now() - t0;
  const sql = new Database(db, { readonly: true });
  try {
    const docs = sql.prepare('SELECT pk, source, text FROM documents').all() as Array<{ pk: number; source: string; text: string }>;
    for (const g of GOOD_NAMES) assert.ok(docs.some((d) => basename(d.source) === g), `${g} stored`);
    const text = new Map(docs.map((d) => [d.pk, d.text]));
    let checked = 0;
    const wrong: string[] = [];
    for (const table of ['mentions', 'places', 'times', 'claims']) {
      for (const s of sql.prepare(`SELECT document_pk, start, "end", text FROM ${table}`).all() as Array<{ document_pk: number; start: number; end: number; text: string }>) {
        checked++;
        if (text.get(s.document_pk)!.slice(s.start, s.end) !== s.text) wrong.push(`${table} ${s.start}-${s.end}`);
      }
    }
    assert.deepEqual(wrong, [], 'stored spans slice the stored text');
    const dump = JSON.stringify(sql.prepare('SELECT * FROM documents').all()) + JSON.stringify(sql.prepare('SELECT * FROM ingest_skips').all());
    assert.ok(!dump.includes(SECRET_MARKER), 'the XXE target never reaches the store');
    console.log(`ingest: ${docs.length} document(s) stored, ${seen.filter((s) => s.error).length} skip(s), ${checked} stored span(s) checked, ${Math.round(ms)} ms`);
  } finally {
    sql.close();
  }
});

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on('data', (c: Buffer) => out.push(c));
    p.stderr.on('data', (c: Buffer) => err.push(c));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, timeoutMs);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
  });
}
