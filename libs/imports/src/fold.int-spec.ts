import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { dataSourceOptions, rows, sql } from '@fairops/core';
import { createTestDatabase } from '../../../test/support/test-database';
import { fold, foldKey } from './text';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

/**
 * The alphabet over which the JavaScript fold must equal PostgreSQL's: ASCII, Latin-1 letters and signs,
 * Latin Extended-A, Vietnamese, Greek and Cyrillic letters, the Arabic block, ligatures and typographic
 * punctuation. (Rarer letters of Latin Extended-B are left to the SQL fold, which the merges use.)
 */
const ALPHABET = [
  ...range(0x20, 0x7e),
  ...range(0xa1, 0xff),
  ...range(0x100, 0x17f),
  ...range(0x1ea0, 0x1ef9),
  ...range(0x386, 0x3ce),
  ...range(0x400, 0x45f),
  ...range(0x600, 0x6ff),
  ...range(0xfb00, 0xfb06),
  ...'‘’‚“”„–—…‐‑‒―‹›′″'.split(''),
];

const NAMES = [
  'Société Générale', 'SOCIÉTÉ GÉNÉRALE', 'Œuvre Française', 'OEUVRE francaise', 'Ærø Straße', 'Łódź Dąbrowa', 'Þórður Ðiðrik',
  'مركز الاتصال', 'أحمد إبراهيم آل', 'مُحَمَّد', 'Ελληνική Άλφα', 'Ёлка Йошкар', 'Nguyễn Thị Đức', 'ﬁnance ﬂow', 'İstanbul ılık',
  'Saïdia Mobilier', "L'Oréal “Paris” – Café…", 'ÇA ÇA', 'Ĳssel', 'Ǆemal', '', '   ', 'Jean-Noël', 'ÀÉÎÕÜ àéîõü',
];

describe('fold in JavaScript is the SQL fold()', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions({ databaseUrl: await createTestDatabase(), databasePoolSize: 1 })).initialize();
  });
  afterAll(() => db?.destroy());

  const sqlFold = async (inputs: string[]) =>
    (await rows<{ f: string }>(db, sql`SELECT fold(x) AS f FROM unnest(${inputs}::text[]) WITH ORDINALITY AS t(x, n) ORDER BY n`)).map((r) => r.f);

  async function expectSame(inputs: string[]) {
    const expected = await sqlFold(inputs);
    const differing = inputs.map((s, i) => ({ s, js: fold(s), sql: expected[i] })).filter((d) => d.js !== d.sql);
    expect(differing).toEqual([]);
  }

  it('on every character of the alphabet, in both cases', async () => {
    await expectSame([...ALPHABET, ...ALPHABET.map((c) => c.toUpperCase()), ...ALPHABET.map((c) => c.toLowerCase())]);
  });

  it('on names with accents, ligatures, Arabic, Greek, Cyrillic and case', async () => {
    await expectSame(NAMES);
  });

  it('on 2,000 generated strings of the alphabet, in NFC and NFD', async () => {
    const strings = fc.sample(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 24 }).map((cs) => cs.join('')), { numRuns: 2000, seed: 18 });
    await expectSame([...strings, ...strings.map((s) => s.normalize('NFD'))]);
  });

  it('makes keys of headers and codes', () => {
    expect(foldKey('  Secteur d’activité ')).toBe("secteur_d'activite");
    expect(foldKey('Code-Pays')).toBe('code_pays');
    expect(foldKey('Téléphone')).toBe('telephone');
  });
});
