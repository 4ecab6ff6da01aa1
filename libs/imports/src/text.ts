/**
 * Text matching shared by the imports and the lists: the JavaScript twin of PostgreSQL's `fold()` (the
 * migrations' `lower(unaccent(…))`, used by the natural keys and search), and the escape for LIKE.
 */

/**
 * Letters `unaccent` maps that Unicode does not decompose (ligatures, strokes, dotless i…): what the
 * NFD step cannot find. Checked against the SQL `fold()` by test/fold.int-spec.ts.
 */
const UNACCENT_EXTRA: Record<string, string> = {
  Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', ß: 'ss', ẞ: 'SS', Ø: 'O', ø: 'o', Đ: 'D', đ: 'd', Ð: 'D', ð: 'd',
  Ł: 'L', ł: 'l', Þ: 'TH', þ: 'th', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', ŉ: "'n", Ŋ: 'N', ŋ: 'n',
  Ŧ: 'T', ŧ: 't', ĸ: 'q', ſ: 's', Ĳ: 'IJ', ĳ: 'ij', ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬅ: 'st', ﬆ: 'st',
  Ɓ: 'B', ƀ: 'b', Ƈ: 'C', ƈ: 'c', Ɗ: 'D', ƌ: 'd', Ƒ: 'F', ƒ: 'f', Ɠ: 'G', Ɨ: 'I', Ƙ: 'K', ƙ: 'k', ƚ: 'l',
  Ɲ: 'N', ƞ: 'n', Ƥ: 'P', ƥ: 'p', ƫ: 't', Ƭ: 'T', ƭ: 't', Ʈ: 'T', Ʋ: 'V', Ƴ: 'Y', ƴ: 'y', Ƶ: 'Z', ƶ: 'z',
  Ǆ: 'DZ', ǅ: 'Dz', ǆ: 'dz', Ǉ: 'LJ', ǈ: 'Lj', ǉ: 'lj', Ǌ: 'NJ', ǋ: 'Nj', ǌ: 'nj', Ǳ: 'DZ', ǲ: 'Dz', ǳ: 'dz',
  '‘': "'", '’': "'", '‚': ',', '“': '"', '”': '"', '„': ',,', '–': '-', '—': '-', '…': '...', '«': '<<', '»': '>>',
  '\u00ad': '-', '©': '(C)', '®': '(R)', '¡': '!', '¿': '?', '×': '*', '÷': '/', '±': '+/-', '¼': '1/4', '½': '1/2',
  '¾': '3/4', '‐': '-', '‑': '-', '‒': '-', '―': '-', '‛': "'", '‟': '"', '‹': '<', '›': '>', '′': "'", '″': '"', '․': '.', '‥': '..',
  Ё: 'Е', ё: 'е',
};
const EXTRA = new RegExp(`[${Object.keys(UNACCENT_EXTRA).join('')}]`, 'g');
/** Accents unaccent drops: the combining marks on Latin and Greek letters (not Cyrillic `й`, nor Arabic marks). */
const LATIN_MARKS = /([\p{Script=Latin}\p{Script=Greek}])[\u0300-\u036f]+/gu;

/**
 * `fold()` of PostgreSQL in JavaScript: lower case, accents removed, ligatures spelt out. ASCII text
 * skips the Unicode steps (imports are large and mostly ASCII).
 */
export function fold(s: string): string {
  if (/^[ -~]*$/.test(s)) return s.toLowerCase();
  const stripped = s.normalize('NFD').replace(LATIN_MARKS, '$1').normalize('NFC');
  return stripped.replace(EXTRA, (c) => UNACCENT_EXTRA[c]).toLowerCase();
}

/** A header or code as a key: folded, trimmed, `_` for spaces and dashes (`Code pays` → `code_pays`). */
export function foldKey(s: string): string {
  return fold(s).trim().replace(/[\s-]+/g, '_');
}

/** A search text as a LIKE pattern matching it literally (`50%_off` finds only that). */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
