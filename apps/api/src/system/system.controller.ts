import { Controller, Delete, Get, HttpCode, Param, PipeTransform, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor, AuditLogReader, CurrentActor, FailedJobView, JobProbeView, QueueCounts, QueueName, DomainError, JobAdminService, JobProbesService, QUEUES } from '@fairops/core';
import { ApiErrors, ApiPage, Auth } from '../http/api-docs';
import { Page, PageQuery } from '../http/page-query.dto';
import { UuidParam, IsUuid } from '../http/uuid-param';

class JobProbeDto implements JobProbeView {
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

class QueueCountsDto implements QueueCounts {
  @ApiProperty({ enum: QUEUES }) name: QueueName;
  @ApiProperty({ description: 'Waiting to run (prioritised ones included)' }) waiting: number;
  @ApiProperty({ description: 'Held by a worker now' }) active: number;
  @ApiProperty({ description: 'Waiting for their backoff before another attempt' }) delayed: number;
  @ApiProperty({ description: 'Failed after their last attempt; kept until retried or removed' }) failed: number;
  @ApiProperty({ description: 'Completed in the last 24 hours (older ones are dropped)' }) completed: number;
}

class QueuesDto {
  @ApiProperty({ type: [QueueCountsDto] }) items: QueueCountsDto[];
}

class FailedJobDto implements FailedJobView {
  @ApiProperty({ description: 'The job id (the outbox row id for jobs that came through the outbox)' }) id: string;
  @ApiProperty({ example: 'badges.render' }) name: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The payload: ids only, never personal data' }) data: unknown;
  @ApiProperty({ example: 'the badges could not be rendered; try again' }) failedReason: string;
  @ApiProperty() attemptsMade: number;
  @ApiProperty() addedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) failedAt: Date | null;
}

class RetriedJobDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'waiting', description: 'The state the job is in now' }) state: string;
}

/** A BullMQ job id: the outbox's UUIDs, or BullMQ's own numbers. Anything else is a 400 naming `id`. */
class JobIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z0-9:_-]{1,128}$/.test(value)) throw DomainError.validation('id must be a job id', [{ field: 'id', reasons: ['must be a job id (letters, digits, : _ -)'] }]);
    return value;
  }
}

class AuditQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
}

@ApiTags('system')
@Controller()
export class SystemController {
  constructor(
    private readonly probes: JobProbesService,
    private readonly jobs: JobAdminService,
    private readonly auditReader: AuditLogReader,
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

  @Get('system/queues')
  @Auth('admin')
  @ApiOperation({ operationId: 'listQueues', summary: 'Each job queue: jobs waiting, active, delayed, failed and recently completed' })
  @ApiOkResponse({ type: QueuesDto })
  async queues(): Promise<QueuesDto> {
    return { items: await this.jobs.counts() };
  }

  @Get('system/queues/:queue/failed')
  @Auth('admin')
  @ApiOperation({ operationId: 'listFailedJobs', summary: 'The failed jobs of a queue with their reason, most recently failed first' })
  @ApiParam({ name: 'queue', enum: QUEUES })
  @ApiPage(FailedJobDto)
  @ApiErrors(400, 404)
  async failedJobs(@Param('queue') queue: string, @Query() query: PageQuery): Promise<Page<FailedJobDto>> {
    const { items, total } = await this.jobs.failed(queue, query.limit, query.offset);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Post('system/queues/:queue/jobs/:id/retry')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ operationId: 'retryFailedJob', summary: 'Run a failed job again, with its attempts counted afresh (audited)' })
  @ApiParam({ name: 'queue', enum: QUEUES })
  @ApiOkResponse({ type: RetriedJobDto })
  @ApiErrors(400, 404, 409)
  retryJob(@CurrentActor() actor: Actor, @Param('queue') queue: string, @Param('id', new JobIdPipe()) id: string): Promise<RetriedJobDto> {
    return this.jobs.retry(actor, queue, id);
  }

  @Delete('system/queues/:queue/jobs/:id')
  @HttpCode(204)
  @Auth('admin')
  @ApiOperation({ operationId: 'removeQueuedJob', summary: 'Remove a job that is not running, e.g. a failed one that must not run again (audited)' })
  @ApiParam({ name: 'queue', enum: QUEUES })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 404, 409)
  async removeJob(@CurrentActor() actor: Actor, @Param('queue') queue: string, @Param('id', new JobIdPipe()) id: string): Promise<void> {
    await this.jobs.remove(actor, queue, id);
  }

  @Get('audit')
  @Auth('admin')
  @ApiOperation({ operationId: 'listAuditLog', summary: 'The audit log, newest first' })
  @ApiPage(AuditEntryDto)
  @ApiErrors(400)
  async auditLog(@Query() query: AuditQuery): Promise<Page<unknown>> {
    const { items, total } = await this.auditReader.list(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
