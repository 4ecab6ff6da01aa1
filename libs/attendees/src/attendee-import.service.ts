import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EditionsService } from '@fairops/editions';
import { ExhibitorImportRepository } from '@fairops/exhibitors';
import { ConfiguredCsvImport, CsvImportConfig, CsvImportPipeline, RowVerdict, fold, foldKey, textProblems } from '@fairops/imports';
import { AttendeeImportRow, mergeAttendeeRows } from './attendee-import-merge';
import { AttendeeInput, checkAttendee, normaliseAttendee } from './attendee-fields';
import { AttendeesRepository } from './attendees.repository';
import { AttendeesService } from './attendees.service';
import { CATEGORIES } from './badge-code';

type Column = 'category' | 'firstName' | 'lastName' | 'organisation' | 'jobTitle' | 'country' | 'email' | 'phone' | 'days' | 'consent' | 'exhibitor';

/** Header names accepted for each column, as `foldKey` gives them (lower case, no accents, `_` for spaces and dashes). */
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
const YES = ['yes', 'oui', 'true', '1', 'y', 'o'];
const NO = ['no', 'non', 'false', '0', 'n', ''];

/** What checking a row needs: the edition's days and its exhibitors by folded ref and name. */
interface AttendeeImportContext {
  editionDays: string[];
  exhibitors: Map<string, string>;
}

/** One row: the API's rules for an attendee, with the file's words for categories, consent, days and exhibitors. */
function validateAttendeeRow(raw: Partial<Record<Column, string>>, context: AttendeeImportContext): RowVerdict<AttendeeImportRow> {
  const problems = textProblems(raw);
  const category = raw.category === undefined ? undefined : ((raw.category ? foldKey(raw.category) : 'visitor') as AttendeeInput['category']);
  const consent = raw.consent === undefined ? undefined : YES.includes(foldKey(raw.consent)) ? true : NO.includes(foldKey(raw.consent)) ? false : null;
  if (consent === null) problems.push({ field: 'consent', reason: 'must be yes or no (oui / non)' });
  const days = raw.days === undefined ? undefined : raw.days ? raw.days.split(/[\s,;|]+/).filter(Boolean) : context.editionDays;
  let exhibitorId: string | null | undefined = raw.exhibitor === undefined ? undefined : null;
  if (raw.exhibitor) {
    exhibitorId = context.exhibitors.get(foldKey(raw.exhibitor)) ?? null;
    if (!exhibitorId) problems.push({ field: 'exhibitor', reason: `"${raw.exhibitor}" is no exhibitor of this edition (give its ref or name)` });
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
  } as AttendeeImportRow);
  if (category !== undefined && !(CATEGORIES as readonly string[]).includes(category)) problems.push({ field: 'category', reason: `must be one of ${CATEGORIES.join(', ')}` });
  else for (const issue of checkAttendee(input, context.editionDays)) problems.push({ field: issue.field, reason: issue.reasons.join(', ') });
  if (problems.length) return { value: null, problems };
  const key = input.email
    ? { key: `email:${input.email}`, field: 'email' }
    : { key: `name:${fold(input.firstName!)}|${fold(input.lastName!)}|${fold(input.organisation ?? '')}|${input.category ?? 'visitor'}`, field: 'lastName' };
  return { value: input, problems, key };
}

/**
 * CSV import of attendees as a job, a configuration of the imports pipeline. Rows are matched by email,
 * else by name, organisation and category, so importing the same file again changes nothing. Staff rows
 * name their exhibitor by ref or name and count against its quota like any other addition. Rows are
 * written through the attendees' own write path, so a changed category or days revokes the old badge.
 * A column the file does not have leaves that field as it is.
 */
@Injectable()
export class AttendeeImportService extends ConfiguredCsvImport<Column, AttendeeImportRow, AttendeeImportContext> {
  readonly config: CsvImportConfig<Column, AttendeeImportRow, AttendeeImportContext> = {
    kind: 'attendees',
    job: 'attendees.import',
    notFound: { code: 'attendee_import_not_found', what: 'attendee import' },
    lockKey: 'attendee-import',
    headers: HEADERS,
    required: ['firstName', 'lastName'],
    trimCells: true,
    context: (m, editionId) => this.context(m, editionId),
    validate: validateAttendeeRow,
    merge: (m, batch) => mergeAttendeeRows(this.attendees, this.repository, m, batch),
  };

  constructor(
    pipeline: CsvImportPipeline,
    private readonly editions: EditionsService,
    private readonly attendees: AttendeesService,
    private readonly repository: AttendeesRepository,
    private readonly exhibitorKeys: ExhibitorImportRepository,
  ) {
    super(pipeline);
  }

  private async context(m: EntityManager, editionId: string): Promise<AttendeeImportContext> {
    const edition = await this.editions.load(editionId, m);
    const exhibitors = new Map<string, string>();
    for (const e of await this.exhibitorKeys.keys(m, editionId)) {
      for (const key of [e.ref, e.name]) if (key && !exhibitors.has(foldKey(key))) exhibitors.set(foldKey(key), e.id);
    }
    return { editionDays: edition.days.map((d) => d.day).sort(), exhibitors };
  }
}
