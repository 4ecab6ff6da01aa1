import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { OutboxRelay } from '@fairops/core';
import { ExhibitorsModule } from '@fairops/exhibitors';
import { AttendeesModule } from '@fairops/attendees';
import { ImportsProcessor } from './imports.processor';
import { SessionsProcessor } from './sessions.processor';
import { SessionsModule } from '@fairops/sessions';
import { AwardsModule } from '@fairops/awards';
import { AwardsProcessor } from './awards.processor';
import { BadgesModule } from '@fairops/badges';
import { BadgesProcessor } from './badges.processor';
import { SystemProcessor } from './system.processor';
import { MessagesModule } from '@fairops/messages';
import { MailProcessor } from './mail.processor';
import { NotificationsModule } from '@fairops/notifications';
import { JuryRemindersScheduler } from './jury-reminders.scheduler';

/** The job workers and the outbox relay. Needs CoreModule at the root. */
@Module({
  imports: [ExhibitorsModule, AttendeesModule, SessionsModule, AwardsModule, BadgesModule, MessagesModule, NotificationsModule],
  providers: [SystemProcessor, ImportsProcessor, SessionsProcessor, AwardsProcessor, BadgesProcessor, MailProcessor, JuryRemindersScheduler],
})
export class WorkerModule implements OnApplicationBootstrap {
  constructor(private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }
}
