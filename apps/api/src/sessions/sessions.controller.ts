import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, OptionalActor } from '@fairops/core';
import { ProgrammeService, SessionRegistrationsService, SessionsService } from '@fairops/sessions';
import { ApiErrors, ApiPage, Auth, PublicRoute } from '../http/api-docs';
import { EditionPageQuery, Page, pageOf } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid-param';
import { OptionalTokenRoute } from '../http/openapi-contract';
import {
  CancelRegistrationDto,
  CheckSessionDto,
  CreateRoomDto,
  CreateSessionDto,
  CreateSpeakerDto,
  DoorAnswerDto,
  DoorScanDto,
  ListSessionsQuery,
  ProgrammeDto,
  ProgrammeQuery,
  RegisterDto,
  SessionRegistrationDto,
  RegistrationsQuery,
  RoomDto,
  RoomProgrammeDto,
  SessionCheckDto,
  SessionDto,
  SessionStatusDto,
  SpeakerDto,
  SpeakerProgrammeDto,
  UpdateSessionDto,
} from './session.dto';

@ApiTags('programme')
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly registrations: SessionRegistrationsService,
    private readonly programme: ProgrammeService,
  ) {}

  @Get('rooms')
  @Auth('admin')
  @ApiOperation({ operationId: 'listRooms', summary: 'Rooms of an edition' })
  @ApiPage(RoomDto)
  @ApiErrors(400, 404)
  async rooms(@Query() query: EditionPageQuery): Promise<Page<RoomDto>> {
    return pageOf(await this.sessions.listRooms(query.editionId), query);
  }

  @Post('rooms')
  @Auth('admin')
  @ApiOperation({ operationId: 'createRoom', summary: 'Add a room' })
  @ApiCreatedResponse({ type: RoomDto })
  @ApiErrors(400, 404, 409)
  createRoom(@Body() body: CreateRoomDto, @CurrentActor() actor: Actor): Promise<RoomDto> {
    return this.sessions.createRoom(body.editionId, body, actor);
  }

  @Get('speakers')
  @Auth('admin')
  @ApiOperation({ operationId: 'listSpeakers', summary: 'Speakers of an edition' })
  @ApiPage(SpeakerDto)
  @ApiErrors(400, 404)
  async speakers(@Query() query: EditionPageQuery): Promise<Page<SpeakerDto>> {
    return pageOf(await this.sessions.listSpeakers(query.editionId), query);
  }

  @Post('speakers')
  @Auth('admin')
  @ApiOperation({ operationId: 'createSpeaker', summary: 'Add a speaker' })
  @ApiCreatedResponse({ type: SpeakerDto })
  @ApiErrors(400, 404)
  createSpeaker(@Body() body: CreateSpeakerDto, @CurrentActor() actor: Actor): Promise<SpeakerDto> {
    return this.sessions.createSpeaker(body.editionId, body, actor);
  }

  @Get('sessions')
  @Auth('admin')
  @ApiOperation({ operationId: 'listSessions', summary: 'Sessions of an edition, drafts included' })
  @ApiPage(SessionDto)
  @ApiErrors(400, 404)
  async list(@Query() query: ListSessionsQuery): Promise<Page<SessionDto>> {
    return pageOf(await this.sessions.list(query), query);
  }

  @Post('sessions')
  @Auth('admin')
  @ApiOperation({ operationId: 'createSession', summary: 'Create a session (draft); a room or speaker already booked answers 409 naming the other session' })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiErrors(400, 404, 409)
  create(@Body() body: CreateSessionDto, @CurrentActor() actor: Actor): Promise<SessionDto> {
    const { editionId, ...input } = body;
    return this.sessions.create(editionId, input, actor);
  }

  @Post('sessions/check')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'checkSession', summary: 'The conflicts a draft session would have, without saving it' })
  @ApiOkResponse({ type: SessionCheckDto })
  @ApiErrors(400, 404)
  check(@Body() body: CheckSessionDto): Promise<SessionCheckDto> {
    const { editionId, ...input } = body;
    return this.sessions.check(editionId, input);
  }

  @Get('sessions/:id')
  @Auth('admin', 'desk')
  @ApiOperation({ operationId: 'getSession', summary: 'One session with its seats and attendance' })
  @ApiOkResponse({ type: SessionDto })
  @ApiErrors(400, 404)
  get(@UuidParam('id') id: string): Promise<SessionDto> {
    return this.sessions.get(id);
  }

  @Patch('sessions/:id')
  @Auth('admin')
  @ApiOperation({ operationId: 'updateSession', summary: 'Change a session; the same checks as creation' })
  @ApiOkResponse({ type: SessionDto })
  @ApiErrors(400, 404, 409)
  update(@UuidParam('id') id: string, @Body() body: UpdateSessionDto, @CurrentActor() actor: Actor): Promise<SessionDto> {
    const { editionId: _ignored, ...patch } = body;
    return this.sessions.update(id, patch, actor);
  }

  @Post('sessions/:id/status')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'setSessionStatus', summary: 'Publish, un-publish (draft) or cancel; a cancelled session frees its room and speakers' })
  @ApiOkResponse({ type: SessionDto })
  @ApiErrors(400, 404, 409)
  setStatus(@UuidParam('id') id: string, @Body() body: SessionStatusDto, @CurrentActor() actor: Actor): Promise<SessionDto> {
    return this.sessions.setStatus(id, body.status, actor);
  }

  @Post('sessions/:id/registrations')
  @PublicRoute()
  @OptionalTokenRoute()
  @ApiOperation({
    operationId: 'registerForSession',
    summary: 'Register for a session with one’s badge code (or, for an admin, an attendeeId): a seat, or the waitlist',
    description: '201 with the registration, like every create; registering again answers 201 with the same registration.',
  })
  @ApiCreatedResponse({ type: SessionRegistrationDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async register(@UuidParam('id') id: string, @Body() body: RegisterDto, @OptionalActor() actor: Actor | null): Promise<SessionRegistrationDto> {
    return this.registrations.register(id, await this.registrations.whoFor(body, actor), actor);
  }

  @Post('sessions/:id/registrations/cancel')
  @HttpCode(200)
  @PublicRoute()
  @ApiOperation({ operationId: 'cancelSessionRegistrationByCode', summary: 'Give up one’s seat (badge code); the first on the waitlist is promoted' })
  @ApiOkResponse({ type: SessionRegistrationDto })
  @ApiErrors(400, 404, 422)
  async cancelByCode(@UuidParam('id') id: string, @Body() body: CancelRegistrationDto): Promise<SessionRegistrationDto> {
    return this.registrations.cancel(id, await this.registrations.attendeeOfCode(body.code), null);
  }

  @Delete('sessions/:id/registrations/:attendeeId')
  @Auth('admin')
  @ApiOperation({ operationId: 'cancelSessionRegistration', summary: 'Cancel an attendee’s registration' })
  @ApiOkResponse({ type: SessionRegistrationDto })
  @ApiErrors(400, 404)
  cancel(@UuidParam('id') id: string, @UuidParam('attendeeId') attendeeId: string, @CurrentActor() actor: Actor): Promise<SessionRegistrationDto> {
    return this.registrations.cancel(id, attendeeId, actor);
  }

  @Get('sessions/:id/registrations')
  @Auth('admin')
  @ApiOperation({ operationId: 'listSessionRegistrations', summary: 'Registrations in arrival order' })
  @ApiPage(SessionRegistrationDto)
  @ApiErrors(400, 404)
  async registrationsOf(@UuidParam('id') id: string, @Query() query: RegistrationsQuery): Promise<Page<SessionRegistrationDto>> {
    return pageOf(await this.registrations.list(id, query.status), query);
  }

  @Post('sessions/:id/scans')
  @HttpCode(200)
  @Auth('desk', 'admin')
  @ApiOperation({ operationId: 'scanSessionDoor', summary: 'Scan a badge at the session’s door (same nonce rules as the check-in)' })
  @ApiOkResponse({ type: DoorAnswerDto })
  @ApiErrors(400, 404, 422)
  door(@UuidParam('id') id: string, @Body() body: DoorScanDto, @CurrentActor() actor: Actor): Promise<DoorAnswerDto> {
    return this.registrations.doorScan(id, body, actor);
  }

  @Get('program')
  @PublicRoute()
  @ApiOperation({ operationId: 'getProgram', summary: 'The published programme by day and room, in local time' })
  @ApiOkResponse({ type: ProgrammeDto })
  @ApiErrors(400, 404)
  program(@Query() query: ProgrammeQuery): Promise<ProgrammeDto> {
    return this.programme.programme(query.editionId);
  }

  @Get('program.ics')
  @PublicRoute()
  @ApiOperation({ operationId: 'getProgramIcs', summary: 'The published programme as iCalendar (RFC 5545), one event per session' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiErrors(400, 404)
  async ics(@Query() query: ProgrammeQuery, @Res() res: Response): Promise<void> {
    const text = await this.programme.ics(query.editionId);
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', 'inline; filename="programme.ics"');
    res.send(text);
  }

  @Get('program/speakers/:id')
  @PublicRoute()
  @ApiOperation({ operationId: 'getProgramSpeaker', summary: 'A speaker and their published sessions' })
  @ApiOkResponse({ type: SpeakerProgrammeDto })
  @ApiErrors(400, 404)
  speaker(@UuidParam('id') id: string): Promise<SpeakerProgrammeDto> {
    return this.programme.speaker(id);
  }

  @Get('program/rooms/:id')
  @PublicRoute()
  @ApiOperation({ operationId: 'getProgramRoom', summary: 'A room and its published sessions' })
  @ApiOkResponse({ type: RoomProgrammeDto })
  @ApiErrors(400, 404)
  room(@UuidParam('id') id: string): Promise<RoomProgrammeDto> {
    return this.programme.room(id);
  }
}
