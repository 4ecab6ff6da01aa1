import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, UserContact, UsersService, inTransaction } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { ExhibitorsRepository } from '@fairops/exhibitors';
import { Language, MessagesService } from '@fairops/messages';
import { AwardMessagesRepository } from './award-messages.repository';

/**
 * The awards' messages, each queued in the transaction of what caused it: a juror assigned to a prize
 * (`jury_assigned:<prize>:<juror>`), a reminder to a juror whose ballot is not submitted
 * JURY_REMINDER_HOURS before scoring closes (`jury_reminder:<prize>:<juror>`: once per juror and prize,
 * however many workers look), and the published winner's contact (`prize_won:<prize>`, the certificate
 * attached when sent). Messages carry ids; their content is composed when sent.
 */
@Injectable()
export class AwardMessages {
  private readonly logger = new Logger(AwardMessages.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AwardMessagesRepository,
    private readonly messages: MessagesService,
    private readonly users: UsersService,
    private readonly editions: EditionsService,
    private readonly exhibitors: ExhibitorsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Tells each newly assigned juror of the prize. */
  async assigned(m: EntityManager, prize: { id: string; editionId: string }, jurorIds: readonly string[]): Promise<void> {
    if (!jurorIds.length) return;
    await this.toJurors(m, 'jury_assigned', prize.editionId, jurorIds.map((jurorId) => ({ prizeId: prize.id, jurorId })));
  }

  /**
   * Queues the reminders due now: jurors of prizes whose scoring closes within JURY_REMINDER_HOURS and
   * who have not submitted. Safe to run from every worker at once (an advisory lock lets one do it; the
   * keys make any repeat send nothing new). Answers how many reminders it newly queued.
   */
  async remindDue(): Promise<number> {
    return inTransaction(this.dataSource, async (m) => {
      if (!(await this.repository.tryReminderLock(m))) return 0;
      const due = await this.repository.dueReminders(m, this.clock.now(), this.config.juryReminder.hours);
      let queued = 0;
      for (const [editionId, pairs] of groupBy(due, (d) => d.editionId)) queued += await this.toJurors(m, 'jury_reminder', editionId, pairs);
      // At debug: the messages list shows them, and npm start's banner stays the last line at the default level.
      if (queued) this.logger.debug({ queued }, 'jury reminders queued');
      return queued;
    });
  }

  /**
   * Why a queued reminder should not go out after all (the juror submitted, or left the jury, or scoring
   * closed meanwhile), checked when its turn to be sent comes; undefined while it is still wanted.
   */
  reminderNotWanted(prizeId: string, jurorId: string): Promise<string | undefined> {
    return this.repository.reminderNotWanted(this.dataSource, prizeId, jurorId, this.clock.now());
  }

  /** The published winner's contact (the nominee's exhibitor's contact email) hears of it; none without one. */
  async prizeWon(m: EntityManager, prizeId: string): Promise<void> {
    const winner = await this.repository.winner(m, prizeId);
    const exhibitor = winner?.exhibitorId ? await this.exhibitors.findView(m, winner.exhibitorId) : undefined;
    if (!winner || !exhibitor?.contactEmail) return;
    await this.messages.enqueue(m, {
      key: `prize_won:${prizeId}`,
      editionId: winner.editionId,
      template: 'prize_won',
      language: await this.defaultLanguage(m, winner.editionId),
      recipient: { email: exhibitor.contactEmail, name: exhibitor.contactName ?? exhibitor.name },
      data: { prizeId, nomineeId: winner.nomineeId },
    });
  }

  private async toJurors(m: EntityManager, template: 'jury_assigned' | 'jury_reminder', editionId: string, pairs: Array<{ prizeId: string; jurorId: string }>): Promise<number> {
    const contacts = new Map((await this.users.contacts([...new Set(pairs.map((p) => p.jurorId))], m)).map((u) => [u.id, u]));
    const fallback = await this.defaultLanguage(m, editionId);
    let queued = 0;
    for (const { prizeId, jurorId } of pairs) {
      const to = contacts.get(jurorId);
      if (!to || to.disabled) continue;
      const id = await this.messages.enqueue(m, {
        key: `${template}:${prizeId}:${jurorId}`,
        editionId,
        template,
        language: languageOf(to, fallback),
        recipient: { email: to.email, name: to.displayName },
        userId: jurorId,
        data: { prizeId },
      });
      if (id) queued++;
    }
    return queued;
  }

  private async defaultLanguage(m: EntityManager, editionId: string): Promise<Language> {
    return (await this.editions.get(editionId, m)).defaultLanguage;
  }
}

function languageOf(user: UserContact, fallback: Language): Language {
  return user.language ?? fallback;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
