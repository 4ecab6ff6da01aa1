import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Db, Paged, Sql, copyRows, maybeOne, one, paged, rows, sql } from '@fairops/core';
import { editionTimeZone } from '@fairops/editions';
import { AttendeeExtensions } from './attendee-extensions';
import { AttendeeSource, AttendeeView } from './attendee-fields';
import { Category } from './badge-code';

/** Every writable field of an attendee, as stored: what a set-based write gives for each row. */
export type AttendeeRow = Pick<
  AttendeeView,
  'category' | 'firstName' | 'lastName' | 'organisation' | 'jobTitle' | 'country' | 'email' | 'phone' | 'exhibitorId' | 'days' | 'consentShareContact' | 'language'
>;

/** One attendee's new state, with what happens to its badge and registration. */
export interface AttendeeUpdate {
  id: string;
  row: AttendeeRow;
  bumpBadge: boolean;
  cancel: boolean;
  erase: boolean;
}

export interface Revocation {
  editionId: string;
  attendeeId: string;
  /** Codes below this version are refused; 65536 refuses every version. */
  validFromVersion: number;
  reason: 'reissued' | 'cancelled' | 'erased';
}

/** How an import row finds the attendee it stands for: by email, else by name, organisation and category. */
export interface MatchKey {
  email: string | null;
  firstName: string;
  lastName: string;
  organisation: string | null;
  category: Category;
}

export interface AttendeeFilter {
  editionId: string;
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
}

/** `%` and `_` typed by a user are letters, not wildcards. */

/** The writable columns in the order of AttendeeRow, for the set-based INSERT and UPDATE. */
const ROW_COLUMNS = sql.raw('category, first_name, last_name, organisation, job_title, country, email, phone, exhibitor_id, days, consent_share_contact, language');

/**
 * All SQL of the attendees and badge_revocations tables. Statements take the transaction they run in
 * (`db`); the rules (what changes, when a badge is revoked) are AttendeesService's.
 */
@Injectable()
export class AttendeesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly extensions: AttendeeExtensions,
  ) {}

  /** The view's columns over `attendees a`, with today's check-in from the check-in library when it is there. */
  private view(): Sql {
    const checkedInAt = this.extensions.checkedInTodayAt({ id: sql.raw('a.id'), editionId: sql.raw('a.edition_id') });
    return sql`a.id, a.edition_id AS "editionId", a.category, a.first_name AS "firstName", a.last_name AS "lastName", a.organisation,
      a.job_title AS "jobTitle", a.country, a.email, a.phone, a.exhibitor_id AS "exhibitorId", to_json(a.days) AS days, a.status,
      a.consent_share_contact AS "consentShareContact", a.language, a.badge_version AS "badgeVersion", a.source, a.erased_at IS NOT NULL AS erased,
      ${checkedInAt} IS NOT NULL AS "checkedInToday", ${checkedInAt} AS "checkedInTodayAt",
      a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;
  }

  get(id: string, db: Db = this.dataSource): Promise<AttendeeView | undefined> {
    return maybeOne<AttendeeView>(db, sql`SELECT ${this.view()} FROM attendees a WHERE a.id = ${id}`);
  }

  /** The attendee of the edition with this (normalised) email, if any. */
  byEmail(db: Db, editionId: string, email: string): Promise<AttendeeView | undefined> {
    return maybeOne<AttendeeView>(db, sql`SELECT ${this.view()} FROM attendees a WHERE a.edition_id = ${editionId} AND a.email = ${email}`);
  }

  /** Everyone of the edition a ticket can go to: registered, not erased, with an email. */
  ticketRecipients(db: Db, editionId: string): Promise<AttendeeView[]> {
    return rows<AttendeeView>(
      db,
      sql`SELECT ${this.view()} FROM attendees a WHERE a.edition_id = ${editionId} AND a.status = 'registered' AND a.erased_at IS NULL AND a.email IS NOT NULL ORDER BY a.id`,
    );
  }

  /** The attendees `ids`, locked for the transaction's change, in id order (so two writers never deadlock). */
  lock(m: EntityManager, ids: readonly string[]): Promise<AttendeeView[]> {
    return rows<AttendeeView>(m, sql`SELECT ${this.view()} FROM attendees a WHERE a.id = ANY(${ids}::uuid[]) ORDER BY a.id FOR UPDATE OF a`);
  }

  list(filter: AttendeeFilter): Promise<Paged<AttendeeView>> {
    const checkedInAt = this.extensions.checkedInTodayAt({ id: sql.raw('a.id'), editionId: sql.raw('a.edition_id') });
    const today = sql`(now() AT TIME ZONE ${editionTimeZone(sql`${filter.editionId}::uuid`)})::date`;
    const where = sql.and([
      sql`a.edition_id = ${filter.editionId}`,
      filter.q && sql.foldedContains(sql`a.search_text`, filter.q),
      filter.category && sql`a.category = ${filter.category}`,
      filter.status && sql`a.status = ${filter.status}`,
      filter.exhibitorId && sql`a.exhibitor_id = ${filter.exhibitorId}`,
      filter.checkedIn !== undefined && sql`${checkedInAt} IS ${sql.raw(filter.checkedIn ? 'NOT NULL' : 'NULL')}`,
      filter.validToday !== undefined && sql`${sql.raw(filter.validToday ? '' : 'NOT ')}(a.status = 'registered' AND ${today} = ANY (a.days))`,
    ]);
    return paged<AttendeeView>(this.dataSource, sql`SELECT ${this.view()} FROM attendees a WHERE ${where}`, {
      orderBy: sql`"lastName", "firstName", id`,
      limit: filter.limit,
      offset: filter.offset,
    });
  }

  /**
   * New attendees of one edition with the ids given, written by COPY (as psql's `\copy` would) as they
   * come from `input`, and their ids and audit entries, in the order given: the entries as a statement
   * over the new rows (`entries`, for AuditService.recordFrom: what each says of its category, source
   * and days), so that no row travels back.
   */
  async insert(m: EntityManager, editionId: string, source: AttendeeSource, input: Iterable<AttendeeRow & { id: string }>): Promise<{ ids: string[]; entries: Sql }> {
    const ids: string[] = [];
    function* values(): Generator<unknown[]> {
      for (const r of input) {
        ids.push(r.id);
        yield [r.id, editionId, source, r.category, r.firstName, r.lastName, r.organisation, r.jobTitle, r.country, r.email, r.phone, r.exhibitorId, r.days, r.consentShareContact, r.language];
      }
    }
    await copyRows(m, sql`COPY attendees (id, edition_id, source, ${ROW_COLUMNS}) FROM STDIN`, values());
    const entries = sql`SELECT 'attendee.created' AS action, 'attendee' AS entity_type, a.id::text AS entity_id, NULL::jsonb AS before,
                               jsonb_build_object('category', a.category, 'source', a.source, 'days', to_jsonb(a.days)) AS after
                          FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS k(id, n) JOIN attendees a ON a.id = k.id AND a.edition_id = ${editionId}
                         ORDER BY k.n`;
    return { ids, entries };
  }

  /** The attendees `ids` (in any order), without locking them. */
  views(db: Db, ids: readonly string[]): Promise<AttendeeView[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return rows<AttendeeView>(db, sql`SELECT ${this.view()} FROM attendees a WHERE a.id = ANY(${ids}::uuid[])`);
  }

  /** Writes each attendee's new state, badge version and status in one statement; the new views (any order). */
  async update(m: EntityManager, updates: readonly AttendeeUpdate[]): Promise<AttendeeView[]> {
    if (updates.length === 0) return [];
    const col = <K extends keyof AttendeeRow>(key: K) => updates.map((u) => u.row[key]);
    const flag = (key: 'bumpBadge' | 'cancel' | 'erase') => updates.map((u) => u[key]);
    return rows<AttendeeView>(
      m,
      sql`UPDATE attendees a
             SET category = u.category, first_name = u.first_name, last_name = u.last_name, organisation = u.organisation,
                 job_title = u.job_title, country = u.country, email = u.email, phone = u.phone, exhibitor_id = u.exhibitor_id,
                 days = ARRAY(SELECT jsonb_array_elements_text(u.days))::date[], consent_share_contact = u.consent, language = u.language,
                 badge_version = a.badge_version + CASE WHEN u.bump THEN 1 ELSE 0 END,
                 status = CASE WHEN u.cancel THEN 'cancelled' ELSE a.status END,
                 erased_at = CASE WHEN u.erase THEN now() ELSE a.erased_at END,
                 updated_at = now()
            FROM unnest(${updates.map((u) => u.id)}::uuid[], ${col('category')}::text[], ${col('firstName')}::text[], ${col('lastName')}::text[],
                        ${col('organisation')}::text[], ${col('jobTitle')}::text[], ${col('country')}::text[], ${col('email')}::text[],
                        ${col('phone')}::text[], ${col('exhibitorId')}::uuid[], ${updates.map((u) => JSON.stringify(u.row.days))}::jsonb[],
                        ${col('consentShareContact')}::bool[], ${col('language')}::text[], ${flag('bumpBadge')}::bool[], ${flag('cancel')}::bool[], ${flag('erase')}::bool[])
                 AS u(id, category, first_name, last_name, organisation, job_title, country, email, phone, exhibitor_id, days, consent, language, bump, cancel, erase)
           WHERE a.id = u.id
          RETURNING ${this.view()}`,
    );
  }

  /** Puts codes on the revocation list that offline desks download, in one statement. */
  async revoke(m: EntityManager, revocations: readonly Revocation[]): Promise<void> {
    if (revocations.length === 0) return;
    await rows(
      m,
      sql`INSERT INTO badge_revocations (edition_id, attendee_id, valid_from_version, reason)
          SELECT * FROM unnest(${revocations.map((r) => r.editionId)}::uuid[], ${revocations.map((r) => r.attendeeId)}::uuid[],
                               ${revocations.map((r) => r.validFromVersion)}::int[], ${revocations.map((r) => r.reason)}::text[])`,
    );
  }

  /**
   * The attendee each key stands for, in one statement: by email; without one, the first registered
   * attendee without an email of the same folded names, organisation and category. Index of the key → id.
   */
  async matches(m: EntityManager, editionId: string, keys: readonly MatchKey[]): Promise<Map<number, string>> {
    if (keys.length === 0) return new Map();
    // An edition without attendees (its first import) has nothing to match: the keys need not travel.
    const { any } = await one<{ any: boolean }>(m, sql`SELECT EXISTS (SELECT 1 FROM attendees WHERE edition_id = ${editionId}) AS any`);
    if (!any) return new Map();
    // Two joins the planner can hash (or look up by the email index), not one search per key. The keys
    // travel as one JSON text (far cheaper than an array per field).
    const found = await rows<{ n: string; id: string }>(
      m,
      sql`WITH k AS (
            SELECT k.email, k."firstName" AS first_name, k."lastName" AS last_name, coalesce(k.organisation, '') AS organisation, k.category, k.ordinality AS n
              FROM ROWS FROM (json_to_recordset(${JSON.stringify(keys)}::json)
                     AS (email text, "firstName" text, "lastName" text, organisation text, category text)) WITH ORDINALITY AS k)
          SELECT k.n, a.id FROM k JOIN attendees a ON a.edition_id = ${editionId} AND a.email = k.email::citext
          UNION ALL
          (SELECT DISTINCT ON (k.n) k.n, a.id
             FROM k JOIN attendees a
               ON a.edition_id = ${editionId} AND a.email IS NULL AND a.status = 'registered' AND a.category = k.category
              AND fold(a.first_name) = fold(k.first_name) AND fold(a.last_name) = fold(k.last_name)
              AND fold(coalesce(a.organisation, '')) = fold(k.organisation)
            WHERE k.email IS NULL
            ORDER BY k.n, a.created_at, a.id)`,
    );
    return new Map(found.map((r) => [Number(r.n) - 1, r.id]));
  }

  /** Registered staff of each exhibitor of `exhibitorIds` (what counts against its quota). */
  async staffUsed(db: Db, exhibitorIds: readonly string[]): Promise<Map<string, number>> {
    const found = await rows<{ exhibitorId: string; n: number }>(
      db,
      sql`SELECT exhibitor_id AS "exhibitorId", count(*)::int AS n FROM attendees
           WHERE exhibitor_id = ANY(${exhibitorIds}::uuid[]) AND category = 'exhibitor_staff' AND status = 'registered' GROUP BY exhibitor_id`,
    );
    return new Map(found.map((r) => [r.exhibitorId, r.n]));
  }

  /** The registered staff of an exhibitor, by id. */
  async registeredStaffIds(m: EntityManager, exhibitorId: string): Promise<string[]> {
    const found = await rows<{ id: string }>(m, sql`SELECT id FROM attendees WHERE exhibitor_id = ${exhibitorId} AND status = 'registered' ORDER BY id`);
    return found.map((r) => r.id);
  }

  /** Registrations by source, cancelled and erased ones included (the metric). */
  countBySource(): Promise<Array<{ source: string; n: number }>> {
    return rows(this.dataSource, sql`SELECT source, count(*)::int AS n FROM attendees GROUP BY source`);
  }

  /** Serialises the imports of one edition for the transaction. */
  async lockImports(m: EntityManager, editionId: string): Promise<void> {
    await one(m, sql`SELECT pg_advisory_xact_lock(hashtext('attendee-import:' || ${editionId})) IS NULL AS locked`);
  }
}
