import { CsvError } from './csv';
import { CsvImportConfig, RowVerdict } from './csv-import';
import { checkRows, readFile } from './csv-import.pipeline';

type Column = 'name' | 'country' | 'note';

/** A toy configuration: a name is required, the key is the folded name. */
const config: CsvImportConfig<Column, { name: string; country?: string }> = {
  kind: 'exhibitors',
  job: 'exhibitors.import',
  notFound: { code: 'exhibitor_import_not_found', what: 'exhibitor import' },
  lockKey: 'toy-import',
  headers: { name: ['name', 'nom'], country: ['country', 'code_pays'], note: ['note'] },
  required: ['name', 'country'],
  hintExpectedColumns: true,
  refuseDuplicateColumns: true,
  refuseExtraCells: true,
  trimCells: true,
  context: async () => undefined,
  validate: (raw): RowVerdict<{ name: string; country?: string }> =>
    raw.name ? { value: { name: raw.name, country: raw.country }, problems: [], key: { key: raw.name.toLowerCase(), field: 'name' } } : { value: null, problems: [{ field: 'name', reason: 'is required' }] },
  merge: async () => ({ created: 0, updated: 0, unchanged: 0, rejectedLines: 0, problems: [], audit: [] }),
};

const file = (text: string) => readFile(config, Buffer.from(text, 'utf8'));

describe('the import pipeline: header and rows', () => {
  it('maps headers by their folded aliases and lists the columns it does not know', () => {
    const read = file('\ufeffNom;Code-Pays;Remarques;\r\nAtlas;MA;x;\r\n');
    expect(read.columns).toEqual(['name', 'country', null, null]);
    expect(read.ignored).toEqual(['Remarques']);
  });

  it('refuses a file without the required columns, with the expected ones, and a column given twice', () => {
    expect(() => file('nom;ville\nAtlas;Oujda\n')).toThrow(
      new CsvError('no usable header on line 1: the columns country are missing (expected e.g. name, country, note)'),
    );
    expect(() => file('name,country,nom\nA,MA,B\n')).toThrow(new CsvError('the column name appears twice in the header'));
    expect(() => file('')).toThrow(new CsvError('the file is empty'));
  });

  it('checks each row: cells unguarded and trimmed, extra cells refused, a repeated key rejected with the first line', () => {
    const checked = checkRows(config, file("name,country\n'+212 Centre ,MA\nAtlas,MA,extra\n,MA\n'+212 CENTRE,FR\n"), undefined);
    expect(checked.rows).toEqual([{ name: '+212 Centre', country: 'MA', line: 2 }]);
    expect(checked.rejectedLines).toBe(3);
    expect(checked.problems).toEqual([
      { line: 3, field: '(row)', reason: 'has 3 fields; the header has 2' },
      { line: 4, field: 'name', reason: 'is required' },
      { line: 5, field: 'name', reason: 'duplicates line 2' },
    ]);
  });
});
