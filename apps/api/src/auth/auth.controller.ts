import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { APP_CONFIG, Actor, AppConfig, AuthService, CurrentActor, UsersService } from '@fairops/core';
import { AccountMail } from '@fairops/notifications';
import { ApiErrors, Auth, PublicRoute } from '../http/api-docs';
import { ChangePasswordDto, LoginDto, LoginResponseDto, PasswordLinkDto, PasswordResetRequestDto, SessionUserDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly accountMail: AccountMail,
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

  @Post('password-reset')
  @HttpCode(202)
  @PublicRoute()
  @ApiOperation({
    operationId: 'requestPasswordReset',
    summary: '“Forgot password”: mail a single-use link to choose a new password, if the address is an account’s',
    description:
      'Always the same empty 202, whether or not the address belongs to an enabled account: the answer says nothing about it. For an account, a ' +
      '`password_reset` message carries a link that works once, for an hour (a newer link retires it), to the web app’s `/account/password?token=…` ' +
      'page, which calls POST /auth/password-link. Limited to 3 requests an hour per address and 20 per client (429 with Retry-After).',
  })
  @ApiAcceptedResponse({ description: 'Asked; a link is mailed if the address is an enabled account’s' })
  @ApiErrors(400, 429)
  async requestPasswordReset(@Body() body: PasswordResetRequestDto, @Req() req: Request): Promise<void> {
    await this.accountMail.requestPasswordReset(body.email, req.ip ?? 'unknown');
  }

  @Post('password-link')
  @HttpCode(204)
  @PublicRoute()
  @ApiOperation({
    operationId: 'setPasswordWithLink',
    summary: 'Choose a password with the token of an invitation or password-reset link',
    description:
      'Uses the token up (it works once), sets the password, and ends every access token the user holds; audited as `user.invitation_accepted` or ' +
      '`user.password_reset_by_link`. Then log in with the new password. A token used before, expired, unknown or of a disabled user answers 400 naming `token`.',
  })
  @ApiNoContentResponse({ description: 'The password is set' })
  @ApiErrors(400)
  async setPasswordWithLink(@Body() body: PasswordLinkDto): Promise<void> {
    await this.users.setPasswordWithLink(body.token, body.newPassword);
  }
}
