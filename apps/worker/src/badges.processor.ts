import { Processor } from '@nestjs/bullmq';
import { OnApplicationShutdown } from '@nestjs/common';
import { JobHandlers, recordingFinalFailure } from '@fairops/core';
import { BadgePrintService } from '@fairops/badges';
import { FairopsWorkerHost } from './fairops-worker-host';

/** The `badges` queue: rendering print jobs, dropping the files of an erased attendee; also drops expired files every hour. */
@Processor('badges')
export class BadgesProcessor extends FairopsWorkerHost<'badges'> implements OnApplicationShutdown {
  protected readonly queue = 'badges';
  protected readonly handlers: JobHandlers<'badges'> = {
    // The final attempt's failure is recorded on the print job, so that the desk sees it.
    'badges.render': recordingFinalFailure(
      async ({ printJobId }) => {
        const result = await this.print.render(printJobId);
        return { status: result.status, badges: result.progress.total };
      },
      ({ printJobId }) => this.print.fail(printJobId, 'the badges could not be rendered; try again'),
    ),
    'badges.forget-attendee': async ({ attendeeId }) => ({ filesDropped: await this.print.forgetAttendee(attendeeId) }),
  };
  private readonly expiry: NodeJS.Timeout;

  constructor(private readonly print: BadgePrintService) {
    super();
    this.expiry = setInterval(() => void this.print.expireFiles().catch(() => undefined), 3600_000);
    this.expiry.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.expiry);
  }
}
