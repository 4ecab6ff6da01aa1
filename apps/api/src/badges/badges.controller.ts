import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor } from '@fairops/core';
import { BadgePrintService } from '@fairops/badges';
import { EditionQuery } from '../exhibitors/exhibitor.dto';
import { ApiErrors, ApiPage, Auth } from '../http/api-docs';
import { EditionPageQuery, Page, pageOf } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid-param';
import { AcceptedJobDto, BulkJobRequestDto, PrintJobDto, PrintJobRequestDto, PrinterDto, PrinterViewDto } from './badges.dto';

@ApiTags('badges')
@Controller('badges')
export class BadgesController {
  constructor(private readonly print: BadgePrintService) {}

  @Post('print-jobs')
  @HttpCode(202)
  @Auth('admin', 'desk')
  @ApiOperation({
    operationId: 'createPrintJob',
    summary: 'Print badges (PDF or ZPL), rendered by a job; a badge printed before needs reprintReason',
    description:
      'Answers 202 with the job’s `id` at once; a worker renders the file. Follow `GET /api/v1/badges/print-jobs/{id}` until ' +
      '`status` is `ready` (or `failed`, with the reason), then fetch `GET /api/v1/badges/print-jobs/{id}/file`. The format and ' +
      'layout are the desk printer’s (`deskId`; desk-1 prints PDF, desk-2 ZPL in the demo) unless given. The `attendeeIds` come ' +
      'from `GET /api/v1/attendees`.',
  })
  @ApiBody({
    type: PrintJobRequestDto,
    examples: { desk: { summary: 'One badge at desk 1', value: { attendeeIds: ['an id from GET /api/v1/attendees'], deskId: 'desk-1' } } },
  })
  @ApiAcceptedResponse({ type: AcceptedJobDto })
  @ApiErrors(400, 404)
  async request(@Body() body: PrintJobRequestDto, @CurrentActor() actor: Actor): Promise<AcceptedJobDto> {
    return { id: (await this.print.request(body, actor)).id };
  }

  @Post('bulk-jobs')
  @HttpCode(202)
  @Auth('admin')
  @ApiOperation({ operationId: 'createBulkPrintJob', summary: 'Print the staff of one or all exhibitors, or every registered visitor, as A6 badges four to an A4 sheet' })
  @ApiAcceptedResponse({ type: AcceptedJobDto })
  @ApiErrors(400, 404)
  async bulk(@Body() body: BulkJobRequestDto, @CurrentActor() actor: Actor): Promise<AcceptedJobDto> {
    const job = await this.print.requestBulk(body, actor);
    return { id: job.id, skippedAlreadyPrinted: job.skippedAlreadyPrinted };
  }

  @Get('print-jobs/:id')
  @Auth('admin', 'desk')
  @ApiOperation({ operationId: 'getPrintJob', summary: 'Status and progress of a print job' })
  @ApiOkResponse({ type: PrintJobDto })
  @ApiErrors(400, 404)
  get(@UuidParam('id') id: string): Promise<PrintJobDto> {
    return this.print.get(id);
  }

  @Get('print-jobs/:id/file')
  @Auth('admin', 'desk')
  @ApiOperation({ operationId: 'getPrintJobFile', summary: 'The rendered PDF or ZPL, until it expires' })
  @ApiProduces('application/pdf', 'application/vnd.zebra.zpl')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404, 409)
  async file(@UuidParam('id') id: string, @Res() res: Response): Promise<void> {
    const file = await this.print.file(id);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `inline; filename="${file.fileName}"`);
    res.send(file.content);
  }

  @Post('print-jobs/:id/printed')
  @HttpCode(200)
  @Auth('admin', 'desk')
  @ApiOperation({ operationId: 'markPrintJobPrinted', summary: 'The desk confirms the badges were printed' })
  @ApiOkResponse({ type: PrintJobDto })
  @ApiErrors(400, 404, 409)
  printed(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<PrintJobDto> {
    return this.print.markPrinted(id, actor);
  }

  @Get('printers')
  @Auth('admin', 'desk')
  @ApiOperation({ operationId: 'listPrinters', summary: 'The printer of each desk' })
  @ApiPage(PrinterViewDto)
  @ApiErrors(400, 404)
  async printers(@Query() query: EditionPageQuery): Promise<Page<PrinterViewDto>> {
    return pageOf(await this.print.printers(query.editionId), query);
  }

  @Put('printers/:deskId')
  @Auth('admin')
  @ApiOperation({ operationId: 'setPrinter', summary: 'Register a desk’s printer: its jobs use its format unless told otherwise' })
  @ApiOkResponse({ type: PrinterViewDto })
  @ApiErrors(400, 404)
  setPrinter(@Param('deskId') deskId: string, @Body() body: PrinterDto, @Query() query: EditionQuery, @CurrentActor() actor: Actor): Promise<PrinterViewDto> {
    return this.print.setPrinter(query.editionId, deskId, { format: body.format, dpi: body.dpi ?? null, layout: body.layout }, actor);
  }
}
