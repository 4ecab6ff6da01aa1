import { DataSource } from 'typeorm';
import { dataSourceOptions, rows, sql } from '@fairops/core';
import { createTestDatabase } from '../../../test/support/test-database';
import { EXHIBITOR_SNAPSHOT_COLUMNS } from './exhibitor-import.repository';

describe("the exhibitor's audit snapshot", () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions({ databaseUrl: await createTestDatabase(), databasePoolSize: 1 })).initialize();
  });
  afterAll(() => db?.destroy());

  it('names every column of exhibitors but the generated search text', async () => {
    const columns = await rows<{ name: string }>(db, sql`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'exhibitors'`);
    expect([...EXHIBITOR_SNAPSHOT_COLUMNS].sort()).toEqual(columns.map((c) => c.name).filter((c) => c !== 'search_text').sort());
  });
});
