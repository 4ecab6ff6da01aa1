import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobPayloads, JobProbesService } from '@fairops/core';
import { FairopsWorkerHost } from './fairops-worker-host';

/** The `system` queue: thin, reads the job and calls the service. */
@Processor('system')
export class SystemProcessor extends FairopsWorkerHost {
  constructor(private readonly probes: JobProbesService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'system.probe': {
        const { probeId } = job.data as JobPayloads['system.probe'];
        const marked = await this.probes.markProcessed(probeId);
        this.logger.log({ jobId: job.id, probeId, marked }, 'job probe processed');
        return { marked };
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on queue system`);
    }
  }
}
