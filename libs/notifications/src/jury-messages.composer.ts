import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@fairops/core';
import { AwardMessages, PrizesService } from '@fairops/awards';
import { EditionsService } from '@fairops/editions';
import { ComposedMessage, MessageComposer, MessageComposers, MessageToSend } from '@fairops/messages';
import { editionFacts } from './edition-facts';

/** A juror assigned to a prize, or reminded to submit: the prize, when scoring closes (on the fair's clock), and the jury app's link. */
@Injectable()
export class JuryMessagesComposer implements MessageComposer, OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly composers: MessageComposers,
    private readonly prizes: PrizesService,
    private readonly awardMessages: AwardMessages,
    private readonly editions: EditionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.composers.register(['jury_assigned', 'jury_reminder'], this);
  }

  /** A reminder that has become pointless while it waited in the queue is withdrawn; an assignment always goes. */
  async withdrawnBecause(message: MessageToSend): Promise<string | undefined> {
    if (message.template !== 'jury_reminder' || !message.userId) return undefined;
    return this.awardMessages.reminderNotWanted(String(message.data.prizeId), message.userId);
  }

  async compose(message: MessageToSend): Promise<ComposedMessage | undefined> {
    const prize = await this.prizes.find(this.dataSource, String(message.data.prizeId));
    if (!prize) return undefined;
    return {
      data: {
        template: message.template as 'jury_assigned' | 'jury_reminder',
        prize: { name: prize.name, scoringClosesAt: new Date(prize.scoringClosesAt).toISOString() },
        link: `${this.config.publicUrl}/jury`,
      },
      edition: editionFacts(await this.editions.get(prize.editionId)),
    };
  }
}
