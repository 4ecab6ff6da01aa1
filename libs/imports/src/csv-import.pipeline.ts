import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService, JobProducer, Role, UsersService, inTransaction, textIssue } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { CsvError, CsvRecord, decodeCsv, parseCsv, unguardCell } from './csv';
import { CsvImportConfig, ImportActor, MergeBatch, MergeOutcome } from './csv-import';
import { CsvImportView, CsvImportsRepository, ImportOptions, ImportProblem } from './csv-imports.repository';
import { ImportsErrors } from './imports.errors';
import { foldKey } from './text';

/** A file read and its header mapped: what the rows are checked against. */
interface ReadFile<Column extends string> {
  records: CsvRecord[];
  /** The column of each header cell, null for a header the import does not know. */
  columns: Array<Column | null>;
  ignored: string[];
}

/** The rows of a file checked one by one: the valid ones and the problems of the others. */
interface CheckedRows<Row> {
  rows: Array<Row & { line: number }>;
  problems: ImportProblem[];
  rejectedLines: number;
}

/**
 * The CSV import pipeline: the upload stored with its request and a job, the job claiming it, the file
 * read (csv-parse) and its header mapped, each row checked, the valid rows merged in one transaction
 * under an advisory lock by the configuration's set-based hook, the audit entries written in one
 * statement, progress and the report recorded. A file that cannot be read as CSV with a usable header
 * writes nothing. Importing the same file again changes nothing (the merges match natural keys).
 */
@Injectable()
export class CsvImportPipeline {
  private readonly logger = new Logger(CsvImportPipeline.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: CsvImportsRepository,
    private readonly producer: JobProducer,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly editions: EditionsService,
  ) {}

  /** Stores the upload for the edition (the current one when none is given) and queues its job. */
  async request<C extends string, R, X>(
    config: CsvImportConfig<C, R, X>,
    editionId: string | undefined,
    file: { name: string | null; content: Buffer },
    by: Actor,
    options: ImportOptions = {},
  ): Promise<CsvImportView> {
    const edition = await this.editions.resolveId(editionId);
    return inTransaction(this.dataSource, async (m) => {
      const id = await this.imports.create(m, config.kind, edition, by.id, file, options);
      await this.producer.enqueue(m, config.job, { importId: id });
      return (await this.imports.find(m, id, config.kind))!;
    });
  }

  async get<C extends string, R, X>(config: CsvImportConfig<C, R, X>, id: string): Promise<CsvImportView> {
    const found = await this.imports.find(this.dataSource, id, config.kind);
    if (!found) throw ImportsErrors.notFound(config.notFound.code, config.notFound.what, id);
    return found;
  }

  /** Marks an import failed after its job gave up (the last attempt threw). */
  async markFailed(id: string, reason: string): Promise<void> {
    await this.imports.fail(id, reason);
  }

  /** The job. Idempotent: a finished import is left as it is; a crashed run starts again from nothing. */
  async run<C extends string, R, X>(config: CsvImportConfig<C, R, X>, importId: string): Promise<CsvImportView> {
    const claimed = await this.imports.claim(importId);
    if (!claimed) return this.get(config, importId);
    let file: ReadFile<C>;
    try {
      file = readFile(config, claimed.content);
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      await this.imports.fail(importId, error.message);
      return this.get(config, importId);
    }
    await this.imports.setTotal(importId, file.records.length - 1);
    const actor = await this.actorOf(claimed.requestedBy);
    await inTransaction(this.dataSource, (m) => this.importRows(m, config, { importId, editionId: claimed.editionId, actor, options: claimed.options }, file));
    const result = await this.get(config, importId);
    const { created, updated, unchanged, rejected } = result;
    this.logger.log({ importId, kind: config.kind, created, updated, unchanged, rejected }, `${config.notFound.what} completed`);
    return result;
  }

  private async importRows<C extends string, R, X>(
    m: EntityManager,
    config: CsvImportConfig<C, R, X>,
    job: { importId: string; editionId: string; actor: ImportActor; options: ImportOptions },
    file: ReadFile<C>,
  ): Promise<void> {
    // One import at a time per edition: two merges of overlapping files would race on the natural keys.
    await this.imports.lock(m, config.lockKey, job.editionId);
    const context = await config.context(m, job.editionId);
    const checked = new RowChecker(config, file, context);
    const reason = `CSV import ${job.importId}`;
    const columns = file.columns.filter((c): c is C => c !== null);
    const progress = (done: number) => this.imports.setProgress(job.importId, done);
    const batch: MergeBatch<R, C> = {
      ...job,
      reason,
      get rows() {
        return checked.all();
      },
      rowsAsChecked: () => checked.asChecked(),
      columns,
      progress,
    };
    const merged: MergeOutcome = await config.merge(m, batch, context);
    checked.all();
    const common = { editionId: job.editionId, actor: job.actor, reason };
    await this.audit.recordMany(m, merged.audit.map((entry) => ({ ...entry, ...common })));
    if (merged.auditFrom) await this.audit.recordFrom(m, merged.auditFrom, common);
    const counts = { created: merged.created, updated: merged.updated, unchanged: merged.unchanged, rejected: checked.rejectedLines + merged.rejectedLines };
    await this.imports.complete(m, job.importId, counts, [...checked.problems, ...merged.problems], file.ignored);
  }

  /** The requester as the audit names them: their role now, or the system when no one is recorded. */
  private async actorOf(requestedBy: string | null): Promise<ImportActor> {
    if (!requestedBy) return null;
    return { id: requestedBy, role: (await this.users.get(requestedBy)).role as Role };
  }
}

/**
 * An import as a service: a configuration of the pipeline with the API's request and status and the job
 * (run, and markFailed when the job gives up). Each import extends it with its `config`.
 */
export abstract class ConfiguredCsvImport<C extends string, R, X = void> {
  abstract readonly config: CsvImportConfig<C, R, X>;

  constructor(protected readonly pipeline: CsvImportPipeline) {}

  request(editionId: string | undefined, file: { name: string | null; content: Buffer }, by: Actor, options: ImportOptions = {}): Promise<CsvImportView> {
    return this.pipeline.request(this.config, editionId, file, by, options);
  }

  get(id: string): Promise<CsvImportView> {
    return this.pipeline.get(this.config, id);
  }

  /** The job. Idempotent: a finished import is left as it is; a crashed run starts again from nothing. */
  run(importId: string): Promise<CsvImportView> {
    return this.pipeline.run(this.config, importId);
  }

  /** Marks an import failed after its job gave up (the last attempt threw). */
  markFailed(importId: string, reason: string): Promise<void> {
    return this.pipeline.markFailed(importId, reason);
  }
}

/** Decodes and parses the file and maps its header; throws CsvError when it has no usable header. */
export function readFile<C extends string, R, X>(config: CsvImportConfig<C, R, X>, content: Buffer | string): ReadFile<C> {
  const records = parseCsv(decodeCsv(content));
  if (records.length === 0) throw new CsvError('the file is empty');
  const header = records[0];
  const known = Object.keys(config.headers) as C[];
  const columns = header.fields.map((h) => {
    const key = foldKey(h);
    return known.find((c) => config.headers[c].includes(key)) ?? null;
  });
  const missing = config.required.filter((c) => !columns.includes(c));
  if (missing.length) {
    const hint = config.hintExpectedColumns ? ` (expected e.g. ${known.map((c) => config.headers[c][0]).join(', ')})` : '';
    throw new CsvError(`no usable header on line ${header.line}: the columns ${missing.map((c) => config.headers[c][0]).join(', ')} are missing${hint}`);
  }
  const duplicated = columns.find((c, i) => c !== null && columns.indexOf(c) !== i);
  if (config.refuseDuplicateColumns && duplicated) throw new CsvError(`the column ${config.headers[duplicated][0]} appears twice in the header`);
  const ignored = header.fields.filter((h, i) => columns[i] === null && h.trim() !== '');
  return { records, columns, ignored };
}

/** Checks every row: the configuration's rules, the API's rule for text, extra cells, repeated keys. */
export function checkRows<C extends string, R, X>(config: CsvImportConfig<C, R, X>, file: ReadFile<C>, context: X): CheckedRows<R> {
  const checker = new RowChecker(config, file, context);
  return { rows: checker.all(), problems: checker.problems, rejectedLines: checker.rejectedLines };
}

/**
 * The rows of a file checked in file order, as they are asked for: `all()` checks the rest at once,
 * `asChecked()` yields the valid rows one by one, checking each when it is reached, so that a merge can
 * write the first rows while the later ones are still being checked. Either way each row is checked
 * once, and the problems and rejected lines are whole when every row has been reached.
 */
class RowChecker<C extends string, R, X> implements CheckedRows<R> {
  readonly rows: Array<R & { line: number }> = [];
  readonly problems: ImportProblem[] = [];
  rejectedLines = 0;
  private readonly seen = new Map<string, number>();
  private next = 1;

  constructor(
    private readonly config: CsvImportConfig<C, R, X>,
    private readonly file: ReadFile<C>,
    private readonly context: X,
  ) {}

  all(): Array<R & { line: number }> {
    while (this.next < this.file.records.length) this.checkNext();
    return this.rows;
  }

  *asChecked(): Generator<R & { line: number }> {
    for (let i = 0; ; i++) {
      while (i >= this.rows.length && this.next < this.file.records.length) this.checkNext();
      if (i >= this.rows.length) return;
      yield this.rows[i];
    }
  }

  private checkNext(): void {
    const { config, file } = this;
    const record = file.records[this.next++];
    const width = file.columns.length;
    const verdict = config.validate(cellsOf(config, file.columns, record), this.context);
    const problems = verdict.problems.length ? verdict.problems.map((p) => ({ line: record.line, ...p })) : [];
    if (config.refuseExtraCells && record.fields.length > width && record.fields.slice(width).some((v) => v.trim() !== '')) {
      problems.push({ line: record.line, field: '(row)', reason: `has ${record.fields.length} fields; the header has ${width}` });
    }
    if (problems.length === 0 && verdict.key) {
      const first = this.seen.get(verdict.key.key);
      if (first !== undefined) problems.push({ line: record.line, field: verdict.key.field, reason: `duplicates line ${first}` });
      else this.seen.set(verdict.key.key, record.line);
    }
    if (problems.length || !verdict.value) {
      this.rejectedLines++;
      this.problems.push(...problems);
    } else {
      // The value is the row's own (validate makes it): it takes its line rather than being copied.
      const row = verdict.value as R & { line: number };
      row.line = record.line;
      this.rows.push(row);
    }
  }
}

/** A row's cells by column, unguarded (an exported file comes back as it left). */
function cellsOf<C extends string, R, X>(config: CsvImportConfig<C, R, X>, columns: Array<C | null>, record: CsvRecord): Partial<Record<C, string>> {
  const raw: Partial<Record<C, string>> = {};
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    if (!column) continue;
    const cell = unguardCell(record.fields[i] ?? '');
    raw[column] = config.trimCells ? cell.trim() : cell;
  }
  return raw;
}

/** The API's rule for text (no control characters; tab and line breaks only where allowed), which the file never passed through. */
export function textProblems(raw: Record<string, string | undefined>): Array<{ field: string; reason: string }> {
  const problems: Array<{ field: string; reason: string }> = [];
  for (const field in raw) {
    const value = raw[field];
    const issue = value === undefined ? undefined : textIssue(value, field);
    if (issue) problems.push({ field, reason: issue });
  }
  return problems;
}
