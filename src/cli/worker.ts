import { parseArgs } from 'node:util';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from './main.ts';
import { isPostgresUrl } from '../store/postgres/index.ts';
import { isErrorRecord } from '../read/errors.ts';
import { redact } from './ingest-queue.ts';

const BIN = fileURLToPath(new URL('../../bin/sitrep.js', import.meta.url));

/**
 * `sitrep worker --db postgres://...`: take documents queued by `sitrep ingest --queue`, extract
 * them and store each in one transaction, until stopped (Ctrl-C / SIGTERM finish the current
 * document first) or, with --drain, until the queue is empty. Extraction is CPU work, so one
 * worker process uses one core: --concurrency N starts N worker processes.
 */
export const command: Command = {
  summary: 'Process documents queued by `sitrep ingest --queue` (PostgreSQL store): extract and store them, one transaction each.',
  usage: 'sitrep worker --db postgres://... [--concurrency N] [--drain|--once] [--verbose]',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        concurrency: { type: 'string', short: 'c' },
        drain: { type: 'boolean', default: false },
        once: { type: 'boolean', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
      },
    });
    const db = values.db ?? process.env.SITREP_DB ?? '';
    if (!isPostgresUrl(db)) throw new Error(`the worker needs a PostgreSQL store: --db postgres://USER@HOST:PORT/DB\nusage: ${this.usage}`);
    const n = values.concurrency != null ? Number(values.concurrency) : 1;
    if (!(Number.isInteger(n) && n >= 1 && n <= 256)) throw new Error(`--concurrency must be a whole number from 1 to 256, not ${values.concurrency}`);
    const drain = values.drain || values.once;
    if (n > 1) return supervise(n, args);

    // Finish the current document on SIGINT/SIGTERM, then stop (a second signal exits at once).
    let stopNow!: () => void;
    const stop = new Promise<void>((res) => (stopNow = res));
    let signalledAt = 0;
    const onSignal = () => {
      // Ctrl-C reaches a --concurrency supervisor's children twice (from the terminal and passed
      // on): only a signal a second or more after the first means "now".
      if (signalledAt && Date.now() - signalledAt > 1000) process.exit(130);
      signalledAt ||= Date.now();
      stopNow();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const { runWorker } = await import('../queue/index.ts');
    const t0 = performance.now();
    const tag = process.env.SITREP_WORKER_TAG ? `[${process.env.SITREP_WORKER_TAG}] ` : '';
    if (values.verbose) process.stderr.write(`${tag}worker ${process.pid} on ${redact(db)}${drain ? ' (until the queue is empty)' : ''}\n`);
    const s = await runWorker(db, {
      drain,
      stop,
      onJob: ({ outcome, retried }) => {
        if (isErrorRecord(outcome)) process.stderr.write(`${tag}${retried ? 'retry' : 'skip'} ${outcome.source}: ${outcome.error.code}: ${outcome.error.message}\n`);
        else if (values.verbose) process.stderr.write(`${tag}${outcome.status.padEnd(11)} ${outcome.documentId} v${outcome.version}\n`);
      },
    });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const sec = (performance.now() - t0) / 1000;
    process.stdout.write(`${tag}worker ${process.pid}: ${s.jobs} job(s) in ${sec.toFixed(1)} s — ${s.stored} stored, ${s.unchanged} unchanged, ${s.skipped} skipped, ${s.retried} retried\n`);
    return 0;
  },
};

/** --concurrency N: N single worker processes; ends when they all end (a stop signal is passed on). */
async function supervise(n: number, args: string[]): Promise<number> {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--concurrency' || args[i] === '-c') i++;
    else if (!args[i].startsWith('--concurrency=')) rest.push(args[i]);
  }
  const children = Array.from({ length: n }, (_, i) => fork(BIN, ['worker', ...rest], { env: { ...process.env, SITREP_WORKER_TAG: String(i + 1) } }));
  const pass = () => children.forEach((c) => c.exitCode == null && c.kill('SIGTERM'));
  process.on('SIGINT', pass);
  process.on('SIGTERM', pass);
  const codes = await Promise.all(children.map((c) => new Promise<number>((res) => c.on('exit', (code, sig) => res(sig ? 1 : (code ?? 1))))));
  process.off('SIGINT', pass);
  process.off('SIGTERM', pass);
  return codes.some((c) => c !== 0) ? 1 : 0;
}
