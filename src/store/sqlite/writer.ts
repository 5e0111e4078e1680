import { Worker } from 'node:worker_threads';
import type { IngestInput, IngestOutcome } from '../types.ts';

/**
 * Stores documents from a worker thread, so that extraction of the next documents (main thread)
 * and storage of the previous ones (this thread) run at the same time: ingest then goes at the
 * pace of the slower of the two instead of their sum. Every document is still its own transaction,
 * in arrival order; `ingest` resolves once it is committed.
 */
export class ThreadedWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (x: any) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private failed: Error | null = null;
  readonly ready: Promise<void>;

  constructor(path: string) {
    // execArgv: [] — the worker needs none of the parent's flags (a test runner's would misfire there).
    this.worker = new Worker(new URL('./writer-worker.mjs', import.meta.url), { workerData: { path }, execArgv: [] });
    let started!: () => void;
    this.ready = new Promise((res) => (started = res));
    this.worker.on('message', (m: { id?: number; ready?: boolean; out?: IngestOutcome; error?: string; closed?: boolean }) => {
      if (m.ready) return started();
      const p = this.pending.get(m.id!);
      if (!p) return;
      this.pending.delete(m.id!);
      if (m.error) p.reject(new Error(m.error));
      else p.resolve(m.out ?? null);
    });
    const fail = (e: Error) => {
      this.failed = e;
      started();
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => this.pending.size && fail(new Error(`writer thread exited (${code})`)));
  }

  private call<T>(msg: Record<string, unknown>): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  ingest(input: IngestInput, runId?: number): Promise<IngestOutcome> {
    return this.call({ input, runId });
  }

  /** How many documents are sent and not yet committed. */
  get inFlight(): number {
    return this.pending.size;
  }

  async close(): Promise<void> {
    if (!this.failed) await this.call({ close: true }).catch(() => {});
    await this.worker.terminate();
  }
}
