import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountTokens } from './account-tokens';
import { ActorCache } from './actor-cache';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { RateLimiter } from './rate-limiter';
import { TokenService } from './token.service';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [AccountTokens, ActorCache, AuthService, AuthGuard, LoginThrottle, PasswordHasher, RateLimiter, TokenService, UsersRepository, UsersService],
  exports: [AccountTokens, ActorCache, AuthService, LoginThrottle, AuthGuard, PasswordHasher, RateLimiter, TokenService, UsersService],
})
export class AuthModule {}
