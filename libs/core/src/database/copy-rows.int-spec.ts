import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../../../../test/support/test-database';
import { dataSourceOptions } from './data-source-options';
import { pgCode } from './database-errors';
import { copyRows, rows, sql } from './sql';
import { inTransaction } from './transactions';

/** Text with what COPY's text format must escape (backslash, tab, line breaks), quotes, `\N` and other scripts. */
const awkwardText = fc.string({ unit: fc.constantFrom('a', 'é', 'ش', '\\', '\t', '\n', '\r', '"', "'", ',', ';', '{', '}', 'N', ' ', '😀'), maxLength: 12 });

describe('copyRows: rows written by COPY come back as they were given', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions({ databaseUrl: await createTestDatabase(), databasePoolSize: 1 })).initialize();
  });
  afterAll(() => db?.destroy());

  it('writes text, nulls, booleans, numbers and arrays exactly (1,000 generated rows per run)', async () => {
    const row = fc.record({
      text: fc.option(awkwardText, { nil: null }),
      flag: fc.option(fc.boolean(), { nil: null }),
      n: fc.option(fc.integer(), { nil: null }),
      list: fc.option(fc.array(fc.option(awkwardText, { nil: null }), { maxLength: 4 }), { nil: null }),
      day: fc.option(fc.constantFrom('2027-04-16', '2027-04-17'), { nil: null }),
    });
    const given = fc.sample(row, 1000);
    const back = await inTransaction(db, async (m) => {
      await rows(m, sql`CREATE TEMP TABLE copied (n_row int, text text, flag boolean, n int, list text[], days date[]) ON COMMIT DROP`);
      const written = await copyRows(
        m,
        sql`COPY copied (n_row, text, flag, n, list, days) FROM STDIN`,
        given.map((r, i) => [i, r.text, r.flag, r.n, r.list, r.day === null ? null : [r.day]]),
      );
      expect(written).toBe(given.length);
      return rows<{ text: string | null; flag: boolean | null; n: number | null; list: Array<string | null> | null; days: string[] | null }>(
        m,
        sql`SELECT text, flag, n, list, days::text[] AS days FROM copied ORDER BY n_row`,
      );
    });
    expect(back).toEqual(given.map((r) => ({ text: r.text, flag: r.flag, n: r.n, list: r.list, days: r.day === null ? null : [r.day] })));
  });

  it('fails the whole COPY with the database error when a row is refused, writing none of it', async () => {
    const outcome = await inTransaction(db, async (m) => {
      await rows(m, sql`CREATE TEMP TABLE unique_copied (code text PRIMARY KEY) ON COMMIT DROP`);
      await rows(m, sql`SAVEPOINT before_copy`);
      const error = await copyRows(m, sql`COPY unique_copied (code) FROM STDIN`, [['a'], ['b'], ['a']]).catch((e: unknown) => e);
      await rows(m, sql`ROLLBACK TO SAVEPOINT before_copy`);
      // The transaction goes on after the savepoint, as the attendee import's row-by-row retry needs.
      await copyRows(m, sql`COPY unique_copied (code) FROM STDIN`, [['c']]);
      return { code: pgCode(error), left: await rows<{ code: string }>(m, sql`SELECT code FROM unique_copied ORDER BY code`) };
    });
    expect(outcome).toEqual({ code: '23505', left: [{ code: 'c' }] });
  });

  it('stops the COPY when the rows fail to come, with their error, and leaves the connection usable', async () => {
    const outcome = await inTransaction(db, async (m) => {
      await rows(m, sql`CREATE TEMP TABLE half_copied (code text) ON COMMIT DROP`);
      await rows(m, sql`SAVEPOINT before_copy`);
      function* failing(): Generator<string[]> {
        for (let i = 0; i < 20000; i++) yield [`row ${i}`];
        throw new Error('the rows stopped');
      }
      const error = await copyRows(m, sql`COPY half_copied (code) FROM STDIN`, failing()).catch((e: unknown) => e);
      await rows(m, sql`ROLLBACK TO SAVEPOINT before_copy`);
      return { message: (error as Error).message, left: await rows<{ n: number }>(m, sql`SELECT count(*)::int AS n FROM half_copied`) };
    });
    expect(outcome).toEqual({ message: 'the rows stopped', left: [{ n: 0 }] });
  });

  it('takes only a COPY … FROM STDIN without parameters, in a transaction', async () => {
    await expect(inTransaction(db, (m) => copyRows(m, sql`SELECT ${1}`, []))).rejects.toThrow(/COPY … FROM STDIN/);
    await expect(copyRows(db.manager, sql`COPY x (a) FROM STDIN`, [])).rejects.toThrow(/in a transaction/);
  });
});
