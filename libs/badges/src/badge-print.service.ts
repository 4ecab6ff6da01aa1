import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, Actor, AppConfig, AuditService, JobProducer, inTransaction } from '@fairops/core';
import { BadgeKeys } from '@fairops/attendees';
import { CheckinErrors, DESK_ID } from '@fairops/checkin';
import { EditionsService } from '@fairops/editions';
import { BadgeData, LayoutName } from './badge-layouts';
import { renderBadgesPdf, renderSheetPdf } from './badge-pdf';
import { Dpi, renderZpl } from './badge-zpl';
import { BadgeErrors } from './badges.errors';
import { BadgePrintJobsRepository, NewPrintJob, PrintableAttendee } from './badge-print-jobs.repository';
import { BadgePrintersRepository } from './badge-printers.repository';

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
  /** ZPL printers only. */
  dpi: Dpi | null;
  layout: LayoutName;
}

/**
 * Badge print jobs: requested by a desk or the back-office, rendered by a job, fetched, and confirmed
 * printed. A badge version is printed once; printing it again is a reprint with a reason, audited.
 */
@Injectable()
export class BadgePrintService {
  private readonly logger = new Logger(BadgePrintService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: BadgePrintJobsRepository,
    private readonly printerRows: BadgePrintersRepository,
    private readonly editions: EditionsService,
    private readonly keys: BadgeKeys,
    private readonly producer: JobProducer,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async setPrinter(editionId: string | undefined, deskId: string, printer: Omit<PrinterView, 'deskId'>, by: Actor): Promise<PrinterView> {
    if (!DESK_ID.test(deskId)) throw CheckinErrors.deskIdMalformed();
    if (printer.format === 'zpl' && printer.layout !== 'label_4x3') throw BadgeErrors.formatLayout();
    const edition = await this.editions.resolveId(editionId);
    return inTransaction(this.dataSource, async (m) => {
      const row = await this.printerRows.upsert(m, edition, { deskId, format: printer.format, dpi: printer.format === 'zpl' ? (printer.dpi ?? 203) : null, layout: printer.layout });
      await this.audit.record(m, { editionId: edition, actor: by, action: 'badge_printer.set', entityType: 'badge_printer', entityId: deskId, after: row });
      return row;
    });
  }

  async printers(editionId?: string): Promise<PrinterView[]> {
    return this.printerRows.list(await this.editions.resolveId(editionId));
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
    const printer = input.deskId ? await this.printerRows.find(edition, input.deskId) : undefined;
    const format = input.format ?? printer?.format ?? 'pdf';
    const layout = input.layout ?? (format === printer?.format ? printer.layout : undefined) ?? (format === 'zpl' ? 'label_4x3' : 'a6');
    const dpi = format === 'zpl' ? (input.dpi ?? printer?.dpi ?? 203) : null;
    if (format === 'zpl' && layout !== 'label_4x3') throw BadgeErrors.formatLayout();
    const ids = [...new Set(input.attendeeIds)];
    return inTransaction(this.dataSource, async (m) => {
      await this.jobs.lockPrinting(m, edition);
      const found = await this.jobs.printable(m, edition, ids);
      const missing = ids.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) throw BadgeErrors.unknownAttendees(missing);
      const printed = await this.jobs.alreadyPrinted(m, found);
      const reason = input.reprintReason?.trim() || null;
      if (printed.length && !reason) throw BadgeErrors.reprintNeedsReason(printed);
      const job = await this.createJob(
        m,
        { edition, requestedBy: by.id, deskId: input.deskId ?? null, kind: 'single', format, dpi, layout, sort: null, reprintReason: printed.length ? reason : null },
        by,
        found.map((f) => ({ ...f, position: ids.indexOf(f.id) })),
      );
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
      await this.jobs.lockPrinting(m, edition);
      const category = input.selection === 'visitors' ? 'visitor' : 'exhibitor_staff';
      const selected = await this.jobs.selection(m, { editionId: edition, category, exhibitorId: input.exhibitorId, sort: input.sort });
      const printed = new Set(await this.jobs.alreadyPrinted(m, selected));
      const toPrint = selected.filter((a) => !printed.has(a.id));
      if (!toPrint.length) throw BadgeErrors.nothingToPrint();
      const job = await this.createJob(
        m,
        { edition, requestedBy: by.id, deskId: null, kind: 'bulk', format: 'pdf', dpi: null, layout: 'a4_sheet', sort: input.sort, reprintReason: null },
        by,
        toPrint.map((a, i) => ({ ...a, position: i })),
      );
      return { ...job, skippedAlreadyPrinted: printed.size };
    });
  }

  async get(id: string): Promise<PrintJobView> {
    const job = await this.jobs.view(id);
    if (!job) throw BadgeErrors.jobNotFound(id);
    return job;
  }

  async file(id: string): Promise<{ content: Buffer; contentType: string; fileName: string }> {
    const row = await this.jobs.file(id);
    if (!row) throw BadgeErrors.jobNotFound(id);
    if (!['ready', 'printed'].includes(row.status)) throw BadgeErrors.notReady(row.status);
    if (!row.file || (row.expires_at && row.expires_at.getTime() < Date.now())) throw BadgeErrors.fileExpired();
    return { content: row.file, contentType: row.content_type, fileName: `badges-${id}.${row.format}` };
  }

  /** The desk confirms the badges came out of the printer. */
  async markPrinted(id: string, by: Actor): Promise<PrintJobView> {
    return inTransaction(this.dataSource, async (m) => {
      const job = await this.jobs.lockForUpdate(m, id);
      if (!job) throw BadgeErrors.jobNotFound(id);
      if (job.status === 'printed') return this.get(id);
      if (job.status !== 'ready') throw BadgeErrors.notReady(job.status);
      await this.jobs.markPrinted(m, id, by.id);
      await this.audit.record(m, { editionId: job.edition_id, actor: by, action: 'badge_print_job.printed', entityType: 'badge_print_job', entityId: id, after: { deskId: job.desk_id } });
      return (await this.jobs.view(id, m))!;
    });
  }

  /**
   * The job handler: renders every badge of the job into one file, reporting progress. Idempotent: a
   * job already rendered is left as it is; a crashed render starts again from the first badge.
   */
  async render(printJobId: string): Promise<PrintJobView> {
    const job = await this.jobs.startRendering(printJobId);
    if (!job) return this.get(printJobId);
    const badges = await this.badgesOf(printJobId);
    const stale = badges.filter((b) => b.stale);
    if (stale.length) {
      await this.fail(printJobId, `${stale.length} badge(s) were re-issued or cancelled after the request; request the print again`);
      return this.get(printJobId);
    }
    // The renderers call this every 25 badges; it is written outside any transaction, so readers see it.
    const progress = (done: number) => this.jobs.progress(printJobId, done);
    let content: Buffer;
    let contentType: string;
    if (job.format === 'zpl') {
      content = Buffer.from(badges.map((b) => renderZpl(b, (job.dpi as Dpi | null) ?? 203)).join(''), 'utf8');
      contentType = 'application/vnd.zebra.zpl; charset=utf-8';
      await progress(badges.length);
    } else {
      content = job.layout === 'a4_sheet' ? await renderSheetPdf(badges, progress) : await renderBadgesPdf(badges, job.layout as LayoutName, progress);
      contentType = 'application/pdf';
    }
    await this.jobs.ready(printJobId, { content, contentType, ttlHours: this.config.badgeFileTtlHours });
    this.logger.log({ printJobId, badges: badges.length, bytes: content.length }, 'badges rendered');
    return this.get(printJobId);
  }

  fail(printJobId: string, reason: string): Promise<void> {
    return this.jobs.fail(printJobId, reason);
  }

  /** Drops the rendered files that hold an erased attendee's badge (a sheet goes whole; the jobs and their history stay). */
  forgetAttendee(attendeeId: string): Promise<number> {
    return this.jobs.forgetAttendee(attendeeId);
  }

  /** Drops rendered files past their expiry (the jobs and their history stay). */
  expireFiles(): Promise<number> {
    return this.jobs.expireFiles();
  }

  private async createJob(m: EntityManager, j: NewPrintJob, by: Actor, items: Array<PrintableAttendee & { position: number }>): Promise<PrintJobView> {
    const id = await this.jobs.create(m, j, items);
    await this.producer.enqueue(m, 'badges.render', { printJobId: id });
    await this.audit.record(m, { editionId: j.edition, actor: by, action: 'badge_print_job.requested', entityType: 'badge_print_job', entityId: id, after: { kind: j.kind, format: j.format, layout: j.layout, badges: items.length, deskId: j.deskId } });
    return (await this.jobs.view(id, m))!;
  }

  private async badgesOf(printJobId: string): Promise<Array<BadgeData & { stale: boolean }>> {
    const rows = await this.jobs.badges(printJobId);
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
