import { parentPort, workerData } from 'node:worker_threads';
import { Context, type ContextOptions } from '../context.ts';
import { extractItems, type ExtractOptions } from './extract-text.ts';

/**
 * The extraction thread of the server (see extract-worker.ts): loads its own Context once (packs,
 * gazetteer, tagger model), then extracts uploads one at a time, in arrival order, posting each
 * document (or error record) as soon as it is done, so the main thread stores it and reports
 * progress while the rest of the upload is still being read.
 */
interface Job extends ExtractOptions {
  job: number;
  bytes: Uint8Array;
  source: string;
  askKnown: boolean;
}

const port = parentPort!;
const ctx = new Context((workerData as { context: ContextOptions }).context);
const cancelled = new Set<number>();
/** Questions to the main thread (is this text stored already?) awaiting its answer. */
const asked = new Map<number, (known: boolean) => void>();
let asks = 0;

// Warm up before saying ready: some resources (gazetteer indexes, the tagger) load on first use,
// and a thread's first document should not count that time against the stall limit.
for await (const _ of extractItems(Buffer.from('Clashes were reported near Mosul on Monday, killing two fighters, officials said.\n'), 'warm-up.txt', ctx, { filename: 'warm-up.txt' }));

let chain: Promise<void> = Promise.resolve();
port.on('message', (m: Job | { cancel: number } | { answer: number; known: boolean }) => {
  if ('cancel' in m) return void cancelled.add(m.cancel);
  if ('answer' in m) {
    asked.get(m.answer)?.(m.known);
    asked.delete(m.answer);
    return;
  }
  chain = chain.then(() => run(m));
});
port.postMessage({ ready: true });

async function run(m: Job): Promise<void> {
  try {
    if (cancelled.has(m.job)) return;
    const bytes = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
    // The main thread answers from the store and reports a known document itself.
    const isKnown = m.askKnown
      ? (text: string, source: string) =>
          new Promise<boolean>((resolve) => {
            const ask = ++asks;
            asked.set(ask, resolve);
            port.postMessage({ job: m.job, ask, text, source });
          })
      : undefined;
    for await (const item of extractItems(bytes, m.source, ctx, { filename: m.filename, referenceDate: m.referenceDate, isKnown })) {
      if (cancelled.has(m.job)) return;
      if (!('known' in item)) port.postMessage({ job: m.job, item });
    }
  } catch (e) {
    port.postMessage({ job: m.job, failed: (e as Error).message ?? String(e) });
  } finally {
    cancelled.delete(m.job);
    port.postMessage({ job: m.job, done: true });
  }
}
