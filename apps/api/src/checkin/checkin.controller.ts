import { Body, Controller, Get, HttpCode, Logger, MessageEvent, Post, Query, Req, Sse } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBody, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Observable, catchError, distinctUntilChanged, filter, from, interval, map, of, startWith, switchMap } from 'rxjs';
import { Actor, CurrentActor } from '@fairops/core';
import { BadgeKeys } from '@fairops/attendees';
import { CheckinFiguresService, ScansService } from '@fairops/checkin';
import { ApiErrors, ApiPage, Auth } from '../http/api-docs';
import { SCAN_NONCE_EXAMPLE } from '../http/docs-page';
import { Page, PageQuery, pageOf } from '../http/page-query.dto';
import {
  BadgeKeyDto,
  CheckinStatsDto,
  ConflictDto,
  ConflictsQuery,
  RevocationsDto,
  RevocationsQuery,
  ScanAnswerDto,
  ScanBatchAnswerDto,
  ScanBatchDto,
  ScanDto,
  StatsQuery,
} from './checkin.dto';
import { ScanBodyPipe, checkScan, scanValidationError } from './scan-body.pipe';

@ApiTags('check-in')
@Controller('checkin')
export class CheckinController {
  private readonly logger = new Logger(CheckinController.name);

  constructor(
    private readonly scans: ScansService,
    private readonly figures: CheckinFiguresService,
    private readonly keys: BadgeKeys,
  ) {}

  @Post('scans')
  @HttpCode(200)
  @Auth('desk', 'admin')
  @ApiOperation({
    operationId: 'scanBadge',
    summary: 'Scan a badge at a desk: ok, already_checked_in (with the first time) or why not',
    description:
      '`code` is the badge’s QR, or for a try `GET /api/v1/attendees/{id}/credential`’s `code`. `nonce` identifies the scan: ' +
      'a desk makes a new one for each scan and sends the same one again only to retry it (the answer is then the recorded one); ' +
      `a nonce already used for another badge or desk answers 422. On this page the example nonce (\`${SCAN_NONCE_EXAMPLE}\`) is ` +
      'replaced by a fresh one at each try. The answer is 200 whatever the verdict: `ok` (checked in now), `already_checked_in` ' +
      '(with `firstCheckedInAt` and `firstDeskId`), `invalid`, `revoked`, `cancelled`, `not_valid_today` or `other_edition` (a badge ' +
      'of another edition than the desk’s). `editionId` is needed ' +
      'only by a desk working for an edition other than the current one.',
  })
  @ApiBody({
    type: ScanDto,
    examples: {
      desk: {
        summary: 'A scan at desk 1',
        value: { code: 'the code from GET /api/v1/attendees/{id}/credential', deskId: 'desk-1', nonce: SCAN_NONCE_EXAMPLE },
      },
    },
  })
  @ApiOkResponse({ type: ScanAnswerDto })
  @ApiErrors(400, 404, 422)
  // The body is typed `unknown` so that the global validation passes it by; ScanBodyPipe checks it.
  scan(@Body(ScanBodyPipe) body: unknown, @CurrentActor() actor: Actor): Promise<ScanAnswerDto> {
    return this.scans.scan(body as ScanDto, actor);
  }

  @Post('scans/batch')
  @HttpCode(200)
  @Auth('desk', 'admin')
  @ApiOperation({ operationId: 'uploadScanBatch', summary: 'Upload up to 5,000 scans made offline; one answer per scan in the same order (an error answer for a refused or malformed one); repeats record nothing new' })
  @ApiOkResponse({ type: ScanBatchAnswerDto })
  @ApiErrors(400, 413)
  async batch(@Body() body: ScanBatchDto, @CurrentActor() actor: Actor): Promise<ScanBatchAnswerDto> {
    // A scan with a malformed field is refused in its own slot, not with the batch (the desk would get 400 forever).
    const scans = body.scans.map((value) => {
      const checked = checkScan(value, true);
      return checked.scan ?? scanValidationError(checked.issues);
    });
    return { results: await this.scans.batch(scans, actor) };
  }

  @Get('keys')
  @Auth('desk', 'admin')
  @ApiOperation({ operationId: 'listBadgeKeys', summary: 'Public keys that sign badge codes, for checking codes offline' })
  @ApiPage(BadgeKeyDto)
  @ApiErrors(400)
  keysList(@Query() query: PageQuery): Page<BadgeKeyDto> {
    return pageOf(this.keys.publicKeys(), query);
  }

  @Get('revocations')
  @Auth('desk', 'admin')
  @ApiOperation({ operationId: 'listRevocations', summary: 'Badges revoked (re-issued, cancelled, erased) since an instant, for offline desks' })
  @ApiOkResponse({ type: RevocationsDto })
  @ApiErrors(400, 404)
  revocations(@Query() query: RevocationsQuery): Promise<RevocationsDto> {
    return this.figures.revocations(query.editionId, query.since);
  }

  @Get('conflicts')
  @Auth('admin')
  @ApiOperation({ operationId: 'listScanConflicts', summary: 'Offline scans a desk accepted but the server refuses (revoked, cancelled, used at another desk)' })
  @ApiPage(ConflictDto)
  @ApiErrors(400, 404)
  async conflicts(@Query() query: ConflictsQuery): Promise<Page<ConflictDto>> {
    const { items, total } = await this.figures.conflicts(query.editionId, query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Get('stats')
  @Auth('admin')
  @ApiOperation({ operationId: 'getCheckinStats', summary: 'Live figures: checked in today, unique attendees, per day, category, local hour and desk' })
  @ApiOkResponse({ type: CheckinStatsDto })
  @ApiErrors(400, 404)
  stats(@Query() query: StatsQuery): Promise<CheckinStatsDto> {
    return this.figures.stats(query.editionId, query.day);
  }

  @Sse('stats/stream')
  @Auth('admin')
  @ApiOperation({ operationId: 'streamCheckinStats', summary: 'Server-sent events: the figures again within 2 seconds of any scan (send the bearer token as a header)' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'A `stats` event with CheckinStatsDto on connect and after each change' })
  @ApiErrors(400, 404)
  async stream(@Query() query: StatsQuery, @Req() req: Request & { id?: string }): Promise<Observable<MessageEvent>> {
    // The edition and the day are checked before the stream opens: an unknown edition or day answers
    // 404 or 400 in the common body, like /checkin/stats, instead of a 200 carrying an error event.
    const first = await this.figures.stats(query.editionId, query.day);
    // Any API process sees scans recorded by any other: the marker is read from PostgreSQL every second.
    return interval(1000).pipe(
      switchMap(() => this.figures.lastScanMarker(first.editionId)),
      startWith('initial'),
      distinctUntilChanged(),
      switchMap((marker) => (marker === 'initial' ? [first] : from(this.figures.stats(first.editionId, query.day)))),
      filter(Boolean),
      map((stats): MessageEvent => ({ type: 'stats', data: stats })),
      // Once the stream is open no filter can answer: the client gets an error event in the common body and
      // reconnects; the log gets the error's name and code only (a driver error carries statement parameters).
      catchError((error: { name?: string; code?: string }) => {
        this.logger.warn({ err: { name: error?.name, code: error?.code }, requestId: req.id }, 'live figures stream failed');
        return of<MessageEvent>({ type: 'error', data: { statusCode: 503, error: 'unavailable', message: 'the live figures are unavailable; reconnect', requestId: req.id } });
      }),
    );
  }
}
