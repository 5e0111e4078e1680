import type { Line } from './lines.ts';

/**
 * The headline of a scraped page: a headline-shaped line above the body (a few words to a few
 * dozen, no final full stop, not furniture, not a date line). Among several, the longest wins
 * (site names and section labels are short), and a line repeated in the header (headline shown
 * twice, as page title and as article heading) is surer still.
 */

/** How far above the body a headline can be, in non-blank lines. */
const LOOKBACK = 12;

export function headlineLike(l: Line): boolean {
  if (l.kind !== 'short' && l.kind !== 'content') return false;
  if (l.words < 3 || l.words > 30 || l.text.length < 12 || l.text.length > 250) return false;
  if (/[.:;,]$/.test(l.text) && !/\.\.\.$|…$/.test(l.text)) return false;
  return /\p{L}{2}/u.test(l.text);
}

export function findTitle(lines: Line[], bodyFirst: number): Line | null {
  let best: Line | null = null;
  let bestScore = -Infinity;
  let seen = 0;
  for (let i = bodyFirst - 1; i >= 0 && seen < LOOKBACK; i--) {
    const l = lines[i];
    if (l.kind === 'blank') continue;
    seen++;
    if (l.kind === 'footer') break;
    if (!headlineLike(l)) continue;
    const repeated = lines.some((o, j) => j !== i && j < bodyFirst && o.text === l.text);
    const score = Math.min(l.words, 15) + (repeated ? 3 : 0);
    // Ties go to the earlier line: a page shows its headline before any teaser or caption.
    if (score >= bestScore) {
      best = l;
      bestScore = score;
    }
  }
  return best;
}
