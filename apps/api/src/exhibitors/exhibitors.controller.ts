import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor } from '@fairops/core';
import { ExhibitorClosureService } from '@fairops/attendees';
import { ExhibitorImportService, ExhibitorsService } from '@fairops/exhibitors';
import { ApiErrors, ApiPage, Auth } from '../http/api-docs';
import { CsvUploadRoute, csvUpload } from '../http/csv-upload';
import { Page } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid-param';
import {
  AcceptedDto,
  ChangeExhibitorStatusDto,
  CreateExhibitorDto,
  EditionQuery,
  ExhibitorDto,
  ExhibitorImportDto,
  ExhibitorStatsDto,
  ListExhibitorsQuery,
  StaffQuotaOverrideDto,
  StaffQuotaRuleDto,
  StaffQuotaRuleViewDto,
  UpdateExhibitorDto,
} from './exhibitor.dto';

@ApiTags('exhibitors')
@Controller()
export class ExhibitorsController {
  constructor(
    private readonly exhibitors: ExhibitorsService,
    private readonly imports: ExhibitorImportService,
    private readonly closure: ExhibitorClosureService,
  ) {}

  @Get('exhibitors')
  @Auth('admin', 'exhibitor')
  @ApiOperation({ operationId: 'listExhibitors', summary: 'Exhibitors of an edition, filtered, searched and sorted (an exhibitor manager sees only theirs)' })
  @ApiPage(ExhibitorDto)
  @ApiErrors(400, 404)
  async list(@Query() query: ListExhibitorsQuery, @CurrentActor() actor: Actor): Promise<Page<ExhibitorDto>> {
    const { items, total } = await this.exhibitors.list(query, actor);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Get('exhibitors/stats')
  @Auth('admin')
  @ApiOperation({ operationId: 'getExhibitorStats', summary: 'Counts per country, sector and status, for the dashboard' })
  @ApiOkResponse({ type: ExhibitorStatsDto })
  @ApiErrors(400, 404)
  stats(@Query() query: EditionQuery): Promise<ExhibitorStatsDto> {
    return this.exhibitors.stats(query.editionId);
  }

  @Get('exhibitors/export.csv')
  @Auth('admin')
  @ApiOperation({ operationId: 'exportExhibitorsCsv', summary: 'Every exhibitor as CSV, in the import’s columns (importing it back changes nothing)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'UTF-8 CSV with BOM', schema: { type: 'string' } })
  @ApiErrors(400, 404)
  async export(@Query() query: EditionQuery, @Res() res: Response): Promise<void> {
    const csv = await this.exhibitors.exportCsv(query.editionId);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="exhibitors.csv"');
    res.send(csv);
  }

  @Post('exhibitors/imports')
  @HttpCode(202)
  @Auth('admin')
  @CsvUploadRoute()
  @ApiOperation({ operationId: 'importExhibitors', summary: 'Import exhibitors from a CSV file, as a job; follow it at GET /exhibitors/imports/{id}' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiErrors(400, 404, 413)
  async import(@UploadedFile() file: Express.Multer.File | undefined, @Body() body: EditionQuery, @CurrentActor() actor: Actor): Promise<AcceptedDto> {
    return { id: (await this.imports.request(body.editionId, csvUpload(file), actor)).id };
  }

  @Get('exhibitors/imports/:id')
  @Auth('admin')
  @ApiOperation({ operationId: 'getExhibitorImport', summary: 'Status, progress and report of an import' })
  @ApiOkResponse({ type: ExhibitorImportDto })
  @ApiErrors(400, 404)
  importStatus(@UuidParam('id') id: string): Promise<ExhibitorImportDto> {
    return this.imports.get(id);
  }

  @Post('exhibitors')
  @Auth('admin')
  @ApiOperation({ operationId: 'createExhibitor', summary: 'Create an exhibitor (status applied)' })
  @ApiCreatedResponse({ type: ExhibitorDto })
  @ApiErrors(400, 404, 409)
  create(@Body() body: CreateExhibitorDto, @CurrentActor() actor: Actor): Promise<ExhibitorDto> {
    const { editionId, ...fields } = body;
    return this.exhibitors.create(editionId, fields, actor);
  }

  @Get('exhibitors/:id')
  @Auth('admin', 'exhibitor')
  @ApiOperation({ operationId: 'getExhibitor', summary: 'One exhibitor with its stands and staff quota (an exhibitor manager: only their own)' })
  @ApiOkResponse({ type: ExhibitorDto })
  @ApiErrors(400, 404)
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<ExhibitorDto> {
    return this.exhibitors.get(id, actor);
  }

  @Patch('exhibitors/:id')
  @Auth('admin', 'exhibitor')
  @ApiOperation({ operationId: 'updateExhibitor', summary: 'Change an exhibitor’s details; a manager may change only website, description and contact' })
  @ApiOkResponse({ type: ExhibitorDto })
  @ApiErrors(400, 404, 409)
  update(@UuidParam('id') id: string, @Body() body: UpdateExhibitorDto, @CurrentActor() actor: Actor): Promise<ExhibitorDto> {
    return this.exhibitors.update(id, body, actor);
  }

  @Post('exhibitors/:id/status')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({
    operationId: 'changeExhibitorStatus',
    summary: 'Move the exhibitor to another status; an illegal transition answers 409 with the allowed ones',
    description: 'Cancelled or withdrawn (final, with a reason): its stands are freed, its manager accounts disabled (their tokens end at once), its staff badges cancelled and revoked; new leads, staff and profile edits by its manager answer 409 exhibitor_closed.',
  })
  @ApiOkResponse({ type: ExhibitorDto })
  @ApiErrors(400, 404, 409)
  changeStatus(@UuidParam('id') id: string, @Body() body: ChangeExhibitorStatusDto, @CurrentActor() actor: Actor): Promise<ExhibitorDto> {
    return this.closure.changeStatus(id, body.status, body.reason, actor);
  }

  @Put('exhibitors/:id/staff-quota')
  @Auth('admin')
  @ApiOperation({ operationId: 'setStaffQuota', summary: 'Override the staff badge quota, or clear the override with null' })
  @ApiOkResponse({ type: ExhibitorDto })
  @ApiErrors(400, 404)
  setQuota(@UuidParam('id') id: string, @Body() body: StaffQuotaOverrideDto, @CurrentActor() actor: Actor): Promise<ExhibitorDto> {
    return this.exhibitors.setStaffQuotaOverride(id, body.override, actor);
  }

  @Put('editions/:id/staff-quota-rule')
  @Auth('admin')
  @ApiOperation({ operationId: 'setStaffQuotaRule', summary: 'The edition’s staff badge rule: base badges plus one per m² of assigned stands' })
  @ApiOkResponse({ type: StaffQuotaRuleViewDto })
  @ApiErrors(400, 404)
  setQuotaRule(@UuidParam('id') id: string, @Body() body: StaffQuotaRuleDto, @CurrentActor() actor: Actor): Promise<StaffQuotaRuleViewDto> {
    return this.exhibitors.setStaffQuotaRule(id, body, actor);
  }
}
