import { parseArgs } from 'node:util';
import type { Command } from './main.ts';
import { defaultDbPath, openStore } from '../store/index.ts';
import { ingestPaths } from '../store/ingest.ts';
import { isErrorRecord } from '../read/errors.ts';
import { runCommand } from '../read/source-label.ts';

export const command: Command = {
  summary: 'Extract documents and store them (one transaction per document; known bytes are skipped, changed sources become new versions).',
  usage: 'sitrep ingest [--db FILE] [--reference-date YYYY-MM-DD] [--pack NAME]... [--verbose] [--inline] PATH... (- for stdin)',
  async run(args) {
    // --queue (PostgreSQL): enqueue one job per document for `sitrep worker`s instead (see ingest-queue.ts).
    if (args.includes('--queue')) return (await import('./ingest-queue.ts')).runQueued(args);
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        'reference-date': { type: 'string' },
        pack: { type: 'string', multiple: true },
        verbose: { type: 'boolean', short: 'v', default: false },
        inline: { type: 'boolean', default: false },
      },
    });
    if (!positionals.length) throw new Error(`no input given\nusage: ${this.usage}`);
    const ref = values['reference-date'];
    if (ref && !/^\d{4}-\d{2}-\d{2}$/.test(ref)) throw new Error(`--reference-date must be YYYY-MM-DD, not ${ref}`);
    const db = values.db ?? defaultDbPath();
    const store = openStore(db);
    try {
      const t0 = performance.now();
      const run = await ingestPaths(store, positionals, {
        referenceDate: ref,
        packs: values.pack,
        command: runCommand('ingest', args, positionals),
        // Storage in a worker thread overlaps extraction of the next documents (--inline: one thread).
        threaded: !values.inline,
        onDocument: (o) => {
          if (isErrorRecord(o)) process.stderr.write(`skip ${o.source}: ${o.error.code}: ${o.error.message}\n`);
          else if (values.verbose) process.stderr.write(`${o.status.padEnd(11)} ${o.documentId} v${o.version} (${o.events.length} event(s) touched)\n`);
        },
      });
      const s = (performance.now() - t0) / 1000;
      const stats = await store.stats();
      process.stdout.write(
        `ingest run ${run.id} into ${db}: ${run.seen} document(s) in ${s.toFixed(1)} s — ${run.added} added, ${run.versions} new version(s), ` +
          `${run.unchanged} unchanged, ${run.skipped} skipped\n` +
          `store now: ${stats.documents} document(s), ${stats.events} event(s) from ${stats.reports} report(s), ${stats.claims} claim(s), ${stats.contradictions} contradiction(s)\n`,
      );
      return run.skipped ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};
