import { Processor } from '@nestjs/bullmq';
import { OnApplicationShutdown } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JobPayloads } from '@fairops/core';
import { BadgePrintService } from '@fairops/badges';
import { FairopsWorkerHost } from './fairops-worker-host';

/** The `badges` queue: rendering print jobs, dropping the files of an erased attendee; also drops expired files every hour. */
@Processor('badges')
export class BadgesProcessor extends FairopsWorkerHost implements OnApplicationShutdown {
  private readonly expiry: NodeJS.Timeout;

  constructor(private readonly print: BadgePrintService) {
    super();
    this.expiry = setInterval(() => void this.print.expireFiles().catch(() => undefined), 3600_000);
    this.expiry.unref();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'badges.render': {
        const { printJobId } = job.data as JobPayloads['badges.render'];
        try {
          const result = await this.print.render(printJobId);
          return { status: result.status, badges: result.progress.total };
        } catch (error) {
          if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.print.fail(printJobId, 'the badges could not be rendered; try again');
          throw error;
        }
      }
      case 'badges.forget-attendee': {
        const { attendeeId } = job.data as JobPayloads['badges.forget-attendee'];
        return { filesDropped: await this.print.forgetAttendee(attendeeId) };
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on queue badges`);
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.expiry);
  }
}
