import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, Actor, AppConfig, AuditService, Clock, FieldIssue, JobProducer, PG, RateLimiter, inTransaction, pgCode, pgConstraint, sqlRows } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { COUNTRY_CODES, E164 } from '@fairops/exhibitors';
import { AttendeeErrors } from './attendees.errors';
import { BadgeKeys } from './badge-keys';
import { CATEGORIES, Category } from './badge-code';

export type AttendeeSource = 'self_registration' | 'back_office' | 'exhibitor' | 'import' | 'demo';

export interface AttendeeInput {
  category: Category;
  firstName: string;
  lastName: string;
  organisation?: string | null;
  jobTitle?: string | null;
  country?: string | null;
  email?: string | null;
  phone?: string | null;
  exhibitorId?: string | null;
  /** Local fair days; default every day of the edition. */
  days?: string[];
  consentShareContact?: boolean;
}

export interface AttendeeView {
  id: string;
  editionId: string;
  category: Category;
  firstName: string;
  lastName: string;
  organisation: string | null;
  jobTitle: string | null;
  country: string | null;
  email: string | null;
  phone: string | null;
  exhibitorId: string | null;
  days: string[];
  status: 'registered' | 'cancelled';
  consentShareContact: boolean;
  badgeVersion: number;
  source: AttendeeSource;
  erased: boolean;
  /** Checked in on today's fair day (today in the edition's time zone), and when. */
  checkedInToday: boolean;
  checkedInTodayAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Credential {
  code: string;
  version: number;
}

/** When the attendee checked in today (the edition's local date now), or NULL. One primary-key lookup. */
const CHECKED_IN_TODAY_AT = `(SELECT c.checked_in_at FROM checkins c
   WHERE c.attendee_id = attendees.id
     AND c.day = (now() AT TIME ZONE (SELECT e.time_zone FROM editions e WHERE e.id = attendees.edition_id))::date)`;

const VIEW = `id, edition_id AS "editionId", category, first_name AS "firstName", last_name AS "lastName", organisation,
  job_title AS "jobTitle", country, email, phone, exhibitor_id AS "exhibitorId", to_json(days) AS days, status,
  consent_share_contact AS "consentShareContact", badge_version AS "badgeVersion", source, erased_at IS NOT NULL AS erased,
  ${CHECKED_IN_TODAY_AT} IS NOT NULL AS "checkedInToday", ${CHECKED_IN_TODAY_AT} AS "checkedInTodayAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

const COLUMNS: Record<string, string> = {
  category: 'category',
  firstName: 'first_name',
  lastName: 'last_name',
  organisation: 'organisation',
  jobTitle: 'job_title',
  country: 'country',
  email: 'email',
  phone: 'phone',
  exhibitorId: 'exhibitor_id',
  days: 'days',
  consentShareContact: 'consent_share_contact',
};

/** The fields that say who a person is: what an erasure removes, from the row and from the audit log. */
const PERSONAL_FIELDS = ['firstName', 'lastName', 'organisation', 'jobTitle', 'country', 'email', 'phone'];

/** What an erasure leaves of a person: placeholders for the names, nothing else personal. */
const ERASED_FIELDS: Partial<AttendeeInput> = { firstName: 'Erased', lastName: 'Attendee', organisation: null, jobTitle: null, email: null, phone: null, country: null, consentShareContact: false };

/** Who makes a change, as the audit records it (a job acts for the user who asked). */
export type AuditActor = Pick<Actor, 'id' | 'role'>;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Trims, blanks to null, upper-cases the country and writes the phone in E.164. */
export function normaliseAttendee<T extends Partial<AttendeeInput>>(input: T): T {
  const out: Record<string, unknown> = { ...input };
  for (const key of ['firstName', 'lastName', 'organisation', 'jobTitle', 'country', 'email', 'phone']) {
    const v = out[key];
    if (typeof v === 'string') out[key] = v.trim().replace(/\s+/g, ' ') || null;
  }
  if (typeof out.country === 'string') out.country = out.country.toUpperCase();
  if (typeof out.phone === 'string') {
    const compact = out.phone.replace(/[\s().-]/g, '');
    out.phone = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  }
  if (typeof out.email === 'string') out.email = out.email.toLowerCase();
  if (Array.isArray(out.days)) out.days = [...new Set(out.days as string[])].sort();
  return out as T;
}

/** Every problem of an attendee's fields, for the API and the CSV import alike. */
export function checkAttendee(input: Partial<AttendeeInput>, editionDays: string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.category !== undefined && !(CATEGORIES as readonly string[]).includes(input.category)) issues.push({ field: 'category', reasons: [`must be one of ${CATEGORIES.join(', ')}`] });
  if (input.firstName === null) issues.push({ field: 'firstName', reasons: ['is required'] });
  if (input.lastName === null) issues.push({ field: 'lastName', reasons: ['is required'] });
  if (input.country && !COUNTRY_CODES.has(input.country)) issues.push({ field: 'country', reasons: [`"${input.country}" is not an ISO 3166-1 alpha-2 country code`] });
  if (input.phone && !E164.test(input.phone)) issues.push({ field: 'phone', reasons: ['must be a phone number in E.164 form, such as +212612345678'] });
  if (input.days) {
    const outside = input.days.filter((d) => !editionDays.includes(d));
    if (input.days.length === 0) issues.push({ field: 'days', reasons: ['must name at least one fair day'] });
    if (outside.length) issues.push({ field: 'days', reasons: [`${outside.join(', ')} ${outside.length > 1 ? 'are not fair days' : 'is not a fair day'}; fair days: ${editionDays.join(', ')}`] });
  }
  if (input.category === 'exhibitor_staff' && !input.exhibitorId) issues.push({ field: 'exhibitorId', reasons: ['is required for exhibitor staff'] });
  if (input.category && input.category !== 'exhibitor_staff' && input.exhibitorId) issues.push({ field: 'exhibitorId', reasons: ['is only for exhibitor staff'] });
  return issues;
}

@Injectable()
export class AttendeesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
    private readonly keys: BadgeKeys,
    private readonly limiter: RateLimiter,
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Public self-registration of a visitor, limited per client address, only while the edition's
   * registration window is open (409 registration_not_open otherwise). A second registration with the
   * same email answers 409 without saying anything about the person already registered.
   */
  async selfRegister(editionId: string | undefined, input: Omit<AttendeeInput, 'category' | 'exhibitorId'>, clientAddress: string): Promise<{ attendee: AttendeeView; credential: Credential }> {
    const id = await this.editions.resolveId(editionId);
    // Before the limiter: a refusal for a closed window costs the address nothing.
    await this.editions.assertRegistrationOpen(id, this.clock.now());
    const limit = await this.limiter.hit(RateLimiter.key('registration', clientAddress), this.config.registrationsPerHourPerAddress, 3600);
    if (!limit.allowed) throw AttendeeErrors.tooManyRegistrations(limit.retryAfterSeconds);
    const attendee = await this.create(id, { ...input, category: 'visitor' }, null, 'self_registration');
    return { attendee, credential: this.sign(attendee) };
  }

  async create(editionId: string | undefined, raw: AttendeeInput, by: AuditActor | null, source: AttendeeSource, manager?: EntityManager, reason?: string): Promise<AttendeeView> {
    const edition = await this.editions.load(await this.editions.resolveId(editionId, manager), manager);
    const editionDays = edition.days.map((d) => d.day).sort();
    const input = normaliseAttendee({ ...raw, days: raw.days ?? editionDays });
    const issues = checkAttendee(input, editionDays);
    if (issues.length) throw AttendeeErrors.invalid(issues);
    const work = async (m: EntityManager) => {
      const entries = Object.entries(COLUMNS).filter(([k]) => input[k as keyof AttendeeInput] !== undefined);
      try {
        const [view] = await sqlRows<AttendeeView>(
          m,
          `INSERT INTO attendees (edition_id, source, ${entries.map(([, c]) => c).join(', ')})
           VALUES ($1, $2, ${entries.map(([k], i) => (k === 'days' ? `$${i + 3}::date[]` : `$${i + 3}`)).join(', ')})
           RETURNING ${VIEW}`,
          [edition.id, source, ...entries.map(([k]) => input[k as keyof AttendeeInput] ?? null)],
        );
        await this.audit.record(m, { editionId: edition.id, actor: by, action: 'attendee.created', entityType: 'attendee', entityId: view.id, after: { category: view.category, source, days: view.days }, reason });
        return view;
      } catch (error) {
        throw this.mapWriteError(error);
      }
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  async update(id: string, raw: Partial<AttendeeInput>, by: Actor): Promise<AttendeeView> {
    return inTransaction(this.dataSource, async (m) => (await this.applyChange(m, id, raw, by)).view);
  }

  /** Cancels the attendee and revokes their badge; in `manager`'s transaction when given. */
  async cancel(id: string, by: Actor, reason?: string, manager?: EntityManager): Promise<AttendeeView> {
    const work = async (m: EntityManager) => (await this.applyChange(m, id, {}, by, { kind: 'cancel', reason })).view;
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  /**
   * The one write path for an existing attendee: PATCH, the CSV import, cancellation and erasure all go
   * through it, in the caller's transaction. It locks the row, checks the fields, and writes only those
   * that differ. A change to what the badge carries (category, days) makes a new badge version and a
   * revocation, so offline desks refuse the old code; cancelling or erasing revokes every version. The
   * audit entry is written with the change; an erasure's entry says that it happened, not what was erased.
   */
  async applyChange(
    m: EntityManager,
    id: string,
    raw: Partial<AttendeeInput>,
    by: AuditActor | null,
    how: { kind: 'update' | 'cancel' | 'erase'; reason?: string | null; after?: Record<string, unknown> } = { kind: 'update' },
  ): Promise<{ view: AttendeeView; changed: boolean }> {
    const before = await this.locked(m, id);
    if (how.kind === 'erase' ? before.erased : how.kind === 'cancel' && before.status === 'cancelled') return { view: before, changed: false };
    if (before.erased) throw AttendeeErrors.erased();
    const input = normaliseAttendee(how.kind === 'erase' ? ERASED_FIELDS : how.kind === 'cancel' ? {} : raw);
    if (how.kind === 'update') {
      const edition = await this.editions.load(before.editionId, m);
      const merged = { ...before, ...input } as AttendeeInput;
      const issues = checkAttendee({ ...input, category: merged.category, exhibitorId: merged.exhibitorId }, edition.days.map((d) => d.day).sort());
      if (issues.length) throw AttendeeErrors.invalid(issues);
    }
    const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const entries = Object.entries(COLUMNS).filter(([k]) => input[k as keyof AttendeeInput] !== undefined && !same(input[k as keyof AttendeeInput], before[k as keyof AttendeeView]));
    if (how.kind === 'update' && !entries.length) return { view: before, changed: false };
    const badgeChanged = how.kind === 'update' && entries.some(([k]) => k === 'category' || k === 'days');
    const sets = entries.map(([k, c], i) => `${c} = $${i + 2}${k === 'days' ? '::date[]' : ''}`);
    if (badgeChanged) sets.push('badge_version = badge_version + 1');
    if (how.kind !== 'update') sets.push(`status = 'cancelled'`);
    if (how.kind === 'erase') sets.push('erased_at = now()');
    let after: AttendeeView;
    try {
      [after] = await sqlRows<AttendeeView>(m, `UPDATE attendees SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${VIEW}`, [
        id,
        ...entries.map(([k]) => input[k as keyof AttendeeInput] ?? null),
      ]);
    } catch (error) {
      throw this.mapWriteError(error);
    }
    if (badgeChanged) await this.revoke(m, after, 'reissued');
    if (how.kind === 'cancel') await this.revoke(m, after, 'cancelled');
    if (how.kind === 'erase') await this.revoke(m, after, 'erased');
    const audit = { editionId: after.editionId, actor: by, entityType: 'attendee', entityId: id, reason: how.reason };
    if (how.kind === 'update') await this.audit.record(m, { ...audit, action: 'attendee.updated', before: pick(before, entries), after: pick(after, entries) });
    else await this.audit.record(m, { ...audit, action: how.kind === 'cancel' ? 'attendee.cancelled' : 'attendee.erased', after: how.after });
    return { view: after, changed: true };
  }

  /** The id of the attendee a row of an import stands for: by email, else by name, organisation and category. */
  async findMatch(m: EntityManager, editionId: string, key: { email: string | null; firstName: string; lastName: string; organisation: string | null; category: Category }): Promise<string | null> {
    const [row] = await sqlRows<{ id: string }>(
      m,
      key.email
        ? `SELECT id FROM attendees WHERE edition_id = $1 AND email = $2`
        : `SELECT id FROM attendees WHERE edition_id = $1 AND email IS NULL AND fold(first_name) = fold($2) AND fold(last_name) = fold($3)
              AND fold(coalesce(organisation, '')) = fold($4) AND category = $5 AND status = 'registered' ORDER BY created_at, id LIMIT 1`,
      key.email ? [editionId, key.email] : [editionId, key.firstName, key.lastName, key.organisation ?? '', key.category],
    );
    return row?.id ?? null;
  }

  async get(id: string): Promise<AttendeeView> {
    const [view] = await sqlRows<AttendeeView>(this.dataSource, `SELECT ${VIEW} FROM attendees WHERE id = $1`, [id]);
    if (!view) throw AttendeeErrors.notFound(id);
    return view;
  }

  async list(filter: {
    editionId?: string;
    q?: string;
    category?: Category;
    status?: string;
    exhibitorId?: string;
    /** Checked in today (true) or not yet (false). */
    checkedIn?: boolean;
    /** Admitted today (registered, and today is one of their days), or not. */
    validToday?: boolean;
    limit: number;
    offset: number;
  }): Promise<{ items: AttendeeView[]; total: number }> {
    const editionId = await this.editions.resolveId(filter.editionId);
    const where = ['edition_id = $1'];
    const params: unknown[] = [editionId];
    if (filter.q) where.push(`search_text LIKE '%' || fold($${params.push(likeEscape(filter.q.trim()))}) || '%'`);
    if (filter.category) where.push(`category = $${params.push(filter.category)}`);
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    if (filter.exhibitorId) where.push(`exhibitor_id = $${params.push(filter.exhibitorId)}`);
    if (filter.checkedIn !== undefined) where.push(`${CHECKED_IN_TODAY_AT} IS ${filter.checkedIn ? 'NOT NULL' : 'NULL'}`);
    if (filter.validToday !== undefined) {
      const today = `(now() AT TIME ZONE (SELECT e.time_zone FROM editions e WHERE e.id = $1))::date`;
      where.push(`${filter.validToday ? '' : 'NOT '}(status = 'registered' AND ${today} = ANY (days))`);
    }
    const rows = await sqlRows<AttendeeView & { total: string }>(
      this.dataSource,
      `SELECT ${VIEW}, count(*) OVER () AS total FROM attendees WHERE ${where.join(' AND ')}
        ORDER BY last_name, first_name, id LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset)}`,
      params,
    );
    return { items: rows.map(({ total: _t, ...a }) => a), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** The signed code of the attendee's current badge version, for the QR on the badge. */
  async credential(id: string): Promise<Credential> {
    const view = await this.get(id);
    if (view.status === 'cancelled') throw AttendeeErrors.cancelled();
    if (view.erased) throw AttendeeErrors.erased();
    return this.sign(view);
  }

  sign(view: Pick<AttendeeView, 'id' | 'editionId' | 'category' | 'days' | 'badgeVersion'>): Credential {
    return {
      code: this.keys.sign({ attendeeId: view.id, editionId: view.editionId, category: view.category, days: view.days, version: view.badgeVersion }),
      version: view.badgeVersion,
    };
  }

  /** A new badge (lost, damaged): bumps the version, which revokes every earlier code. */
  async reissue(id: string, by: Actor, reason?: string): Promise<Credential> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.locked(m, id);
      if (before.status === 'cancelled') throw AttendeeErrors.cancelled();
      if (before.erased) throw AttendeeErrors.erased();
      const [after] = await sqlRows<AttendeeView>(m, `UPDATE attendees SET badge_version = badge_version + 1, updated_at = now() WHERE id = $1 RETURNING ${VIEW}`, [id]);
      await this.revoke(m, after, 'reissued');
      await this.audit.record(m, {
        editionId: after.editionId,
        actor: by,
        action: 'attendee.badge_reissued',
        entityType: 'attendee',
        entityId: id,
        before: { badgeVersion: before.badgeVersion },
        after: { badgeVersion: after.badgeVersion },
        reason,
      });
      return this.sign(after);
    });
  }

  /** Everything held on one attendee, for a subject access request. */
  async exportPersonalData(id: string, by: Actor): Promise<Record<string, unknown>> {
    const attendee = await this.get(id);
    const [checkins, scans, leads, audit] = await Promise.all([
      sqlRows(this.dataSource, `SELECT day, checked_in_at AS "checkedInAt", desk_id AS "deskId" FROM checkins WHERE attendee_id = $1 ORDER BY day`, [id]),
      sqlRows(this.dataSource, `SELECT scanned_at AS "scannedAt", desk_id AS "deskId", gate, result FROM scans WHERE attendee_id = $1 ORDER BY scanned_at`, [id]),
      sqlRows(this.dataSource, `SELECT l.created_at AS "capturedAt", e.name AS exhibitor, l.rating, l.notes FROM leads l JOIN exhibitors e ON e.id = l.exhibitor_id WHERE l.attendee_id = $1`, [id]),
      sqlRows(this.dataSource, `SELECT action, at, reason FROM audit_log WHERE entity_type = 'attendee' AND entity_id = $1 ORDER BY id`, [id]),
    ]);
    await inTransaction(this.dataSource, (m) => this.audit.record(m, { editionId: attendee.editionId, actor: by, action: 'attendee.data_exported', entityType: 'attendee', entityId: id }));
    return { attendee, checkins, scans, leads, history: audit };
  }

  /**
   * Erases an attendee's personal data on request: names, contact and organisation go (in the row and in
   * the values the audit log kept of them), leads about them go, rendered badge files that show them go
   * (by a job), the badge is revoked. Category, days,
   * check-ins and the audit entries themselves stay, so counts stay true; the erasure is audited with
   * how many entries were redacted and leads deleted, not with what was erased.
   */
  async erase(id: string, by: Actor): Promise<AttendeeView> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.locked(m, id);
      if (before.erased) return before;
      const leads = await sqlRows<{ id: string }>(m, `DELETE FROM leads WHERE attendee_id = $1 RETURNING id`, [id]);
      const redacted = await this.audit.redact(m, { entityType: 'attendee', entityId: id }, PERSONAL_FIELDS);
      const { view } = await this.applyChange(m, id, {}, by, { kind: 'erase', after: { auditEntriesRedacted: redacted, leadsDeleted: leads.length } });
      // Rendered badges belong to the badges feature: a job drops those that hold this person.
      await this.producer.enqueue(m, 'badges.forget-attendee', { attendeeId: id });
      return view;
    });
  }

  private async revoke(m: EntityManager, view: AttendeeView, reason: 'reissued' | 'cancelled' | 'erased'): Promise<void> {
    await m.query(`INSERT INTO badge_revocations (edition_id, attendee_id, valid_from_version, reason) VALUES ($1, $2, $3, $4)`, [
      view.editionId,
      view.id,
      reason === 'reissued' ? view.badgeVersion : 65536,
      reason,
    ]);
  }

  private async locked(m: EntityManager, id: string): Promise<AttendeeView> {
    const [view] = await sqlRows<AttendeeView>(m, `SELECT ${VIEW} FROM attendees WHERE id = $1 FOR UPDATE`, [id]);
    if (!view) throw AttendeeErrors.notFound(id);
    return view;
  }

  private mapWriteError(error: unknown): unknown {
    const code = pgCode(error);
    const constraint = pgConstraint(error);
    if (code === PG.uniqueViolation && constraint === 'attendees_email_key') return AttendeeErrors.emailTaken();
    if (code === PG.checkViolation && constraint === 'attendees_staff_quota') {
      return AttendeeErrors.quotaReached(Number((error as { detail?: string; driverError?: { detail?: string } }).detail ?? (error as { driverError?: { detail?: string } }).driverError?.detail));
    }
    if (code === PG.foreignKeyViolation) return AttendeeErrors.invalid([{ field: 'exhibitorId', reasons: ['is not an exhibitor of this edition'] }]);
    return error;
  }
}

function pick(view: AttendeeView, entries: Array<[string, string]>): Record<string, unknown> {
  return Object.fromEntries(entries.map(([k]) => [k, view[k as keyof AttendeeView]]));
}
