import { parentPort, workerData } from 'node:worker_threads';
import { Context, type ContextOptions } from '../context.ts';
import { Doc } from '../doc.ts';
import { docLine } from './extract-pool.ts';

/**
 * One extraction thread of `sitrep extract --jobs N` (see extract-pool.ts): loads its own Context,
 * then turns each document it is sent into its finished output line. The line is serialised here,
 * so the main thread only reorders and writes.
 */
export interface ThreadSetup {
  context: ContextOptions;
  debug: boolean;
  pretty: boolean;
}

const port = parentPort!;
const setup = workerData as ThreadSetup;
const ctx = new Context(setup.context);

port.on('message', (m: { seq: number; doc: Doc }) => {
  // A posted Doc arrives as its fields only (structured clone drops the class): give it back its
  // methods, with every layer the reader filled (view map, markup, given metadata) as it was.
  const doc = Object.assign(Object.create(Doc.prototype) as Doc, m.doc);
  port.postMessage({ seq: m.seq, ...docLine(doc, ctx, setup) });
});
