import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from '@fairops/core';
import { EditionsModule } from '@fairops/editions';
import { ExhibitorsModule } from '@fairops/exhibitors';
import { AttendeesModule } from '@fairops/attendees';
import { CheckinModule } from '@fairops/checkin';
import { SessionsModule } from '@fairops/sessions';
import { AwardsModule } from '@fairops/awards';
import { BadgesModule } from '@fairops/badges';
import { AttendeesController } from './attendees/attendees.controller';
import { AuthController } from './auth/auth.controller';
import { CheckinController } from './checkin/checkin.controller';
import { LeadsController } from './checkin/leads.controller';
import { SessionsController } from './sessions/sessions.controller';
import { AwardsController, JuryController } from './awards/awards.controller';
import { BadgesController } from './badges/badges.controller';
import { EditionsController } from './editions/editions.controller';
import { ExhibitorsController } from './exhibitors/exhibitors.controller';
import { StandsController } from './exhibitors/stands.controller';
import { HealthController } from './health/health.controller';
import { ApiIndexController } from './system/api-index.controller';
import { MultipartRoutesOnly } from './http/multipart-routes-only';
import { SystemController } from './system/system.controller';
import { UsersController } from './users/users.controller';
import { MessagesModule } from '@fairops/messages';
import { MessagesController } from './messages/messages.controller';
import { NotificationsModule } from '@fairops/notifications';

/** The HTTP adapter: controllers and DTOs over the feature libraries. Needs CoreModule at the root. */
@Module({
  imports: [EditionsModule, ExhibitorsModule, AttendeesModule, CheckinModule, SessionsModule, AwardsModule, BadgesModule, MessagesModule, NotificationsModule],
  controllers: [
    // The desks' scan route first: Express tries routes in order, and the scan is the hot path.
    CheckinController,
    AuthController,
    UsersController,
    EditionsController,
    ExhibitorsController,
    StandsController,
    AttendeesController,
    LeadsController,
    SessionsController,
    AwardsController,
    JuryController,
    BadgesController,
    MessagesController,
    HealthController,
    SystemController,
    ApiIndexController,
  ],
  // In this order: a multipart body on a JSON route is refused (415) before authentication, like the
  // edge's other checks of the body.
  providers: [
    { provide: APP_GUARD, useClass: MultipartRoutesOnly },
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
})
export class ApiModule {}
