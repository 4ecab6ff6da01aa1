import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { ApiErrors, ApiPage, Auth, PublicRoute } from '../http/api-docs';
import { Page, PageQuery } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid-param';
import { CreateEditionDto, EditionDto } from './edition.dto';

@ApiTags('editions')
@Controller('editions')
export class EditionsController {
  constructor(private readonly editions: EditionsService) {}

  @Get()
  @PublicRoute()
  @ApiOperation({ operationId: 'listEditions', summary: 'Every edition of the fair, newest first' })
  @ApiPage(EditionDto)
  @ApiErrors(400)
  async list(@Query() query: PageQuery): Promise<Page<EditionDto>> {
    const { items, total } = await this.editions.list(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Get('current')
  @PublicRoute()
  @ApiOperation({ operationId: 'getCurrentEdition', summary: 'The edition running now or next, otherwise the latest' })
  @ApiOkResponse({ type: EditionDto })
  @ApiErrors(404)
  current(): Promise<EditionDto> {
    return this.editions.current();
  }

  @Get(':id')
  @PublicRoute()
  @ApiOperation({ operationId: 'getEdition', summary: 'One edition' })
  @ApiOkResponse({ type: EditionDto })
  @ApiErrors(400, 404)
  get(@UuidParam('id') id: string): Promise<EditionDto> {
    return this.editions.get(id);
  }

  @Post()
  @Auth('admin')
  @ApiOperation({ operationId: 'createEdition', summary: 'Create an edition with its fair days (admins only)' })
  @ApiCreatedResponse({ type: EditionDto })
  @ApiErrors(400, 409)
  create(@Body() body: CreateEditionDto, @CurrentActor() actor: Actor): Promise<EditionDto> {
    return this.editions.create(body, actor);
  }
}

