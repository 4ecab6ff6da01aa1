import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Paged } from '@fairops/core';
import { AwardsAuditEntry, AwardsAuditRepository, AwardsAuditView } from './awards-audit.repository';

export type { AwardsAuditEntry, AwardsAuditView } from './awards-audit.repository';

export interface ChainVerification {
  ok: boolean;
  entries: number;
  /** The first entry whose hash, or whose link to the previous entry, does not match. */
  firstMismatch?: { id: string; reason: 'hash' | 'link'; at: Date; action: string };
}

/** The awards' hash-chained audit: written in the caller's transaction; the chain is kept by a trigger. */
@Injectable()
export class AwardsAuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AwardsAuditRepository,
  ) {}

  async record(m: EntityManager, e: AwardsAuditEntry): Promise<void> {
    await this.repository.insert(m, e);
  }

  /** Recomputes every hash in order and names the first entry that does not match. */
  async verify(): Promise<ChainVerification> {
    const chain = await this.repository.chain(this.dataSource);
    const bad = chain.find((r) => !r.hashOk || !r.linkOk);
    return {
      ok: !bad,
      entries: chain.length,
      ...(bad ? { firstMismatch: { id: bad.id, reason: bad.hashOk ? 'link' : 'hash', at: bad.at, action: bad.action } } : {}),
    };
  }

  async list(prizeId: string, limit: number, offset: number): Promise<Paged<AwardsAuditView> & { limit: number; offset: number }> {
    return { ...(await this.repository.list(this.dataSource, prizeId, { limit, offset })), limit, offset };
  }
}
