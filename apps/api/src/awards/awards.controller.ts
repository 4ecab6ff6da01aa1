import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, OptionalActor } from '@fairops/core';
import { AwardsAuditService, PrizesService, RankingService, ScoringService } from '@fairops/awards';
import { EditionPageQuery, Page, PageQuery, pageOf } from '../http/page-query.dto';
import { ApiErrors, ApiPage, Auth, PublicRoute } from '../http/api-docs';
import { UuidParam } from '../http/uuid-param';
import { OptionalTokenRoute } from '../http/openapi-contract';
import {
  AwardsAuditEntryDto,
  ConflictViewDto,
  ChainDto,
  ConflictDecisionDto,
  ConflictDecisionResultDto,
  DeclaredConflictDto,
  RecordedConflictDto,
  FinalisedRankingDto,
  ReopenedBallotDto,
  CreatePrizeDto,
  DeclareConflictDto,
  FinaliseDto,
  JurorPrizeDto,
  JurorsDto,
  MyScoresDto,
  NomineeDto,
  NomineeInputDto,
  PrizeDto,
  RankingDto,
  RecordConflictDto,
  ReopenDto,
  ResultDto,
  ScoresDto,
  UpdatePrizeDto,
} from './awards.dto';

@ApiTags('awards')
@Controller('awards')
export class AwardsController {
  constructor(
    private readonly prizes: PrizesService,
    private readonly ranking: RankingService,
    private readonly scoring: ScoringService,
    private readonly audit: AwardsAuditService,
  ) {}

  @Get('prizes')
  @Auth('admin')
  @ApiOperation({ operationId: 'listPrizes', summary: 'Prizes of an edition with criteria, nominees and jurors' })
  @ApiPage(PrizeDto)
  @ApiErrors(400, 404)
  async list(@Query() query: EditionPageQuery): Promise<Page<PrizeDto>> {
    return pageOf(await this.prizes.list(query.editionId), query);
  }

  @Post('prizes')
  @Auth('admin')
  @ApiOperation({ operationId: 'createPrize', summary: 'Create a prize with its criteria (weights sum to 100) and scoring window' })
  @ApiCreatedResponse({ type: PrizeDto })
  @ApiErrors(400, 404)
  create(@Body() body: CreatePrizeDto, @CurrentActor() actor: Actor): Promise<PrizeDto> {
    const { editionId, ...input } = body;
    return this.prizes.create(editionId, input, actor);
  }

  @Get('prizes/:id')
  @Auth('admin')
  @ApiOperation({ operationId: 'getPrize', summary: 'One prize' })
  @ApiOkResponse({ type: PrizeDto })
  @ApiErrors(400, 404)
  get(@UuidParam('id') id: string): Promise<PrizeDto> {
    return this.prizes.get(id);
  }

  @Patch('prizes/:id')
  @Auth('admin')
  @ApiOperation({ operationId: 'updatePrize', summary: 'Change a prize; once scoring has begun, the scale and criteria need force and a reason' })
  @ApiOkResponse({ type: PrizeDto })
  @ApiErrors(400, 404, 409)
  update(@UuidParam('id') id: string, @Body() body: UpdatePrizeDto, @CurrentActor() actor: Actor): Promise<PrizeDto> {
    return this.prizes.update(id, body, actor);
  }

  @Post('prizes/:id/nominees')
  @Auth('admin')
  @ApiOperation({ operationId: 'addNominee', summary: 'Add a nominee (an operator, optionally an exhibitor)' })
  @ApiCreatedResponse({ type: NomineeDto })
  @ApiErrors(400, 404)
  addNominee(@UuidParam('id') id: string, @Body() body: NomineeInputDto, @CurrentActor() actor: Actor): Promise<NomineeDto> {
    return this.prizes.addNominee(id, body, actor);
  }

  @Put('prizes/:id/jurors')
  @Auth('admin')
  @ApiOperation({ operationId: 'setPrizeJurors', summary: 'Assign the jury of a prize; likely conflicts are flagged for confirmation' })
  @ApiOkResponse({ type: PrizeDto })
  @ApiErrors(400, 404)
  setJurors(@UuidParam('id') id: string, @Body() body: JurorsDto, @CurrentActor() actor: Actor): Promise<PrizeDto> {
    return this.prizes.setJurors(id, body.jurorIds, actor);
  }

  @Get('prizes/:id/conflicts')
  @Auth('admin')
  @ApiOperation({ operationId: 'listPrizeConflicts', summary: 'Declared and flagged conflicts of interest' })
  @ApiPage(ConflictViewDto)
  @ApiErrors(400, 404)
  async conflicts(@UuidParam('id') id: string, @Query() query: PageQuery): Promise<Page<ConflictViewDto>> {
    return pageOf(await this.prizes.conflicts(id), query);
  }

  @Post('prizes/:id/conflicts')
  @Auth('admin')
  @ApiOperation({ operationId: 'recordConflict', summary: 'Record a juror’s conflict of interest (the only way once their ballot is locked), with a justification; audited' })
  @ApiCreatedResponse({ type: RecordedConflictDto })
  @ApiErrors(400, 404, 409)
  recordConflict(@UuidParam('id') id: string, @Body() body: RecordConflictDto, @CurrentActor() actor: Actor): Promise<RecordedConflictDto> {
    return this.prizes.recordConflict(id, body, actor);
  }

  @Post('conflicts/:id/decision')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'decideConflict', summary: 'Confirm (recuse the juror) or dismiss a flagged conflict' })
  @ApiOkResponse({ type: ConflictDecisionResultDto })
  @ApiErrors(400, 404)
  decide(@UuidParam('id') id: string, @Body() body: ConflictDecisionDto, @CurrentActor() actor: Actor): Promise<ConflictDecisionResultDto> {
    return this.prizes.decideConflict(id, body.status, actor);
  }

  @Get('prizes/:id/ranking')
  @Auth('admin')
  @ApiOperation({ operationId: 'getPrizeRanking', summary: 'The ranking (mean and normalised, side by side) and the coverage check, once scoring is closed' })
  @ApiOkResponse({ type: RankingDto })
  @ApiErrors(400, 404, 409)
  compute(@UuidParam('id') id: string): Promise<RankingDto> {
    return this.ranking.compute(id);
  }

  @Post('prizes/:id/finalise')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'finalisePrize', summary: 'Seal the result; blocked while coverage is missing; a tie the rule cannot break needs tieDecision' })
  @ApiOkResponse({ type: FinalisedRankingDto })
  @ApiErrors(400, 404, 409)
  finalise(@UuidParam('id') id: string, @Body() body: FinaliseDto, @CurrentActor() actor: Actor): Promise<FinalisedRankingDto> {
    return this.ranking.finalise(id, actor, body.tieDecision);
  }

  @Post('prizes/:id/publish')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'publishPrize', summary: 'Announce: the winner becomes public and the certificate is rendered' })
  @ApiOkResponse({ type: ResultDto })
  @ApiErrors(400, 404, 409)
  publish(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<ResultDto> {
    return this.ranking.publish(id, actor);
  }

  @Get('results')
  @PublicRoute()
  @ApiOperation({ operationId: 'listResults', summary: 'The winners announced so far' })
  @ApiPage(ResultDto)
  @ApiErrors(400, 404)
  async results(@Query() query: EditionPageQuery): Promise<Page<ResultDto>> {
    return pageOf(await this.ranking.published(query.editionId), query);
  }

  @Get('results/:prizeId')
  @PublicRoute()
  @OptionalTokenRoute()
  @ApiOperation({ operationId: 'getResult', summary: 'One prize’s result: public once published; before, admins only (403 to jurors, 404 to others)' })
  @ApiOkResponse({ type: ResultDto })
  @ApiErrors(400, 401, 403, 404)
  result(@UuidParam('prizeId') prizeId: string, @OptionalActor() actor: Actor | null): Promise<ResultDto> {
    return this.ranking.result(prizeId, actor);
  }

  @Get('results/:prizeId/certificate.pdf')
  @PublicRoute()
  @ApiOperation({
    operationId: 'getCertificatePdf',
    summary: 'The winner’s certificate, once published and rendered',
    description: 'Right after publishing, while the certificate job renders it: 409 certificate_not_ready (try again shortly). 404 results_not_found: no such prize, or not published.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 404, 409)
  async certificate(@UuidParam('prizeId') prizeId: string, @Res() res: Response): Promise<void> {
    const pdf = await this.ranking.certificate(prizeId);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', 'inline; filename="certificate.pdf"');
    res.send(pdf);
  }

  @Post('prizes/:id/ballots/:jurorId/reopen')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'reopenBallot', summary: 'Reopen one juror’s submitted ballot, with a reason' })
  @ApiOkResponse({ type: ReopenedBallotDto })
  @ApiErrors(400, 404, 409)
  reopen(@UuidParam('id') id: string, @UuidParam('jurorId') jurorId: string, @Body() body: ReopenDto, @CurrentActor() actor: Actor): Promise<ReopenedBallotDto> {
    return this.scoring.reopen(id, jurorId, body.reason, actor);
  }

  @Get('prizes/:id/audit')
  @Auth('admin')
  @ApiOperation({ operationId: 'listPrizeAudit', summary: 'The awards audit entries of a prize, in order, with their hashes' })
  @ApiPage(AwardsAuditEntryDto)
  @ApiErrors(400, 404)
  async auditOf(@UuidParam('id') id: string, @Query() query: PageQuery): Promise<Page<AwardsAuditEntryDto>> {
    return this.audit.list(id, query.limit, query.offset);
  }

  @Get('audit/verify')
  @Auth('admin')
  @ApiOperation({ operationId: 'verifyAwardsAudit', summary: 'Recompute the hash chain of the awards audit; names the first entry that does not match' })
  @ApiOkResponse({ type: ChainDto })
  verify(): Promise<ChainDto> {
    return this.audit.verify();
  }
}

@ApiTags('jury')
@Controller('jury')
export class JuryController {
  constructor(private readonly scoring: ScoringService) {}

  @Get('prizes')
  @Auth('jury')
  @ApiOperation({ operationId: 'listMyPrizes', summary: 'The prizes assigned to me' })
  @ApiPage(JurorPrizeDto)
  @ApiErrors(400)
  async myPrizes(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<JurorPrizeDto>> {
    return pageOf(await this.scoring.myPrizes(actor), query);
  }

  @Get('prizes/:id')
  @Auth('jury')
  @ApiOperation({ operationId: 'getMyPrize', summary: 'One of my prizes with its nominees (404 if not mine)' })
  @ApiOkResponse({ type: JurorPrizeDto })
  @ApiErrors(400, 404)
  myPrize(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<JurorPrizeDto> {
    return this.scoring.myPrize(id, actor);
  }

  @Get('prizes/:id/nominees/:nomineeId/scores')
  @Auth('jury')
  @ApiOperation({ operationId: 'getMyScores', summary: 'My scores for a nominee (never anyone else’s)' })
  @ApiOkResponse({ type: MyScoresDto })
  @ApiErrors(400, 404)
  myScores(@UuidParam('id') id: string, @UuidParam('nomineeId') nomineeId: string, @CurrentActor() actor: Actor): Promise<MyScoresDto> {
    return this.scoring.myScores(id, nomineeId, actor);
  }

  @Put('prizes/:id/nominees/:nomineeId/scores')
  @Auth('jury')
  @ApiOperation({ operationId: 'scoreNominee', summary: 'Score a nominee on some or all criteria; 409 once my ballot is submitted or the window is closed' })
  @ApiOkResponse({ type: MyScoresDto })
  @ApiErrors(400, 404, 409)
  score(@UuidParam('id') id: string, @UuidParam('nomineeId') nomineeId: string, @Body() body: ScoresDto, @CurrentActor() actor: Actor): Promise<MyScoresDto> {
    return this.scoring.score(id, nomineeId, body, actor);
  }

  @Post('prizes/:id/conflicts')
  @Auth('jury')
  @ApiOperation({ operationId: 'declareConflict', summary: 'Declare a conflict of interest with a nominee: I am recused from it; 409 once my ballot is submitted, the window closed or the result finalised' })
  @ApiCreatedResponse({ type: DeclaredConflictDto })
  @ApiErrors(400, 404, 409)
  declare(@UuidParam('id') id: string, @Body() body: DeclareConflictDto, @CurrentActor() actor: Actor): Promise<DeclaredConflictDto> {
    return this.scoring.declareConflict(id, body, actor);
  }

  @Post('prizes/:id/ballot/submit')
  @HttpCode(200)
  @Auth('jury')
  @ApiOperation({ operationId: 'submitBallot', summary: 'Submit my ballot: my scores are locked' })
  @ApiOkResponse({ type: JurorPrizeDto })
  @ApiErrors(400, 404)
  submit(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<JurorPrizeDto> {
    return this.scoring.submit(id, actor);
  }
}
