import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobPayloads } from '@fairops/core';
import { ExhibitorImportService } from '@fairops/exhibitors';
import { AttendeeImportService } from '@fairops/attendees';
import { CsvImportView } from '@fairops/imports';
import { FairopsWorkerHost } from './fairops-worker-host';

type ImportJob = 'exhibitors.import' | 'attendees.import';

/** What each import job runs: a configuration of the imports pipeline. */
interface ImportRunner {
  run(importId: string): Promise<CsvImportView>;
  markFailed(importId: string, reason: string): Promise<void>;
}

/** The `imports` queue: CSV imports of exhibitors and attendees, both run by the imports pipeline. */
@Processor('imports')
export class ImportsProcessor extends FairopsWorkerHost {
  private readonly runners: Record<ImportJob, ImportRunner>;

  constructor(exhibitorImports: ExhibitorImportService, attendeeImports: AttendeeImportService) {
    super();
    this.runners = { 'exhibitors.import': exhibitorImports, 'attendees.import': attendeeImports };
  }

  async process(job: Job): Promise<unknown> {
    const runner = Object.hasOwn(this.runners, job.name) ? this.runners[job.name as ImportJob] : undefined;
    if (!runner) throw new UnrecoverableError(`unknown job ${job.name} on queue imports`);
    const { importId } = job.data as JobPayloads[ImportJob];
    try {
      const result = await runner.run(importId);
      return { status: result.status, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected };
    } catch (error) {
      // The last attempt: record the failure on the import so that the organiser sees it.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await runner.markFailed(importId, 'the import could not be completed; try again');
      throw error;
    }
  }
}
