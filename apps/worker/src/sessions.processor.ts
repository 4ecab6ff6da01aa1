import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobPayloads } from '@fairops/core';
import { SessionRegistrationsService } from '@fairops/sessions';
import { FairopsWorkerHost } from './fairops-worker-host';

/** The `sessions` queue: waitlist promotions after cancellations. */
@Processor('sessions')
export class SessionsProcessor extends FairopsWorkerHost {
  constructor(private readonly registrations: SessionRegistrationsService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'sessions.promote-waitlist': {
        const { sessionId } = job.data as JobPayloads['sessions.promote-waitlist'];
        return { promoted: (await this.registrations.promoteWaitlist(sessionId)).length };
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on queue sessions`);
    }
  }
}
