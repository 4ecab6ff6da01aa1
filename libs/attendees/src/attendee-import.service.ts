import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, DomainError, JobProducer, Role, inTransaction, sqlRows } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { CsvError, CsvImportStore, CsvImportView, ImportProblem, decodeCsv, parseCsv, unguardCell } from '@fairops/exhibitors';
import { AttendeeInput, AttendeesService, AuditActor, checkAttendee, normaliseAttendee } from './attendees.service';
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
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('attendee-import:' || $1))`, [claimed.editionId]);
      const exhibitors = await sqlRows<{ id: string; ref: string | null; name: string }>(m, `SELECT id, ref, name FROM exhibitors WHERE edition_id = $1`, [claimed.editionId]);
      const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
      const problems: ImportProblem[] = [];
      const seen = new Map<string, number>();
      const by: AuditActor | null = claimed.requestedBy ? { id: claimed.requestedBy, role: claimed.role as Role } : null;
      for (const [index, record] of rows.entries()) {
        // A column the file lacks stays undefined (the field is left as it is); an empty cell is a value (none).
        const raw: Partial<Record<Column, string>> = {};
        columns.forEach((c, i) => c && (raw[c] = unguardCell(record.fields[i] ?? '').trim()));
        const rowProblems: ImportProblem[] = [];
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
        const outcome = await this.upsert(m, claimed.editionId, input, by, `CSV import ${importId}`);
        if (typeof outcome === 'string') counts[outcome]++;
        else {
          counts.rejected++;
          problems.push(...outcome.map((p) => ({ line: record.line, ...p })));
        }
        if ((index + 1) % 200 === 0) await this.store.setProgress(importId, index + 1);
      }
      await this.store.complete(m, importId, counts, problems, ignored);
    });
    const result = await this.get(importId);
    this.logger.log({ importId, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected }, 'attendee import completed');
    return result;
  }

  /**
   * One row through the attendees' own write path: created, changed where a value differs, or left
   * alone. A row the service refuses (quota, email taken, invalid once merged) is rejected, not fatal.
   */
  private async upsert(m: EntityManager, editionId: string, input: Partial<AttendeeInput>, by: AuditActor | null, reason: string): Promise<'created' | 'updated' | 'unchanged' | Array<{ field: string; reason: string }>> {
    const existing = await this.attendees.findMatch(m, editionId, {
      email: input.email ?? null,
      firstName: input.firstName!,
      lastName: input.lastName!,
      organisation: input.organisation ?? null,
      category: input.category ?? 'visitor',
    });
    await m.query('SAVEPOINT attendee_row');
    try {
      let outcome: 'created' | 'updated' | 'unchanged';
      if (!existing) {
        await this.attendees.create(editionId, { ...input, category: input.category ?? 'visitor' } as AttendeeInput, by, 'import', m, reason);
        outcome = 'created';
      } else {
        outcome = (await this.attendees.applyChange(m, existing, input, by, { kind: 'update', reason })).changed ? 'updated' : 'unchanged';
      }
      await m.query('RELEASE SAVEPOINT attendee_row');
      return outcome;
    } catch (error) {
      await m.query('ROLLBACK TO SAVEPOINT attendee_row');
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'staff_quota_reached') return [{ field: 'exhibitor', reason: "the exhibitor's staff badge quota is reached" }];
      if (error.code === 'registration_refused') return [{ field: 'email', reason: 'another attendee has this email' }];
      if (Array.isArray(error.details)) return (error.details as Array<{ field: string; reasons: string[] }>).map((i) => ({ field: i.field, reason: i.reasons.join(', ') }));
      return [{ field: '(row)', reason: error.message }];
    }
  }
}
