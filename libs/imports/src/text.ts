/**
 * Text matching shared by the imports and the lists: the JavaScript twin of PostgreSQL's `fold()` (the
 * migrations' `lower(unaccent(…))`, used by the natural keys and search), and the escape for LIKE.
 */

/**
 * Letters `unaccent` maps that Unicode does not decompose (ligatures, strokes, dotless i…): what the
 * NFD step cannot find. Checked against the SQL `fold()` by fold.int-spec.ts.
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
  Ё: 'Е', ё: 'е', ʼ: "'",
};
/** A Latin or Greek letter followed only by the accents unaccent drops (not Cyrillic `й`, nor Arabic marks). */
const ACCENTED = /^[\p{Script=Latin}\p{Script=Greek}][\u0300-\u036f]+$/u;
/** A combining accent on its own (text in NFD): unaccent drops it whatever letter it follows. */
const ACCENT = /^[\u0300-\u036f]$/;
const FOLDED = new Map<string, string>();

/** One character as `lower(unaccent(c))` gives it: spelt out, or its letter without accents, lower case. */
function foldChar(c: string): string {
  let folded = FOLDED.get(c);
  if (folded === undefined) {
    const decomposed = c.normalize('NFD');
    const plain = UNACCENT_EXTRA[c] ?? (ACCENT.test(c) ? '' : ACCENTED.test(decomposed) ? decomposed[0] : c);
    // Character by character, as PostgreSQL's lower() does: no final sigma.
    folded = [...plain].map((p) => p.toLowerCase()).join('');
    FOLDED.set(c, folded);
  }
  return folded;
}

/**
 * `fold()` of PostgreSQL in JavaScript (`lower(unaccent(…))`): lower case, accents removed, ligatures
 * spelt out, character by character as unaccent's rules are. Printable ASCII skips the Unicode steps
 * (imports are large and mostly ASCII).
 */
export function fold(s: string): string {
  if (/^[ -~]*$/.test(s)) return s.toLowerCase();
  let out = '';
  for (const c of s) out += foldChar(c);
  return out;
}

/** A header or code as a key: folded, trimmed, `_` for spaces and dashes (`Code pays` → `code_pays`). */
export function foldKey(s: string): string {
  return fold(s).trim().replace(/[\s-]+/g, '_');
}

