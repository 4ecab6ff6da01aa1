import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, JobProducer, PG, inTransaction, pgConstraint, pgCode, sqlRows } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { CsvError, CsvImportStore, CsvImportView, ImportProblem, decodeCsv, parseCsv, unguardCell } from '@fairops/exhibitors';
import { AttendeeInput, checkAttendee, normaliseAttendee } from './attendees.service';
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

const COMPARED: Array<[keyof AttendeeInput, string]> = [
  ['category', 'category'],
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['organisation', 'organisation'],
  ['jobTitle', 'job_title'],
  ['country', 'country'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['exhibitorId', 'exhibitor_id'],
  ['days', 'days'],
  ['consentShareContact', 'consent_share_contact'],
];

/**
 * CSV import of attendees as a job, on the exhibitors' import machinery (the same stored upload,
 * claim, progress and report). Rows are matched by email, else by name, organisation and category, so
 * importing the same file again changes nothing. Staff rows name their exhibitor by ref or name and
 * count against its quota like any other addition.
 */
@Injectable()
export class AttendeeImportService {
  private readonly logger = new Logger(AttendeeImportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly producer: JobProducer,
    private readonly store: CsvImportStore,
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
      for (const [index, record] of rows.entries()) {
        const raw: Partial<Record<Column, string>> = {};
        columns.forEach((c, i) => c && (raw[c] = unguardCell(record.fields[i] ?? '').trim()));
        const rowProblems: ImportProblem[] = [];
        const category = (raw.category ? fold(raw.category) : 'visitor') as AttendeeInput['category'];
        const consent = raw.consent === undefined ? undefined : YES.includes(fold(raw.consent)) ? true : NO.includes(fold(raw.consent)) ? false : null;
        if (consent === null) rowProblems.push({ line: record.line, field: 'consent', reason: 'must be yes or no (oui / non)' });
        const days = raw.days ? raw.days.split(/[\s,;|]+/).filter(Boolean) : undefined;
        let exhibitorId: string | null = null;
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
          days: days ?? editionDays,
          ...(consent !== undefined && consent !== null ? { consentShareContact: consent } : {}),
        } as AttendeeInput);
        if (!(CATEGORIES as readonly string[]).includes(category)) rowProblems.push({ line: record.line, field: 'category', reason: `must be one of ${CATEGORIES.join(', ')}` });
        else for (const issue of checkAttendee(input, editionDays)) rowProblems.push({ line: record.line, field: issue.field, reason: issue.reasons.join(', ') });
        const key = input.email ? `email:${input.email}` : `name:${fold(input.firstName)}|${fold(input.lastName)}|${fold(input.organisation ?? '')}|${category}`;
        if (!rowProblems.length && seen.has(key)) rowProblems.push({ line: record.line, field: input.email ? 'email' : 'lastName', reason: `duplicates line ${seen.get(key)}` });
        if (rowProblems.length) {
          counts.rejected++;
          problems.push(...rowProblems);
          continue;
        }
        seen.set(key, record.line);
        const outcome = await this.upsert(m, claimed.editionId, input, claimed.requestedBy);
        if (typeof outcome === 'string') counts[outcome]++;
        else {
          counts.rejected++;
          problems.push({ line: record.line, ...outcome });
        }
        if ((index + 1) % 200 === 0) await this.store.setProgress(importId, index + 1);
      }
      await this.store.complete(m, importId, counts, problems, ignored);
    });
    const result = await this.get(importId);
    this.logger.log({ importId, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected }, 'attendee import completed');
    return result;
  }

  /** One row: insert, update if a value differs, or nothing. A row the database refuses (quota) is rejected, not fatal. */
  private async upsert(m: EntityManager, editionId: string, input: AttendeeInput, by: string | null): Promise<'created' | 'updated' | 'unchanged' | { field: string; reason: string }> {
    const [existing] = await sqlRows<Record<string, unknown> & { id: string }>(
      m,
      input.email
        ? `SELECT id, category, first_name, last_name, organisation, job_title, country, email::text, phone, exhibitor_id, to_json(days) AS days, consent_share_contact
             FROM attendees WHERE edition_id = $1 AND email = $2`
        : `SELECT id, category, first_name, last_name, organisation, job_title, country, email::text, phone, exhibitor_id, to_json(days) AS days, consent_share_contact
             FROM attendees WHERE edition_id = $1 AND email IS NULL AND fold(first_name) = fold($2) AND fold(last_name) = fold($3)
              AND fold(coalesce(organisation, '')) = fold($4) AND category = $5 AND status = 'registered' LIMIT 1`,
      input.email ? [editionId, input.email] : [editionId, input.firstName, input.lastName, input.organisation ?? '', input.category],
    );
    const values = COMPARED.map(([field]) => (field === 'consentShareContact' ? (input.consentShareContact ?? (existing?.consent_share_contact as boolean) ?? false) : (input[field] ?? null)));
    await m.query('SAVEPOINT attendee_row');
    try {
      if (!existing) {
        const [row] = await sqlRows<{ id: string }>(
          m,
          `INSERT INTO attendees (edition_id, source, ${COMPARED.map(([, c]) => c).join(', ')})
           VALUES ($1, 'import', ${COMPARED.map(([f], i) => (f === 'days' ? `$${i + 2}::date[]` : `$${i + 2}`)).join(', ')}) RETURNING id`,
          [editionId, ...values],
        );
        await m.query(`INSERT INTO audit_log (edition_id, actor_user_id, actor_role, action, entity_type, entity_id, reason) VALUES ($1, $2, 'admin', 'attendee.created', 'attendee', $3, 'CSV import')`, [editionId, by, row.id]);
        await m.query('RELEASE SAVEPOINT attendee_row');
        return 'created';
      }
      const same = COMPARED.every(([, column], i) => JSON.stringify(existing[column] ?? null) === JSON.stringify(values[i]));
      if (same) {
        await m.query('RELEASE SAVEPOINT attendee_row');
        return 'unchanged';
      }
      await m.query(
        `UPDATE attendees SET ${COMPARED.map(([f, c], i) => `${c} = $${i + 2}${f === 'days' ? '::date[]' : ''}`).join(', ')}, updated_at = now() WHERE id = $1`,
        [existing.id, ...values],
      );
      await m.query(`INSERT INTO audit_log (edition_id, actor_user_id, actor_role, action, entity_type, entity_id, reason) VALUES ($1, $2, 'admin', 'attendee.updated', 'attendee', $3, 'CSV import')`, [editionId, by, existing.id]);
      await m.query('RELEASE SAVEPOINT attendee_row');
      return 'updated';
    } catch (error) {
      await m.query('ROLLBACK TO SAVEPOINT attendee_row');
      if (pgCode(error) === PG.checkViolation && pgConstraint(error) === 'attendees_staff_quota') return { field: 'exhibitor', reason: "the exhibitor's staff badge quota is reached" };
      if (pgCode(error) === PG.uniqueViolation) return { field: 'email', reason: 'another attendee has this email' };
      throw error;
    }
  }
}
