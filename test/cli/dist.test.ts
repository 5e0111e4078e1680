import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.ts';

/**
 * bin/sitrep.js runs the compiled dist/ (npm ci builds it), worker threads included, and its output
 * is the same bytes as the TypeScript sources' through tsx, with one thread or several.
 */
const BIN = join(ROOT, 'bin/sitrep.js');
const SAMPLES = join(ROOT, 'samples');
/** The sample documents: one per text file, one per JSONL record (the README is no input). */
const SAMPLE_DOCS = readdirSync(SAMPLES).reduce((n, f) => n + (f.endsWith('.txt') ? 1 : f.endsWith('.jsonl') ? readFileSync(join(SAMPLES, f), 'utf8').split('\n').filter((l) => l.trim()).length : 0), 0);

function sitrep(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return r;
}

test('--jobs 2 from the sources: worker threads under tsx, lines in input order, same bytes as --jobs 1', () => {
  const one = sitrep(['extract', '--jobs', '1', SAMPLES], { SITREP_FROM_SOURCE: '1' });
  const two = sitrep(['extract', '--jobs', '2', SAMPLES], { SITREP_FROM_SOURCE: '1' });
  assert.equal(one.stdout.trim().split('\n').length, SAMPLE_DOCS);
  assert.equal(two.stdout, one.stdout);
});

test('the built dist/ runs extract, worker threads included, with the same output as the sources', (t) => {
  if (!existsSync(join(ROOT, 'dist/.build.json'))) return t.skip('dist/ absent: `npm ci` or `npm run build` makes it');
  const built = sitrep(['extract', '--jobs', '2', SAMPLES]);
  // bin/sitrep.js says so when it falls back (dist/ older than a source file being edited).
  if (/running the sources through tsx/.test(built.stderr)) return t.skip(`dist/ is stale: ${built.stderr.split('\n')[0]}`);
  const source = sitrep(['extract', '--jobs', '1', SAMPLES], { SITREP_FROM_SOURCE: '1' });
  assert.equal(built.stdout, source.stdout);
  assert.match(built.stderr, new RegExp(`${SAMPLE_DOCS} document\\(s\\) extracted, 0 failed`));
});
