import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobPayloads } from '@fairops/core';
import { RankingService } from '@fairops/awards';
import { FairopsWorkerHost } from './fairops-worker-host';

/** The `awards` queue: winners' certificates. */
@Processor('awards')
export class AwardsProcessor extends FairopsWorkerHost {
  constructor(private readonly ranking: RankingService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'awards.render-certificate': {
        const { prizeId } = job.data as JobPayloads['awards.render-certificate'];
        return { rendered: await this.ranking.renderCertificate(prizeId) };
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on queue awards`);
    }
  }
}
