import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Db, maybeOne, one, rows, sql } from '@fairops/core';
import { Category, attendeeRows } from '@fairops/attendees';
import { editionFairName, editionRows } from '@fairops/editions';
import { exhibitorRows } from '@fairops/exhibitors';
import type { PrintFormat, PrintJobView } from './badge-print.service';

const JOB_VIEW = sql`id, edition_id AS "editionId", desk_id AS "deskId", kind, format, dpi, layout, status, failure_reason AS "failureReason",
  json_build_object('done', done, 'total', total) AS progress, reprint_reason AS "reprintReason", expires_at AS "expiresAt",
  created_at AS "createdAt", ready_at AS "readyAt", printed_at AS "printedAt"`;

/** An attendee chosen for printing, with the badge version to print. */
export interface PrintableAttendee {
  id: string;
  badge_version: number;
}

export interface NewPrintJob {
  edition: string;
  requestedBy: string;
  deskId: string | null;
  kind: 'single' | 'bulk';
  format: PrintFormat;
  dpi: number | null;
  layout: string;
  sort: string | null;
  reprintReason: string | null;
}

/** One badge of a job, with what its face shows and whether it is still the attendee's current badge. */
export interface JobBadgeRow {
  attendee_id: string;
  edition_id: string;
  badge_version: number;
  current_version: number;
  status: string;
  first_name: string;
  last_name: string;
  organisation: string | null;
  country: string | null;
  category: Category;
  days: string[];
  fair: string;
  exhibitor: string | null;
}

/** All SQL of `badge_print_jobs` and `badge_print_items` (attendees, editions and exhibitors are read through their owners' pieces). */
@Injectable()
export class BadgePrintJobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  view(id: string, db: Db = this.dataSource): Promise<PrintJobView | undefined> {
    return maybeOne<PrintJobView>(db, sql`SELECT ${JOB_VIEW} FROM badge_print_jobs WHERE id = ${id}`);
  }

  file(id: string): Promise<{ status: string; file: Buffer | null; content_type: string; expires_at: Date | null; format: string } | undefined> {
    return maybeOne(this.dataSource, sql`SELECT status, file, content_type, expires_at, format FROM badge_print_jobs WHERE id = ${id}`);
  }

  lockForUpdate(m: EntityManager, id: string): Promise<{ status: string; edition_id: string; desk_id: string | null } | undefined> {
    return maybeOne(m, sql`SELECT status, edition_id, desk_id FROM badge_print_jobs WHERE id = ${id} FOR UPDATE`);
  }

  async markPrinted(m: EntityManager, id: string, by: string): Promise<void> {
    await rows(m, sql`UPDATE badge_print_jobs SET status = 'printed', printed_at = now(), printed_by = ${by} WHERE id = ${id}`);
  }

  /** Claims a queued (or crashed) job for rendering; undefined when it is rendered already or failed. */
  startRendering(id: string): Promise<{ id: string; format: PrintFormat; dpi: number | null; layout: string; kind: string } | undefined> {
    return maybeOne(
      this.dataSource,
      sql`UPDATE badge_print_jobs SET status = 'rendering', started_at = coalesce(started_at, now()), done = 0
           WHERE id = ${id} AND status IN ('queued', 'rendering') RETURNING id, format, dpi, layout, kind`,
    );
  }

  /** Written outside any transaction, so readers see it. */
  async progress(id: string, done: number): Promise<void> {
    await rows(this.dataSource, sql`UPDATE badge_print_jobs SET done = ${done} WHERE id = ${id} AND status = 'rendering'`);
  }

  async ready(id: string, file: { content: Buffer; contentType: string; ttlHours: number }): Promise<void> {
    await rows(
      this.dataSource,
      sql`UPDATE badge_print_jobs SET status = 'ready', done = total, file = ${file.content}, content_type = ${file.contentType}, ready_at = now(),
                 expires_at = now() + make_interval(hours => ${file.ttlHours}) WHERE id = ${id} AND status = 'rendering'`,
    );
  }

  async fail(id: string, reason: string): Promise<void> {
    await rows(this.dataSource, sql`UPDATE badge_print_jobs SET status = 'failed', failure_reason = ${reason} WHERE id = ${id} AND status IN ('queued', 'rendering')`);
  }

  async forgetAttendee(attendeeId: string): Promise<number> {
    const dropped = await rows(
      this.dataSource,
      sql`UPDATE badge_print_jobs j SET file = NULL, expires_at = least(expires_at, now())
           WHERE file IS NOT NULL AND EXISTS (SELECT 1 FROM badge_print_items i WHERE i.job_id = j.id AND i.attendee_id = ${attendeeId})
          RETURNING id`,
    );
    return dropped.length;
  }

  async expireFiles(): Promise<number> {
    return (await rows(this.dataSource, sql`UPDATE badge_print_jobs SET file = NULL WHERE file IS NOT NULL AND expires_at < now() RETURNING id`)).length;
  }

  /** The job and its items; returns the job's id. */
  async create(m: EntityManager, j: NewPrintJob, items: Array<PrintableAttendee & { position: number }>): Promise<string> {
    const { id } = await one<{ id: string }>(
      m,
      sql`INSERT INTO badge_print_jobs (edition_id, requested_by, desk_id, kind, format, dpi, layout, sort, total, reprint_reason)
          VALUES (${j.edition}, ${j.requestedBy}, ${j.deskId}, ${j.kind}, ${j.format}, ${j.dpi}, ${j.layout}, ${j.sort}, ${items.length}, ${j.reprintReason}) RETURNING id`,
    );
    await rows(
      m,
      sql`INSERT INTO badge_print_items (job_id, attendee_id, badge_version, position)
          SELECT ${id}, x.id, x.v, x.p FROM unnest(${items.map((i) => i.id)}::uuid[], ${items.map((i) => i.badge_version)}::int[], ${items.map((i) => i.position)}::int[]) AS x(id, v, p)`,
    );
    return id;
  }

  /** Print requests of an edition one at a time (a transaction-scoped advisory lock). */
  async lockPrinting(m: EntityManager, editionId: string): Promise<void> {
    await rows(m, sql`SELECT pg_advisory_xact_lock(hashtext('badge-print:' || ${editionId}::text))`);
  }

  /** Attendees whose current badge version is already in a job that did not fail. */
  async alreadyPrinted(m: EntityManager, attendees: PrintableAttendee[]): Promise<string[]> {
    const found = await rows<{ attendee_id: string }>(
      m,
      sql`SELECT DISTINCT i.attendee_id FROM badge_print_items i JOIN badge_print_jobs j ON j.id = i.job_id
            JOIN unnest(${attendees.map((a) => a.id)}::uuid[], ${attendees.map((a) => a.badge_version)}::int[]) AS x(id, v) ON x.id = i.attendee_id AND x.v = i.badge_version
           WHERE j.status <> 'failed'`,
    );
    return found.map((r) => r.attendee_id);
  }

  /** The registered attendees among `ids` in the edition, locked against changes while the job is made. */
  printable(m: EntityManager, editionId: string, ids: string[]): Promise<PrintableAttendee[]> {
    return rows<PrintableAttendee>(
      m,
      sql`SELECT id, badge_version FROM ${attendeeRows()} a
           WHERE id = ANY(${ids}::uuid[]) AND edition_id = ${editionId} AND status = 'registered' AND erased_at IS NULL FOR SHARE`,
    );
  }

  /** The registered staff (of one exhibitor, or all) or visitors of the edition, in print order. */
  selection(m: EntityManager, s: { editionId: string; category: 'visitor' | 'exhibitor_staff'; exhibitorId?: string; sort: 'exhibitor' | 'name' }): Promise<PrintableAttendee[]> {
    const byName = sql`fold(a.last_name), fold(a.first_name)`;
    return rows<PrintableAttendee>(
      m,
      sql`SELECT a.id, a.badge_version FROM ${attendeeRows()} a LEFT JOIN ${exhibitorRows()} e ON e.id = a.exhibitor_id
           WHERE ${sql.and([sql`a.edition_id = ${s.editionId}`, sql`a.category = ${s.category}`, sql`a.status = 'registered'`, sql`a.erased_at IS NULL`, s.exhibitorId && sql`a.exhibitor_id = ${s.exhibitorId}`])}
           ORDER BY ${s.sort === 'exhibitor' ? sql`e.name NULLS LAST, ${byName}` : byName}, a.id`,
    );
  }

  badges(printJobId: string): Promise<JobBadgeRow[]> {
    return rows<JobBadgeRow>(
      this.dataSource,
      sql`SELECT i.attendee_id, a.edition_id, i.badge_version, a.badge_version AS current_version, a.status, a.first_name, a.last_name, a.organisation, a.country,
                 a.category, to_json(a.days) AS days, ${editionFairName('e')} AS fair, x.name AS exhibitor
            FROM badge_print_items i JOIN ${attendeeRows()} a ON a.id = i.attendee_id JOIN ${editionRows()} e ON e.id = a.edition_id
            LEFT JOIN ${exhibitorRows()} x ON x.id = a.exhibitor_id
           WHERE i.job_id = ${printJobId} ORDER BY i.position`,
    );
  }

  /** Print jobs by status and format, for the metrics. */
  countsByStatus(): Promise<Array<{ status: string; format: string; n: number }>> {
    return rows(this.dataSource, sql`SELECT status, format, count(*)::int AS n FROM badge_print_jobs GROUP BY status, format`);
  }
}
