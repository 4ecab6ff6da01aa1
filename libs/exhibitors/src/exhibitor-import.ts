import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@fairops/core';
import { ConfiguredCsvImport, CsvImportConfig, CsvImportPipeline, CsvImportView, MergeBatch, MergeOutcome, RowVerdict, fold, foldKey, textProblems } from '@fairops/imports';
import { ExhibitorFields, checkExhibitorFields } from './exhibitor-fields';
import { ExhibitorImportRepository } from './exhibitor-import.repository';
import { normaliseFields } from './exhibitors.service';

/** An exhibitors import's status and report. */
export type ExhibitorImportView = CsvImportView;

type Field = keyof ExhibitorFields;

/** Header names accepted for each field, as `foldKey` gives them (lower case, no accents, `_` for spaces and dashes). */
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

/** One row: the API's rules for an exhibitor (normalised the same way), sector labels mapped to codes. */
function validateExhibitorRow(raw: Partial<Record<Field, string>>): RowVerdict<ExhibitorFields> {
  const fields = normaliseFields(raw as Partial<ExhibitorFields>);
  if (typeof fields.sector === 'string') {
    const code = foldKey(fields.sector);
    fields.sector = (SECTOR_ALIASES[code] ?? code) as ExhibitorFields['sector'];
  }
  const problems = [...checkExhibitorFields(fields, true), ...textProblems(raw)];
  if (problems.length) return { value: null, problems };
  // The natural key: the ref when given, else the name (as the database folds it) and the country.
  const key = fields.ref ? { key: `ref:${fields.ref}`, field: 'ref' } : { key: `name:${fold(fields.name!).trim()}|${fields.country}`, field: 'name' };
  return { value: fields as ExhibitorFields, problems, key };
}

/**
 * CSV import of exhibitors as a job, a configuration of the imports pipeline. Valid rows are merged in
 * one transaction by their natural key (the ref when given, else name and country), so importing the
 * same file again changes nothing.
 */
@Injectable()
export class ExhibitorImportService extends ConfiguredCsvImport<Field, ExhibitorFields> {
  readonly config: CsvImportConfig<Field, ExhibitorFields> = {
    kind: 'exhibitors',
    job: 'exhibitors.import',
    notFound: { code: 'exhibitor_import_not_found', what: 'exhibitor import' },
    lockKey: 'exhibitor-import',
    headers: HEADER_ALIASES,
    required: ['name', 'country', 'sector'],
    hintExpectedColumns: true,
    refuseDuplicateColumns: true,
    refuseExtraCells: true,
    context: async () => undefined,
    validate: validateExhibitorRow,
    merge: (m, batch) => this.merge(m, batch),
  };

  constructor(
    pipeline: CsvImportPipeline,
    private readonly repository: ExhibitorImportRepository,
    private readonly audit: AuditService,
  ) {
    super(pipeline);
  }

  private async merge(m: EntityManager, batch: MergeBatch<ExhibitorFields, Field>): Promise<MergeOutcome> {
    if (!(await this.repository.any(m, batch.editionId))) {
      // The first import into an edition (the big one) has nothing to match: the rows by COPY, then their entries.
      const source = await this.repository.createAll(m, batch.editionId, batch.rowsAsChecked());
      const created = await this.audit.recordFrom(m, source, { editionId: batch.editionId, actor: batch.actor, reason: batch.reason });
      await batch.progress(batch.rows.length);
      return { created, updated: 0, unchanged: 0, rejectedLines: 0, problems: [], audit: [] };
    }
    const { updated, created, rejected, audit } = await this.repository.merge(m, batch.editionId, batch.rows, batch.columns, batch.progress);
    return {
      created,
      updated,
      unchanged: batch.rows.length - rejected.length - created - updated,
      rejectedLines: rejected.length,
      problems: rejected,
      audit: [],
      auditFrom: audit,
    };
  }
}
