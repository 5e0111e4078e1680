import type { Stage } from './stage.ts';
import type { Doc } from './doc.ts';
import type { Context } from './context.ts';
import { clean } from './stages/clean/index.ts';
import { truecase } from './stages/truecase/index.ts';
import { meta } from './stages/meta/index.ts';
import { sentences } from './stages/sentences/index.ts';
import { entities } from './stages/entities/index.ts';
import { places } from './stages/places/index.ts';
import { times } from './stages/times/index.ts';
import { events } from './stages/events/index.ts';
import { claims } from './stages/claims/index.ts';
import { coref } from './stages/coref/index.ts';

/** The stages, in order: the one place that knows the order. */
export const STAGES: Stage[] = [truecase, clean, meta, sentences, entities, places, times, events, claims, coref];

/** Run the pipeline (or its first stages up to `until`) over one document. */
export function runPipeline(doc: Doc, ctx: Context, opts: { until?: string; stages?: Stage[] } = {}): Doc {
  const stages = opts.stages ?? STAGES;
  for (const stage of stages) {
    stage.run(doc, ctx);
    if (stage.name === opts.until) break;
  }
  return doc;
}
