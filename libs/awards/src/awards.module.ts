import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { ExhibitorsModule } from '@fairops/exhibitors';
import { MessagesModule } from '@fairops/messages';
import { AwardMessages } from './award-messages';
import { AwardMessagesRepository } from './award-messages.repository';
import { AwardsAuditRepository } from './awards-audit.repository';
import { AwardsAuditService } from './awards-audit.service';
import { PrizesRepository } from './prizes.repository';
import { PrizesService } from './prizes.service';
import { RankingService } from './ranking.service';
import { ResultsRepository } from './results.repository';
import { ScoresRepository } from './scores.repository';
import { ScoringService } from './scoring.service';

@Module({
  imports: [EditionsModule, ExhibitorsModule, MessagesModule],
  providers: [AwardMessagesRepository, AwardMessages, AwardsAuditRepository, PrizesRepository, ScoresRepository, ResultsRepository, AwardsAuditService, PrizesService, ScoringService, RankingService],
  exports: [AwardMessages, PrizesRepository, ScoresRepository, AwardsAuditService, PrizesService, ScoringService, RankingService],
})
export class AwardsModule {}
