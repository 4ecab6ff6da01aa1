import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService, PG, Paged, inTransaction, pgCode, withTransaction } from '@fairops/core';
import { EditionsService, StaffQuotaRule } from '@fairops/editions';
import { normalisePhone, toCsv } from '@fairops/imports';
import { ExhibitorFields, checkExhibitorFields, normaliseWebsite } from './exhibitor-fields';
import { ExhibitorStatus, assertTransition, isClosedStatus, statusChangeReason } from './exhibitor-status';
import { ExhibitorErrors } from './exhibitors.errors';
import { ExhibitorFilter, ExhibitorStats, ExhibitorView, ExhibitorsRepository } from './exhibitors.repository';
import { StandsRepository } from './stands.repository';

/** What an exhibitor's own manager may change; the rest is the organiser's. */
export const SELF_EDITABLE_FIELDS: Array<keyof ExhibitorFields> = ['website', 'description', 'contactName', 'contactEmail', 'contactPhone'];

/** The CSV columns of import and export, in order. */
export const CSV_COLUMNS: Array<{ field: keyof ExhibitorFields; header: string }> = [
  { field: 'ref', header: 'ref' },
  { field: 'name', header: 'name' },
  { field: 'legalName', header: 'legal_name' },
  { field: 'country', header: 'country' },
  { field: 'city', header: 'city' },
  { field: 'sector', header: 'sector' },
  { field: 'website', header: 'website' },
  { field: 'description', header: 'description' },
  { field: 'contactName', header: 'contact_name' },
  { field: 'contactEmail', header: 'contact_email' },
  { field: 'contactPhone', header: 'contact_phone' },
];

/** One line of single spaces; skips the replace when there is nothing to collapse (imports call this a lot). */
function collapseSpaces(value: string): string {
  const trimmed = value.trim();
  return /\s\s|[\t\n\r\f\v]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** What a list of exhibitors is filtered by; the edition defaults to the current one. */
export type ExhibitorListFilter = Omit<ExhibitorFilter, 'editionId' | 'onlyId'> & { editionId?: string };

/** Trims text, turns blanks into null and normalises phone, website and country. */
export function normaliseFields<T extends Partial<ExhibitorFields>>(input: T): T {
  const out: Record<string, unknown> = {};
  for (const key in input) {
    const value: unknown = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      out[key] = value;
      continue;
    }
    // Line breaks are kept (as \n) in descriptions only; other fields are one line of single spaces.
    const trimmed = key === 'description' ? value.replace(/\r\n?/g, '\n').trim() : collapseSpaces(value);
    out[key] = trimmed === '' ? null : trimmed;
  }
  if (typeof out.country === 'string') out.country = out.country.toUpperCase();
  if (typeof out.contactPhone === 'string') out.contactPhone = normalisePhone(out.contactPhone);
  if (typeof out.website === 'string') out.website = normaliseWebsite(out.website);
  if (typeof out.contactEmail === 'string') out.contactEmail = out.contactEmail.toLowerCase();
  return out as T;
}

@Injectable()
export class ExhibitorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ExhibitorsRepository,
    private readonly stands: StandsRepository,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
  ) {}

  async create(editionId: string | undefined, input: ExhibitorFields, by: Actor | null, manager?: EntityManager): Promise<ExhibitorView> {
    const fields = checkedFields(input, true);
    const edition = await this.editions.resolveId(editionId, manager);
    return withTransaction(this.dataSource, manager, async (m) => {
      const id = await uniqueOrDuplicate(this.repository.insert(m, edition, fields));
      const view = await this.view(m, id);
      await this.audit.record(m, { editionId: edition, actor: by, action: 'exhibitor.created', entityType: 'exhibitor', entityId: id, after: view });
      return view;
    });
  }

  /** One exhibitor; an exhibitor manager sees only their own (any other id answers 404). */
  async get(id: string, by: Actor): Promise<ExhibitorView> {
    if (by.role === 'exhibitor' && by.exhibitorId !== id) throw ExhibitorErrors.notFound(id);
    const view = await this.repository.findView(this.dataSource, id);
    if (!view) throw ExhibitorErrors.notFound(id);
    return view;
  }

  /** A page of the edition's exhibitors; an exhibitor manager sees only their own. Country codes are matched in capitals. */
  async list(filter: ExhibitorListFilter, by: Actor): Promise<Paged<ExhibitorView>> {
    const editionId = await this.editions.resolveId(filter.editionId);
    return this.repository.list(this.dataSource, {
      ...filter,
      editionId,
      country: filter.country?.toUpperCase(),
      onlyId: by.role === 'exhibitor' ? (by.exhibitorId ?? undefined) : undefined,
    });
  }

  async stats(editionId?: string): Promise<ExhibitorStats> {
    return this.repository.stats(this.dataSource, await this.editions.resolveId(editionId));
  }

  async update(id: string, patch: Partial<ExhibitorFields>, by: Actor): Promise<ExhibitorView> {
    if (by.role === 'exhibitor') {
      if (by.exhibitorId !== id) throw ExhibitorErrors.notFound(id);
      const forbidden = Object.keys(patch).filter((k) => !SELF_EDITABLE_FIELDS.includes(k as keyof ExhibitorFields));
      if (forbidden.length) throw ExhibitorErrors.notEditable(forbidden);
    }
    const fields = checkedFields(patch, false);
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.lockedView(m, id);
      // A cancelled or withdrawn exhibitor's manager keeps no say over its profile (the organiser does).
      if (by.role === 'exhibitor' && isClosedStatus(before.status)) throw ExhibitorErrors.closed(before.status);
      if (!(await uniqueOrDuplicate(this.repository.update(m, id, fields)))) return before;
      const after = await this.view(m, id);
      await this.audit.record(m, { editionId: after.editionId, actor: by, action: 'exhibitor.updated', entityType: 'exhibitor', entityId: id, before, after });
      return after;
    });
  }

  /**
   * Moves the exhibitor along its life (exhibitor-status.ts): applied → approved → confirmed, or to
   * cancelled / withdrawn with a reason. Cancelling or withdrawing frees its stands in the same
   * transaction. What closing means for its people (managers, staff badges) is done by the attendees'
   * `ExhibitorClosureService`, which calls this with its transaction.
   */
  async changeStatus(id: string, to: ExhibitorStatus, reason: string | undefined, by: Actor, manager?: EntityManager): Promise<ExhibitorView> {
    const why = statusChangeReason(to, reason);
    return withTransaction(this.dataSource, manager, async (m) => {
      const before = await this.lockedView(m, id);
      assertTransition(before.status, to);
      await this.repository.setStatus(m, id, to, isClosedStatus(to) ? why : null);
      if (isClosedStatus(to)) await this.freeStands(m, before.editionId, id, to, by);
      const after = await this.view(m, id);
      await this.audit.record(m, {
        editionId: after.editionId,
        actor: by,
        action: 'exhibitor.status_changed',
        entityType: 'exhibitor',
        entityId: id,
        before: { status: before.status },
        after: { status: to },
        reason: why,
      });
      return after;
    });
  }

  /** An admin's override of the staff badge quota; null goes back to the edition's rule. */
  async setStaffQuotaOverride(id: string, override: number | null, by: Actor): Promise<ExhibitorView> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.lockedView(m, id);
      await this.repository.setStaffQuotaOverride(m, id, override);
      const after = await this.view(m, id);
      await this.audit.record(m, {
        editionId: after.editionId,
        actor: by,
        action: 'exhibitor.staff_quota_changed',
        entityType: 'exhibitor',
        entityId: id,
        before: { staffQuota: before.staffQuota, overridden: before.staffQuotaOverridden },
        after: { staffQuota: after.staffQuota, overridden: after.staffQuotaOverridden },
      });
      return after;
    });
  }

  /** The edition's quota rule: `base` badges plus one per `m2PerBadge` m² of assigned stands (kept by the editions library). */
  setStaffQuotaRule(editionId: string, rule: StaffQuotaRule, by: Actor): Promise<StaffQuotaRule> {
    return this.editions.setStaffQuotaRule(editionId, rule, by);
  }

  /** Every exhibitor of the edition as CSV, in the import's columns: importing it back changes nothing. */
  async exportCsv(editionId?: string): Promise<string> {
    const rows = await this.repository.exportRows(this.dataSource, await this.editions.resolveId(editionId));
    return toCsv([CSV_COLUMNS.map((c) => c.header), ...rows.map((r) => CSV_COLUMNS.map((c) => r[c.field]))]);
  }

  /** Frees the stands of an exhibitor that is closing, each with its audit entry. */
  private async freeStands(m: EntityManager, editionId: string, id: string, to: ExhibitorStatus, by: Actor): Promise<void> {
    for (const stand of await this.stands.freeAllOf(m, id)) {
      await this.audit.record(m, {
        editionId,
        actor: by,
        action: 'stand.released',
        entityType: 'stand',
        entityId: stand.id,
        before: { exhibitorId: id },
        after: { status: 'free' },
        reason: `exhibitor ${to}`,
      });
    }
  }

  private async lockedView(m: EntityManager, id: string): Promise<ExhibitorView> {
    if (!(await this.repository.lock(m, id))) throw ExhibitorErrors.notFound(id);
    return this.view(m, id);
  }

  /** The view of an exhibitor the transaction has just written or locked: it exists. */
  private async view(m: EntityManager, id: string): Promise<ExhibitorView> {
    const view = await this.repository.findView(m, id);
    if (!view) throw new Error(`exhibitor ${id} vanished inside its transaction`);
    return view;
  }
}

/** Normalised and checked fields (400 with every problem). */
function checkedFields<T extends Partial<ExhibitorFields>>(input: T, required: boolean): T {
  const fields = normaliseFields(input);
  const problems = checkExhibitorFields(fields, required);
  if (problems.length) throw ExhibitorErrors.invalid(problems.map((p) => ({ field: p.field, reasons: [p.reason] })));
  return fields;
}

/** A write's result, or 409 exhibitor_exists when it broke the ref or name-and-country uniqueness. */
async function uniqueOrDuplicate<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (pgCode(error) === PG.uniqueViolation) throw ExhibitorErrors.duplicate();
    throw error;
  }
}
