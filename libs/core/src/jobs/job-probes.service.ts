import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/roles';
import { maybeOne, one, rows, sql } from '../database/sql';
import { inTransaction } from '../database/transactions';
import { JobErrors } from './jobs.errors';
import { JobProducer } from './job-producer.service';

export interface JobProbeView {
  id: string;
  requestedAt: Date;
  processedAt: Date | null;
  processedBy: string | null;
}

const PROBE_VIEW = sql.raw(`id, requested_at AS "requestedAt", processed_at AS "processedAt", processed_by AS "processedBy"`);

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
      const probe = await one<JobProbeView>(m, sql`INSERT INTO job_probes (requested_by) VALUES (${by?.id ?? null}) RETURNING ${PROBE_VIEW}`);
      await this.producer.enqueue(m, 'system.probe', { probeId: probe.id });
      return probe;
    });
  }

  async get(id: string): Promise<JobProbeView> {
    const probe = await maybeOne<JobProbeView>(this.dataSource, sql`SELECT ${PROBE_VIEW} FROM job_probes WHERE id = ${id}`);
    if (!probe) throw JobErrors.probeNotFound(id);
    return probe;
  }

  /** The job handler. Idempotent: a probe is marked once; a repeat changes nothing. Returns whether this run marked it. */
  async markProcessed(id: string): Promise<boolean> {
    const marked = await rows(
      this.dataSource,
      sql`UPDATE job_probes SET processed_at = now(), processed_by = ${`${hostname()}:${process.pid}`} WHERE id = ${id} AND processed_at IS NULL RETURNING id`,
    );
    return marked.length === 1;
  }
}
