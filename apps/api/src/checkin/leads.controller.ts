import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor } from '@fairops/core';
import { LeadsService } from '@fairops/checkin';
import { ApiErrors, ApiPage, Auth } from '../http/api-docs';
import { Page } from '../http/page-query.dto';
import { CaptureLeadDto, LeadDto, LeadsExportQuery, LeadsQuery } from './checkin.dto';

@ApiTags('leads')
@Controller('leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Post()
  @Auth('exhibitor')
  @ApiOperation({ operationId: 'captureLead', summary: 'Scan a visitor’s badge to keep them as a lead (only with their consent)' })
  @ApiCreatedResponse({ type: LeadDto })
  @ApiErrors(400, 403, 409, 422)
  async capture(@Body() body: CaptureLeadDto, @CurrentActor() actor: Actor): Promise<LeadDto> {
    return (await this.leads.capture(body.code, body, actor)).lead;
  }

  @Get()
  @Auth('exhibitor', 'admin')
  @ApiOperation({ operationId: 'listLeads', summary: 'Leads of the caller’s exhibitor (admins: of the exhibitorId given)' })
  @ApiPage(LeadDto)
  @ApiErrors(400)
  async list(@Query() query: LeadsQuery, @CurrentActor() actor: Actor): Promise<Page<LeadDto>> {
    const { items, total } = await this.leads.list(actor, query.exhibitorId, query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Get('export.csv')
  @Auth('exhibitor', 'admin')
  @ApiOperation({ operationId: 'exportLeadsCsv', summary: 'The same leads as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiErrors(400)
  async export(@Query() query: LeadsExportQuery, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const csv = await this.leads.exportCsv(actor, query.exhibitorId);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="leads.csv"');
    res.send(csv);
  }
}
