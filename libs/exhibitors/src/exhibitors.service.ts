import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService, PG, inTransaction, pgCode, sqlRows } from '@fairops/core';
import { EditionErrors, EditionsService } from '@fairops/editions';
import { toCsv } from '@fairops/imports';
import {
  ExhibitorFields,
  ExhibitorStatus,
  STATUSES_NEEDING_REASON,
  STATUS_TRANSITIONS,
  checkExhibitorFields,
  normalisePhone,
  normaliseWebsite,
} from './exhibitor-fields';
import { ExhibitorErrors } from './exhibitors.errors';
import { ExhibitorFilter, ExhibitorView, ExhibitorsRepository, FIELD_COLUMNS } from './exhibitors.repository';

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

/** Trims text, turns blanks into null and normalises phone, website and country. */
export function normaliseFields<T extends Partial<ExhibitorFields>>(input: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
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
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
  ) {}

  async create(editionId: string | undefined, input: ExhibitorFields, by: Actor | null, manager?: EntityManager): Promise<ExhibitorView> {
    const fields = normaliseFields(input);
    const problems = checkExhibitorFields(fields, true);
    if (problems.length) throw ExhibitorErrors.invalid(problems.map((p) => ({ field: p.field, reasons: [p.reason] })));
    const edition = await this.editions.resolveId(editionId, manager);
    const work = async (m: EntityManager) => {
      const entries = Object.entries(FIELD_COLUMNS).filter(([field]) => fields[field as keyof ExhibitorFields] !== undefined);
      try {
        const [{ id }] = await sqlRows<{ id: string }>(
          m,
          `INSERT INTO exhibitors (edition_id, ${entries.map(([, c]) => c).join(', ')})
           VALUES ($1, ${entries.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id`,
          [edition, ...entries.map(([field]) => fields[field as keyof ExhibitorFields])],
        );
        const view = (await this.repository.findView(id, m))!;
        await this.audit.record(m, { editionId: edition, actor: by, action: 'exhibitor.created', entityType: 'exhibitor', entityId: id, after: view });
        return view;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw ExhibitorErrors.duplicate();
        throw error;
      }
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  /** One exhibitor; an exhibitor manager sees only their own (any other id answers 404). */
  async get(id: string, by: Actor): Promise<ExhibitorView> {
    if (by.role === 'exhibitor' && by.exhibitorId !== id) throw ExhibitorErrors.notFound(id);
    const view = await this.repository.findView(id);
    if (!view) throw ExhibitorErrors.notFound(id);
    return view;
  }

  async list(filter: Omit<ExhibitorFilter, 'editionId' | 'onlyId'> & { editionId?: string }, by: Actor) {
    const editionId = await this.editions.resolveId(filter.editionId);
    return this.repository.list({ ...filter, editionId, onlyId: by.role === 'exhibitor' ? (by.exhibitorId ?? undefined) : undefined });
  }

  async stats(editionId?: string) {
    return this.repository.stats(await this.editions.resolveId(editionId));
  }

  async update(id: string, patch: Partial<ExhibitorFields>, by: Actor): Promise<ExhibitorView> {
    if (by.role === 'exhibitor') {
      if (by.exhibitorId !== id) throw ExhibitorErrors.notFound(id);
      const forbidden = Object.keys(patch).filter((k) => !SELF_EDITABLE_FIELDS.includes(k as keyof ExhibitorFields));
      if (forbidden.length) throw ExhibitorErrors.notEditable(forbidden);
    }
    const fields = normaliseFields(patch);
    const problems = checkExhibitorFields(fields, false);
    if (problems.length) throw ExhibitorErrors.invalid(problems.map((p) => ({ field: p.field, reasons: [p.reason] })));
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.lockedView(m, id);
      // A cancelled or withdrawn exhibitor's manager keeps no say over its profile (the organiser does).
      if (by.role === 'exhibitor' && STATUSES_NEEDING_REASON.includes(before.status)) throw ExhibitorErrors.closed(before.status);
      const entries = Object.entries(FIELD_COLUMNS).filter(([field]) => fields[field as keyof ExhibitorFields] !== undefined);
      if (entries.length === 0) return before;
      try {
        await sqlRows(
          m,
          `UPDATE exhibitors SET ${entries.map(([, c], i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
          [id, ...entries.map(([field]) => fields[field as keyof ExhibitorFields])],
        );
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw ExhibitorErrors.duplicate();
        throw error;
      }
      const after = (await this.repository.findView(id, m))!;
      await this.audit.record(m, { editionId: after.editionId, actor: by, action: 'exhibitor.updated', entityType: 'exhibitor', entityId: id, before, after });
      return after;
    });
  }

  /**
   * Moves the exhibitor along its life: applied → approved → confirmed, or to cancelled / withdrawn
   * with a reason. Cancelling or withdrawing frees its stands in the same transaction. What closing
   * means for its people (managers, staff badges) is done by the attendees' `ExhibitorClosureService`,
   * which calls this with its transaction.
   */
  async changeStatus(id: string, to: ExhibitorStatus, reason: string | undefined, by: Actor, manager?: EntityManager): Promise<ExhibitorView> {
    const why = reason?.trim() || null;
    if (STATUSES_NEEDING_REASON.includes(to) && !why) throw ExhibitorErrors.reasonRequired(to);
    const work = async (m: EntityManager) => {
      const before = await this.lockedView(m, id);
      const allowed = STATUS_TRANSITIONS[before.status];
      if (!allowed.includes(to)) throw ExhibitorErrors.illegalTransition(before.status, to, allowed);
      await sqlRows(m, `UPDATE exhibitors SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1`, [
        id,
        to,
        STATUSES_NEEDING_REASON.includes(to) ? why : null,
      ]);
      if (STATUSES_NEEDING_REASON.includes(to)) {
        const freed = await sqlRows<{ id: string; code: string; status: string }>(
          m,
          `UPDATE stands SET status = 'free', exhibitor_id = NULL, held_until = NULL, updated_at = now()
            WHERE exhibitor_id = $1 RETURNING id, code, status`,
          [id],
        );
        for (const stand of freed) {
          await this.audit.record(m, {
            editionId: before.editionId,
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
      const after = (await this.repository.findView(id, m))!;
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
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  /** An admin's override of the staff badge quota; null goes back to the edition's rule. */
  async setStaffQuotaOverride(id: string, override: number | null, by: Actor): Promise<ExhibitorView> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.lockedView(m, id);
      await sqlRows(m, `UPDATE exhibitors SET staff_quota_override = $2, updated_at = now() WHERE id = $1`, [id, override]);
      const after = (await this.repository.findView(id, m))!;
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

  /** The edition's quota rule: `base` badges plus one per `m2PerBadge` m² of assigned stands. */
  async setStaffQuotaRule(editionId: string, rule: { base: number; m2PerBadge: number }, by: Actor): Promise<{ base: number; m2PerBadge: number }> {
    return inTransaction(this.dataSource, async (m) => {
      const rows = await sqlRows<{ base: number; m2PerBadge: number }>(
        m,
        `UPDATE editions SET staff_quota_base = $2, staff_quota_m2_per_badge = $3, updated_at = now() WHERE id = $1
         RETURNING staff_quota_base AS base, staff_quota_m2_per_badge::float8 AS "m2PerBadge"`,
        [editionId, rule.base, rule.m2PerBadge],
      );
      if (!rows[0]) throw EditionErrors.notFound(editionId);
      await this.audit.record(m, { editionId, actor: by, action: 'edition.staff_quota_rule_changed', entityType: 'edition', entityId: editionId, after: rows[0] });
      return rows[0];
    });
  }

  /** Every exhibitor of the edition as CSV, in the import's columns: importing it back changes nothing. */
  async exportCsv(editionId?: string): Promise<string> {
    const rows = await this.repository.exportRows(await this.editions.resolveId(editionId));
    return toCsv([CSV_COLUMNS.map((c) => c.header), ...rows.map((r) => CSV_COLUMNS.map((c) => r[c.field]))]);
  }

  private async lockedView(m: EntityManager, id: string): Promise<ExhibitorView> {
    const locked = await sqlRows(m, `SELECT id FROM exhibitors WHERE id = $1 FOR UPDATE`, [id]);
    if (!locked[0]) throw ExhibitorErrors.notFound(id);
    return (await this.repository.findView(id, m))!;
  }
}

