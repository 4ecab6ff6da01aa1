import { Processor } from '@nestjs/bullmq';
import { JobHandlers } from '@fairops/core';
import { SessionRegistrationsService } from '@fairops/sessions';
import { FairopsWorkerHost } from './fairops-worker-host';

/** The `sessions` queue: waitlist promotions after cancellations. */
@Processor('sessions')
export class SessionsProcessor extends FairopsWorkerHost<'sessions'> {
  protected readonly queue = 'sessions';
  protected readonly handlers: JobHandlers<'sessions'> = {
    'sessions.promote-waitlist': async ({ sessionId }) => ({ promoted: (await this.registrations.promoteWaitlist(sessionId)).length }),
  };

  constructor(private readonly registrations: SessionRegistrationsService) {
    super();
  }
}
