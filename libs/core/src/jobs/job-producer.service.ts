import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { one, rows, sql } from '../database/sql';
import { JOB_QUEUE, JobName, JobPayloads } from './job-registry';
import { OutboxEntry } from './outbox-entry.entity';

/**
 * The one way features ask for a job. The job is written to the outbox with the caller's
 * transaction, so it exists exactly when that transaction commits; the relay hands it to BullMQ
 * with the outbox id as job id, so a relay repeated after a crash does not run it twice.
 */
@Injectable()
export class JobProducer {
  async enqueue<N extends JobName>(manager: EntityManager, name: N, payload: JobPayloads[N]): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`JobProducer.enqueue(${name}) needs the EntityManager of an open transaction`);
    }
    const { id } = await one<{ id: string }>(
      manager,
      sql`INSERT INTO outbox (queue, job_name, payload) VALUES (${JOB_QUEUE[name]}, ${name}, ${JSON.stringify(payload)}) RETURNING id`,
    );
    return id;
  }

  /** Many jobs of one kind in one statement, in the caller's transaction; answers their outbox ids. */
  async enqueueMany<N extends JobName>(manager: EntityManager, name: N, payloads: ReadonlyArray<JobPayloads[N]>): Promise<string[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`JobProducer.enqueueMany(${name}) needs the EntityManager of an open transaction`);
    }
    if (payloads.length === 0) return [];
    const inserted = await rows<{ id: string }>(
      manager,
      sql`INSERT INTO outbox (queue, job_name, payload) SELECT ${JOB_QUEUE[name]}, ${name}, p FROM unnest(${payloads.map((p) => JSON.stringify(p))}::jsonb[]) AS p RETURNING id`,
    );
    return inserted.map((r) => r.id);
  }

  /** Test and admin helper: the outbox row of a job. */
  async find(manager: EntityManager, id: string): Promise<OutboxEntry | null> {
    return manager.findOne(OutboxEntry, { where: { id } });
  }
}
