import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, Actor, AppConfig, AuditService, JobProducer, inTransaction, sqlRows } from '@fairops/core';
import { BadgeKeys, Category } from '@fairops/attendees';
import { EditionsService } from '@fairops/editions';
import { BadgeData, LayoutName } from './badge-layouts';
import { renderBadgesPdf, renderSheetPdf } from './badge-pdf';
import { Dpi, renderZpl } from './badge-zpl';
import { BadgeErrors } from './badges.errors';

export type PrintFormat = 'pdf' | 'zpl';

export interface PrintJobView {
  id: string;
  editionId: string;
  deskId: string | null;
  kind: 'single' | 'bulk';
  format: PrintFormat;
  dpi: number | null;
  layout: string;
  status: 'queued' | 'rendering' | 'ready' | 'printed' | 'failed';
  failureReason: string | null;
  progress: { done: number; total: number };
  reprintReason: string | null;
  expiresAt: Date | null;
  createdAt: Date;
  readyAt: Date | null;
  printedAt: Date | null;
}

export interface PrinterView {
  deskId: string;
  format: PrintFormat;
  dpi: number | null;
  layout: LayoutName;
}

const JOB_VIEW = `id, edition_id AS "editionId", desk_id AS "deskId", kind, format, dpi, layout, status, failure_reason AS "failureReason",
  json_build_object('done', done, 'total', total) AS progress, reprint_reason AS "reprintReason", expires_at AS "expiresAt",
  created_at AS "createdAt", ready_at AS "readyAt", printed_at AS "printedAt"`;

/**
 * Badge print jobs: requested by a desk or the back-office, rendered by a job, fetched, and confirmed
 * printed. A badge version is printed once; printing it again is a reprint with a reason, audited.
 */
@Injectable()
export class BadgePrintService {
  private readonly logger = new Logger(BadgePrintService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly keys: BadgeKeys,
    private readonly producer: JobProducer,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async setPrinter(editionId: string | undefined, deskId: string, printer: Omit<PrinterView, 'deskId'>, by: Actor): Promise<PrinterView> {
    if (printer.format === 'zpl' && printer.layout !== 'label_4x3') throw BadgeErrors.formatLayout();
    const edition = await this.editions.resolveId(editionId);
    return inTransaction(this.dataSource, async (m) => {
      const [row] = await sqlRows<PrinterView>(
        m,
        `INSERT INTO badge_printers (edition_id, desk_id, format, dpi, layout) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (edition_id, desk_id) DO UPDATE SET format = excluded.format, dpi = excluded.dpi, layout = excluded.layout, updated_at = now()
         RETURNING desk_id AS "deskId", format, dpi, layout`,
        [edition, deskId, printer.format, printer.format === 'zpl' ? (printer.dpi ?? 203) : null, printer.layout],
      );
      await this.audit.record(m, { editionId: edition, actor: by, action: 'badge_printer.set', entityType: 'badge_printer', entityId: deskId, after: row });
      return row;
    });
  }

  async printers(editionId?: string): Promise<PrinterView[]> {
    const edition = await this.editions.resolveId(editionId);
    return sqlRows<PrinterView>(this.dataSource, `SELECT desk_id AS "deskId", format, dpi, layout FROM badge_printers WHERE edition_id = $1 ORDER BY desk_id`, [edition]);
  }

  /**
   * A print job for some attendees. The desk's printer decides format and layout unless the request
   * does. Badges whose current version went to print before need `reprintReason`.
   */
  async request(
    input: { editionId?: string; attendeeIds: string[]; format?: PrintFormat; layout?: LayoutName; dpi?: Dpi; deskId?: string; reprintReason?: string },
    by: Actor,
  ): Promise<PrintJobView> {
    const edition = await this.editions.resolveId(input.editionId);
    const [printer] = input.deskId
      ? await sqlRows<PrinterView>(this.dataSource, `SELECT format, dpi, layout FROM badge_printers WHERE edition_id = $1 AND desk_id = $2`, [edition, input.deskId])
      : [];
    const format = input.format ?? printer?.format ?? 'pdf';
    const layout = input.layout ?? (format === printer?.format ? printer.layout : undefined) ?? (format === 'zpl' ? 'label_4x3' : 'a6');
    const dpi = format === 'zpl' ? (input.dpi ?? (printer?.dpi as Dpi | undefined) ?? 203) : null;
    if (format === 'zpl' && layout !== 'label_4x3') throw BadgeErrors.formatLayout();
    const ids = [...new Set(input.attendeeIds)];
    return inTransaction(this.dataSource, async (m) => {
      await this.lockPrinting(m, edition);
      const found = await sqlRows<{ id: string; badge_version: number }>(
        m,
        `SELECT id, badge_version FROM attendees WHERE id = ANY($1) AND edition_id = $2 AND status = 'registered' AND erased_at IS NULL FOR SHARE`,
        [ids, edition],
      );
      const missing = ids.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) throw BadgeErrors.unknownAttendees(missing);
      const printed = await this.alreadyPrinted(m, found);
      const reason = input.reprintReason?.trim() || null;
      if (printed.length && !reason) throw BadgeErrors.reprintNeedsReason(printed);
      const job = await this.createJob(m, { edition, by, deskId: input.deskId ?? null, kind: 'single', format, dpi, layout, sort: null, reprintReason: printed.length ? reason : null }, found.map((f) => ({ ...f, position: ids.indexOf(f.id) })));
      for (const attendeeId of printed) {
        await this.audit.record(m, {
          editionId: edition,
          actor: by,
          action: 'badge.reprinted',
          entityType: 'attendee',
          entityId: attendeeId,
          after: { printJobId: job.id, deskId: input.deskId ?? null, badgeVersion: found.find((f) => f.id === attendeeId)!.badge_version },
          reason,
        });
      }
      return job;
    });
  }

  /**
   * One job for many badges: the staff of one or all exhibitors, or every registered visitor, as A6
   * badges four to an A4 sheet. Badges already printed in their current version are left out.
   */
  async requestBulk(input: { editionId?: string; selection: 'exhibitor_staff' | 'visitors'; exhibitorId?: string; sort: 'exhibitor' | 'name' }, by: Actor): Promise<PrintJobView & { skippedAlreadyPrinted: number }> {
    const edition = await this.editions.resolveId(input.editionId);
    return inTransaction(this.dataSource, async (m) => {
      await this.lockPrinting(m, edition);
      const params: unknown[] = [edition, input.selection === 'visitors' ? 'visitor' : 'exhibitor_staff'];
      const exhibitorFilter = input.exhibitorId ? ` AND a.exhibitor_id = $${params.push(input.exhibitorId)}` : '';
      const order = input.sort === 'exhibitor' ? 'e.name NULLS LAST, fold(a.last_name), fold(a.first_name)' : 'fold(a.last_name), fold(a.first_name)';
      const selected = await sqlRows<{ id: string; badge_version: number }>(
        m,
        `SELECT a.id, a.badge_version FROM attendees a LEFT JOIN exhibitors e ON e.id = a.exhibitor_id
          WHERE a.edition_id = $1 AND a.category = $2 AND a.status = 'registered' AND a.erased_at IS NULL${exhibitorFilter}
          ORDER BY ${order}, a.id`,
        params,
      );
      const printed = new Set(await this.alreadyPrinted(m, selected));
      const toPrint = selected.filter((a) => !printed.has(a.id));
      if (!toPrint.length) throw BadgeErrors.nothingToPrint();
      const job = await this.createJob(m, { edition, by, deskId: null, kind: 'bulk', format: 'pdf', dpi: null, layout: 'a4_sheet', sort: input.sort, reprintReason: null }, toPrint.map((a, i) => ({ ...a, position: i })));
      return { ...job, skippedAlreadyPrinted: printed.size };
    });
  }

  async get(id: string): Promise<PrintJobView> {
    const [job] = await sqlRows<PrintJobView>(this.dataSource, `SELECT ${JOB_VIEW} FROM badge_print_jobs WHERE id = $1`, [id]);
    if (!job) throw BadgeErrors.jobNotFound(id);
    return job;
  }

  async file(id: string): Promise<{ content: Buffer; contentType: string; fileName: string }> {
    const [row] = await sqlRows<{ status: string; file: Buffer | null; content_type: string; expires_at: Date | null; format: string }>(
      this.dataSource,
      `SELECT status, file, content_type, expires_at, format FROM badge_print_jobs WHERE id = $1`,
      [id],
    );
    if (!row) throw BadgeErrors.jobNotFound(id);
    if (!['ready', 'printed'].includes(row.status)) throw BadgeErrors.notReady(row.status);
    if (!row.file || (row.expires_at && row.expires_at.getTime() < Date.now())) throw BadgeErrors.fileExpired();
    return { content: row.file, contentType: row.content_type, fileName: `badges-${id}.${row.format}` };
  }

  /** The desk confirms the badges came out of the printer. */
  async markPrinted(id: string, by: Actor): Promise<PrintJobView> {
    return inTransaction(this.dataSource, async (m) => {
      const [job] = await sqlRows<{ status: string; edition_id: string; desk_id: string | null }>(m, `SELECT status, edition_id, desk_id FROM badge_print_jobs WHERE id = $1 FOR UPDATE`, [id]);
      if (!job) throw BadgeErrors.jobNotFound(id);
      if (job.status === 'printed') return this.get(id);
      if (job.status !== 'ready') throw BadgeErrors.notReady(job.status);
      await m.query(`UPDATE badge_print_jobs SET status = 'printed', printed_at = now(), printed_by = $2 WHERE id = $1`, [id, by.id]);
      await this.audit.record(m, { editionId: job.edition_id, actor: by, action: 'badge_print_job.printed', entityType: 'badge_print_job', entityId: id, after: { deskId: job.desk_id } });
      const [view] = await sqlRows<PrintJobView>(m, `SELECT ${JOB_VIEW} FROM badge_print_jobs WHERE id = $1`, [id]);
      return view;
    });
  }

  /**
   * The job handler: renders every badge of the job into one file, reporting progress. Idempotent: a
   * job already rendered is left as it is; a crashed render starts again from the first badge.
   */
  async render(printJobId: string): Promise<PrintJobView> {
    const [job] = await sqlRows<{ id: string; format: PrintFormat; dpi: Dpi | null; layout: string; kind: string }>(
      this.dataSource,
      `UPDATE badge_print_jobs SET status = 'rendering', started_at = coalesce(started_at, now()), done = 0
        WHERE id = $1 AND status IN ('queued', 'rendering') RETURNING id, format, dpi, layout, kind`,
      [printJobId],
    );
    if (!job) return this.get(printJobId);
    const badges = await this.badgesOf(printJobId);
    const stale = badges.filter((b) => b.stale);
    if (stale.length) {
      await this.fail(printJobId, `${stale.length} badge(s) were re-issued or cancelled after the request; request the print again`);
      return this.get(printJobId);
    }
    // The renderers call this every 25 badges; it is written outside any transaction, so readers see it.
    const progress = async (done: number) => {
      await this.dataSource.query(`UPDATE badge_print_jobs SET done = $2 WHERE id = $1 AND status = 'rendering'`, [printJobId, done]);
    };
    let content: Buffer;
    let contentType: string;
    if (job.format === 'zpl') {
      content = Buffer.from(badges.map((b) => renderZpl(b, job.dpi ?? 203)).join(''), 'utf8');
      contentType = 'application/vnd.zebra.zpl; charset=utf-8';
      await progress(badges.length);
    } else {
      content = job.layout === 'a4_sheet' ? await renderSheetPdf(badges, progress) : await renderBadgesPdf(badges, job.layout as LayoutName, progress);
      contentType = 'application/pdf';
    }
    await this.dataSource.query(
      `UPDATE badge_print_jobs SET status = 'ready', done = total, file = $2, content_type = $3, ready_at = now(),
              expires_at = now() + make_interval(hours => $4) WHERE id = $1 AND status = 'rendering'`,
      [printJobId, content, contentType, this.config.badgeFileTtlHours],
    );
    this.logger.log({ printJobId, badges: badges.length, bytes: content.length }, 'badges rendered');
    return this.get(printJobId);
  }

  async fail(printJobId: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE badge_print_jobs SET status = 'failed', failure_reason = $2 WHERE id = $1 AND status IN ('queued', 'rendering')`, [printJobId, reason]);
  }

  /** Drops the rendered files that hold an erased attendee's badge (a sheet goes whole; the jobs and their history stay). */
  async forgetAttendee(attendeeId: string): Promise<number> {
    const rows = await sqlRows(
      this.dataSource,
      `UPDATE badge_print_jobs j SET file = NULL, expires_at = least(expires_at, now())
        WHERE file IS NOT NULL AND EXISTS (SELECT 1 FROM badge_print_items i WHERE i.job_id = j.id AND i.attendee_id = $1)
       RETURNING id`,
      [attendeeId],
    );
    return rows.length;
  }

  /** Drops rendered files past their expiry (the jobs and their history stay). */
  async expireFiles(): Promise<number> {
    const rows = await sqlRows(this.dataSource, `UPDATE badge_print_jobs SET file = NULL WHERE file IS NOT NULL AND expires_at < now() RETURNING id`);
    return rows.length;
  }

  private async createJob(
    m: EntityManager,
    j: { edition: string; by: Actor; deskId: string | null; kind: 'single' | 'bulk'; format: PrintFormat; dpi: number | null; layout: string; sort: string | null; reprintReason: string | null },
    items: Array<{ id: string; badge_version: number; position: number }>,
  ): Promise<PrintJobView> {
    const [{ id }] = await sqlRows<{ id: string }>(
      m,
      `INSERT INTO badge_print_jobs (edition_id, requested_by, desk_id, kind, format, dpi, layout, sort, total, reprint_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [j.edition, j.by.id, j.deskId, j.kind, j.format, j.dpi, j.layout, j.sort, items.length, j.reprintReason],
    );
    await m.query(
      `INSERT INTO badge_print_items (job_id, attendee_id, badge_version, position) SELECT $1, x.id, x.v, x.p FROM unnest($2::uuid[], $3::int[], $4::int[]) AS x(id, v, p)`,
      [id, items.map((i) => i.id), items.map((i) => i.badge_version), items.map((i) => i.position)],
    );
    await this.producer.enqueue(m, 'badges.render', { printJobId: id });
    await this.audit.record(m, { editionId: j.edition, actor: j.by, action: 'badge_print_job.requested', entityType: 'badge_print_job', entityId: id, after: { kind: j.kind, format: j.format, layout: j.layout, badges: items.length, deskId: j.deskId } });
    const [view] = await sqlRows<PrintJobView>(m, `SELECT ${JOB_VIEW} FROM badge_print_jobs WHERE id = $1`, [id]);
    return view;
  }

  /**
   * Print requests of an edition one at a time: two at once would both find a badge not yet printed and
   * both print it, the second without a reprint reason.
   */
  private async lockPrinting(m: EntityManager, editionId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('badge-print:' || $1))`, [editionId]);
  }

  /** Attendees whose current badge version is already in a job that did not fail. */
  private async alreadyPrinted(m: EntityManager, attendees: Array<{ id: string; badge_version: number }>): Promise<string[]> {
    const rows = await sqlRows<{ attendee_id: string }>(
      m,
      `SELECT DISTINCT i.attendee_id FROM badge_print_items i JOIN badge_print_jobs j ON j.id = i.job_id
        JOIN unnest($1::uuid[], $2::int[]) AS x(id, v) ON x.id = i.attendee_id AND x.v = i.badge_version
        WHERE j.status <> 'failed'`,
      [attendees.map((a) => a.id), attendees.map((a) => a.badge_version)],
    );
    return rows.map((r) => r.attendee_id);
  }

  private async badgesOf(printJobId: string): Promise<Array<BadgeData & { stale: boolean }>> {
    const rows = await sqlRows<{
      attendee_id: string; edition_id: string; badge_version: number; current_version: number; status: string; first_name: string; last_name: string;
      organisation: string | null; country: string | null; category: Category; days: string[]; fair: string; exhibitor: string | null;
    }>(
      this.dataSource,
      `SELECT i.attendee_id, a.edition_id, i.badge_version, a.badge_version AS current_version, a.status, a.first_name, a.last_name, a.organisation, a.country,
              a.category, to_json(a.days) AS days, e.name || ' ' || e.edition_number || ' · ' || e.city AS fair, x.name AS exhibitor
         FROM badge_print_items i JOIN attendees a ON a.id = i.attendee_id JOIN editions e ON e.id = a.edition_id
         LEFT JOIN exhibitors x ON x.id = a.exhibitor_id
        WHERE i.job_id = $1 ORDER BY i.position`,
      [printJobId],
    );
    return rows.map((r) => ({
      attendeeId: r.attendee_id,
      badgeVersion: r.badge_version,
      firstName: r.first_name,
      lastName: r.last_name,
      organisation: r.organisation,
      country: r.country,
      category: r.category,
      days: r.days,
      fair: r.fair,
      exhibitor: r.exhibitor,
      code: this.keys.sign({ attendeeId: r.attendee_id, editionId: r.edition_id, category: r.category, days: r.days, version: r.badge_version }),
      stale: r.badge_version !== r.current_version || r.status !== 'registered',
    }));
  }
}
