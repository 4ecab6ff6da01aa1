import { Injectable, OnModuleInit } from '@nestjs/common';
import { RankingService } from '@fairops/awards';
import { EditionsService } from '@fairops/editions';
import { ComposedMessage, MessageComposer, MessageComposers, MessageToSend } from '@fairops/messages';
import { editionFacts } from './edition-facts';

/**
 * The winner's contact hears of the prize, with the certificate attached: the one the awards' job renders
 * and stores, or, if the mail is sent first, rendered and stored here the same way (the mail never
 * goes without it).
 */
@Injectable()
export class PrizeWonComposer implements MessageComposer, OnModuleInit {
  constructor(
    private readonly composers: MessageComposers,
    private readonly ranking: RankingService,
    private readonly editions: EditionsService,
  ) {}

  onModuleInit(): void {
    this.composers.register(['prize_won'], this);
  }

  async compose(message: MessageToSend): Promise<ComposedMessage | undefined> {
    const certificate = await this.ranking.certificateForMail(String(message.data.prizeId));
    if (!certificate) return undefined;
    const fileName = `${certificate.prize} - ${certificate.winner}`.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'certificate';
    return {
      data: { template: 'prize_won', prizeName: certificate.prize, nomineeName: certificate.winner },
      edition: editionFacts(await this.editions.get(certificate.editionId)),
      attachments: [{ filename: `${fileName}.pdf`, content: certificate.pdf, contentType: 'application/pdf' }],
    };
  }
}
