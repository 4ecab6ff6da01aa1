import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Db, Sql, maybeOne, one, pgCode, rows, sql } from '@fairops/core';

export type ImportKind = 'exhibitors' | 'attendees';

/** What an import was asked to do besides writing rows, kept with its request (e.g. `sendTickets`). */
export type ImportOptions = Record<string, boolean>;

export interface ImportProblem {
  line: number;
  field: string;
  reason: string;
}

export interface CsvImportView {
  id: string;
  editionId: string;
  fileName: string | null;
  status: 'queued' | 'running' | 'completed' | 'failed';
  totalRows: number | null;
  processedRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Each problem of each rejected row (the first 1,000). */
  errors: ImportProblem[];
  ignoredColumns: string[];
  failureReason: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

const MAX_REPORTED_PROBLEMS = 1000;

const VIEW_COLUMNS = sql.raw(`id, edition_id AS "editionId", file_name AS "fileName", status, total_rows AS "totalRows",
  processed_rows AS "processedRows", created, updated, unchanged, rejected, errors->'problems' AS errors,
  errors->'ignoredColumns' AS "ignoredColumns", failure_reason AS "failureReason", requested_at AS "requestedAt",
  started_at AS "startedAt", finished_at AS "finishedAt"`);

/**
 * The `csv_imports` table: the life of an uploaded CSV, whatever it holds: stored with its request,
 * claimed by the job, its progress and report recorded. The uploaded file (names, emails, phones) is
 * kept only until the import finishes: the report says what happened to each line.
 */
@Injectable()
export class CsvImportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    m: EntityManager,
    kind: ImportKind,
    editionId: string,
    requestedBy: string | null,
    file: { name: string | null; content: Buffer },
    options: ImportOptions = {},
  ): Promise<string> {
    const { id } = await one<{ id: string }>(
      m,
      sql`INSERT INTO csv_imports (kind, edition_id, requested_by, file_name, content, options)
          VALUES (${kind}, ${editionId}, ${requestedBy}, ${file.name}, ${file.content}, ${JSON.stringify(options)}::jsonb) RETURNING id`,
    );
    return id;
  }

  async find(db: Db, id: string, kind: ImportKind): Promise<CsvImportView | null> {
    const row = await maybeOne<CsvImportView>(db, sql`SELECT ${VIEW_COLUMNS} FROM csv_imports WHERE id = ${id} AND kind = ${kind}`);
    return row ? { ...row, errors: row.errors ?? [], ignoredColumns: row.ignoredColumns ?? [] } : null;
  }

  /**
   * Marks the import running and gives its upload; null when it is already finished (a repeated job does
   * nothing). The upload comes as text, decoded by PostgreSQL, when it is UTF-8 without NUL (half the
   * bytes of a bytea's hex on the wire, nothing to decode here); else as its bytes, for the reader to say
   * why it refuses them.
   */
  async claim(id: string): Promise<{ content: Buffer | string; editionId: string; requestedBy: string | null; options: ImportOptions } | null> {
    const claim = (content: Sql) =>
      maybeOne<{ content: Buffer | string; editionId: string; requestedBy: string | null; options: ImportOptions }>(
        this.dataSource,
        sql`UPDATE csv_imports SET status = 'running', started_at = coalesce(started_at, now()), processed_rows = 0
             WHERE id = ${id} AND status IN ('queued', 'running')
            RETURNING ${content} AS content, edition_id AS "editionId", requested_by AS "requestedBy", options`,
      );
    const row = await claim(sql`convert_from(content, 'UTF8')`).catch((error: unknown) =>
      // 22021: not UTF-8, or a NUL byte (the failed UPDATE changed nothing).
      pgCode(error) === '22021' ? claim(sql`content`) : Promise.reject(error),
    );
    return row ?? null;
  }

  async fail(id: string, reason: string): Promise<void> {
    await rows(
      this.dataSource,
      sql`UPDATE csv_imports SET status = 'failed', failure_reason = ${reason}, finished_at = now(), content = ''::bytea
           WHERE id = ${id} AND status IN ('queued', 'running')`,
    );
  }

  async setTotal(id: string, total: number): Promise<void> {
    await rows(this.dataSource, sql`UPDATE csv_imports SET total_rows = ${total} WHERE id = ${id}`);
  }

  /** Progress, written outside the import's transaction so that readers see it while it runs. */
  async setProgress(id: string, done: number): Promise<void> {
    await rows(this.dataSource, sql`UPDATE csv_imports SET processed_rows = ${done} WHERE id = ${id}`);
  }

  /** The report, written in the import's transaction: it commits with the rows. */
  async complete(m: EntityManager, id: string, counts: ImportCounts, problems: ImportProblem[], ignoredColumns: string[]): Promise<void> {
    const report = { problems: [...problems].sort((a, b) => a.line - b.line).slice(0, MAX_REPORTED_PROBLEMS), ignoredColumns };
    await rows(
      m,
      sql`UPDATE csv_imports SET status = 'completed', processed_rows = total_rows, created = ${counts.created}, updated = ${counts.updated},
                 unchanged = ${counts.unchanged}, rejected = ${counts.rejected}, errors = ${JSON.stringify(report)}, finished_at = now(),
                 content = ''::bytea
           WHERE id = ${id}`,
    );
  }

  /** Imports by kind and status, for the metrics. */
  async countByStatus(): Promise<Array<{ kind: string; status: string; n: number }>> {
    return rows(this.dataSource, sql`SELECT kind, status, count(*)::int AS n FROM csv_imports GROUP BY kind, status`);
  }

  /**
   * One import at a time per edition and kind, until the transaction ends; and room for the merge's
   * sorts and hashes of tens of thousands of rows to stay in memory (the default spills them to disk).
   */
  async lock(m: EntityManager, key: string, editionId: string): Promise<void> {
    await rows(m, sql`SELECT pg_advisory_xact_lock(hashtext(${key} || ':' || ${editionId})), set_config('work_mem', '64MB', true)`);
  }
}
