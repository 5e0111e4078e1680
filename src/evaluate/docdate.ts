import type { Scorer } from './types.ts';

/** Placeholder for the docdate scorer. */
export const scorer: Scorer = {
  name: 'docdate',
  applies: () => false,
  score: () => [],
};
