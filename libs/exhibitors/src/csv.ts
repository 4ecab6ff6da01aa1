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

/** Parses the whole text. Blank lines are skipped. Throws CsvError on an unterminated quote. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (quoted) throw new CsvError(`a quoted field opened on line ${recordLine} is never closed`);
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return records;
}

/** A field as a spreadsheet cell that cannot run as a formula: `=…` and `@…` get a leading quote. */
function cell(value: string | null | undefined, delimiter: string): string {
  let v = value ?? '';
  if (/^[=@]/.test(v)) v = `'${v}`;
  return /["\r\n]|^\s|\s$/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Undoes the formula guard of `cell` when a file comes back. */
export function uncell(value: string): string {
  return /^'[=@]/.test(value) ? value.slice(1) : value;
}

/** CSV text with a BOM (so spreadsheets read UTF-8), CRLF line ends, comma separators. */
export function toCsv(rows: Array<Array<string | null | undefined>>, delimiter = ','): string {
  return '\ufeff' + rows.map((r) => r.map((v) => cell(v, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
