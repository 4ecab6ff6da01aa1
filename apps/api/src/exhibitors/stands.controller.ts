import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@fairops/core';
import { StandsService } from '@fairops/exhibitors';
import { ApiErrors, ApiPage, Auth } from '../http/api-docs';
import { EditionPageQuery, Page } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid-param';
import { AssignStandDto, CreateHallDto, CreateStandDto, HallDto, HoldStandDto, ListStandsQuery, MoveStandDto, ReleaseStandDto, StandDto } from './stand.dto';

@ApiTags('floor plan')
@Controller()
export class StandsController {
  constructor(private readonly stands: StandsService) {}

  @Get('halls')
  @Auth('admin')
  @ApiOperation({ operationId: 'listHalls', summary: 'Halls of an edition' })
  @ApiPage(HallDto)
  @ApiErrors(400, 404)
  async halls(@Query() query: EditionPageQuery): Promise<Page<HallDto>> {
    const { items, total } = await this.stands.listHalls(query.editionId, query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Post('halls')
  @Auth('admin')
  @ApiOperation({ operationId: 'createHall', summary: 'Add a hall to the floor plan' })
  @ApiCreatedResponse({ type: HallDto })
  @ApiErrors(400, 404, 409)
  createHall(@Body() body: CreateHallDto, @CurrentActor() actor: Actor): Promise<HallDto> {
    return this.stands.createHall(body.editionId, body.name, actor);
  }

  @Get('stands')
  @Auth('admin')
  @ApiOperation({ operationId: 'listStands', summary: 'Stands of an edition, by status and hall' })
  @ApiPage(StandDto)
  @ApiErrors(400, 404)
  async list(@Query() query: ListStandsQuery): Promise<Page<StandDto>> {
    const { items, total } = await this.stands.list(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Post('stands')
  @Auth('admin')
  @ApiOperation({ operationId: 'createStand', summary: 'Add a stand to a hall' })
  @ApiCreatedResponse({ type: StandDto })
  @ApiErrors(400, 404, 409)
  create(@Body() body: CreateStandDto, @CurrentActor() actor: Actor): Promise<StandDto> {
    return this.stands.createStand(body, actor);
  }

  @Get('stands/:id')
  @Auth('admin')
  @ApiOperation({ operationId: 'getStand', summary: 'One stand' })
  @ApiOkResponse({ type: StandDto })
  @ApiErrors(400, 404)
  get(@UuidParam('id') id: string): Promise<StandDto> {
    return this.stands.get(id);
  }

  @Post('stands/:id/hold')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'holdStand', summary: 'Hold a free stand for an exhibitor for some hours (the same exhibitor extends its hold)' })
  @ApiOkResponse({ type: StandDto })
  @ApiErrors(400, 404, 409)
  hold(@UuidParam('id') id: string, @Body() body: HoldStandDto, @CurrentActor() actor: Actor): Promise<StandDto> {
    return this.stands.hold(id, body.exhibitorId, body.hours, actor);
  }

  @Post('stands/:id/assign')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'assignStand', summary: 'Assign a free stand, or one held for this exhibitor; 409 if another exhibitor has it' })
  @ApiOkResponse({ type: StandDto })
  @ApiErrors(400, 404, 409)
  assign(@UuidParam('id') id: string, @Body() body: AssignStandDto, @CurrentActor() actor: Actor): Promise<StandDto> {
    return this.stands.assign(id, body.exhibitorId, actor);
  }

  @Post('stands/:id/release')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'releaseStand', summary: 'Free a held or assigned stand' })
  @ApiOkResponse({ type: StandDto })
  @ApiErrors(400, 404)
  release(@UuidParam('id') id: string, @Body() body: ReleaseStandDto, @CurrentActor() actor: Actor): Promise<StandDto> {
    return this.stands.release(id, actor, body.reason);
  }

  @Post('stands/:id/move')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'moveStand', summary: 'Move an assignment to another available stand, in one step' })
  @ApiOkResponse({ type: StandDto, description: 'The stand the exhibitor now has' })
  @ApiErrors(400, 404, 409)
  move(@UuidParam('id') id: string, @Body() body: MoveStandDto, @CurrentActor() actor: Actor): Promise<StandDto> {
    return this.stands.move(id, body.toStandId, actor);
  }
}
