import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobPayloads } from '@fairops/core';
import { ExhibitorImportService } from '@fairops/exhibitors';
import { AttendeeImportService } from '@fairops/attendees';
import { FairopsWorkerHost } from './fairops-worker-host';

/** The `imports` queue: CSV imports of exhibitors and attendees. */
@Processor('imports')
export class ImportsProcessor extends FairopsWorkerHost {
  constructor(
    private readonly exhibitorImports: ExhibitorImportService,
    private readonly attendeeImports: AttendeeImportService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'exhibitors.import': {
        const { importId } = job.data as JobPayloads['exhibitors.import'];
        try {
          const result = await this.exhibitorImports.run(importId);
          return { status: result.status, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected };
        } catch (error) {
          // The last attempt: record the failure on the import so that the organiser sees it.
          if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.exhibitorImports.markFailed(importId, 'the import could not be completed; try again');
          throw error;
        }
      }
      case 'attendees.import': {
        const { importId } = job.data as JobPayloads['attendees.import'];
        try {
          const result = await this.attendeeImports.run(importId);
          return { status: result.status, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected };
        } catch (error) {
          if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.attendeeImports.markFailed(importId, 'the import could not be completed; try again');
          throw error;
        }
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on queue imports`);
    }
  }
}
