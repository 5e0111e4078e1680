import { Worker } from 'node:worker_threads';
import type { Context } from '../context.ts';
import type { Doc, ErrorRecord } from '../doc.ts';
import { errorRecord, isErrorRecord } from '../read/errors.ts';
import { runPipeline } from '../pipeline.ts';
import { toResult } from '../result.ts';
import type { ThreadSetup } from './extract-thread.ts';

/**
 * `sitrep extract --jobs N`: documents go to N worker threads, lines come back in input order.
 *
 * The main thread reads the inputs (so stdin, archives and one big JSONL split at the document,
 * not the file) and writes the output; each thread holds its own Context and returns finished,
 * serialised lines. A result depends only on its document and the Context, so the output is the
 * same bytes as one thread's, only sooner.
 */
export interface OutLine {
  line: string;
  failed: boolean;
}

/** One document's output line: what a thread computes, and what one-thread runs compute inline. */
export function docLine(doc: Doc, ctx: Context, setup: Omit<ThreadSetup, 'context'>): OutLine {
  let out: unknown;
  let failed = false;
  try {
    out = toResult(runPipeline(doc, ctx), { debug: setup.debug });
  } catch (e) {
    out = errorRecord(doc.source, e, doc.given.id);
    failed = true;
  }
  return { line: serialise(out, setup.pretty), failed };
}

export function serialise(x: unknown, pretty: boolean): string {
  return pretty ? JSON.stringify(x, null, 2) : JSON.stringify(x);
}

/** Documents each thread may hold at once: enough that none waits for the reader, few enough to bound memory. */
const IN_FLIGHT = 4;

interface Thread {
  worker: Worker;
  inFlight: Set<number>;
  finished: number;
}

export async function* threadedLines(items: AsyncIterable<Doc | ErrorRecord>, jobs: number, setup: ThreadSetup): AsyncGenerator<OutLine> {
  const ready = new Map<number, OutLine>();
  let wake: (() => void) | null = null;
  let fatal: Error | null = null;
  const nudge = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const threads: Thread[] = [];

  const start = (): Thread => {
    const t: Thread = { worker: new Worker(new URL('./extract-thread.mjs', import.meta.url), { workerData: setup, execArgv: [] }), inFlight: new Set(), finished: 0 };
    t.worker.on('message', (m: { seq: number; line: string; failed: boolean }) => {
      t.inFlight.delete(m.seq);
      t.finished++;
      ready.set(m.seq, { line: m.line, failed: m.failed });
      nudge();
    });
    // A thread that dies fails only the documents it held; a fresh one takes the rest. One that
    // dies before finishing anything (its Context cannot load) would die again: stop the run.
    const lost = (why: string) => {
      const i = threads.indexOf(t);
      if (i < 0) return;
      threads.splice(i, 1);
      if (!t.finished) fatal ??= new Error(`extraction thread failed: ${why}`);
      for (const seq of t.inFlight) ready.set(seq, { line: serialise(errorRecord(sources.get(seq) ?? '', new Error(`extraction thread failed: ${why}`), ids.get(seq)), setup.pretty), failed: true });
      if (!fatal) threads.push(start());
      nudge();
    };
    t.worker.on('error', (e) => lost(e.message));
    t.worker.on('exit', (code) => lost(`exited with code ${code}`));
    return t;
  };

  // What an error record for a lost document needs, kept only while the document is out.
  const sources = new Map<number, string>();
  const ids = new Map<number, string | undefined>();
  for (let i = 0; i < jobs; i++) threads.push(start());

  let next = 0;
  let seq = 0;
  const waitForNews = () => new Promise<void>((res) => (wake = res));
  function* flush(): Generator<OutLine> {
    while (ready.has(next)) {
      const out = ready.get(next)!;
      ready.delete(next);
      sources.delete(next);
      ids.delete(next);
      next++;
      yield out;
    }
  }
  try {
    for await (const item of items) {
      if (fatal) throw fatal;
      const n = seq++;
      if (isErrorRecord(item)) ready.set(n, { line: serialise(item, setup.pretty), failed: true });
      else {
        let t: Thread | undefined;
        while (!(t = threads.filter((x) => x.inFlight.size < IN_FLIGHT).sort((a, b) => a.inFlight.size - b.inFlight.size)[0])) {
          yield* flush();
          if (fatal) throw fatal;
          await waitForNews();
        }
        sources.set(n, item.source);
        ids.set(n, item.given.id);
        t.inFlight.add(n);
        t.worker.postMessage({ seq: n, doc: item });
      }
      yield* flush();
    }
    while (next < seq) {
      yield* flush();
      if (next >= seq) break;
      if (fatal) throw fatal;
      await waitForNews();
    }
  } finally {
    const all = threads.splice(0);
    await Promise.all(all.map((t) => t.worker.terminate()));
  }
}
