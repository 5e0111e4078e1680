import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { Command } from './main.ts';
import { Context } from '../context.ts';
import type { Doc, ErrorRecord } from '../doc.ts';
import { readInputs } from '../read/index.ts';
import { isErrorRecord } from '../read/errors.ts';
import { docLine, serialise, threadedLines, type OutLine } from './extract-pool.ts';

export const command: Command = {
  summary: 'Extract mentions, places, times, events and claims from documents as contract JSON.',
  usage: 'sitrep extract [--format jsonl|pretty] [--reference-date YYYY-MM-DD] [--pack NAME]... [--jobs N (0: one per core)] PATH... (- for stdin)',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'jsonl' },
        'reference-date': { type: 'string' },
        pack: { type: 'string', multiple: true },
        'no-debug': { type: 'boolean', default: false },
        jobs: { type: 'string' },
      },
    });
    if (!positionals.length) throw new Error(`no input given\nusage: ${this.usage}`);
    if (!['jsonl', 'pretty'].includes(values.format!)) throw new Error(`unknown --format ${values.format}`);
    const ref = values['reference-date'];
    if (ref && !/^\d{4}-\d{2}-\d{2}$/.test(ref)) throw new Error(`--reference-date must be YYYY-MM-DD, not ${ref}`);
    // One thread unless asked: measured on 2 cores (318 and 1272 dev articles), two threads were no
    // faster (4.51 s vs 3.94 s; 7.74 s vs 7.69 s) and peaked at 581-648 MB against 328-356 MB, since
    // each thread builds its own Context (gazetteer ~0.7 s and ~200 MB). `--jobs 0` = one per core.
    const jobs = values.jobs === undefined ? 1 : values.jobs === '0' ? availableParallelism() : Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs must be a whole number of at least 1, not ${values.jobs}`);
    const context = { referenceDate: ref, packs: values.pack };
    const setup = { context, debug: !values['no-debug'], pretty: values.format === 'pretty' };
    let failed = 0;
    let ok = 0;
    for await (const out of lines(readInputs(positionals, context), jobs, setup)) {
      if (out.failed) failed++;
      else ok++;
      if (!process.stdout.write(out.line + '\n')) await new Promise((res) => process.stdout.once('drain', res));
    }
    process.stderr.write(`sitrep extract: ${ok} document(s) extracted, ${failed} failed\n`);
    return failed ? 1 : 0;
  },
};

/**
 * The output lines, in input order. Threads pay off only past one document (each loads its own
 * Context, ~0.3 s and ~200 MB), so the first two items are read before choosing: a single article
 * runs on this thread with no worker started.
 */
async function* lines(items: AsyncIterable<Doc | ErrorRecord>, jobs: number, setup: Parameters<typeof threadedLines>[2]): AsyncGenerator<OutLine> {
  // Built first, as on one thread: a bad --pack fails here, not as a dead worker. The heavy
  // resources load lazily, on the first document this thread extracts.
  const ctx = new Context(setup.context);
  const it = items[Symbol.asyncIterator]();
  const head: Array<Doc | ErrorRecord> = [];
  let docs = 0;
  if (jobs > 1) {
    while (docs < 2) {
      const r = await it.next();
      if (r.done) break;
      head.push(r.value);
      if (!isErrorRecord(r.value)) docs++;
    }
  }
  const rest = (async function* () {
    yield* head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  })();
  if (docs > 1) return yield* threadedLines(rest, jobs, setup);
  for await (const item of rest) yield isErrorRecord(item) ? { line: serialise(item, setup.pretty), failed: true } : docLine(item, ctx, setup);
}
