import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from '@fairops/core';
import { EditionsModule } from '@fairops/editions';
import { AuthController } from './auth/auth.controller';
import { EditionsController } from './editions/editions.controller';
import { HealthController } from './health/health.controller';
import { SystemController } from './system/system.controller';
import { UsersController } from './users/users.controller';

/** The HTTP adapter: controllers and DTOs over the feature libraries. Needs CoreModule at the root. */
@Module({
  imports: [EditionsModule],
  controllers: [AuthController, UsersController, EditionsController, HealthController, SystemController],
  providers: [{ provide: APP_GUARD, useExisting: AuthGuard }],
})
export class ApiModule {}
