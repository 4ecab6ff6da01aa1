import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, DomainError, JobProducer, Role, inTransaction, rows as runSql, sql, textIssue } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { CsvError, CsvImportStore, CsvImportView, ImportProblem, decodeCsv, exhibitorRefs, parseCsv, unguardCell } from '@fairops/exhibitors';
import { AttendeeInput, AuditActor, checkAttendee, normaliseAttendee } from './attendee-fields';
import { AttendeesService, WriteOutcome } from './attendees.service';
import { AttendeesRepository } from './attendees.repository';
import { AttendeeErrors } from './attendees.errors';
import { CATEGORIES } from './badge-code';

type Column = 'category' | 'firstName' | 'lastName' | 'organisation' | 'jobTitle' | 'country' | 'email' | 'phone' | 'days' | 'consent' | 'exhibitor';

/** Header names accepted for each column, folded (lower case, no accents, `_` for spaces and dashes). */
const HEADERS: Record<Column, string[]> = {
  category: ['category', 'categorie', 'type'],
  firstName: ['first_name', 'firstname', 'prenom', 'given_name'],
  lastName: ['last_name', 'lastname', 'nom', 'family_name', 'surname'],
  organisation: ['organisation', 'organization', 'societe', 'entreprise', 'company'],
  jobTitle: ['job_title', 'fonction', 'poste', 'title'],
  country: ['country', 'pays'],
  email: ['email', 'e_mail', 'courriel'],
  phone: ['phone', 'telephone', 'tel', 'mobile'],
  days: ['days', 'jours', 'fair_days'],
  consent: ['consent', 'consentement', 'consent_share_contact'],
  exhibitor: ['exhibitor', 'exposant', 'exhibitor_ref'],
};
const REQUIRED: Column[] = ['firstName', 'lastName'];
const YES = ['yes', 'oui', 'true', '1', 'y', 'o'];
const NO = ['no', 'non', 'false', '0', 'n', ''];

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * CSV import of attendees as a job, on the exhibitors' import machinery (the same stored upload,
 * claim, progress and report). Rows are matched by email, else by name, organisation and category, so
 * importing the same file again changes nothing. Staff rows name their exhibitor by ref or name and
 * count against its quota like any other addition. Rows are written through AttendeesService (create and
 * applyChange), the same path as the API's, so a changed category or days revokes the old badge. A column
 * the file does not have leaves that field as it is.
 */
@Injectable()
export class AttendeeImportService {
  private readonly logger = new Logger(AttendeeImportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly producer: JobProducer,
    private readonly store: CsvImportStore,
    private readonly attendees: AttendeesService,
    private readonly repository: AttendeesRepository,
  ) {}

  async request(editionId: string | undefined, file: { name: string | null; content: Buffer }, by: Actor): Promise<CsvImportView> {
    const edition = await this.editions.resolveId(editionId);
    return inTransaction(this.dataSource, async (m) => {
      const id = await this.store.create(m, 'attendees', edition, by.id, file);
      await this.producer.enqueue(m, 'attendees.import', { importId: id });
      return (await this.store.find(m, id, 'attendees'))!;
    });
  }

  async get(id: string): Promise<CsvImportView> {
    const found = await this.store.find(this.dataSource, id, 'attendees');
    if (!found) throw AttendeeErrors.importNotFound(id);
    return found;
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.store.fail(id, reason);
  }

  /** The job. Idempotent like the exhibitors': a finished import is left alone, a crashed one starts over. */
  async run(importId: string): Promise<CsvImportView> {
    const claimed = await this.store.claim(importId);
    if (!claimed) return this.get(importId);
    let records: ReturnType<typeof parseCsv>;
    let columns: Array<Column | null>;
    try {
      records = parseCsv(decodeCsv(claimed.content));
      if (records.length === 0) throw new CsvError('the file is empty');
      columns = records[0].fields.map((h) => (Object.keys(HEADERS) as Column[]).find((c) => HEADERS[c].includes(fold(h))) ?? null);
      const missing = REQUIRED.filter((c) => !columns.includes(c));
      if (missing.length) throw new CsvError(`no usable header on line ${records[0].line}: the columns ${missing.map((c) => HEADERS[c][0]).join(', ')} are missing`);
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      await this.store.fail(importId, error.message);
      return this.get(importId);
    }
    const ignored = records[0].fields.filter((h, i) => columns[i] === null && h.trim() !== '');
    const rows = records.slice(1);
    await this.store.setTotal(importId, rows.length);
    const edition = await this.editions.load(claimed.editionId);
    const editionDays = edition.days.map((d) => d.day).sort();

    await inTransaction(this.dataSource, async (m) => {
      await this.repository.lockImports(m, claimed.editionId);
      const exhibitors = await exhibitorRefs(m, claimed.editionId);
      const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
      const problems: ImportProblem[] = [];
      const seen = new Map<string, number>();
      const accepted: Array<{ line: number; input: Partial<AttendeeInput> }> = [];
      const by: AuditActor | null = claimed.requestedBy ? { id: claimed.requestedBy, role: claimed.role as Role } : null;
      for (const record of rows) {
        const { input, problems: rowProblems } = readRow(record, columns, editionDays, exhibitors);
        if (!rowProblems.length) {
          const key = input.email ? `email:${input.email}` : `name:${fold(input.firstName!)}|${fold(input.lastName!)}|${fold(input.organisation ?? '')}|${input.category ?? 'visitor'}`;
          if (seen.has(key)) rowProblems.push({ line: record.line, field: input.email ? 'email' : 'lastName', reason: `duplicates line ${seen.get(key)}` });
          else seen.set(key, record.line);
        }
        if (rowProblems.length) {
          counts.rejected++;
          problems.push(...rowProblems);
          continue;
        }
        accepted.push({ line: record.line, input });
      }
      await this.store.setProgress(importId, rows.length);
      const outcomes = await this.merge(m, claimed.editionId, accepted.map((a) => a.input), by, `CSV import ${importId}`);
      for (const [i, outcome] of outcomes.entries()) {
        if (typeof outcome === 'string') counts[outcome]++;
        else {
          counts.rejected++;
          problems.push(...outcome.map((p) => ({ line: accepted[i].line, ...p })));
        }
      }
      problems.sort((a, b) => a.line - b.line);
      await this.store.complete(m, importId, counts, problems, ignored);
    });
    const result = await this.get(importId);
    this.logger.log({ importId, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected }, 'attendee import completed');
    return result;
  }

  /**
   * The valid rows through the attendees' own write path, set-based: the rows that match an attendee
   * are changed in one batch (the badge rule of PATCH: a changed category or days revokes the old
   * code), the others created in one statement. A row the service refuses (invalid once merged, erased)
   * is rejected. When the database refuses the batch (a staff quota reached, an email taken meanwhile),
   * it is rolled back and the rows go one by one, in file order, so that only the rows at fault are
   * rejected, as they would be one after the other.
   */
  private async merge(m: EntityManager, editionId: string, inputs: Array<Partial<AttendeeInput>>, by: AuditActor | null, reason: string): Promise<RowOutcome[]> {
    const matches = await this.repository.matches(
      m,
      editionId,
      inputs.map((input) => ({ email: input.email ?? null, firstName: input.firstName!, lastName: input.lastName!, organisation: input.organisation ?? null, category: input.category ?? 'visitor' })),
    );
    const all = inputs.map((input, i) => ({ input, match: matches.get(i) }));
    try {
      return await savepoint(m, () => this.write(m, editionId, all, by, reason));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    const outcomes: RowOutcome[] = [];
    for (const row of all) {
      try {
        outcomes.push(...(await savepoint(m, () => this.write(m, editionId, [row], by, reason))));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push(rejection(error));
      }
    }
    return outcomes;
  }

  private async write(m: EntityManager, editionId: string, all: Array<{ input: Partial<AttendeeInput>; match?: string }>, by: AuditActor | null, reason: string): Promise<RowOutcome[]> {
    const changes = all.flatMap(({ input, match }, at) => (match ? [{ at, change: { id: match, kind: 'update' as const, fields: input, reason } }] : []));
    const creations = all.flatMap(({ input, match }, at) => (match ? [] : [{ at, input: { ...input, category: input.category ?? 'visitor' } as AttendeeInput }]));
    const changed = await this.attendees.applyChanges(m, changes.map((c) => c.change), by);
    const created = await this.attendees.createMany(m, editionId, creations.map((c) => c.input), by, 'import', reason);
    const outcomes: RowOutcome[] = [];
    changes.forEach((c, i) => (outcomes[c.at] = outcomeOf(changed[i], 'updated')));
    creations.forEach((c, i) => (outcomes[c.at] = outcomeOf(created[i], 'created')));
    return outcomes;
  }
}

type RowOutcome = 'created' | 'updated' | 'unchanged' | Array<{ field: string; reason: string }>;

function outcomeOf(outcome: WriteOutcome, done: 'created' | 'updated'): RowOutcome {
  if (outcome.refused) return rejection(outcome.refused);
  return outcome.changed ? done : 'unchanged';
}

/** Why a row is rejected, in the words of the import's report. */
function rejection(error: DomainError): RowOutcome {
  if (error.code === 'staff_quota_reached') return [{ field: 'exhibitor', reason: "the exhibitor's staff badge quota is reached" }];
  if (error.code === 'registration_refused') return [{ field: 'email', reason: 'another attendee has this email' }];
  if (Array.isArray(error.details)) return (error.details as Array<{ field: string; reasons: string[] }>).map((i) => ({ field: i.field, reason: i.reasons.join(', ') }));
  return [{ field: '(row)', reason: error.message }];
}

/** `work` inside a savepoint of `m`'s transaction: what it wrote is undone if it throws. */
async function savepoint<T>(m: EntityManager, work: () => Promise<T>): Promise<T> {
  await runSql(m, sql`SAVEPOINT attendee_rows`);
  try {
    const result = await work();
    await runSql(m, sql`RELEASE SAVEPOINT attendee_rows`);
    return result;
  } catch (error) {
    await runSql(m, sql`ROLLBACK TO SAVEPOINT attendee_rows`);
    throw error;
  }
}

/** One line of the file as an attendee's fields, with every problem found in it on its own. */
function readRow(
  record: { line: number; fields: string[] },
  columns: ReadonlyArray<Column | null>,
  editionDays: string[],
  exhibitors: ReadonlyArray<{ id: string; ref: string | null; name: string }>,
): { input: Partial<AttendeeInput>; problems: ImportProblem[] } {
  // A column the file lacks stays undefined (the field is left as it is); an empty cell is a value (none).
  const raw: Partial<Record<Column, string>> = {};
  columns.forEach((c, i) => c && (raw[c] = unguardCell(record.fields[i] ?? '').trim()));
  const rowProblems: ImportProblem[] = [];
  // The API's rule for text (no control characters in a name), which the file never passed through.
  for (const [column, value] of Object.entries(raw)) {
    const issue = textIssue(value, column);
    if (issue) rowProblems.push({ line: record.line, field: column, reason: issue });
  }
  const category = raw.category === undefined ? undefined : ((raw.category ? fold(raw.category) : 'visitor') as AttendeeInput['category']);
  const consent = raw.consent === undefined ? undefined : YES.includes(fold(raw.consent)) ? true : NO.includes(fold(raw.consent)) ? false : null;
  if (consent === null) rowProblems.push({ line: record.line, field: 'consent', reason: 'must be yes or no (oui / non)' });
  const days = raw.days === undefined ? undefined : raw.days ? raw.days.split(/[\s,;|]+/).filter(Boolean) : editionDays;
  let exhibitorId: string | null | undefined = raw.exhibitor === undefined ? undefined : null;
  if (raw.exhibitor) {
    const key = fold(raw.exhibitor);
    const found = exhibitors.find((e) => (e.ref && fold(e.ref) === key) || fold(e.name) === key);
    if (found) exhibitorId = found.id;
    else rowProblems.push({ line: record.line, field: 'exhibitor', reason: `"${raw.exhibitor}" is no exhibitor of this edition (give its ref or name)` });
  }
  const input = normaliseAttendee({
    category,
    firstName: raw.firstName ?? '',
    lastName: raw.lastName ?? '',
    organisation: raw.organisation,
    jobTitle: raw.jobTitle,
    country: raw.country,
    email: raw.email,
    phone: raw.phone,
    exhibitorId,
    days,
    ...(consent !== undefined && consent !== null ? { consentShareContact: consent } : {}),
  } as Partial<AttendeeInput>);
  if (category !== undefined && !(CATEGORIES as readonly string[]).includes(category)) rowProblems.push({ line: record.line, field: 'category', reason: `must be one of ${CATEGORIES.join(', ')}` });
  else for (const issue of checkAttendee(input, editionDays)) rowProblems.push({ line: record.line, field: issue.field, reason: issue.reasons.join(', ') });
  return { input, problems: rowProblems };
}
