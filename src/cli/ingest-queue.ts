import { parseArgs } from 'node:util';
import { isPostgresUrl } from '../store/postgres/index.ts';
import { runCommand } from '../read/source-label.ts';

/**
 * `sitrep ingest --db postgres://... --queue PATH...`: read the inputs and enqueue one job per
 * document for `sitrep worker`s to extract and store; returns as soon as everything is queued.
 * (Reached from `sitrep ingest` when --queue is given.)
 */
export const usage = 'sitrep ingest --db postgres://... --queue [--job-timeout SECONDS] [--reference-date YYYY-MM-DD] [--pack NAME]... PATH...';

export async function runQueued(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      queue: { type: 'boolean' },
      'job-timeout': { type: 'string' },
      'reference-date': { type: 'string' },
      pack: { type: 'string', multiple: true },
      verbose: { type: 'boolean', short: 'v', default: false },
      inline: { type: 'boolean', default: false },
    },
  });
  const db = values.db ?? process.env.SITREP_DB ?? '';
  if (!isPostgresUrl(db)) throw new Error(`--queue needs a PostgreSQL store: --db postgres://USER@HOST:PORT/DB\nusage: ${usage}`);
  if (!positionals.length) throw new Error(`no input given\nusage: ${usage}`);
  const ref = values['reference-date'];
  if (ref && !/^\d{4}-\d{2}-\d{2}$/.test(ref)) throw new Error(`--reference-date must be YYYY-MM-DD, not ${ref}`);
  const timeout = values['job-timeout'] != null ? Number(values['job-timeout']) : undefined;
  if (timeout != null && !(Number.isInteger(timeout) && timeout >= 1)) throw new Error(`--job-timeout must be a whole number of seconds >= 1`);
  const { enqueuePaths } = await import('../queue/index.ts');
  const t0 = performance.now();
  const r = await enqueuePaths(db, positionals, {
    referenceDate: ref,
    packs: values.pack,
    jobTimeoutSeconds: timeout,
    command: runCommand('ingest', args, positionals),
    onSkip: (e) => process.stderr.write(`skip ${e.source}: ${e.error.code}: ${e.error.message}\n`),
  });
  process.stdout.write(
    `ingest run ${r.run}: ${r.jobs} document(s) queued in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${r.skipped} unreadable input(s) skipped\n` +
      `process them with: sitrep worker --db ${redact(db)} [--concurrency N] [--drain]\n`,
  );
  return r.skipped ? 1 : 0;
}

/** A URL without its password, for printing. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
