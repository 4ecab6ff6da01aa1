import { isUtf8 } from 'node:buffer';
import { CsvError as ParseError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * CSV as spreadsheets write it: UTF-8 with or without BOM, comma, semicolon (French locale) or tab
 * separators, quoted fields with separators, quotes and line breaks (RFC 4180). Read with csv-parse and
 * written with csv-stringify; this file adds what they do not know: the upload's checks, the separator a
 * spreadsheet chose, the line each record starts on, and the guard against formulas.
 */

export interface CsvRecord {
  /** Physical line on which the record starts (the header is line 1 in most files). */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  override name = 'CsvError';
}

/** Decodes an upload as UTF-8 (BOM dropped); refuses binary content or another encoding. Text is taken as it is, less its BOM. */
export function decodeCsv(bytes: Uint8Array | string): string {
  // Text already decoded (by PostgreSQL, which refuses what is not UTF-8 and NUL alike): only the BOM to drop.
  if (typeof bytes === 'string') return bytes.charCodeAt(0) === 0xfeff ? bytes.slice(1) : bytes;
  if (bytes.includes(0)) throw new CsvError('the file is not a CSV text file (it contains binary data)');
  // isUtf8 checks and toString decodes several times faster than a fatal TextDecoder.
  if (!isUtf8(bytes)) throw new CsvError('the file is not UTF-8 text; save it from the spreadsheet as "CSV UTF-8"');
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
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
  const [best, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return count > 0 ? best : ',';
}

/** Number of line breaks (CRLF, LF or CR) in a value, to give each record the line it starts on. */
function lineBreaks(value: string): number {
  if (value.indexOf('\n') === -1 && value.indexOf('\r') === -1) return 0;
  return value.match(/\r\n|\r|\n/g)!.length;
}

/** The line of the quote that is never closed (the last one a scan outside quotes opens). */
function unclosedQuoteLine(text: string): number {
  let line = 1;
  let openedOn = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      quoted = !quoted;
      if (quoted) openedOn = line;
    } else if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
  }
  return openedOn;
}

/**
 * Parses the whole text. Blank lines are skipped. Throws CsvError on an unterminated quote. The common
 * file (one-character separator, no line break inside a quoted value, no stray quote) is read by a
 * plain scan; any other goes to csv-parse, whose reading is the reference (csv.spec.ts checks that both
 * give the same records on generated files).
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvRecord[] {
  return readCommonCsv(text, delimiter) ?? readWithCsvParse(text, delimiter);
}

/** The whole text read by csv-parse, each record with the line it starts on. */
export function readWithCsvParse(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  // Each record with the line it starts on. csv-parse counts the line a record ends on, and counts a CRLF
  // inside a quoted value as two lines: `drift` takes those extra lines back.
  let drift = 0;
  const collect = (fields: string[], context: { lines: number }) => {
    let breaks = 0;
    for (const field of fields) {
      const found = lineBreaks(field);
      if (found) {
        breaks += found;
        drift += field.split('\r\n').length - 1;
      }
    }
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: context.lines - drift - breaks, fields });
    return null;
  };
  try {
    parse(text, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      bom: true,
      relax_column_count: true,
      // A quote inside an unquoted field is kept, as spreadsheets do.
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: collect,
    });
  } catch (error) {
    if (error instanceof ParseError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new CsvError(`a quoted field opened on line ${unclosedQuoteLine(text)} is never closed`);
    }
    if (error instanceof ParseError) throw new CsvError(`the file cannot be read as CSV: ${error.message}`);
    throw error;
  }
  return records;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The common file read without csv-parse (which spends about as long as PostgreSQL takes to COPY the
 * rows): fields plain or quoted, records ended by CRLF, LF or CR, blank lines skipped. Null when the
 * text holds anything else: a quote inside a plain field, a line break inside a quoted one, text after
 * a closing quote, a quote never closed, a separator longer than one character.
 */
export function readCommonCsv(text: string, delimiter: string): CsvRecord[] | null {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') return null;
  const separator = delimiter.charCodeAt(0);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let line = 1;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    const field = text.charCodeAt(at) === QUOTE ? quotedField(text, at) : plainField(text, at, separator);
    if (!field) return null;
    fields.push(field.value);
    at = field.end;
    const next = text.charCodeAt(at);
    if (next === separator) {
      at++;
      continue;
    }
    if (next !== CR && next !== LF && at < text.length) return null;
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line, fields });
    fields = [];
    line++;
    at += next === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
    if (at >= text.length) return records;
  }
}

/** A field without quotes from `start` to the next separator or line break; null if it holds a quote. */
function plainField(text: string, start: number, separator: number): { value: string; end: number } | null {
  let end = start;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (c === separator || c === CR || c === LF) break;
    if (c === QUOTE) return null;
  }
  return { value: text.slice(start, end), end };
}

/** A quoted field opening at `start` (doubled quotes inside); null if never closed or holding a line break. */
function quotedField(text: string, start: number): { value: string; end: number } | null {
  let value = '';
  let from = start + 1;
  for (;;) {
    const close = text.indexOf('"', from);
    if (close === -1) return null;
    const part = text.slice(from, close);
    if (part.includes('\n') || part.includes('\r')) return null;
    value += part;
    if (text.charCodeAt(close + 1) !== QUOTE) return { value, end: close + 1 };
    value += '"';
    from = close + 2;
  }
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
  // Most cells do not start with a quote: no regular expression for them.
  return value.charCodeAt(0) === 0x27 && GUARDED.test(value) ? value.slice(1) : value;
}

/**
 * CSV text with a BOM (so spreadsheets read UTF-8), CRLF line ends, comma separators: every CSV the API
 * writes. Each cell is guarded against formulas and quoted when RFC 4180 or surrounding spaces need it.
 */
export function toCsv(rows: Array<Array<string | null | undefined>>, delimiter = ','): string {
  const guarded = rows.map((r) => r.map((v) => guardCell(v ?? '')));
  return (
    '\ufeff' +
    stringify(guarded, { delimiter, record_delimiter: '\r\n', quoted_match: [/[\r\n]/, /^\s/, /\s$/] }) +
    (rows.length === 0 ? '\r\n' : '')
  );
}
