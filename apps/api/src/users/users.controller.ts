import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, UsersService } from '@fairops/core';
import { ApiErrors, ApiPage, Auth } from '../http/api-docs';
import { Page } from '../http/page-query.dto';
import { CreateUserDto, ListUsersQuery, UserDto } from './user.dto';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Auth('admin')
  @ApiOperation({ summary: 'Create a user (admins only)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(400, 404, 409)
  create(@Body() body: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.create(body, actor);
  }

  @Get()
  @Auth('admin')
  @ApiOperation({ summary: 'List users' })
  @ApiPage(UserDto)
  @ApiErrors(400)
  async list(@Query() query: ListUsersQuery): Promise<Page<UserDto>> {
    const { items, total } = await this.users.list(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
