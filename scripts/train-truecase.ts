/**
 * Build the truecase stage's word model (src/stages/truecase/) and write data/truecase/words.json.gz.
 *
 * For every word of the CC BY training corpora in ../shared/train (wikigold, wnut17; see
 * data/ner/README.md for credits), count how it is written where case carries information: not
 * at a sentence start, not in an all-caps sentence. A word written with a capital in most of
 * those places, alone or as a one-word name ("Baghdad", "UN", "McDonald"), is stored with that form; one written in lower case
 * in most of them ("police", "march") is stored as lower-case, which also tells the stage that a
 * gazetteer place of that spelling ("Police", Poland) is not to be capitalised in running text.
 * GMB is not read: its licence is unconfirmed.
 *
 * usage: node --import tsx scripts/train-truecase.ts [--corpora wikigold,wnut17] [--out FILE]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { TruecaseWords } from '../src/stages/truecase/model.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    corpora: { type: 'string', default: 'wikigold,wnut17' },
    out: { type: 'string', default: join(ROOT, 'data/truecase/words.json.gz') },
    shared: { type: 'string', default: join(ROOT, '../shared/train') },
  },
});
const FILES: Record<string, string> = { wikigold: 'wikigold.jsonl.gz', wnut17: 'wnut17.jsonl.gz' };

/** form counts per lower-case word */
const forms = new Map<string, Map<string, number>>();
const LETTER = /\p{L}/u;
for (const c of values.corpora!.split(',')) {
  const raw = gunzipSync(readFileSync(join(values.shared!, FILES[c]))).toString('utf8');
  for (const line of raw.split('\n')) {
    if (!line) continue;
    const { tokens: words, tags } = JSON.parse(line) as { tokens: string[]; tags: string[] };
    const letters = words.join('');
    const up = (letters.match(/\p{Lu}/gu) ?? []).length;
    const low = (letters.match(/\p{Ll}/gu) ?? []).length;
    if (up > low) continue; // a shouted sentence says nothing about case
    words.forEach((w, i) => {
      if (!LETTER.test(w) || w.length > 30) return;
      // The first word, and the word after a stop or an opening quote, is capitalised whatever it is.
      if (i === 0 || /^[.!?:"“‘'(\-–—]$/.test(words[i - 1])) return;
      // A later word of a longer name ("City" in "Mexico City") says how the name is written, not
      // the word: the gazetteer and the packs restore whole names.
      if (tags[i][0] === 'I') return;
      const l = w.toLowerCase();
      if (l.length !== w.length) return;
      let m = forms.get(l);
      if (!m) forms.set(l, (m = new Map()));
      m.set(w, (m.get(w) ?? 0) + 1);
    });
  }
}

const cased: Record<string, string> = {};
const lower: string[] = [];
for (const [l, m] of forms) {
  let total = 0;
  let best = '';
  let bestN = 0;
  for (const [f, n] of m) {
    total += n;
    if (n > bestN) [best, bestN] = [f, n];
  }
  const lowN = m.get(l) ?? 0;
  if (lowN * 2 >= total) lower.push(l);
  // A capitalised form seen at least twice (or the only form) and in most of the word's uses.
  else if (best !== l && bestN * 2 > total && (bestN >= 2 || total === 1)) cased[l] = best;
}
lower.sort();
const out: TruecaseWords = { format: 'sitrep-truecase/1', trainedOn: values.corpora!.split(','), cased, lower };
mkdirSync(dirname(values.out!), { recursive: true });
const buf = gzipSync(JSON.stringify(out), { level: 9 });
writeFileSync(values.out!, buf);
console.error(`wrote ${values.out}: ${Object.keys(cased).length} cased words, ${lower.length} lower-case words, ${(buf.length / 1e3).toFixed(0)} kB`);
