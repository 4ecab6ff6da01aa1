import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { AwardsAuditService } from './awards-audit.service';
import { PrizesService } from './prizes.service';
import { RankingService } from './ranking.service';
import { ScoringService } from './scoring.service';

@Module({
  imports: [EditionsModule],
  providers: [AwardsAuditService, PrizesService, ScoringService, RankingService],
  exports: [AwardsAuditService, PrizesService, ScoringService, RankingService],
})
export class AwardsModule {}
