import { DataSource } from 'typeorm';
import { dataSourceOptions, maybeOne, one, paged, rows, sql, withTransaction } from '@fairops/core';
import { createTestDatabase } from './support/test-database';

describe('the sql idiom on PostgreSQL', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions({ databaseUrl: await createTestDatabase(), databasePoolSize: 2 })).initialize();
    await db.query('CREATE TABLE sql_idiom_items (id int PRIMARY KEY, label text NOT NULL)');
    await db.query(`INSERT INTO sql_idiom_items SELECT n, 'item ' || n FROM generate_series(1, 7) n`);
  });
  afterAll(() => db?.destroy());

  it('runs rows, one and maybeOne with parameters', async () => {
    expect(await rows(db, sql`SELECT id FROM sql_idiom_items WHERE id <= ${2} ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await one(db, sql`SELECT label FROM sql_idiom_items WHERE id = ${3}`)).toEqual({ label: 'item 3' });
    expect(await maybeOne(db, sql`SELECT label FROM sql_idiom_items WHERE id = ${99}`)).toBeUndefined();
    await expect(one(db, sql`SELECT label FROM sql_idiom_items`)).rejects.toThrow('expected one row, got 7');
  });

  it('pages with the true total, on a page and past the end', async () => {
    const select = sql`SELECT id, label FROM sql_idiom_items WHERE id > ${1}`;
    const page = await paged<{ id: number; label: string }>(db, select, { orderBy: sql`id DESC`, limit: 2, offset: 2 });
    expect(page).toEqual({ items: [{ id: 5, label: 'item 5' }, { id: 4, label: 'item 4' }], total: 6 });
    expect(await paged(db, select, { orderBy: sql`id`, limit: 2, offset: 50 })).toEqual({ items: [], total: 6 });
    expect(await paged(db, sql`SELECT id FROM sql_idiom_items WHERE false`, { orderBy: sql`id`, limit: 2, offset: 0 })).toEqual({ items: [], total: 0 });
  });

  it('runs in the caller transaction when given one, and rolls back with it', async () => {
    await expect(
      withTransaction(db, undefined, async (tx) => {
        await withTransaction(db, tx, (same) => rows(same, sql`UPDATE sql_idiom_items SET label = ${'changed'} WHERE id = ${1}`));
        expect(await one(tx, sql`SELECT label FROM sql_idiom_items WHERE id = ${1}`)).toEqual({ label: 'changed' });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await one(db, sql`SELECT label FROM sql_idiom_items WHERE id = ${1}`)).toEqual({ label: 'item 1' });
  });
});
