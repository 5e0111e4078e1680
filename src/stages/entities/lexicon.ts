import type { AliasHit } from './aliases.ts';
import type { NerToken } from './tokens.ts';
import type { Titles } from './titles.ts';
import { ORG_HEADS } from './rules.ts';
import { isPlaceHead } from './heads.ts';
import { startsUpper } from '../../text/case.ts';

/**
 * A lexicon class for every token, a feature of the tagger: what the packs and the general word
 * lists already know of the word. The tagger learns how much to trust each class from the
 * training corpora (tagged with the same packs at training time), so a small CC BY corpus is
 * enough to learn "a word after a title is a name" or "a pack place alias is a place", and the
 * domain pack's thousands of aliases reach names the corpora never saw.
 *
 *   P:<TYPE>  inside a pack alias of that type (P:ORG, P:GPE, P:NORP, ...)
 *   T         a title or rank word ("Gen.", "Minister"), or a title modifier ("Deputy")
 *   H         an organisation head noun ("Council", "Brigade")
 *   F         a facility or natural-place head noun ("Airport", "River")
 *   -         none of these
 */
export function lexicon(toks: NerToken[], hits: AliasHit[], titles: Titles): string[] {
  const out = new Array<string>(toks.length);
  let h = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    while (h < hits.length && hits[h].end <= t.start) h++;
    const hit = h < hits.length && hits[h].start < t.end ? hits[h] : null;
    const w = t.text;
    if (hit) out[i] = 'P:' + hit.entity.type;
    else if (titles.isTitleWord(w) || (titles.isModifier(w) && startsUpper(w))) out[i] = 'T';
    else if (startsUpper(w) && ORG_HEADS.has(w.toLowerCase())) out[i] = 'H';
    else if (startsUpper(w) && isPlaceHead(w)) out[i] = 'F';
    else out[i] = '-';
  }
  return out;
}
