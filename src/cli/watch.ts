import { parseArgs } from 'node:util';
import type { Command } from './main.ts';
import { defaultDbPath, openStore } from '../store/index.ts';
import { isPostgresUrl, type PostgresStore } from '../store/postgres/index.ts';
import type { WatchSourceState } from '../store/watch.ts';
import { redact } from './ingest-queue.ts';

/** `5m`, `30s`, `250ms`, `1h`, or a number of seconds -> milliseconds. */
export function parseDuration(s: string, what: string, min = 10): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(s.trim());
  if (!m) throw new Error(`${what} takes a duration such as 5m, 30s, 500ms or 1h, not ${s}`);
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const ms = Number(m[1]) * unit[m[2] ?? 's'];
  if (!(ms >= min)) throw new Error(`${what} must be at least ${min} ms`);
  return ms;
}

export const command: Command = {
  summary: 'Follow feeds and folders: store each new item once as it appears (PostgreSQL: queue it for `sitrep worker`s); --status lists each source\'s last success and error.',
  usage:
    'sitrep watch SOURCE... [--db FILE|postgres://...] [--interval 5m] [--timeout 30s] [--politeness 1s] [--no-follow-links] [--extract] [--pack NAME]... [--reference-date YYYY-MM-DD] [--quiet]\n' +
    '       sitrep watch --status [--db ...]\n' +
    '  SOURCE: an RSS/Atom feed URL, a folder (new and changed files), or a file listing feed URLs one per line',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        interval: { type: 'string', default: '5m' },
        timeout: { type: 'string', default: '30s' },
        politeness: { type: 'string', default: '1s' },
        'no-follow-links': { type: 'boolean', default: false },
        extract: { type: 'boolean', default: false },
        status: { type: 'boolean', default: false },
        pack: { type: 'string', multiple: true },
        'reference-date': { type: 'string' },
        quiet: { type: 'boolean', short: 'q', default: false },
      },
    });
    const db = values.db ?? defaultDbPath();
    if (values.status) return status(db);
    if (!positionals.length) throw new Error(`no source given\nusage: ${this.usage}`);
    const ref = values['reference-date'];
    if (ref && !/^\d{4}-\d{2}-\d{2}$/.test(ref)) throw new Error(`--reference-date must be YYYY-MM-DD, not ${ref}`);
    const intervalMs = parseDuration(values.interval!, '--interval');
    const { Watcher, parseSource } = await import('../watch/watcher.ts');
    const { StoreSink, QueueSink } = await import('../watch/sink.ts');
    const specs = positionals.map(parseSource);
    const store = openStore(db);
    // PostgreSQL: this process only fetches and queues; `sitrep worker`s extract (unless --extract).
    const queued = isPostgresUrl(db) && !values.extract;
    const sink = queued ? new QueueSink(db, store as unknown as PostgresStore, { packs: values.pack, referenceDate: ref }) : new StoreSink(store, { packs: values.pack, referenceDate: ref });
    const log = (line: string) => process.stderr.write(line + '\n');
    const watcher = new Watcher(store, sink, {
      intervalMs,
      timeoutMs: parseDuration(values.timeout!, '--timeout'),
      politenessMs: parseDuration(values.politeness!, '--politeness', 0),
      followLinks: !values['no-follow-links'],
      referenceDate: ref,
      log: values.quiet ? undefined : log,
    });
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const onSignal = () => stop();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    if (!values.quiet) log(`sitrep watch: ${specs.length} source(s) every ${values.interval} into ${redact(db)}${queued ? ' (queued for sitrep worker)' : ''}; Ctrl-C stops`);
    try {
      await watcher.start(specs);
      await stopped;
    } finally {
      await watcher.stop();
      await store.close();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    return 0;
  },
};

/** `sitrep watch --status`: one line per source. */
async function status(db: string): Promise<number> {
  const { openExisting } = await import('../store/index.ts');
  const store = openExisting(db);
  try {
    const rows = await store.watch.listSources();
    if (!rows.length) {
      process.stdout.write('no watched sources yet (sitrep watch SOURCE... starts following some)\n');
      return 0;
    }
    for (const r of rows) process.stdout.write(statusLine(r) + '\n');
    return rows.some((r) => r.errors > 0) ? 1 : 0;
  } finally {
    await store.close();
  }
}

export function statusLine(r: WatchSourceState): string {
  const state = r.errors ? `FAILING (${r.errors} in a row)` : r.lastSuccess ? 'ok' : 'never polled';
  return [
    `${r.source} [${r.kind}] ${state}`,
    `  last success: ${r.lastSuccess ?? 'never'}; items: ${r.items}`,
    `  last error:   ${r.lastError ? `${r.lastErrorAt} ${r.lastError}` : 'none'}`,
    ...(r.kind === 'feed' && r.nextPoll ? [`  next poll:    ${r.nextPoll}`] : []),
  ].join('\n');
}
