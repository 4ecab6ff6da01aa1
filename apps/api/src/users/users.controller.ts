import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, UsersService } from '@fairops/core';
import { AccountMail } from '@fairops/notifications';
import { ApiErrors, ApiPage, Auth } from '../http/api-docs';
import { Page } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid-param';
import { CreateUserDto, DisableUserDto, InviteUserDto, ListUsersQuery, ResetPasswordDto, UserDto } from './user.dto';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly accountMail: AccountMail,
  ) {}

  @Post()
  @Auth('admin')
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user (admins only); an exhibitor user for a cancelled or withdrawn exhibitor answers 409 exhibitor_closed' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(400, 404, 409)
  create(@Body() body: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.create(body, actor);
  }

  @Post('invitations')
  @Auth('admin')
  @ApiOperation({
    operationId: 'inviteUser',
    summary: 'Invite a user by email (admins only): the account has no password until the user chooses one with the link the invitation carries',
    description:
      'The user, a single-use link that works for 7 days, and the `invitation` message are written together; the message goes out through the mail queue ' +
      '(GET /messages shows it), in the user’s `language` or else the current edition’s. The link opens the web app’s `/account/password?token=…` page, ' +
      'which sends the token with the chosen password to POST /auth/password-link. No password is ever mailed. ' +
      'An exhibitor user for a cancelled or withdrawn exhibitor answers 409 exhibitor_closed; a taken email 409 email_taken.',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(400, 404, 409)
  invite(@Body() body: InviteUserDto, @CurrentActor() actor: Actor): Promise<UserDto> {
    return this.accountMail.invite(body, actor);
  }

  @Get()
  @Auth('admin')
  @ApiOperation({ operationId: 'listUsers', summary: 'List users' })
  @ApiPage(UserDto)
  @ApiErrors(400)
  async list(@Query() query: ListUsersQuery): Promise<Page<UserDto>> {
    const { items, total } = await this.users.list(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @Auth('admin')
  @ApiOperation({ operationId: 'getUser', summary: 'One user (admins only)' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404)
  get(@UuidParam('id') id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'disableUser', summary: 'Disable a user (admins only): no more log-ins, and every token they hold ends at once; audited' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404, 409)
  disable(@UuidParam('id') id: string, @Body() body: DisableUserDto, @CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.disable(id, body.reason?.trim() || null, actor);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'enableUser', summary: 'Enable a disabled user again (admins only); tokens from before stay ended; audited. A manager of a cancelled or withdrawn exhibitor answers 409 exhibitor_closed' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404, 409)
  enable(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.enable(id, actor);
  }

  @Post(':id/password')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'resetUserPassword', summary: 'Set a new password for a user (admins only); every token the user holds ends at once; audited' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404)
  resetPassword(@UuidParam('id') id: string, @Body() body: ResetPasswordDto, @CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.resetPassword(id, body.newPassword, body.reason?.trim() || null, actor);
  }
}
