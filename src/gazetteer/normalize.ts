/**
 * Name keys for gazetteer lookup. Place names reach us spelled many ways: with or without
 * diacritics ("Ḩalab"/"Halab"), with the Arabic article attached or dropped ("Al-Raqqah",
 * "ar Raqqah", "Raqqa"), with different quote marks for the ayn ("Dar`a", "Dar'a", "Daraa").
 *
 * `nameKey` folds what never distinguishes two places (case, diacritics, punctuation, the article);
 * `looseKey` additionally folds transliteration choices (ou/u, double letters, final -h, q/k, ...),
 * and is only used as a fallback for the places a pack marks as transliterated.
 */

/** Arabic definite article forms, assimilated ("ar-", "as-", "ad-") or not ("al-", "el-"). */
const ARTICLE = /^(?:al|el|ul|an|ar|as|ash|at|ath|ad|adh|az|ad|ed|es|er|et|ez|en)[\s-]+(?=\S)/;

const SPECIAL: Record<string, string> = {
  ı: 'i', İ: 'i', ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ß: 'ss', đ: 'd', Đ: 'd', ł: 'l', Ł: 'l',
  þ: 'th', ð: 'd', ħ: 'h', ŧ: 't',
};

/** Case-, accent- and punctuation-folded form: "Dayr az-Zawr" -> "dayr az zawr", "Dar`a" -> "dara". */
export function foldName(s: string): string {
  // Fast path: plain ASCII letters and spaces (most lookups) need only lower-casing.
  if (/^[A-Za-z]+(?: [A-Za-z]+)*$/.test(s)) return s.toLowerCase();
  let out = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  out = out.replace(/[ıİøØæÆœŒßđĐłŁþðħŧ]/g, (c) => SPECIAL[c] ?? c);
  out = out.toLowerCase();
  // The ayn and hamza are written as apostrophes, backticks, modifier letters, or not at all.
  out = out.replace(/['’‘`ʿʾʼ´]/g, '');
  out = out.replace(/[^a-z0-9]+/g, ' ').trim();
  return out;
}

/** Lookup key: the folded name without a leading Arabic article ("al anbar" -> "anbar"). */
export function nameKey(s: string): string {
  const f = foldName(s);
  const stripped = f.replace(ARTICLE, '');
  // Never strip a name down to nothing or to a lone letter ("El A" stays).
  return stripped.length >= 3 ? stripped : f;
}

/** Whether a folded name begins with the article (used to prefer exact over article-less matches). */
export function hasArticle(s: string): boolean {
  return ARTICLE.test(foldName(s));
}

/**
 * Transliteration-folded key: "Baghouz" = "Baghuz", "Raqqah" = "Raqqa" = "Raka", "Deir" = "Dayr",
 * "Qamishli" = "Kamishli". Collides much more than `nameKey`, so callers restrict it to focus countries.
 */
export function looseKey(s: string): string {
  const k = nameKey(s).replace(/ /g, '');
  // One left-to-right pass over the digraphs and vowels (index and query use the same function, so
  // only consistency matters), then double letters and a final -h after three letters.
  return k
    .replace(LOOSE, (m) => LOOSE_MAP[m])
    .replace(/([a-z])\1+/g, '$1')
    .replace(/(?<=[a-z]{3})h$/, '');
}

const LOOSE_MAP: Record<string, string> = {
  ou: 'u', oo: 'u', uu: 'u', ee: 'i', ii: 'i', ei: 'ay', ey: 'ay', ai: 'ay', ay: 'ay', aw: 'aw', au: 'aw',
  q: 'k', dh: 'd', kh: 'k', gh: 'g', ph: 'f', e: 'a', o: 'u',
};
const LOOSE = /ou|oo|uu|ee|ii|ei|ey|ai|ay|aw|au|dh|kh|gh|ph|q|e|o/g;
