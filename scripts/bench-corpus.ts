/**
 * The documents the store benchmarks (bench-store.ts, bench-postgres.ts) ingest: the bundled samples
 * plus the dev texts when ../shared is present (read by the benchmark only, never by the product),
 * copied as many times as a run needs, each copy with a unique trailing line so none is deduplicated.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/doc.ts';
import { recordDoc } from '../src/read/records.ts';
import { readInputs } from '../src/read/index.ts';
import { isErrorRecord } from '../src/read/errors.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEV = resolve(ROOT, '../shared/dev');

export type BenchText = { text: string; source: string; given: Doc['given'] };

/** The dev texts (when ../shared is present), then the bundled samples. */
export async function benchCorpus(): Promise<BenchText[]> {
  const out: BenchText[] = [];
  if (existsSync(DEV))
    for (const f of readdirSync(DEV).filter((f) => f.endsWith('.jsonl')).sort())
      readFileSync(join(DEV, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .forEach((line, i) => {
          const d = recordDoc(JSON.parse(line), `${f}#${i + 1}`);
          out.push({ text: d.text, source: d.source, given: { ...d.given, id: undefined } });
        });
  for await (const d of readInputs([join(ROOT, 'samples')])) if (!isErrorRecord(d)) out.push({ text: d.text, source: d.source, given: d.given });
  return out;
}

/** `n` documents cycling over `base`; a unique trailing line makes new bytes (no dedupe) and keeps the original text's offsets. */
export function benchCopies(base: BenchText[], n: number): Doc[] {
  return Array.from({ length: n }, (_, i) => {
    const b = base[i % base.length];
    const text = `${b.text}\n\n[bench copy ${i}]\n`;
    return new Doc({ id: `bench-${i}`, source: `bench/${i}/${b.source}`, text, kind: 'record', given: { ...b.given, id: `bench-${i}` } });
  });
}
