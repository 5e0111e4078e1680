import type PgBoss from 'pg-boss';
import { Context } from '../context.ts';
import type { ErrorRecord } from '../doc.ts';
import { isErrorRecord } from '../read/errors.ts';
import type { ReadItem } from '../read/index.ts';
import { ingestDocs } from '../store/ingest.ts';
import type { IngestOutcome, Store } from '../store/types.ts';
import type { PostgresStore } from '../store/postgres/index.ts';

/**
 * Where the watcher's new documents go: straight into the store through ingest's own path
 * (ingestDocs: known bytes skipped, changed sources new versions, one transaction per document),
 * or, on PostgreSQL, into the ingest queue as one job per document for `sitrep worker`s, so one
 * watcher feeds many workers. Either way one call is one ingest run, and the outcomes come back
 * in input order, so the watcher marks each item handled only once it is stored or queued.
 */
export type SinkOutcome = IngestOutcome | ErrorRecord | { status: 'queued'; job: string };

export interface Sink {
  readonly kind: 'store' | 'queue';
  /** Store (or queue) the documents, read one at a time from `docs`, as one ingest run. */
  put(docs: Docs, command: string, onEach?: (i: number, o: SinkOutcome) => Promise<void>): Promise<SinkOutcome[]>;
  close(): Promise<void>;
}

export type Docs = Iterable<ReadItem> | AsyncIterable<ReadItem>;

/** Extract here and store (SQLite, or PostgreSQL with --extract). */
export class StoreSink implements Sink {
  readonly kind = 'store';
  private turn: Promise<unknown> = Promise.resolve();
  private ctx: Context | null = null;

  constructor(
    private readonly store: Store,
    private readonly opts: { packs?: string[]; referenceDate?: string } = {},
  ) {}

  put(docs: Docs, command: string, onEach?: (i: number, o: SinkOutcome) => Promise<void>): Promise<SinkOutcome[]> {
    // One batch at a time: sources polled together take turns on the one extraction thread.
    const run = this.turn.then(async () => {
      this.ctx ??= new Context({ packs: this.opts.packs, referenceDate: this.opts.referenceDate });
      const out: SinkOutcome[] = [];
      const marks: Promise<void>[] = [];
      await ingestDocs(this.store, docs, {
        ctx: this.ctx,
        command,
        // Called as each is stored, before the next is read (and its page fetched).
        onDocument: (o) => {
          marks.push(onEach?.(out.length, o) ?? Promise.resolve());
          out.push(o);
        },
      });
      await Promise.all(marks);
      return out;
    });
    this.turn = run.catch(() => {});
    return run;
  }

  async close(): Promise<void> {
    await this.turn;
  }
}

/** Enqueue one job per document for `sitrep worker`s (PostgreSQL). */
export class QueueSink implements Sink {
  readonly kind = 'queue';
  private boss: Promise<PgBoss> | null = null;

  constructor(
    private readonly url: string,
    private readonly store: PostgresStore,
    private readonly opts: { packs?: string[]; referenceDate?: string; jobTimeoutSeconds?: number } = {},
  ) {}

  private open(): Promise<PgBoss> {
    this.boss ??= import('../queue/index.ts').then((q) => q.openQueue(this.url, { jobTimeoutSeconds: this.opts.jobTimeoutSeconds }));
    return this.boss;
  }

  async put(docs: Docs, command: string, onEach?: (i: number, o: SinkOutcome) => Promise<void>): Promise<SinkOutcome[]> {
    const { QUEUE, toJobDoc } = await import('../queue/index.ts');
    const boss = await this.open();
    const run = await this.store.beginRun(command);
    const perJob = { retryLimit: 2, retryDelay: 1, expireInSeconds: this.opts.jobTimeoutSeconds ?? 300 };
    const out: SinkOutcome[] = [];
    let i = 0;
    for await (const d of docs) {
      let o: SinkOutcome;
      if (isErrorRecord(d)) {
        await this.store.recordSkip(run, d);
        o = d;
      } else {
        const job = await boss.send(QUEUE, { run, doc: toJobDoc(d), referenceDate: this.opts.referenceDate, packs: this.opts.packs }, perJob);
        o = { status: 'queued', job: job ?? '' };
      }
      out.push(o);
      await onEach?.(i++, o);
    }
    // The run is finished by the worker that counts its last document.
    await this.store.expectRun(run, out.length);
    return out;
  }

  async close(): Promise<void> {
    const b = await this.boss?.catch(() => null);
    await b?.stop({ graceful: false, close: true, wait: true }).catch(() => {});
  }
}
