import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { AwardsAuditRepository } from './awards-audit.repository';
import { AwardsAuditService } from './awards-audit.service';
import { PrizesRepository } from './prizes.repository';
import { PrizesService } from './prizes.service';
import { RankingService } from './ranking.service';
import { ResultsRepository } from './results.repository';
import { ScoresRepository } from './scores.repository';
import { ScoringService } from './scoring.service';

@Module({
  imports: [EditionsModule],
  providers: [AwardsAuditRepository, PrizesRepository, ScoresRepository, ResultsRepository, AwardsAuditService, PrizesService, ScoringService, RankingService],
  exports: [AwardsAuditService, PrizesService, ScoringService, RankingService],
})
export class AwardsModule {}
