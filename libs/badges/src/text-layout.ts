/**
 * Laying out a person's name on a badge: any script, right-to-left where needed, as large as fits on
 * at most two lines. Pure functions over a width measure, so the maths is tested without a PDF.
 */

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LTR = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/;

export type Direction = 'ltr' | 'rtl';

/** The direction of a word from its first strong character; digits and punctuation are neutral. */
export function wordDirection(word: string): Direction | null {
  for (const ch of word) {
    if (RTL.test(ch)) return 'rtl';
    if (LTR.test(ch)) return 'ltr';
  }
  return null;
}

/** The paragraph's direction: that of its first strong character (Unicode bidi rules P2–P3). */
export function baseDirection(text: string): Direction {
  return wordDirection(text) ?? 'ltr';
}

/**
 * The words of a line in the order they are drawn, left to right. Words keep their own shaping (a
 * shaper handles the letters inside an Arabic word); between words, runs against the base direction
 * are reversed, which is the Unicode bidi algorithm at word granularity. Drawing words one by one with
 * explicit spaces is what keeps « محمد العلوي » two words.
 */
export function visualWords(words: string[], base: Direction): string[] {
  const dirs = words.map((w) => wordDirection(w));
  // Neutral words take the direction of the run they sit in (the previous strong word, else the base).
  let last: Direction = base;
  const resolved = dirs.map((d) => (last = d ?? last));
  const runs: Array<{ dir: Direction; words: string[] }> = [];
  words.forEach((w, i) => {
    const dir = resolved[i];
    if (runs.length && runs[runs.length - 1].dir === dir) runs[runs.length - 1].words.push(w);
    else runs.push({ dir, words: [w] });
  });
  const ordered = runs.map((r) => (r.dir === 'rtl' ? [...r.words].reverse() : r.words));
  return (base === 'rtl' ? ordered.reverse() : ordered).flat();
}

export interface FittedText {
  fontSize: number;
  /** Lines in logical order, each a list of words. */
  lines: string[][];
  /** The widest line at that size. */
  width: number;
}

/**
 * The largest font size (from `maxSize` down to `minSize`, in steps of 0.5) at which `text` fits on one
 * line, down to three quarters of `maxSize`; below that, the largest at which it wraps into at most
 * `maxLines` lines no wider than `maxWidth`. When even that fails, the smallest size, the last line
 * filled with what fits and an ellipsis: nothing ever overflows.
 */
export function fitText(
  text: string,
  measure: (text: string, size: number) => number,
  box: { maxWidth: number; maxLines: number; maxSize: number; minSize: number },
): FittedText {
  const words = text.trim().split(/\s+/).filter(Boolean);
  // One line reads best: keep the name on one line while it can stay at three quarters of the full size.
  // Sizes go down in steps of 0.5; what fits at one size fits at every smaller one, so the largest that
  // fits is found by halving the range (measuring is what costs).
  const oneLine = largest(box.maxSize, Math.max(box.minSize, box.maxSize * 0.75), (size) => {
    const lines = wrap(words, size, measure, box.maxWidth);
    return lines && lines.length === 1 ? lines : null;
  });
  if (oneLine) return { fontSize: oneLine.size, lines: oneLine.lines, width: measure(oneLine.lines[0].join(' '), oneLine.size) };
  const twoLines = largest(box.maxSize, box.minSize, (size) => {
    const lines = wrap(words, size, measure, box.maxWidth);
    return lines && lines.length <= box.maxLines ? lines : null;
  });
  if (twoLines) return { fontSize: twoLines.size, lines: twoLines.lines, width: Math.max(...twoLines.lines.map((l) => measure(l.join(' '), twoLines.size))) };
  // Too long even at the smallest size: the first lines as wrapped (a word is cut only where it alone is
  // wider than the line), then the last line filled with as much of the rest as fits, and an ellipsis.
  const size = box.minSize;
  const pieces = words.flatMap((w) => split(w, size, measure, box.maxWidth));
  const wrapped = wrap(pieces, size, measure, box.maxWidth) ?? [pieces];
  const lines = wrapped.slice(0, box.maxLines - 1);
  lines.push(ellipsis([...wrapped.slice(box.maxLines - 1).flat().join(' ')], size, measure, box.maxWidth).split(' '));
  return { fontSize: size, lines, width: Math.max(...lines.map((l) => measure(l.join(' '), size))) };
}

/** The longest start of `chars` that fits with an ellipsis after it (a binary search: measuring costs). */
function ellipsis(chars: string[], size: number, measure: (t: string, s: number) => number, maxWidth: number): string {
  const cut = (n: number) => `${chars.slice(0, n).join('').trimEnd()}…`;
  let [fits, tooLong] = [0, chars.length]; // all of it would not need the ellipsis
  while (tooLong - fits > 1) {
    const mid = (fits + tooLong) >> 1;
    if (measure(cut(mid), size) <= maxWidth) fits = mid;
    else tooLong = mid;
  }
  return cut(fits);
}

/** The largest size from `max` down to `min` in steps of 0.5 at which `fits` gives lines, or null. */
function largest(max: number, min: number, fits: (size: number) => string[][] | null): { size: number; lines: string[][] } | null {
  const steps = Math.floor((max - min) / 0.5 + 1e-9); // sizes max - 0.5 k for k = 0..steps
  let found: { size: number; lines: string[][] } | null = null;
  let [lo, hi] = [0, steps]; // the answer, if any, is the smallest k in [lo, hi] that fits
  while (lo <= hi) {
    const k = (lo + hi) >> 1;
    const lines = fits(max - 0.5 * k);
    if (lines) {
      found = { size: max - 0.5 * k, lines };
      hi = k - 1;
    } else lo = k + 1;
  }
  return found;
}

/** Greedy word wrap; null when one word alone is wider than the line. */
function wrap(words: string[], size: number, measure: (t: string, s: number) => number, maxWidth: number): string[][] | null {
  const lines: string[][] = [];
  let current: string[] = [];
  for (const word of words) {
    if (measure(word, size) > maxWidth) return null;
    const candidate = [...current, word];
    if (current.length && measure(candidate.join(' '), size) > maxWidth) {
      lines.push(current);
      current = [word];
    } else current = candidate;
  }
  if (current.length) lines.push(current);
  return lines;
}

function split(word: string, size: number, measure: (t: string, s: number) => number, maxWidth: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const ch of word) {
    if (current && measure(current + ch, size) > maxWidth) {
      parts.push(current);
      current = ch;
    } else current += ch;
  }
  if (current) parts.push(current);
  return parts;
}
