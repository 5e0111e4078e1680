import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityType, Range } from '../../doc.ts';
import { Model } from './tagger.ts';
import type { NerToken } from './tokens.ts';
import { placeType, orgIsFacility } from './heads.ts';
import { GROUP_NOUNS } from './phrases.ts';

/** The shipped model, built by scripts/train-ner.ts (see data/ner/README.md). */
export const MODEL_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../data/ner/model.json.gz');

/** SITREP_NER_MODEL names another model file (a retrained or experimental one). */
export function loadModel(path = process.env.SITREP_NER_MODEL || MODEL_PATH): Model | null {
  return existsSync(path) ? Model.fromFile(path) : null;
}

/** A name the tagger found: token indices [a, b) of one sentence and a contract type. */
export interface TaggedSpan extends Range {
  a: number;
  b: number;
  type: EntityType;
}

const BREAK = /^[()[\]{}"“”‘’«»:;|]$/;
const WORDY = /[\p{L}\p{N}]/u;
/** Months and weekdays: the tagger sometimes takes a capitalised date word for a name. */
const CALENDAR = /^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$|^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

/** Tag one sentence's tokens and turn BIO tags into typed spans (MISC names are dropped). */
export function taggedSpans(model: Model, toks: NerToken[], lex?: string[]): TaggedSpan[] {
  const tags = model.tag(toks.map((t) => t.text), lex);
  const out: TaggedSpan[] = [];
  let a = -1;
  let label = '';
  const close = (end: number) => {
    if (a < 0) return;
    // Cut at a bracket or quote the tagger swallowed, and trim punctuation off the edges.
    let b = a;
    while (b < end && !BREAK.test(toks[b].text)) b++;
    while (a < b && !WORDY.test(toks[a].text)) a++;
    while (b > a && !WORDY.test(toks[b - 1].text)) b--;
    // A capitalised common word opening a sentence is not the start of a longer name either
    // ("Given Tunisia's interest", "Meanwhile Ahmed Saleh said").
    if (b - a > 1 && (a === 0 || !WORDY.test(toks[a - 1].text)) && /^\p{Lu}\p{Ll}+$/u.test(toks[a].text) && model.common.has(toks[a].text.toLowerCase())) a++;
    // A lone capitalised common word at the start of a sentence ("Jets struck...", "Gunmen
    // fired...") is not a name; nor is a group noun, whatever the training data saw.
    const lone = b - a === 1 ? toks[a].text.toLowerCase() : '';
    const commonStart = !!lone && (a === 0 || !WORDY.test(toks[a - 1].text)) && (model.common.has(lone) || GROUP_NOUNS.has(lone));
    if (b === a || (b - a === 1 && CALENDAR.test(toks[a].text)) || commonStart) {
      a = -1;
      return;
    }
    const words = toks.slice(a, b).map((t) => t.text);
    let type: EntityType | null = null;
    if (label === 'PERSON') type = orgIsFacility(words) ? 'FAC' : 'PERSON';
    else if (label === 'ORG') type = orgIsFacility(words) ? 'FAC' : 'ORG';
    else if (label === 'GEO') type = placeType(words);
    else if (label === 'NORP') type = 'NORP';
    if (type) out.push({ a, b, start: toks[a].start, end: toks[b - 1].end, type });
    a = -1;
  };
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t[0] !== 'I') close(i);
    if (t[0] === 'B') {
      a = i;
      label = t.slice(2);
    }
  }
  close(tags.length);
  return out;
}
