import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, JobProducer, inTransaction, sqlRows } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { CsvError, decodeCsv, parseCsv, unguardCell } from './csv';
import { ExhibitorFields, checkExhibitorFields } from './exhibitor-fields';
import { ExhibitorErrors } from './exhibitors.errors';
import { CsvImportStore, CsvImportView, ImportProblem } from './csv-import-store';
import { FIELD_COLUMNS } from './exhibitors.repository';
import { normaliseFields } from './exhibitors.service';

/** An exhibitors import's status and report. */
export type ExhibitorImportView = CsvImportView;

type Field = keyof ExhibitorFields;

/** Header names accepted for each field, folded (lower case, no accents, `_` for spaces and dashes). */
const HEADER_ALIASES: Record<Field, string[]> = {
  ref: ['ref', 'reference', 'external_ref', 'id_externe'],
  name: ['name', 'nom', 'company', 'entreprise', 'societe', 'nom_commercial'],
  legalName: ['legal_name', 'raison_sociale', 'denomination', 'denomination_legale'],
  country: ['country', 'pays', 'country_code', 'code_pays'],
  city: ['city', 'ville'],
  sector: ['sector', 'secteur', "secteur_d'activite", 'secteur_activite'],
  website: ['website', 'site', 'site_web', 'url', 'web'],
  description: ['description'],
  contactName: ['contact_name', 'contact', 'nom_contact', 'nom_du_contact'],
  contactEmail: ['contact_email', 'email', 'e_mail', 'courriel'],
  contactPhone: ['contact_phone', 'phone', 'telephone', 'tel'],
};
const REQUIRED_HEADERS: Field[] = ['name', 'country', 'sector'];

/** Sector labels a French or English spreadsheet may use, folded, to their codes. */
const SECTOR_ALIASES: Record<string, string> = {
  contact_center: 'contact_centre',
  call_centre: 'contact_centre',
  call_center: 'contact_centre',
  centre_de_contacts: 'contact_centre',
  "centre_d'appels": 'contact_centre',
  centre_de_relation_client: 'contact_centre',
  it: 'it_services',
  informatique: 'it_services',
  services_informatiques: 'it_services',
  recrutement: 'recruitment',
  formation: 'training',
  institution_publique: 'public_institution',
  editeur_de_logiciels: 'solution_vendor',
  editeur_de_solutions: 'solution_vendor',
  software: 'solution_vendor',
  equipement_telecom: 'telecom_equipment',
  equipementier_telecom: 'telecom_equipment',
  telecom: 'telecom_equipment',
  mobilier: 'furniture',
  autre: 'other',
};

/** Headers and keys folded: no accents, lower case, `_` for spaces and dashes (ASCII text skips the Unicode step). */
const fold = (s: string) =>
  (/^[ -~]*$/.test(s) ? s : s.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

const STAGING_BATCH = 5000;

interface ValidRow extends ExhibitorFields {
  line: number;
}

/**
 * CSV import of exhibitors as a job. Rows are validated one by one; valid rows are merged in one
 * transaction by their natural key (the ref when given, else name and country), so importing the same
 * file again changes nothing. A file that cannot be read as CSV with a usable header writes nothing.
 */
@Injectable()
export class ExhibitorImportService {
  private readonly logger = new Logger(ExhibitorImportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly producer: JobProducer,
    private readonly store: CsvImportStore,
  ) {}

  async request(editionId: string | undefined, file: { name: string | null; content: Buffer }, by: Actor): Promise<ExhibitorImportView> {
    const edition = await this.editions.resolveId(editionId);
    return inTransaction(this.dataSource, async (m) => {
      const id = await this.store.create(m, 'exhibitors', edition, by.id, file);
      await this.producer.enqueue(m, 'exhibitors.import', { importId: id });
      return (await this.store.find(m, id, 'exhibitors'))!;
    });
  }

  async get(id: string): Promise<ExhibitorImportView> {
    const found = await this.store.find(this.dataSource, id, 'exhibitors');
    if (!found) throw ExhibitorErrors.importNotFound(id);
    return found;
  }

  /** The job. Idempotent: a finished import is left as it is; a crashed run starts again from nothing. */
  async run(importId: string): Promise<ExhibitorImportView> {
    const claimed = await this.store.claim(importId);
    if (!claimed) return this.get(importId);

    let parsed: { rows: ValidRow[]; problems: ImportProblem[]; rejectedLines: number; total: number; columns: Field[]; ignored: string[] };
    try {
      parsed = this.parse(claimed.content);
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      await this.store.fail(importId, error.message);
      return this.get(importId);
    }
    await this.store.setTotal(importId, parsed.total);

    const actor = { id: claimed.requestedBy, role: claimed.role };
    await inTransaction(this.dataSource, async (m) => {
      // One import at a time per edition: two merges of overlapping files would race on the natural keys.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('exhibitor-import:' || $1))`, [claimed.editionId]);
      const counts = await this.merge(m, importId, claimed.editionId, parsed.rows, parsed.columns, actor);
      await this.store.complete(
        m,
        importId,
        { created: counts.created, updated: counts.updated, unchanged: counts.unchanged, rejected: parsed.rejectedLines + counts.rejectedLines },
        [...parsed.problems, ...counts.problems],
        parsed.ignored,
      );
    });
    const result = await this.get(importId);
    this.logger.log({ importId, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected }, 'exhibitor import completed');
    return result;
  }

  /** Marks an import failed after its job gave up (the last attempt threw). */
  async markFailed(importId: string, reason: string): Promise<void> {
    await this.store.fail(importId, reason);
  }

  private parse(content: Buffer) {
    const records = parseCsv(decodeCsv(content));
    if (records.length === 0) throw new CsvError('the file is empty');
    const header = records[0].fields.map((h) => fold(h));
    const columns: Array<Field | null> = header.map((h) => (Object.keys(HEADER_ALIASES) as Field[]).find((f) => HEADER_ALIASES[f].includes(h)) ?? null);
    const missing = REQUIRED_HEADERS.filter((f) => !columns.includes(f));
    if (missing.length) {
      throw new CsvError(
        `no usable header on line ${records[0].line}: the columns ${missing.map((f) => HEADER_ALIASES[f][0]).join(', ')} are missing (expected e.g. ${Object.values(HEADER_ALIASES).map((a) => a[0]).join(', ')})`,
      );
    }
    const duplicated = columns.filter((c, i) => c && columns.indexOf(c) !== i);
    if (duplicated.length) throw new CsvError(`the column ${HEADER_ALIASES[duplicated[0]!][0]} appears twice in the header`);
    const ignored = records[0].fields.filter((_, i) => columns[i] === null && records[0].fields[i].trim() !== '');

    const rows: ValidRow[] = [];
    const problems: ImportProblem[] = [];
    let rejectedLines = 0;
    const seen = new Map<string, number>();
    for (const record of records.slice(1)) {
      const raw: Partial<Record<Field, string>> = {};
      columns.forEach((field, i) => {
        if (field) raw[field] = unguardCell(record.fields[i] ?? '');
      });
      const fields = normaliseFields(raw as Partial<ExhibitorFields>);
      if (typeof fields.sector === 'string') {
        const code = fold(fields.sector);
        fields.sector = (SECTOR_ALIASES[code] ?? code) as ExhibitorFields['sector'];
      }
      const rowProblems = checkExhibitorFields(fields, true).map((p) => ({ line: record.line, field: p.field, reason: p.reason }));
      if (record.fields.length > columns.length && record.fields.slice(columns.length).some((v) => v.trim() !== '')) {
        rowProblems.push({ line: record.line, field: '(row)', reason: `has ${record.fields.length} fields; the header has ${columns.length}` });
      }
      if (rowProblems.length === 0) {
        const key = fields.ref ? `ref:${fields.ref}` : `name:${fold(fields.name!)}|${fields.country}`;
        const first = seen.get(key);
        if (first !== undefined) rowProblems.push({ line: record.line, field: fields.ref ? 'ref' : 'name', reason: `duplicates line ${first}` });
        else seen.set(key, record.line);
      }
      if (rowProblems.length) {
        rejectedLines++;
        problems.push(...rowProblems);
      } else {
        rows.push({ ...(fields as ExhibitorFields), line: record.line });
      }
    }
    return { rows, problems, rejectedLines, total: records.length - 1, columns: columns.filter((c): c is Field => c !== null), ignored };
  }

  /** Stages the valid rows in a temporary table, then inserts, updates and audits them in a few statements. */
  private async merge(m: EntityManager, importId: string, editionId: string, rows: ValidRow[], columns: Field[], actor: { id: string | null; role: string }) {
    const fields = Object.keys(FIELD_COLUMNS) as Field[];
    await m.query(`
      CREATE TEMP TABLE import_rows (
        line integer, ${fields.map((f) => `${FIELD_COLUMNS[f]} text`).join(', ')},
        existing_id uuid, rejected_reason text, rejected_field text
      ) ON COMMIT DROP`);
    for (let i = 0; i < rows.length; i += STAGING_BATCH) {
      const batch = rows.slice(i, i + STAGING_BATCH);
      await m.query(
        `INSERT INTO import_rows (line, ${fields.map((f) => FIELD_COLUMNS[f]).join(', ')})
         SELECT * FROM unnest($1::int[], ${fields.map((_, k) => `$${k + 2}::text[]`).join(', ')})`,
        [batch.map((r) => r.line), ...fields.map((f) => batch.map((r) => r[f] ?? null))],
      );
      await this.store.setProgress(importId, Math.min(i + STAGING_BATCH, rows.length));
    }
    // Match by ref, then by name and country.
    await m.query(
      `UPDATE import_rows r SET existing_id = e.id FROM exhibitors e WHERE r.ref IS NOT NULL AND e.edition_id = $1 AND e.ref = r.ref`,
      [editionId],
    );
    await m.query(
      `UPDATE import_rows r
          SET existing_id = CASE WHEN e.ref IS NOT NULL AND r.ref IS NOT NULL AND e.ref <> r.ref THEN NULL ELSE e.id END,
              rejected_field = CASE WHEN e.ref IS NOT NULL AND r.ref IS NOT NULL AND e.ref <> r.ref THEN 'ref' END,
              rejected_reason = CASE WHEN e.ref IS NOT NULL AND r.ref IS NOT NULL AND e.ref <> r.ref
                                     THEN 'an exhibitor with this name and country already has the ref ' || e.ref END
         FROM exhibitors e
        WHERE r.existing_id IS NULL AND e.edition_id = $1 AND fold(e.name) = fold(r.name) AND e.country = r.country`,
      [editionId],
    );
    // A row matched by ref that would take the name and country of another exhibitor.
    await m.query(
      `UPDATE import_rows r SET rejected_field = 'name', rejected_reason = 'another exhibitor already has this name and country'
         FROM exhibitors e
        WHERE r.rejected_reason IS NULL AND e.edition_id = $1 AND fold(e.name) = fold(r.name) AND e.country = r.country
          AND e.id IS DISTINCT FROM r.existing_id`,
      [editionId],
    );
    const set = columns.filter((f) => f !== 'ref');
    // A missing ref column keeps the refs exhibitors have.
    const assignments = [...set.map((f) => `${FIELD_COLUMNS[f]} = r.${FIELD_COLUMNS[f]}`), ...(columns.includes('ref') ? ['ref = coalesce(r.ref, e.ref)'] : [])];
    const differs = `(${set.map((f) => `e.${FIELD_COLUMNS[f]}`).join(', ')}${columns.includes('ref') ? ', e.ref' : ''})
      IS DISTINCT FROM (${set.map((f) => `r.${FIELD_COLUMNS[f]}${f === 'country' ? '::char(2)' : ''}`).join(', ')}${columns.includes('ref') ? ', coalesce(r.ref, e.ref)' : ''})`;
    const auditColumns = `edition_id, actor_user_id, actor_role, action, entity_type, entity_id, before, after, reason`;

    const updated = await sqlRows<{ id: string }>(
      m,
      `WITH changed AS (
         SELECT r.*, to_jsonb(e) - 'search_text' AS before
           FROM import_rows r JOIN exhibitors e ON e.id = r.existing_id
          WHERE r.rejected_reason IS NULL AND ${differs}
       ), upd AS (
         UPDATE exhibitors e SET ${assignments.join(', ')}, updated_at = now()
           FROM changed r WHERE e.id = r.existing_id
         RETURNING e.id, to_jsonb(e) - 'search_text' AS after
       )
       INSERT INTO audit_log (${auditColumns})
       SELECT $1, $2, $3, 'exhibitor.updated', 'exhibitor', upd.id, c.before, upd.after, 'CSV import ' || $4
         FROM upd JOIN changed c ON c.existing_id = upd.id
       RETURNING entity_id AS id`,
      [editionId, actor.id, actor.role, importId],
    );
    const insertColumns = fields.map((f) => FIELD_COLUMNS[f]);
    const created = await sqlRows<{ id: string }>(
      m,
      `WITH ins AS (
         INSERT INTO exhibitors (edition_id, ${insertColumns.join(', ')})
         SELECT $1, ${insertColumns.map((c) => (c === 'country' ? `r.${c}::char(2)` : `r.${c}`)).join(', ')}
           FROM import_rows r WHERE r.existing_id IS NULL AND r.rejected_reason IS NULL ORDER BY r.line
         RETURNING id, to_jsonb(exhibitors) - 'search_text' AS after
       )
       INSERT INTO audit_log (${auditColumns})
       SELECT $1, $2, $3, 'exhibitor.created', 'exhibitor', ins.id, NULL, ins.after, 'CSV import ' || $4 FROM ins
       RETURNING entity_id AS id`,
      [editionId, actor.id, actor.role, importId],
    );
    const rejected = await sqlRows<{ line: number; field: string; reason: string }>(
      m,
      `SELECT line, rejected_field AS field, rejected_reason AS reason FROM import_rows WHERE rejected_reason IS NOT NULL ORDER BY line`,
    );
    const matched = rows.length - rejected.length - created.length;
    return {
      created: created.length,
      updated: updated.length,
      unchanged: matched - updated.length,
      rejectedLines: rejected.length,
      problems: rejected as ImportProblem[],
    };
  }
}
