import { Context, type ContextOptions } from './context.ts';
import type { DocResult, ErrorRecord } from './doc.ts';
import { readInputs, type ReadOptions } from './read/index.ts';
import { errorRecord, isErrorRecord } from './read/errors.ts';
import { runPipeline } from './pipeline.ts';
import { toResult } from './result.ts';

/**
 * The library entry point: inputs -> contract results, one per document, in input order.
 * A document that fails becomes an error record and the batch goes on.
 */
export async function* extract(
  paths: string[],
  opts: ReadOptions & ContextOptions & { ctx?: Context; debug?: boolean } = {},
): AsyncGenerator<DocResult | ErrorRecord> {
  const ctx = opts.ctx ?? new Context(opts);
  for await (const item of readInputs(paths, opts)) {
    if (isErrorRecord(item)) {
      yield item;
      continue;
    }
    try {
      yield toResult(runPipeline(item, ctx), { debug: opts.debug });
    } catch (e) {
      yield errorRecord(item.source, e, item.given.id);
    }
  }
}
