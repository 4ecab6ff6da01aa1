import { EntityManager } from 'typeorm';
import { Actor, AuditEntry, Sql } from '@fairops/core';
import { CsvImportView, ImportKind, ImportOptions, ImportProblem } from './csv-imports.repository';
import { ImportsErrorCode } from './imports.errors';

/** Who asked for the import, as its audit entries name them; null for the system. */
export type ImportActor = Pick<Actor, 'id' | 'role'> | null;

export interface FieldProblem {
  field: string;
  reason: string;
}

/** A row as a configuration judged it: its value when valid, else its problems. */
export interface RowVerdict<Row> {
  /** A new object for each row: the pipeline adds the row's line to it. */
  value: Row | null;
  problems: FieldProblem[];
  /** The natural key of a valid row, and the field to blame when a later line repeats it. */
  key?: { key: string; field: string };
}

/** What the merge hook receives: the valid rows of the file (each with its line), in one transaction. */
export interface MergeBatch<Row, Column extends string> {
  importId: string;
  editionId: string;
  actor: ImportActor;
  /** `CSV import <id>`: the reason of every audit entry the import writes. */
  reason: string;
  /** Every valid row, checked (reading it checks the rows not yet checked). */
  readonly rows: Array<Row & { line: number }>;
  /**
   * The same rows, each checked as it is reached: a merge that writes them as they come (a COPY) writes
   * the first while the file's later rows are still being checked. Each row is checked once either way.
   */
  rowsAsChecked(): Iterable<Row & { line: number }>;
  /** The columns the file has: a column it lacks leaves that field as it is. */
  columns: Column[];
  /** Records how many rows are merged so far (outside the transaction, so that readers see it). */
  progress(done: number): Promise<void>;
  /** What the request asked besides the rows (e.g. `sendTickets`). */
  options: ImportOptions;
}

/** An audit entry of a merged row; the pipeline adds the edition, actor and reason. */
export type MergeAudit = Pick<AuditEntry, 'action' | 'entityType' | 'entityId' | 'before' | 'after'>;

export interface MergeOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows the merge refused (a key taken, a quota reached): their lines and problems. */
  rejectedLines: number;
  problems: ImportProblem[];
  /** Entries the pipeline records through AuditService.recordMany (empty when the write path audits itself). */
  audit: MergeAudit[];
  /**
   * Or the entries as a statement over the merge's own tables (AuditService.recordFrom: columns action,
   * entity_type, entity_id, before, after), so that thousands of snapshots stay in PostgreSQL.
   */
  auditFrom?: Sql;
}

/**
 * One import as a configuration of the pipeline: which file columns it reads, how a row is checked,
 * and how valid rows are merged (set-based, by the library that owns the table).
 */
export interface CsvImportConfig<Column extends string, Row, Context = void> {
  kind: ImportKind;
  job: 'exhibitors.import' | 'attendees.import';
  notFound: { code: ImportsErrorCode; what: string };
  /** Advisory lock name: one import of this kind per edition at a time. */
  lockKey: string;
  /** Header names accepted for each column, as `foldKey` gives them; the first is the one reports name. */
  headers: Record<Column, readonly string[]>;
  required: readonly Column[];
  /** The missing-columns message lists the expected columns. */
  hintExpectedColumns?: boolean;
  /** A header naming the same column twice is refused (else the last one wins). */
  refuseDuplicateColumns?: boolean;
  /** A row with non-empty cells past the header's columns is rejected. */
  refuseExtraCells?: boolean;
  /** Cells are trimmed before they are checked. */
  trimCells?: boolean;
  /** What validating needs from the database, read in the import's transaction after the lock. */
  context(m: EntityManager, editionId: string): Promise<Context>;
  /** Checks one row's cells (a column the file lacks is undefined). */
  validate(raw: Partial<Record<Column, string>>, context: Context): RowVerdict<Row>;
  merge(m: EntityManager, batch: MergeBatch<Row, Column>, context: Context): Promise<MergeOutcome>;
}

export type { CsvImportView };
