import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Actor, AuditService, CurrentActor, JobProbesService } from '@fairops/core';
import { ApiErrors, ApiPage, Auth } from '../http/api-docs';
import { Page, PageQuery } from '../http/page-query.dto';
import { UuidParam } from '../http/uuid-param';

class JobProbeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) processedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'host:pid of the worker that ran it' }) processedBy: string | null;
}

class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) editionId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty({ example: 'user.created' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'The entity’s audited fields before the change (which fields depends on entityType)' }) before: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'The entity’s audited fields after the change' }) after: unknown;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty() at: Date;
}

class AuditQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'must be a UUID' }) editionId?: string;
}

@ApiTags('system')
@Controller()
export class SystemController {
  constructor(
    private readonly probes: JobProbesService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  @Post('system/job-probes')
  @HttpCode(202)
  @Auth('admin')
  @ApiOperation({ operationId: 'requestJobProbe', summary: 'Send a probe job through outbox, relay and worker, to check the job pipeline' })
  @ApiAcceptedResponse({ type: JobProbeDto })
  request(@CurrentActor() actor: Actor): Promise<JobProbeDto> {
    return this.probes.request(actor);
  }

  @Get('system/job-probes/:id')
  @Auth('admin')
  @ApiOperation({ operationId: 'getJobProbe', summary: 'Whether a probe job has run, and where' })
  @ApiOkResponse({ type: JobProbeDto })
  @ApiErrors(400, 404)
  get(@UuidParam('id') id: string): Promise<JobProbeDto> {
    return this.probes.get(id);
  }

  @Get('audit')
  @Auth('admin')
  @ApiOperation({ operationId: 'listAuditLog', summary: 'The audit log, newest first' })
  @ApiPage(AuditEntryDto)
  @ApiErrors(400)
  async auditLog(@Query() query: AuditQuery): Promise<Page<unknown>> {
    const { items, total } = await this.audit.list(this.dataSource.manager, query);
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
