import { Processor } from '@nestjs/bullmq';
import { JobHandlers, JobProbesService } from '@fairops/core';
import { FairopsWorkerHost } from './fairops-worker-host';

/** The `system` queue: thin, reads the job and calls the service. */
@Processor('system')
export class SystemProcessor extends FairopsWorkerHost<'system'> {
  protected readonly queue = 'system';
  protected readonly handlers: JobHandlers<'system'> = {
    'system.probe': async ({ probeId }, attempt) => {
      const marked = await this.probes.markProcessed(probeId);
      this.logger.log({ jobId: attempt.id, probeId, marked }, 'job probe processed');
      return { marked };
    },
  };

  constructor(private readonly probes: JobProbesService) {
    super();
  }
}
