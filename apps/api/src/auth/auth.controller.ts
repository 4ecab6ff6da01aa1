import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { APP_CONFIG, Actor, AppConfig, AuthService, CurrentActor } from '@fairops/core';
import { ApiErrors, Auth, PublicRoute } from '../http/api-docs';
import { ChangePasswordDto, LoginDto, LoginResponseDto, SessionUserDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @PublicRoute()
  @ApiOperation({
    operationId: 'logIn',
    summary: 'Log in with email and password; failed attempts are rate-limited',
    description:
      'Answers an access token (`accessToken`, valid for `expiresIn` seconds). On this page, press **Authorize** and paste it: ' +
      'every other operation needs it, and the page keeps it across reloads. The example is the demo fair’s organiser; the other ' +
      'demo accounts are listed at the top of the page (they exist only where the demo is loaded). Repeated failures answer 429 with Retry-After.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 429)
  login(@Body() body: LoginDto, @Req() req: Request): Promise<LoginResponseDto> {
    return this.auth.login(body.email, body.password, req.ip ?? 'unknown', this.config.jwt.ttlSeconds);
  }

  @Get('me')
  @Auth('admin', 'desk', 'jury', 'exhibitor')
  @ApiOperation({ operationId: 'getMe', summary: 'The logged-in user' })
  @ApiOkResponse({ type: SessionUserDto })
  me(@CurrentActor() actor: Actor): SessionUserDto {
    return { id: actor.id, email: actor.email, role: actor.role, exhibitorId: actor.exhibitorId };
  }

  @Post('password')
  @HttpCode(200)
  @Auth('admin', 'desk', 'jury', 'exhibitor')
  @ApiOperation({
    operationId: 'changeMyPassword',
    summary: 'Change one’s own password (any role), proving the current one',
    description: 'Every token the user holds ends at once, the one of this request included; the answer carries a fresh token. A wrong current password counts as a failed log-in.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 429)
  changePassword(@Body() body: ChangePasswordDto, @CurrentActor() actor: Actor, @Req() req: Request): Promise<LoginResponseDto> {
    return this.auth.changePassword(actor, body.currentPassword, body.newPassword, req.ip ?? 'unknown', this.config.jwt.ttlSeconds);
  }
}
