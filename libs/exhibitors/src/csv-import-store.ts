import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRows } from '@fairops/core';

export type ImportKind = 'exhibitors' | 'attendees';

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

export interface ClaimedImport {
  content: Buffer;
  editionId: string;
  requestedBy: string | null;
  role: string;
}

const MAX_REPORTED_PROBLEMS = 1000;

const VIEW_COLUMNS = `id, edition_id AS "editionId", file_name AS "fileName", status, total_rows AS "totalRows",
  processed_rows AS "processedRows", created, updated, unchanged, rejected, errors->'problems' AS errors,
  errors->'ignoredColumns' AS "ignoredColumns", failure_reason AS "failureReason", requested_at AS "requestedAt",
  started_at AS "startedAt", finished_at AS "finishedAt"`;

/**
 * The life of an uploaded CSV, whatever it holds: stored with its request, claimed by the job, its
 * progress and report recorded. The exhibitor and attendee imports share it. The uploaded file (names,
 * emails, phones) is kept only until the import finishes: the report says what happened to each line.
 */
@Injectable()
export class CsvImportStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(m: EntityManager, kind: ImportKind, editionId: string, requestedBy: string, file: { name: string | null; content: Buffer }): Promise<string> {
    const [{ id }] = await sqlRows<{ id: string }>(
      m,
      `INSERT INTO csv_imports (kind, edition_id, requested_by, file_name, content) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [kind, editionId, requestedBy, file.name, file.content],
    );
    return id;
  }

  async find(db: DataSource | EntityManager, id: string, kind: ImportKind): Promise<CsvImportView | null> {
    const [row] = await sqlRows<CsvImportView>(db, `SELECT ${VIEW_COLUMNS} FROM csv_imports WHERE id = $1 AND kind = $2`, [id, kind]);
    return row ? { ...row, errors: row.errors ?? [], ignoredColumns: row.ignoredColumns ?? [] } : null;
  }

  /** Marks the import running; null when it is already finished (a repeated job does nothing). */
  async claim(id: string): Promise<ClaimedImport | null> {
    const [row] = await sqlRows<{ content: Buffer; edition_id: string; requested_by: string | null; role: string | null }>(
      this.dataSource,
      `UPDATE csv_imports i SET status = 'running', started_at = coalesce(started_at, now()), processed_rows = 0
        WHERE id = $1 AND status IN ('queued', 'running')
       RETURNING content, edition_id, requested_by, (SELECT role FROM users WHERE id = i.requested_by) AS role`,
      [id],
    );
    return row ? { content: row.content, editionId: row.edition_id, requestedBy: row.requested_by, role: row.role ?? 'system' } : null;
  }

  async fail(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE csv_imports SET status = 'failed', failure_reason = $2, finished_at = now(), content = ''::bytea WHERE id = $1 AND status IN ('queued', 'running')`,
      [id, reason],
    );
  }

  async setTotal(id: string, total: number): Promise<void> {
    await this.dataSource.query(`UPDATE csv_imports SET total_rows = $2 WHERE id = $1`, [id, total]);
  }

  /** Progress, written outside the import's transaction so that readers see it while it runs. */
  async setProgress(id: string, done: number): Promise<void> {
    await this.dataSource.query(`UPDATE csv_imports SET processed_rows = $2 WHERE id = $1`, [id, done]);
  }

  /** The report, written in the import's transaction: it commits with the rows. */
  async complete(
    m: EntityManager,
    id: string,
    counts: { created: number; updated: number; unchanged: number; rejected: number },
    problems: ImportProblem[],
    ignoredColumns: string[],
  ): Promise<void> {
    await m.query(
      `UPDATE csv_imports SET status = 'completed', processed_rows = total_rows, created = $2, updated = $3, unchanged = $4, rejected = $5,
              errors = $6, finished_at = now(), content = ''::bytea WHERE id = $1`,
      [id, counts.created, counts.updated, counts.unchanged, counts.rejected, JSON.stringify({ problems: [...problems].sort((a, b) => a.line - b.line).slice(0, MAX_REPORTED_PROBLEMS), ignoredColumns })],
    );
  }
}
