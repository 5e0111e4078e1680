import type { Scorer } from './types.ts';

/** Placeholder for the ner scorer. */
export const scorer: Scorer = {
  name: 'ner',
  applies: () => false,
  score: () => [],
};
