import type { AliasSpec, PackEntity } from '../../packs/entities.ts';
import { fold } from './normalize.ts';

/**
 * Finds every pack alias in a text: a character trie over folded aliases (case, accents,
 * apostrophes and dashes folded; see normalize.ts), walked from each word start, keeping the
 * longest match that ends on a word boundary and passes its alias's case rule and guard.
 */

export interface AliasHit {
  start: number;
  end: number;
  entity: PackEntity;
  alias: AliasSpec;
}

interface Node {
  next: Map<string, Node>;
  out: Array<{ entity: PackEntity; alias: AliasSpec; exact: string }>;
}

const WORD = /[\p{L}\p{N}]/u;

/** Is text[i] a letter or digit? ASCII without a regular expression (most characters). */
function isWord(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORD.test(text[i]);
}

export class AliasMatcher {
  private readonly root: Node = { next: new Map(), out: [] };
  readonly size: number = 0;

  constructor(entities: PackEntity[]) {
    let size = 0;
    for (const e of entities) {
      for (const a of e.aliases) {
        const key = fold(a.text).text;
        if (!key) continue;
        let node = this.root;
        for (const c of key) {
          let n = node.next.get(c);
          if (!n) node.next.set(c, (n = { next: new Map(), out: [] }));
          node = n;
        }
        // The first pack (and first entry) to claim an alias keeps it.
        if (!node.out.some((o) => o.alias.case === a.case && o.exact === fold(a.text, 0, a.text.length, false).text)) {
          node.out.push({ entity: e, alias: a, exact: fold(a.text, 0, a.text.length, false).text });
          size++;
        }
      }
    }
    this.size = size;
  }

  /**
   * Every alias occurrence in text[start, end), longest-leftmost, not overlapping. `caseless`
   * (text written without case, see src/stages/truecase/) drops the aliases' case rules, which
   * such text cannot meet.
   */
  match(text: string, start: number, end: number, caseless = false): AliasHit[] {
    const fc = fold(text, start, end, false);
    // The lower-case fold is the case-kept fold lower-cased, when that keeps every character's
    // place (it does except for rare letters such as "İ", and Greek final sigma): one fold per sentence instead of two.
    const low = fc.text.toLowerCase();
    const f = low.length === fc.text.length && !fc.text.includes('Σ') ? { text: low, map: fc.map } : fold(text, start, end);
    const s = f.text;
    const hits: AliasHit[] = [];
    let i = 0;
    while (i < s.length) {
      const o = f.map[i];
      const wordStart = isWord(text, o) && (o === 0 || !isWord(text, o - 1));
      let best: AliasHit | null = null;
      if (wordStart) {
        let node: Node | undefined = this.root;
        for (let j = i; j < s.length && node; j++) {
          node = node.next.get(s[j]);
          if (!node || !node.out.length) continue;
          const endOrig = f.map[j] + 1;
          if (endOrig < text.length && isWord(text, endOrig) && isWord(text, endOrig - 1)) continue;
          for (const cand of node.out) {
            if (caseless) {
              best = { start: f.map[i], end: endOrig, entity: cand.entity, alias: cand.alias };
              break;
            }
            if (cand.alias.case === 'exact' && fc.text.slice(i, j + 1) !== cand.exact) continue;
            // An alias with capitals needs a capital in the text: "Amnesty" the group, not "an amnesty".
            if (cand.alias.case === 'any' && /\p{Lu}/u.test(cand.exact) && !/\p{Lu}/u.test(fc.text.slice(i, j + 1))) continue;
            if (cand.alias.guard === 'caps' && shouted(text, f.map[i], endOrig)) continue;
            best = { start: f.map[i], end: endOrig, entity: cand.entity, alias: cand.alias };
            break;
          }
        }
      }
      if (best) {
        hits.push(best);
        while (i < s.length && f.map[i] < best.end) i++;
      } else {
        i++;
      }
    }
    return hits;
  }
}

/**
 * Is the text around [start, end) shouted, in ALL CAPS (a headline "WHAT IS NEXT")? Looks at
 * the words of the same line within 60 characters: most of them in capitals means yes.
 */
function shouted(text: string, start: number, end: number): boolean {
  let a = Math.max(0, start - 60);
  let b = Math.min(text.length, end + 60);
  const nl1 = text.lastIndexOf('\n', start);
  if (nl1 >= a) a = nl1 + 1;
  const nl2 = text.indexOf('\n', end);
  if (nl2 >= 0 && nl2 < b) b = nl2;
  const words = (text.slice(a, start) + ' ' + text.slice(end, b)).match(/\p{L}{2,}/gu) ?? [];
  if (!words.length) return false;
  const caps = words.filter((w) => w === w.toUpperCase()).length;
  return caps >= 2 && caps / words.length >= 0.6;
}
