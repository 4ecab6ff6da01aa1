import { parse } from 'csv-parse';
import fc from 'fast-check';
import { CsvError, decodeCsv, detectDelimiter, parseCsv, readCommonCsv, readWithCsvParse, toCsv, unguardCell } from './csv';

describe('CSV', () => {
  it('reads semicolons, a BOM, quoted separators, quotes and line breaks, with the line each record starts on', () => {
    const text = decodeCsv(Buffer.from('\ufeffname;city\r\n"Parole & Service; Lyon";"Lyon"\r\n"Une ""belle""\nsociété";Oujda\r\n\r\nمركز الشرق;وجدة\r\n', 'utf8'));
    expect(detectDelimiter(text)).toBe(';');
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['name', 'city'] },
      { line: 2, fields: ['Parole & Service; Lyon', 'Lyon'] },
      { line: 3, fields: ['Une "belle"\nsociété', 'Oujda'] },
      { line: 6, fields: ['مركز الشرق', 'وجدة'] },
    ]);
  });

  it('gives the line each record starts on when quoted values hold CRLF, LF or CR line breaks', () => {
    expect(parseCsv('a;b\r\n"x\r\ny";z\r\nq;w\r\n"m\nn";o\r\n"c\rd";e\r\n\r\n"1\r\n2\r\n3";f\r\nlast;1\r\n').map((r) => r.line)).toEqual([1, 2, 4, 5, 7, 10, 13]);
  });

  it('reads commas and keeps empty fields', () => {
    expect(parseCsv('a,b,c\n1,,3\n,,\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '', '3'] },
      { line: 3, fields: ['', '', ''] },
    ]);
  });

  it('refuses an unterminated quote, binary data and another encoding', () => {
    expect(() => parseCsv('a,b\n"open,2\n')).toThrow(new CsvError('a quoted field opened on line 2 is never closed'));
    expect(() => decodeCsv(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(/binary/);
    expect(() => decodeCsv(Uint8Array.from([0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9]))).toThrow(/not UTF-8/);
  });

  it('writes what it reads back, guarding cells that a spreadsheet would run as formulas', () => {
    const rows = [
      ['name', 'note'],
      ['Société, "générale"', 'line one\nline two'],
      ['=HYPERLINK("x")', '+212612345678'],
    ];
    const text = toCsv(rows);
    expect(text.startsWith('\ufeff')).toBe(true);
    const back = parseCsv(decodeCsv(Buffer.from(text, 'utf8'))).map((r) => r.fields.map(unguardCell));
    expect(back).toEqual(rows);
    expect(text).toContain(`'=HYPERLINK`);
  });

  it('guards every cell a spreadsheet would run, and the import undoes exactly the guard, read by another CSV parser', async () => {
    const values = ['=1+1', '+212612345678', '-42', "-2+3+cmd|' /C calc'!A0", '@SUM(A1)', '\t=1+1', '\r=1+1', "'+already quoted", "''=twice", "'t Hooft", "'", 'plain', '', 'a=b', '1-2', ' -1'];
    const text = toCsv([values]);
    // Read by another parser (csv-parse), not only by ours.
    const [cells] = await new Promise<string[][]>((resolve, reject) => parse(text, { bom: true }, (error, rows: string[][]) => (error ? reject(error) : resolve(rows))));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toEqual([
      "'=1+1",
      "'+212612345678",
      "'-42",
      "'-2+3+cmd|' /C calc'!A0",
      "'@SUM(A1)",
      "'\t=1+1",
      "'\r=1+1",
      "''+already quoted",
      "'''=twice",
      "'t Hooft",
      "'",
      'plain',
      '',
      'a=b',
      '1-2',
      ' -1',
    ]);
    expect(cells.map(unguardCell)).toEqual(values);
    expect(parseCsv(decodeCsv(Buffer.from(text, 'utf8')))[0].fields.map(unguardCell)).toEqual(values);
  });

  it('reads the common file without csv-parse exactly as csv-parse reads it, and leaves it every other file', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ';', ',', '"', "'", '\r', '\n', '\t', 'م'), maxLength: 6 });
    const wellFormed = fc
      .tuple(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), fc.constantFrom(';', ',', '\t'), fc.constantFrom('\r\n', '\n', '\r'))
      .map(([rows, delimiter, end]) => ({
        delimiter,
        text: rows.map((r) => r.map((v) => (/[;,\t"\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v)).join(delimiter)).join(end) + end,
      }));
    const anyText = fc.record({ delimiter: fc.constantFrom(';', ','), text: fc.string({ unit: fc.constantFrom('a', ';', ',', '"', '\r', '\n', ' '), maxLength: 30 }) });
    let common = 0;
    fc.assert(
      fc.property(fc.oneof(wellFormed, anyText), ({ text, delimiter }) => {
        const fast = readCommonCsv(text, delimiter);
        if (fast === null) return;
        common++;
        expect(fast).toEqual(readWithCsvParse(text, delimiter));
      }),
      { numRuns: 3000 },
    );
    expect(common).toBeGreaterThan(1000);
    expect(readCommonCsv('\ufeffa;"b"\r\n\r\n;\r\n', ';')).toEqual(readWithCsvParse('\ufeffa;"b"\r\n\r\n;\r\n', ';'));
    expect(readCommonCsv('a;b\r\n"x\ny";z\r\n', ';')).toBeNull();
    expect(readCommonCsv('a;b"c\r\n', ';')).toBeNull();
    expect(readCommonCsv('"a"b;c\r\n', ';')).toBeNull();
    expect(readCommonCsv('a;"open\r\n', ';')).toBeNull();
  });
});
