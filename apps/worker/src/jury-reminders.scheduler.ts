import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@fairops/core';
import { AwardMessages } from '@fairops/awards';

/**
 * Every worker looks for jury reminders due every JURY_REMINDER_CHECK_SECONDS (and once at start). Any
 * number of workers may do so: one at a time gets the advisory lock and queues them, and each reminder's
 * key (`jury_reminder:<prize>:<juror>`) makes it go once however often it is asked for.
 */
@Injectable()
export class JuryRemindersScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JuryRemindersScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = true;

  constructor(
    private readonly awards: AwardMessages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.awards.remindDue().catch((error: Error) => {
        // PostgreSQL away: the reminders are still due next time.
        this.logger.warn({ err: { message: error.message } }, 'jury reminder check failed; will retry');
      });
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, this.config.juryReminder.checkSeconds * 1000);
    };
    this.timer = setTimeout(tick, 1000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
