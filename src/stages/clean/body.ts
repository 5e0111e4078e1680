import type { Range } from '../../doc.ts';
import type { Line } from './lines.ts';

/**
 * The article body of a scraped page: the largest block of prose lines. Prose lines that are
 * separated by at most a few non-prose lines (a subheading, a quote line, a caption) belong to one
 * block; a date line or a footer line (comments, related stories, copyright) ends a block, and blocks after a
 * comment section or copyright line that follows some prose count for little (they are reader
 * comments and site text). A "Most read" list above the article does not demote the article.
 */
export interface BodyBlock extends Range {
  /** Index of the first and last line of the block. */
  first: number;
  last: number;
  chars: number;
}

/** Non-prose, non-blank lines allowed between two prose lines of one block. */
const MAX_GAP = 3;
/** What a block after a comment section or copyright is worth, relative to one before it. */
const AFTER_FOOTER = 0.25;

export function findBody(lines: Line[]): BodyBlock | null {
  const blocks: Array<BodyBlock & { weight: number }> = [];
  let cur: (BodyBlock & { weight: number }) | null = null;
  let gap = 0;
  let tailSeen = false;
  let prose = 0;
  const close = () => {
    if (cur) blocks.push(cur);
    cur = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.kind === 'blank') continue;
    if (l.kind === 'footer') {
      close();
      if (l.tail && prose >= 2) tailSeen = true;
      continue;
    }
    if (l.kind === 'dated') {
      // A date line between prose starts a new item (an article header after a teaser list).
      close();
      gap = 0;
      continue;
    }
    if (l.kind !== 'content') {
      gap++;
      if (gap > MAX_GAP) close();
      continue;
    }
    gap = 0;
    prose++;
    if (!cur) cur = { start: l.start, end: l.end, first: i, last: i, chars: 0, weight: tailSeen ? AFTER_FOOTER : 1 };
    cur.end = l.end;
    cur.last = i;
    cur.chars += l.text.length;
  }
  close();
  let best: (BodyBlock & { weight: number }) | null = null;
  for (const b of blocks) if (!best || b.chars * b.weight > best.chars * best.weight) best = b;
  if (!best) return null;
  return { start: best.start, end: best.end, first: best.first, last: best.last, chars: best.chars };
}
