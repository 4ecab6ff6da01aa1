import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Paged } from '../database/sql';

export interface AuditLogFilter {
  entityType?: string;
  entityId?: string;
  editionId?: string;
  limit: number;
  offset: number;
}

/** The audit log as an operator reads it (GET /audit): outside any transaction, so the adapters need no DataSource. */
@Injectable()
export class AuditLogReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(filter: AuditLogFilter): Promise<Paged<unknown>> {
    return this.audit.list(this.dataSource.manager, filter);
  }
}
