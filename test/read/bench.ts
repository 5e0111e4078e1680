/**
 * Reader speed: docs/s for HTML pages and JSONL records, reading alone and with the clean and
 * meta stages, on generated inputs (pages.ts) written to a temp dir. Not a test (no assertions):
 * `node --import tsx test/read/bench.ts [pages] [records]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInputs } from '../../src/read/index.ts';
import { Doc } from '../../src/doc.ts';
import { Context } from '../../src/context.ts';
import { clean } from '../../src/stages/clean/index.ts';
import { meta } from '../../src/stages/meta/index.ts';
import { tempDir } from '../helpers.ts';
import { newsPage, PARAGRAPHS } from './pages.ts';

const nPages = Number(process.argv[2] ?? 500);
const nRecords = Number(process.argv[3] ?? 20000);
const dir = tempDir('sitrep-bench-');
const ctx = new Context();
const pageDir = join(dir, 'pages');
mkdirSync(pageDir);

for (let i = 0; i < nPages; i++) {
  const paras = PARAGRAPHS.map((p, j) => `${p} (${i}.${j})`);
  writeFileSync(join(pageDir, `p${String(i).padStart(5, '0')}.html`), newsPage({ title: `Raid number ${i} nets suspects south of the city`, site: 'Example News', published: i % 2 ? '2024-04-06T10:00:00Z' : undefined, paragraphs: paras }));
}
const jsonl = join(dir, 'records.jsonl');
const body = PARAGRAPHS.join('\n\n');
writeFileSync(jsonl, Array.from({ length: nRecords }, (_, i) => JSON.stringify({ id: `r${i}`, title: `Report ${i}`, published: '2024-04-06', text: `BAGHDAD – ${body} (${i})` })).join('\n') + '\n');

async function measure(label: string, paths: string[], stages: boolean): Promise<void> {
  const t = performance.now();
  let n = 0;
  let failed = 0;
  for await (const d of readInputs(paths)) {
    if (!(d instanceof Doc)) {
      failed++;
      continue;
    }
    if (stages) {
      clean.run(d, ctx);
      meta.run(d, ctx);
    }
    n++;
  }
  const s = (performance.now() - t) / 1000;
  console.log(`${label.padEnd(34)} ${String(n).padStart(6)} docs  ${(n / s).toFixed(0).padStart(7)} docs/s  ${((s * 1000) / n).toFixed(2)} ms/doc  failed ${failed}  rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
}

const pages = [pageDir];
await measure('HTML (warm-up)', pages, false);
await measure('HTML read', pages, false);
await measure('HTML read + clean + meta', pages, true);
await measure('JSONL read', [jsonl], false);
await measure('JSONL read + clean + meta', [jsonl], true);
