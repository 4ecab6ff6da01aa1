import { Processor } from '@nestjs/bullmq';
import { JobHandlers } from '@fairops/core';
import { RankingService } from '@fairops/awards';
import { FairopsWorkerHost } from './fairops-worker-host';

/** The `awards` queue: winners' certificates. */
@Processor('awards')
export class AwardsProcessor extends FairopsWorkerHost<'awards'> {
  protected readonly queue = 'awards';
  protected readonly handlers: JobHandlers<'awards'> = {
    'awards.render-certificate': async ({ prizeId }) => ({ rendered: await this.ranking.renderCertificate(prizeId) }),
  };

  constructor(private readonly ranking: RankingService) {
    super();
  }
}
