import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Req, UploadedFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor, CurrentActor } from '@fairops/core';
import { AttendeeImportService, AttendeesService, StaffService } from '@fairops/attendees';
import { AcceptedDto, ExhibitorImportDto } from '../exhibitors/exhibitor.dto';
import { CsvUploadRoute, csvUpload } from '../http/csv-upload';
import { ApiErrors, ApiPage, Auth, PublicRoute } from '../http/api-docs';
import { Page, PageQuery } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid-param';
import {
  AttendeeDto,
  AttendeeImportBody,
  AttendeeImportUploadDto,
  CreateAttendeeDto,
  CredentialDto,
  ListAttendeesQuery,
  PersonalDataDto,
  ReasonDto,
  RegistrationAcceptedDto,
  RegistrationDto,
  SendTicketsDto,
  StaffPageDto,
  StaffMemberDto,
  TicketsQueuedDto,
  UpdateAttendeeDto,
} from './attendee.dto';

@ApiTags('attendees')
@Controller()
export class AttendeesController {
  constructor(
    private readonly attendees: AttendeesService,
    private readonly staff: StaffService,
    private readonly imports: AttendeeImportService,
  ) {}

  @Post('attendees/imports')
  @HttpCode(202)
  @Auth('admin')
  @CsvUploadRoute(AttendeeImportUploadDto)
  @ApiOperation({
    operationId: 'importAttendees',
    summary: 'Import attendees of any category from a CSV file, as a job (the exhibitors’ import machinery)',
    description: 'With `sendTickets=true`, the attendees it creates (with an email) and those it gives a new badge version get their e-ticket by mail.',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiErrors(400, 404, 413)
  async import(@UploadedFile() file: Express.Multer.File | undefined, @Body() body: AttendeeImportBody, @CurrentActor() actor: Actor): Promise<AcceptedDto> {
    return { id: (await this.imports.request(body.editionId, csvUpload(file), actor, { sendTickets: body.sendTickets === true })).id };
  }

  @Get('attendees/imports/:id')
  @Auth('admin')
  @ApiOperation({ operationId: 'getAttendeeImport', summary: 'Status, progress and report of an attendee import' })
  @ApiOkResponse({ type: ExhibitorImportDto })
  @ApiErrors(400, 404)
  importStatus(@UuidParam('id') id: string): Promise<ExhibitorImportDto> {
    return this.imports.get(id);
  }

  @Post('registrations')
  @HttpCode(202)
  @PublicRoute()
  @ApiOperation({
    operationId: 'registerVisitor',
    summary: 'A visitor registers themselves (no log-in; limited per client address); the badge comes by mail',
    description:
      'The answer is the same for a new and an already registered email address, so it never tells who is registered: ' +
      'a new visitor receives their e-ticket (QR code, badge PDF, fair days as .ics), a known address receives ' +
      '"already registered" with its ticket again (at most once a day). 409 only when registration is not open.',
  })
  @ApiAcceptedResponse({ type: RegistrationAcceptedDto })
  @ApiErrors(400, 404, 409, 429)
  register(@Body() body: RegistrationDto, @Req() req: Request): Promise<RegistrationAcceptedDto> {
    const { editionId, ...input } = body;
    return this.attendees.selfRegister(editionId, input, req.ip ?? 'unknown');
  }

  @Post('attendees/tickets')
  @HttpCode(202)
  @Auth('admin')
  @ApiOperation({
    operationId: 'sendAttendeeTickets',
    summary: 'Queue the e-ticket to every registered attendee with an email who has none for their current badge',
    description: 'One transaction queues them all; the mail queue sends them at the configured rate (`GET /api/v1/messages?template=ticket` follows them).',
  })
  @ApiAcceptedResponse({ type: TicketsQueuedDto })
  @ApiErrors(400, 404)
  sendTickets(@Body() body: SendTicketsDto, @CurrentActor() actor: Actor): Promise<TicketsQueuedDto> {
    return this.attendees.sendTickets(body.editionId, actor);
  }

  @Get('attendees')
  @Auth('admin', 'desk')
  @ApiOperation({
    operationId: 'listAttendees',
    summary: 'Search attendees by name, organisation or email (case and accents ignored)',
    description:
      'What a desk does first: find the person in front of it. `q` ignores case and accents (`helene` finds Hélène); ' +
      '`checkedIn=false` leaves out those already checked in today (each attendee says `checkedInToday` and `checkedInTodayAt`); ' +
      '`validToday=true` keeps those a scan would admit today (registered, today among their `days`). ' +
      'Then take an attendee’s `id` to `GET /api/v1/attendees/{id}/credential` for the badge code to scan.',
  })
  @ApiPage(AttendeeDto)
  @ApiErrors(400, 404)
  async list(@Query() query: ListAttendeesQuery): Promise<Page<AttendeeDto>> {
    const { items, total } = await this.attendees.list(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Post('attendees')
  @Auth('admin', 'desk')
  @ApiOperation({
    operationId: 'createAttendee',
    summary: 'Register an attendee of any category (a desk: a walk-in visitor on a fair day); with an email, they receive their e-ticket by mail',
    description:
      'The back-office registers any category. A desk registers walk-ins at the door: category `visitor` only (another ' +
      'category answers 403 `desk_visitors_only`), in an edition holding a fair day today (else 403 `desk_fair_day_only`).',
  })
  @ApiCreatedResponse({ type: AttendeeDto })
  @ApiErrors(400, 403, 404, 409)
  create(@Body() body: CreateAttendeeDto, @CurrentActor() actor: Actor): Promise<AttendeeDto> {
    const { editionId, ...input } = body;
    if (actor.role === 'desk') return this.attendees.createWalkIn(editionId, input, actor);
    return this.attendees.create(editionId, input, actor, 'back_office');
  }

  @Get('attendees/:id')
  @Auth('admin', 'desk')
  @ApiOperation({ operationId: 'getAttendee', summary: 'One attendee' })
  @ApiOkResponse({ type: AttendeeDto })
  @ApiErrors(400, 404)
  get(@UuidParam('id') id: string): Promise<AttendeeDto> {
    return this.attendees.get(id);
  }

  @Patch('attendees/:id')
  @Auth('admin')
  @ApiOperation({ operationId: 'updateAttendee', summary: 'Change an attendee; a change of category or days issues a new badge version' })
  @ApiOkResponse({ type: AttendeeDto })
  @ApiErrors(400, 404, 409)
  update(@UuidParam('id') id: string, @Body() body: UpdateAttendeeDto, @CurrentActor() actor: Actor): Promise<AttendeeDto> {
    return this.attendees.update(id, body, actor);
  }

  @Post('attendees/:id/cancel')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'cancelAttendee', summary: 'Cancel a registration; the badge stops working' })
  @ApiOkResponse({ type: AttendeeDto })
  @ApiErrors(400, 404)
  cancel(@UuidParam('id') id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor): Promise<AttendeeDto> {
    return this.attendees.cancel(id, actor, body.reason);
  }

  @Get('attendees/:id/credential')
  @Auth('admin', 'desk')
  @ApiOperation({
    operationId: 'getAttendeeCredential',
    summary: 'The signed badge code of the current badge version',
    description:
      'The `code` is what the QR on the printed badge holds. Send it to `POST /api/v1/checkin/scans` to check the attendee in ' +
      '(the `id` comes from `GET /api/v1/attendees`). A cancelled or erased attendee has no code (409).',
  })
  @ApiOkResponse({ type: CredentialDto })
  @ApiErrors(400, 404, 409)
  credential(@UuidParam('id') id: string): Promise<CredentialDto> {
    return this.attendees.credential(id);
  }

  @Post('attendees/:id/reissue')
  @HttpCode(200)
  @Auth('admin', 'desk')
  @ApiOperation({ operationId: 'reissueAttendeeCredential', summary: 'Issue a new badge (lost, damaged): the old code is revoked; an attendee with an email receives the new ticket' })
  @ApiOkResponse({ type: CredentialDto })
  @ApiErrors(400, 404, 409)
  reissue(@UuidParam('id') id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor): Promise<CredentialDto> {
    return this.attendees.reissue(id, actor, body.reason);
  }

  @Get('attendees/:id/personal-data')
  @Auth('admin')
  @ApiOperation({ operationId: 'getAttendeePersonalData', summary: 'Everything held on one attendee (subject access request)' })
  @ApiOkResponse({ type: PersonalDataDto })
  @ApiErrors(400, 404)
  personalData(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<PersonalDataDto> {
    return this.attendees.exportPersonalData(id, actor);
  }

  @Post('attendees/:id/erase')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'eraseAttendee', summary: 'Erase an attendee’s personal data; anonymous check-in counts stay' })
  @ApiOkResponse({ type: AttendeeDto })
  @ApiErrors(400, 404)
  erase(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<AttendeeDto> {
    return this.attendees.erase(id, actor);
  }

  @Get('exhibitors/:id/staff')
  @Auth('admin', 'exhibitor')
  @ApiOperation({ operationId: 'listExhibitorStaff', summary: 'An exhibitor’s staff badges with its quota (a manager: their own exhibitor only)' })
  @ApiOkResponse({ type: StaffPageDto, description: 'A page of staff, as every list, with the quota and how much of it is used' })
  @ApiErrors(400, 404)
  async listStaff(@UuidParam('id') id: string, @Query() query: PageQuery, @CurrentActor() actor: Actor): Promise<StaffPageDto> {
    return { ...(await this.staff.list(id, actor, query)), limit: query.limit, offset: query.offset };
  }

  @Post('exhibitors/:id/staff')
  @Auth('admin', 'exhibitor')
  @ApiOperation({ operationId: 'addExhibitorStaff', summary: 'Add a staff member within the quota (over it: 409); with an email, they receive their e-ticket by mail' })
  @ApiCreatedResponse({ type: AttendeeDto })
  @ApiErrors(400, 404, 409)
  addStaff(@UuidParam('id') id: string, @Body() body: StaffMemberDto, @CurrentActor() actor: Actor): Promise<AttendeeDto> {
    return this.staff.add(id, body, actor);
  }

  @Delete('exhibitors/:id/staff/:attendeeId')
  @Auth('admin', 'exhibitor')
  @ApiOperation({ operationId: 'removeExhibitorStaff', summary: 'Remove a staff member: their badge is cancelled and the place freed' })
  @ApiOkResponse({ type: AttendeeDto })
  @ApiErrors(400, 404)
  removeStaff(@UuidParam('id') id: string, @UuidParam('attendeeId') attendeeId: string, @CurrentActor() actor: Actor): Promise<AttendeeDto> {
    return this.staff.remove(id, attendeeId, actor);
  }
}
