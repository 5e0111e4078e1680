import assert from 'node:assert/strict';
import { Doc, type GivenMeta, type InputKind } from '../../src/doc.ts';
import { Context } from '../../src/context.ts';
import { clean } from '../../src/stages/clean/index.ts';
import { meta } from '../../src/stages/meta/index.ts';
import { toResult } from '../../src/result.ts';

const defaultCtx = new Context();

/** Clean + meta over one text; checks that the date and dateline spans are the raw text at their offsets. */
export function runMeta(text: string, given: GivenMeta = {}, kind: InputKind = 'text', c: Context = defaultCtx): Doc {
  const d = new Doc({ id: 't', source: 't', text, kind, given });
  clean.run(d, c);
  meta.run(d, c);
  const r = toResult(d);
  for (const s of [r.meta.published, r.meta.dateline]) if (s && 'start' in s) assert.equal(text.slice(s.start, s.end), s.text);
  return d;
}

export const pub = (d: Doc) => d.meta.published?.value ?? null;
