import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AccountTokens, AppConfig, UsersService } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { ComposedMessage, EditionFacts, MessageComposer, MessageComposers, MessageToSend } from '@fairops/messages';
import { ACCOUNT_LINK_PATH } from './account-mail';
import { editionFacts } from './edition-facts';

/** What an account message says of the fair when no edition had been set up when it was asked. */
const NO_EDITION: EditionFacts = { name: 'FairOps', editionNumber: 0, venue: '', city: '', timeZone: 'UTC', days: [] };

/**
 * The invitation and password-reset messages. The row holds the link token's id, never the token: the
 * token is recomputed here (AccountTokens.usable), and only while the link can still be used. A link
 * used, retired by a newer one, expired, or of a user since disabled has nothing to say: the message
 * is dropped as failed rather than sending a dead link.
 */
@Injectable()
export class AccountMessagesComposer implements MessageComposer, OnModuleInit {
  constructor(
    private readonly composers: MessageComposers,
    private readonly dataSource: DataSource,
    private readonly tokens: AccountTokens,
    private readonly users: UsersService,
    private readonly editions: EditionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.composers.register(['invitation', 'password_reset'], this);
  }

  async compose(message: MessageToSend): Promise<ComposedMessage | undefined> {
    const tokenId = message.data.tokenId;
    if (typeof tokenId !== 'string') return undefined;
    const link = await this.tokens.usable(this.dataSource, tokenId);
    if (!link || link.userId !== message.userId || link.purpose !== message.template) return undefined;
    const user = await this.users.findActive(link.userId);
    if (!user) return undefined;
    const edition = message.editionId ? editionFacts(await this.editions.get(message.editionId)) : NO_EDITION;
    const href = `${this.config.publicUrl.replace(/\/+$/, '')}${ACCOUNT_LINK_PATH}?token=${link.token}`;
    const expiresAt = link.expiresAt.toISOString();
    const data: ComposedMessage['data'] =
      link.purpose === 'invitation' ? { template: 'invitation', role: user.role, link: href, expiresAt } : { template: 'password_reset', link: href, expiresAt };
    return { data, edition };
  }
}
