/**
 * CSV as spreadsheets write it: UTF-8 with or without BOM, comma, semicolon (French locale) or tab
 * separators, quoted fields with separators, quotes and line breaks (RFC 4180).
 */

export interface CsvRecord {
  /** Physical line on which the record starts (the header is line 1 in most files). */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  override name = 'CsvError';
}

/** Decodes an upload as UTF-8 (BOM dropped); refuses binary content or another encoding. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new CsvError('the file is not a CSV text file (it contains binary data)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CsvError('the file is not UTF-8 text; save it from the spreadsheet as "CSV UTF-8"');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The separator used by the first line: the most frequent of `;`, `,` and tab outside quotes. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0][1] > 0 ? Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0] : ',';
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Number of line breaks (CRLF, LF or CR) in a quoted value, to keep line numbers true. */
function lineBreaks(value: string): number {
  let count = 0;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c === LF || (c === CR && value.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}

/**
 * Parses the whole text. Blank lines are skipped. Throws CsvError on an unterminated quote.
 * Scans with indexOf and slices rather than building fields a character at a time: imports are large.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvRecord[] {
  const D = delimiter.charCodeAt(0);
  const n = text.length;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  while (i <= n) {
    let value: string;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) throw new CsvError(`a quoted field opened on line ${recordLine} is never closed`);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      line += lineBreaks(value);
      // Anything between the closing quote and the separator is kept, as spreadsheets do.
      const tail = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === D || c === CR || c === LF) break;
        i++;
      }
      if (i > tail) value += text.slice(tail, i);
    } else {
      const start = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === D || c === CR || c === LF) break;
        i++;
      }
      value = text.slice(start, i);
    }
    fields.push(value);
    if (i < n && text.charCodeAt(i) === D) {
      i++;
      continue;
    }
    // End of the record: a line break or the end of the text.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    if (i >= n) break;
    if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i++;
    i++;
    line++;
    recordLine = line;
  }
  return records;
}

/**
 * A spreadsheet runs a cell starting with `=`, `+`, `-`, `@`, tab or carriage return as a formula (OWASP
 * CSV injection), including a phone `+212…` or a negative number. Such a cell is written with a leading
 * `'`, which spreadsheets show as text. So that the import can undo exactly that and nothing else, a value
 * that already starts with quotes followed by one of those characters (`'+1`) gets one more quote too:
 * the guard adds one `'` exactly when the value matches `^'*[=+\-@\t\r]`, and `unguardCell` removes
 * one exactly when the cell matches `^'+[=+\-@\t\r]`. Any other value (`'t Hooft`) is left as it is.
 */
const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

export function guardCell(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value;
}

/** Undoes `guardCell` when an exported file comes back: the imports call it on every cell. */
export function unguardCell(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}

/** A field as a CSV cell: guarded against formulas, quoted when RFC 4180 or surrounding spaces need it. */
function cell(value: string | null | undefined, delimiter: string): string {
  const v = guardCell(value ?? '');
  return /["\r\n]|^\s|\s$/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV text with a BOM (so spreadsheets read UTF-8), CRLF line ends, comma separators: every CSV the API writes. */
export function toCsv(rows: Array<Array<string | null | undefined>>, delimiter = ','): string {
  return '\ufeff' + rows.map((r) => r.map((v) => cell(v, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
