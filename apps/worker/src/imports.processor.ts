import { Processor } from '@nestjs/bullmq';
import { JobHandlers, recordingFinalFailure } from '@fairops/core';
import { ExhibitorImportService } from '@fairops/exhibitors';
import { AttendeeImportService } from '@fairops/attendees';
import { FairopsWorkerHost } from './fairops-worker-host';

const FAILED = 'the import could not be completed; try again';

/** The `imports` queue: CSV imports of exhibitors and attendees. */
@Processor('imports')
export class ImportsProcessor extends FairopsWorkerHost<'imports'> {
  protected readonly queue = 'imports';
  // The final attempt's failure is recorded on the import, so that the organiser sees it.
  protected readonly handlers: JobHandlers<'imports'> = {
    'exhibitors.import': recordingFinalFailure(
      async ({ importId }) => {
        const r = await this.exhibitorImports.run(importId);
        return { status: r.status, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected };
      },
      ({ importId }) => this.exhibitorImports.markFailed(importId, FAILED),
    ),
    'attendees.import': recordingFinalFailure(
      async ({ importId }) => {
        const r = await this.attendeeImports.run(importId);
        return { status: r.status, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected };
      },
      ({ importId }) => this.attendeeImports.markFailed(importId, FAILED),
    ),
  };

  constructor(
    private readonly exhibitorImports: ExhibitorImportService,
    private readonly attendeeImports: AttendeeImportService,
  ) {
    super();
  }
}
