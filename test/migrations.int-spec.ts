import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@fairops/core';
import { MIGRATIONS } from '../migrations';
import { databaseUrl, testEnv } from './support/test-env';

/**
 * The schema as PostgreSQL describes it, with nothing that depends on when or in which order it was
 * made (no oids, no attribute numbers): tables and columns, constraints, indexes, triggers, functions,
 * views, sequences, types and extensions of the database's own schemas. The migrations' bookkeeping
 * table is left out.
 */
async function describeSchema(db: DataSource): Promise<Record<string, string[]>> {
  const own = `NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'`;
  const lines = async (sql: string) => ((await db.query(sql)) as Array<{ line: string }>).map((r) => r.line).sort();
  return {
    columns: await lines(`
      SELECT format('%s.%s %s %s default %s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                    CASE WHEN a.attnotnull THEN 'not null' ELSE 'null' END, pg_get_expr(d.adbin, d.adrelid)) ||
             CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END ||
             CASE WHEN a.attgenerated <> '' THEN ' generated ' || a.attgenerated::text ELSE '' END AS line
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname ${own}
         AND c.relname <> 'schema_migrations'`),
    constraints: await lines(`
      SELECT format('%s %s %s', coalesce(c.relname, t.typname), o.conname, pg_get_constraintdef(o.oid)) AS line
        FROM pg_constraint o JOIN pg_namespace n ON n.oid = o.connamespace
        LEFT JOIN pg_class c ON c.oid = o.conrelid LEFT JOIN pg_type t ON t.oid = o.contypid
       WHERE n.nspname ${own} AND coalesce(c.relname, '') <> 'schema_migrations'`),
    indexes: await lines(`
      SELECT pg_get_indexdef(i.indexrelid) AS line
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname ${own} AND c.relname <> 'schema_migrations'`),
    triggers: await lines(`
      SELECT pg_get_triggerdef(t.oid) AS line
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE NOT t.tgisinternal AND n.nspname ${own}`),
    functions: await lines(`
      SELECT pg_get_functiondef(p.oid) AS line
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname ${own} AND p.prokind IN ('f', 'p')
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`),
    views: await lines(`
      SELECT format('%s %s', c.relname, pg_get_viewdef(c.oid)) AS line
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND n.nspname ${own}`),
    sequences: await lines(`
      SELECT format('%s %s %s %s', c.relname, s.seqtypid::regtype, s.seqstart, s.seqincrement) AS line
        FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname ${own} AND c.relname NOT LIKE 'schema_migrations%'`),
    types: await lines(`
      SELECT format('%s %s', t.typname, t.typtype) AS line
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname ${own} AND t.typtype IN ('e', 'd', 'c') AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')`),
    extensions: await lines(`SELECT extname AS line FROM pg_extension WHERE extname <> 'plpgsql'`),
  };
}

describe('migrations', () => {
  const name = `fairops_t_${testEnv.runId()}_mig_${randomBytes(4).toString('hex')}`;
  let db: DataSource;

  beforeAll(async () => {
    const admin = new Client({ connectionString: testEnv.adminUrl() });
    await admin.connect();
    // A fresh database, not the migrated template: the migrations start from nothing.
    await admin.query(`CREATE DATABASE "${name}"`).finally(() => admin.end());
    db = new DataSource(dataSourceOptions({ databaseUrl: databaseUrl(testEnv.adminUrl(), name), databasePoolSize: 2 }));
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    const admin = new Client({ connectionString: testEnv.adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
  });

  it('go all the way up, all the way down to an empty database, and up again to the same schema', async () => {
    const empty = await describeSchema(db);
    expect(await db.runMigrations({ transaction: 'each' })).toHaveLength(MIGRATIONS.length);
    const migrated = await describeSchema(db);
    expect(migrated.columns.length).toBeGreaterThan(100);

    for (let i = MIGRATIONS.length; i > 0; i--) await db.undoLastMigration({ transaction: 'each' });
    expect(await db.query(`SELECT count(*)::int AS n FROM schema_migrations`)).toEqual([{ n: 0 }]);
    expect(await describeSchema(db)).toEqual(empty);

    expect(await db.runMigrations({ transaction: 'each' })).toHaveLength(MIGRATIONS.length);
    expect(await describeSchema(db)).toEqual(migrated);
  });
});
