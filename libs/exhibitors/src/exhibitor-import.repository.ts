import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db, Sql, copyRows, one, rows, sql } from '@fairops/core';
import { ImportProblem } from '@fairops/imports';
import { ExhibitorFields } from './exhibitor-fields';
import { FIELD_COLUMNS } from './exhibitors.repository';

type Field = keyof ExhibitorFields;

/** Rows staged per INSERT (one parameter array per column), and the progress step. */
const STAGING_BATCH = 5000;
const FIELDS = Object.keys(FIELD_COLUMNS) as Field[];
const COLUMN_LIST = sql.raw(FIELDS.map((f) => FIELD_COLUMNS[f]).join(', '));
/** The fields of a staged row as json_to_recordset reads them from the rows' JSON (keys as in ExhibitorFields). */
const STAGED_FIELDS = sql.raw(FIELDS.map((f) => `"${f}" text`).join(', '));

/** Every column of `exhibitors` but the generated search text: what its audit entries show (a test keeps it whole). */
export const EXHIBITOR_SNAPSHOT_COLUMNS = ['id', 'edition_id', ...Object.values(FIELD_COLUMNS), 'status', 'status_reason', 'staff_quota_override', 'created_at', 'updated_at'];

/**
 * The exhibitor `e` as its audit entries show it: the value of `to_jsonb(e) - 'search_text'`, built
 * directly (taking a key out of a jsonb builds it twice: a tenth of a 20,000-row import).
 */
const SNAPSHOT = sql.raw(`jsonb_build_object(${EXHIBITOR_SNAPSHOT_COLUMNS.map((c) => `'${c}', e.${c}`).join(', ')})`);

export interface ExhibitorMergeResult {
  updated: number;
  created: number;
  rejected: ImportProblem[];
  /** The audit entries of the rows updated then created (for AuditService.recordFrom), in this transaction. */
  audit: Sql;
}

/**
 * The exhibitor import's SQL (exhibitors own their table): valid rows staged in a temporary table,
 * matched by ref, then by folded name and country, then updated and inserted in one statement each;
 * the audit entries are selected from the same table, so no snapshot travels to Node.
 */
@Injectable()
export class ExhibitorImportRepository {
  /** Every exhibitor of the edition by id, ref and name: how the attendee import finds a staff row's exhibitor. */
  async keys(db: Db, editionId: string): Promise<Array<{ id: string; ref: string | null; name: string }>> {
    return rows(db, sql`SELECT id, ref, name FROM exhibitors WHERE edition_id = ${editionId}`);
  }

  /** Whether the edition has any exhibitor (an import into an empty edition has nothing to match). */
  async any(db: Db, editionId: string): Promise<boolean> {
    return (await one<{ found: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM exhibitors WHERE edition_id = ${editionId}) AS found`)).found;
  }

  /**
   * Every row as a new exhibitor, for an edition that has none: the rows written by COPY (as psql's
   * `\copy` would), each with an id drawn here, and the audit entries of the new exhibitors, by line, as
   * a statement over them (`source`, for AuditService.recordFrom), so that no snapshot travels to Node.
   */
  async createAll(m: EntityManager, editionId: string, staged: Iterable<ExhibitorFields & { line: number }>): Promise<Sql> {
    const ids: string[] = [];
    function* values(): Generator<unknown[]> {
      for (const row of staged) {
        const id = randomUUID();
        ids.push(id);
        yield [id, editionId, ...FIELDS.map((f) => row[f])];
      }
    }
    await copyRows(m, sql`COPY exhibitors (id, edition_id, ${COLUMN_LIST}) FROM STDIN`, values());
    return sql`SELECT 'exhibitor.created' AS action, 'exhibitor' AS entity_type, e.id::text AS entity_id, NULL::jsonb AS before, ${SNAPSHOT} AS after
                 FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS k(id, n) JOIN exhibitors e ON e.id = k.id AND e.edition_id = ${editionId}
                ORDER BY k.n`;
  }

  async merge(
    m: EntityManager,
    editionId: string,
    staged: Array<ExhibitorFields & { line: number }>,
    columns: Field[],
    progress: (done: number) => Promise<void>,
  ): Promise<ExhibitorMergeResult> {
    await this.stage(m, staged, progress);
    await this.match(m, editionId);
    const updated = await this.update(m, columns);
    const { n: created } = await one<{ n: number }>(
      m,
      sql`WITH inserted AS (
            INSERT INTO exhibitors (id, edition_id, ${COLUMN_LIST})
            SELECT r.new_id, ${editionId}, ${sql.raw(FIELDS.map((f) => (f === 'country' ? 'r.country::char(2)' : `r.${FIELD_COLUMNS[f]}`)).join(', '))}
              FROM import_rows r WHERE r.existing_id IS NULL AND r.rejected_reason IS NULL ORDER BY r.line
            RETURNING 1
          )
          SELECT count(*)::int AS n FROM inserted`,
    );
    const rejected = await rows<ImportProblem>(
      m,
      sql`SELECT line, rejected_field AS field, rejected_reason AS reason FROM import_rows WHERE rejected_reason IS NOT NULL ORDER BY line`,
    );
    return { updated, created, rejected, audit: AUDIT_SOURCE };
  }

  /** The rows in a temporary table dropped at commit, a batch per statement. */
  private async stage(m: EntityManager, staged: Array<ExhibitorFields & { line: number }>, progress: (done: number) => Promise<void>): Promise<void> {
    await rows(
      m,
      sql`CREATE TEMP TABLE import_rows (
            line integer, ${sql.raw(FIELDS.map((f) => `${FIELD_COLUMNS[f]} text`).join(', '))},
            existing_id uuid, rejected_reason text, rejected_field text,
            -- The id a new exhibitor gets, known before the INSERT so that its audit entry can find it.
            new_id uuid DEFAULT gen_random_uuid(), before jsonb
          ) ON COMMIT DROP`,
    );
    for (let i = 0; i < staged.length; i += STAGING_BATCH) {
      // One JSON text per batch: far cheaper to write and read than an array parameter per column.
      const batch = JSON.stringify(staged.slice(i, i + STAGING_BATCH));
      await rows(m, sql`INSERT INTO import_rows (line, ${COLUMN_LIST}) SELECT * FROM json_to_recordset(${batch}::json) AS r(line int, ${STAGED_FIELDS})`);
      await progress(Math.min(i + STAGING_BATCH, staged.length));
    }
    // A temporary table has no statistics until analysed: the joins below would be planned blind. Only
    // the matching columns are analysed (the long texts would cost more than all the joins).
    await rows(m, sql`ANALYZE import_rows (line, ref, name, country, existing_id, rejected_reason, before)`);
  }
  /** Matches by ref, then by name and country; rejects a row whose ref or name collides with another exhibitor. */
  private async match(m: EntityManager, editionId: string): Promise<void> {
    await rows(m, sql`UPDATE import_rows r SET existing_id = e.id FROM exhibitors e WHERE r.ref IS NOT NULL AND e.edition_id = ${editionId} AND e.ref = r.ref`);
    await rows(
      m,
      sql`UPDATE import_rows r
             SET existing_id = CASE WHEN e.ref IS NOT NULL AND r.ref IS NOT NULL AND e.ref <> r.ref THEN NULL ELSE e.id END,
                 rejected_field = CASE WHEN e.ref IS NOT NULL AND r.ref IS NOT NULL AND e.ref <> r.ref THEN 'ref' END,
                 rejected_reason = CASE WHEN e.ref IS NOT NULL AND r.ref IS NOT NULL AND e.ref <> r.ref
                                        THEN 'an exhibitor with this name and country already has the ref ' || e.ref END
            FROM exhibitors e
           WHERE r.existing_id IS NULL AND e.edition_id = ${editionId} AND fold(e.name) = fold(r.name) AND e.country = r.country`,
    );
    // A row matched by ref that would take the name and country of another exhibitor.
    await rows(
      m,
      sql`UPDATE import_rows r SET rejected_field = 'name', rejected_reason = 'another exhibitor already has this name and country'
            FROM exhibitors e
           WHERE r.rejected_reason IS NULL AND e.edition_id = ${editionId} AND fold(e.name) = fold(r.name) AND e.country = r.country
             AND e.id IS DISTINCT FROM r.existing_id`,
    );
  }

  /**
   * Updates the matched exhibitors whose values differ, keeping each one's snapshot before the change for
   * its audit entry; a column the file lacks is left as it is. Returns how many changed.
   */
  private async update(m: EntityManager, columns: Field[]): Promise<number> {
    const set = columns.filter((f) => f !== 'ref');
    const withRef = columns.includes('ref');
    // A row without a ref keeps the ref the exhibitor has.
    const assignments: Sql[] = [...set.map((f) => sql.raw(`${FIELD_COLUMNS[f]} = r.${FIELD_COLUMNS[f]}`)), ...(withRef ? [sql`ref = coalesce(r.ref, e.ref)`] : [])];
    const current = sql.raw([...set.map((f) => `e.${FIELD_COLUMNS[f]}`), ...(withRef ? ['e.ref'] : [])].join(', '));
    const incoming = sql.raw([...set.map((f) => `r.${FIELD_COLUMNS[f]}${f === 'country' ? '::char(2)' : ''}`), ...(withRef ? ['coalesce(r.ref, e.ref)'] : [])].join(', '));
    await rows(
      m,
      sql`UPDATE import_rows r SET before = ${SNAPSHOT} FROM exhibitors e
           WHERE e.id = r.existing_id AND r.rejected_reason IS NULL AND (${current}) IS DISTINCT FROM (${incoming})`,
    );
    const { n } = await one<{ n: number }>(
      m,
      sql`WITH changed AS (
            UPDATE exhibitors e SET ${sql.join(assignments)}, updated_at = now()
              FROM import_rows r WHERE e.id = r.existing_id AND r.before IS NOT NULL
            RETURNING 1
          )
          SELECT count(*)::int AS n FROM changed`,
    );
    return n;
  }
}

/**
 * The audit entries of a merge: the exhibitors updated (before and after), then those created, by line.
 * Sorted before the snapshots are made (a lateral lookup keeps the order), so the sort stays small.
 */
const AUDIT_SOURCE = sql`
  SELECT k.action, 'exhibitor' AS entity_type, e.id::text AS entity_id, k.before, ${SNAPSHOT} AS after
    FROM (
      SELECT 0 AS step, line, 'exhibitor.updated' AS action, existing_id AS id, before FROM import_rows WHERE before IS NOT NULL
      UNION ALL
      SELECT 1, line, 'exhibitor.created', new_id, NULL::jsonb FROM import_rows WHERE existing_id IS NULL AND rejected_reason IS NULL
      ORDER BY step, line
    ) k
    CROSS JOIN LATERAL (SELECT * FROM exhibitors x WHERE x.id = k.id) e`;
