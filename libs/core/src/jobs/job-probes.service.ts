import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/roles';
import { sqlRows } from '../database/sql-rows';
import { inTransaction } from '../database/transactions';
import { DomainError } from '../errors/domain-error';
import { JobProducer } from './job-producer.service';

export interface JobProbeView {
  id: string;
  requestedAt: Date;
  processedAt: Date | null;
  processedBy: string | null;
}

/**
 * An operator's check of the job pipeline: a probe row and its job are written in one transaction;
 * the worker marks the probe processed. If it stays unprocessed, relay or workers are not running.
 */
@Injectable()
export class JobProbesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
  ) {}

  async request(by: Actor | null): Promise<JobProbeView> {
    return inTransaction(this.dataSource, async (m) => {
      const [probe]: JobProbeView[] = await m.query(
        `INSERT INTO job_probes (requested_by) VALUES ($1)
         RETURNING id, requested_at AS "requestedAt", processed_at AS "processedAt", processed_by AS "processedBy"`,
        [by?.id ?? null],
      );
      await this.producer.enqueue(m, 'system.probe', { probeId: probe.id });
      return probe;
    });
  }

  async get(id: string): Promise<JobProbeView> {
    const rows: JobProbeView[] = await this.dataSource.query(
      `SELECT id, requested_at AS "requestedAt", processed_at AS "processedAt", processed_by AS "processedBy" FROM job_probes WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw DomainError.notFound('job_probe', id);
    return rows[0];
  }

  /** The job handler. Idempotent: a probe is marked once; a repeat changes nothing. Returns whether this run marked it. */
  async markProcessed(id: string): Promise<boolean> {
    const rows = await sqlRows(
      this.dataSource,
      `UPDATE job_probes SET processed_at = now(), processed_by = $2 WHERE id = $1 AND processed_at IS NULL RETURNING id`,
      [id, `${hostname()}:${process.pid}`],
    );
    return rows.length === 1;
  }
}
