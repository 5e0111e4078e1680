import { Worker } from 'node:worker_threads';
import type { ContextOptions } from '../context.ts';
import type { ErrorRecord } from '../doc.ts';
import { errorRecord, InputError } from '../read/errors.ts';
import type { Extracted, ExtractOptions } from './extract-text.ts';
import type { IngestOutcome } from '../store/types.ts';

/**
 * Upload extraction off the event loop. Reading and extracting a large upload (a 14 MB JSONL or
 * WARC) takes seconds of CPU; on the main thread that time is taken from every other request
 * (`/api/health` once waited 5.7 s behind one upload). Here one worker thread, started on the first
 * upload and kept for the server's life, loads its own Context once and extracts the uploads in
 * arrival order; the main thread only stores each document as it arrives and keeps answering.
 *
 * One thread, not a pool: each thread holds its own Context (packs, gazetteer, tagger model,
 * hundreds of MB), and on a small machine two uploads at once would only share the same cores.
 * A second upload waits for the first; reads never wait.
 *
 * A thread that dies (out of memory, a crash) fails its pending uploads with an error record each;
 * one that finishes no document for `stallMs` (a pathological input: extraction time grows faster
 * than the text, a 5 MB single text takes minutes) is stopped, its uploads end with a `timeout`
 * error record, and a fresh thread is started for the next upload.
 */
/** A document of the upload whose bytes the store already held: not extracted, already counted. */
export interface KnownDoc {
  known: IngestOutcome;
  source: string;
}

export type UploadItem = Extracted | ErrorRecord | KnownDoc;

export interface UploadOptions extends Omit<ExtractOptions, 'isKnown'> {
  /** The store's answer for bytes it may hold (`store.ingestKnown`): the outcome when it does. */
  known?: (text: string) => Promise<IngestOutcome | null>;
}

interface JobState {
  source: string;
  known?: UploadOptions['known'];
  items: UploadItem[];
  done: boolean;
  failure: { code: string; message: string } | null;
  wake: (() => void) | null;
}

export interface ExtractWorkerOptions {
  /** No word from the thread for this long while uploads are pending: it is stopped (default 120 s). */
  stallMs?: number;
}

export class ExtractWorker {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, JobState>();
  private seq = 0;
  private stallTimer: NodeJS.Timeout | null = null;
  /** The current thread has loaded its Context (its start-up is not counted as a stall). */
  private started = false;
  private readonly stallMs: number;

  constructor(
    private readonly context: ContextOptions = {},
    opts: ExtractWorkerOptions = {},
  ) {
    this.stallMs = opts.stallMs ?? 120_000;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    // execArgv: [] — the worker needs none of the parent's flags (a test runner's would misfire
    // there); the bootstrap runs the compiled thread from dist/, else registers tsx itself.
    const w = new Worker(new URL('./extract-thread.mjs', import.meta.url), { workerData: { context: this.context }, execArgv: [] });
    this.started = false;
    w.on('message', (m: { ready?: boolean; job?: number; item?: Extracted | ErrorRecord; ask?: number; text?: string; source?: string; failed?: string; done?: boolean }) => {
      if (m.ready) this.started = true;
      this.heard();
      const st = m.job != null ? this.jobs.get(m.job) : undefined;
      if (m.ask != null) return void this.answer(w, st, m.ask, m.text ?? '', m.source ?? '');
      if (!st) return;
      if (m.item) st.items.push(m.item);
      if (m.failed) st.failure = { code: 'extract_failed', message: `extraction stopped: ${m.failed}` };
      if (m.done) st.done = true;
      st.wake?.();
    });
    const lost = (code: string, message: string) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.clearStall();
      for (const st of this.jobs.values()) {
        if (st.done) continue;
        st.failure ??= { code, message };
        st.done = true;
        st.wake?.();
      }
    };
    w.on('error', (e) => lost('extract_failed', `extraction stopped: the extraction thread failed (${e.message})`));
    w.on('exit', (code) => lost('extract_failed', `extraction stopped: the extraction thread exited (code ${code})`));
    this.worker = w;
    return w;
  }

  /**
   * Is this text stored already? The thread waits for the answer before it extracts the document;
   * a known one is queued here, in its place in the upload, and the thread passes over it.
   */
  private async answer(w: Worker, st: JobState | undefined, ask: number, text: string, source: string): Promise<void> {
    let outcome: IngestOutcome | null = null;
    try {
      if (st?.known && !st.done) outcome = await st.known(text);
    } catch {
      outcome = null; // extract it then: the store decides again when the result is stored
    }
    if (outcome && st) {
      st.items.push({ known: outcome, source });
      st.wake?.();
    }
    w.postMessage({ answer: ask, known: !!outcome });
  }

  private heard(): void {
    this.clearStall();
    if (!this.started || ![...this.jobs.values()].some((j) => !j.done)) return;
    const w = this.worker;
    this.stallTimer = setTimeout(() => {
      if (this.worker !== w || !w) return;
      const message = `no document was finished within ${this.stallMs >= 1000 ? `${Math.round(this.stallMs / 1000)} s` : `${this.stallMs} ms`}; the extraction was stopped`;
      for (const st of this.jobs.values()) if (!st.done) st.failure = { code: 'timeout', message };
      void w.terminate(); // 'exit' ends the pending uploads
    }, this.stallMs);
    this.stallTimer.unref();
  }

  private clearStall(): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = null;
  }

  /**
   * The documents of one upload, in input order, each as soon as the thread has extracted it.
   * Stopping the iteration early cancels the rest of the upload in the thread.
   */
  async *extract(bytes: Buffer, source: string, opts: UploadOptions = {}): AsyncGenerator<UploadItem> {
    const w = this.thread();
    const job = ++this.seq;
    const st: JobState = { source, known: opts.known, items: [], done: false, failure: null, wake: null };
    this.jobs.set(job, st);
    w.ref();
    // A copy of just these bytes (a Buffer may be a view into a larger pool).
    w.postMessage({ job, bytes: new Uint8Array(bytes), source, filename: opts.filename, referenceDate: opts.referenceDate, askKnown: !!opts.known });
    this.heard();
    try {
      for (;;) {
        if (st.items.length) {
          yield st.items.shift()!;
          continue;
        }
        if (st.failure) {
          yield errorRecord(source, new InputError(st.failure.code, st.failure.message));
          return;
        }
        if (st.done) return;
        await new Promise<void>((resolve) => (st.wake = resolve));
        st.wake = null;
      }
    } finally {
      if (!st.done) this.worker?.postMessage({ cancel: job });
      this.jobs.delete(job);
      // An idle thread must not keep a finishing process (a test, a CLI) alive.
      if (!this.jobs.size) this.worker?.unref();
      this.heard();
    }
  }

  async close(): Promise<void> {
    this.clearStall();
    const w = this.worker;
    this.worker = null;
    for (const st of this.jobs.values()) {
      st.failure ??= { code: 'extract_failed', message: 'extraction stopped: the server is shutting down' };
      st.done = true;
      st.wake?.();
    }
    await w?.terminate();
  }
}
