import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccountTokenPurpose, AccountTokens, Actor, AuthErrors, DomainError, InvitedUser, RateLimiter, UsersService, UserView, inTransaction } from '@fairops/core';
import { EditionView, EditionsService } from '@fairops/editions';
import { MessagesService } from '@fairops/messages';
import { languageFor } from './edition-facts';

/**
 * Password-reset requests allowed per window: per account address (a mailbox is not flooded with
 * links) and per client address (one client does not probe many addresses). Both counted before
 * anything is looked up, the same for known and unknown addresses.
 */
export const PASSWORD_RESET_LIMITS = { perEmail: 3, perClient: 20, windowSeconds: 3600 } as const;

/** The page of the web app that reads `token` from its address and calls POST /auth/password-link. */
export const ACCOUNT_LINK_PATH = '/account/password';

/**
 * Accounts by email: invitations and "forgot password". Each writes the user's single-use link token
 * and the message that carries its id in one transaction (the composer recomputes the token when it
 * sends; AccountTokens says how). Choosing the password with the link is core's
 * (`UsersService.setPasswordWithLink`): it needs no mail.
 */
@Injectable()
export class AccountMail implements OnModuleDestroy {
  private readonly logger = new Logger(AccountMail.name);
  /** Password-reset requests answered but not yet written: the process waits for them before it stops. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly tokens: AccountTokens,
    private readonly messages: MessagesService,
    private readonly editions: EditionsService,
    private readonly limiter: RateLimiter,
  ) {}

  /**
   * Invites a user by email: the user (no password), the invitation token and its message, in one
   * transaction. A taken email is a 409 `email_taken`, and nothing is sent.
   */
  async invite(input: InvitedUser, by: Actor): Promise<UserView> {
    const edition = await this.currentEdition();
    return inTransaction(this.dataSource, async (m) => {
      const user = await this.users.invite(m, input, by);
      await this.sendLink(m, user, 'invitation', edition);
      return user;
    });
  }

  /**
   * "Forgot password": counts the request against the address's and the client's limits (429 past
   * either), then answers at once. Looking the address up, and for an enabled user the token and the
   * message, happen after the answer: the caller learns nothing from what it says or how long it takes.
   */
  async requestPasswordReset(email: string, clientAddress: string): Promise<void> {
    const account = email.trim().toLowerCase();
    const { perEmail, perClient, windowSeconds } = PASSWORD_RESET_LIMITS;
    const byEmail = await this.limiter.hit(RateLimiter.key('password-reset-email', account), perEmail, windowSeconds);
    if (!byEmail.allowed) throw AuthErrors.tooManyPasswordResets(byEmail.retryAfterSeconds);
    const byClient = await this.limiter.hit(RateLimiter.key('password-reset-client', clientAddress), perClient, windowSeconds);
    if (!byClient.allowed) throw AuthErrors.tooManyPasswordResets(byClient.retryAfterSeconds);
    this.afterAnswer(this.sendResetLink(account));
  }

  /** Waits for the password-reset requests already answered (at shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  onModuleDestroy(): Promise<void> {
    return this.settled();
  }

  private async sendResetLink(email: string): Promise<void> {
    const user = await this.users.findEnabledByEmail(email);
    if (!user) return;
    const edition = await this.currentEdition();
    await inTransaction(this.dataSource, (m) => this.sendLink(m, user, 'password_reset', edition));
  }

  /** A new link for the user (earlier ones of the purpose retired) and its message, keyed by the token. */
  private async sendLink(m: EntityManager, user: UserView, purpose: AccountTokenPurpose, edition: EditionView | undefined): Promise<void> {
    const token = await this.tokens.issue(m, user.id, purpose);
    await this.messages.enqueue(m, {
      key: `${purpose}:${token.id}`,
      editionId: edition?.id ?? null,
      template: purpose,
      language: languageFor(user.language, edition ?? { defaultLanguage: 'fr' }),
      recipient: { email: user.email, name: user.displayName },
      userId: user.id,
      // The token's id only: the composer recomputes the token, which is stored nowhere.
      data: { tokenId: token.id },
    });
  }

  /** The edition messages speak of (the current one), or undefined before any edition is set up. */
  private async currentEdition(): Promise<EditionView | undefined> {
    return this.editions.current().catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'no_edition') return undefined;
      throw error;
    });
  }

  private afterAnswer(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => {
      // No address in the log: only that a request could not be written, and why.
      this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'password-reset link not sent');
    });
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }
}
