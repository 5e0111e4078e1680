import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The word model written by scripts/train-truecase.ts: how words are written mid-sentence. */
export interface TruecaseWords {
  format: 'sitrep-truecase/1';
  trainedOn: string[];
  /** lower-case word -> the form it is written in mid-sentence ("baghdad" -> "Baghdad", "un" -> "UN"). */
  cased: Record<string, string>;
  /** Words written in lower case in most of their mid-sentence uses ("police", "march"). */
  lower: string[];
}

export interface TruecaseModel {
  cased: Map<string, string>;
  lower: Set<string>;
}

export const WORDS_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../data/truecase/words.json.gz');

/** The shipped word model, or an empty one when the file is missing (the stage then only restores sentence starts and pack names). */
export function loadTruecaseModel(path = WORDS_PATH): TruecaseModel {
  if (!existsSync(path)) return { cased: new Map(), lower: new Set() };
  const json = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as TruecaseWords;
  return { cased: new Map(Object.entries(json.cased)), lower: new Set(json.lower) };
}
