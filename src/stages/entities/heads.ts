import type { EntityType } from '../../doc.ts';

/**
 * The tagger knows one kind of place name (GEO). The last word of a name usually says which
 * kind it is: "Tigris River" is a natural location (LOC), "Mosul Dam" a facility (FAC), anything
 * else a political place (GPE: country, province, city, village). General English, not a pack.
 */
const LOC_HEADS = new Set([
  'river', 'sea', 'gulf', 'lake', 'valley', 'desert', 'mountain', 'mountains', 'mount', 'hills', 'hill', 'plain', 'plains',
  'basin', 'island', 'islands', 'peninsula', 'coast', 'bay', 'ocean', 'strait', 'straits', 'canal', 'wadi', 'jabal', 'jebel',
  'depression', 'oasis', 'marshes', 'delta', 'range', 'plateau',
]);
const FAC_HEADS = new Set([
  'airport', 'airfield', 'airbase', 'base', 'dam', 'barrage', 'bridge', 'mosque', 'church', 'hospital', 'camp', 'prison',
  'palace', 'stadium', 'square', 'street', 'road', 'highway', 'port', 'refinery', 'station', 'building', 'tower', 'hotel',
  'museum', 'compound', 'checkpoint', 'crossing', 'garrison', 'barracks', 'complex', 'field', 'plant', 'shrine', 'citadel',
  'gate', 'embassy', 'consulate', 'market', 'bazaar', 'cemetery', 'terminal', 'pipeline', 'facility', 'headquarters',
]);
/** Heads that make a name a facility even when the tagger called it an organisation. */
const FAC_OVER_ORG = new Set([
  'airport', 'airfield', 'airbase', 'dam', 'barrage', 'bridge', 'mosque', 'prison', 'stadium', 'refinery', 'garrison', 'barracks',
  'hospital', 'church', 'shrine', 'field', 'base', 'station', 'plant', 'crossing', 'checkpoint', 'palace', 'citadel', 'pipeline',
]);

/** Is this word the head of a facility or natural-place name ("Palace", "River")? */
export function isPlaceHead(word: string): boolean {
  const w = word.toLowerCase();
  return FAC_HEADS.has(w) || LOC_HEADS.has(w);
}

/** The type of a place name the tagger found, from its last word (and first, "Mount Sinjar"). */
export function placeType(words: string[]): EntityType {
  const last = words[words.length - 1]?.toLowerCase() ?? '';
  const first = words[0]?.toLowerCase() ?? '';
  if (FAC_HEADS.has(last)) return 'FAC';
  if (LOC_HEADS.has(last) || (words.length > 1 && (first === 'mount' || first === 'mt.' || first === 'lake' || first === 'wadi' || first === 'jabal' || first === 'jebel'))) return 'LOC';
  return 'GPE';
}

/** A name the tagger called an ORG that is really a facility ("Mosul Dam", "Baghdad Airport"). */
export function orgIsFacility(words: string[]): boolean {
  return words.length > 1 && FAC_OVER_ORG.has(words[words.length - 1].toLowerCase());
}
