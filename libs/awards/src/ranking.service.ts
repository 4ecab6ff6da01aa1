import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, Clock, Db, JobProducer, inTransaction } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { AwardMessages } from './award-messages';
import { AwardErrors } from './awards.errors';
import { AwardsAuditService } from './awards-audit.service';
import { renderCertificate } from './certificate';
import { PrizesRepository } from './prizes.repository';
import { CoverageGap, RankedNominee, Ranking, TieDecision, chooseWinner, rankingOf } from './ranking-rules';
import { PublishedResult, ResultsRepository } from './results.repository';

export type { CoverageGap, RankedNominee, Ranking, TieDecision } from './ranking-rules';
export { RANKING_SQL } from './results.repository';
export type { PublishedResult } from './results.repository';

export type FinalisedRanking = Ranking & { winnerNomineeId: string; status: 'finalised' };

/** A result as the public sees it once published. */
export interface PublicResult {
  prizeId: string;
  prize: string;
  winner: { nomineeId: string; name: string };
  publishedAt: Date | null;
  certificateAvailable: boolean;
}

/** A result as an admin sees it, published or only finalised. */
export interface AdminResult extends PublicResult {
  status: string;
  finalisedAt: Date;
  tieDecision: (TieDecision & { decidedBy: string }) | null;
  ranking: RankedNominee[];
  coverage: { complete: boolean; missing: CoverageGap[] };
}

@Injectable()
export class RankingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly results: ResultsRepository,
    private readonly prizes: PrizesRepository,
    private readonly editions: EditionsService,
    private readonly audit: AwardsAuditService,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
    private readonly messages: AwardMessages,
  ) {}

  /** The ranking with and without normalisation, and the coverage check, in one statement. Only once scoring has closed. */
  async compute(prizeId: string, db: Db = this.dataSource): Promise<Ranking> {
    const found = await this.results.rankingRows(db, prizeId);
    if (!found[0]) throw AwardErrors.prizeNotFound(prizeId);
    if (this.clock.now().getTime() < found[0].closesAt.getTime()) throw AwardErrors.windowStillOpen(found[0].closesAt);
    return rankingOf(
      prizeId,
      found.filter((r) => r.nomineeId !== null),
      this.clock.now(),
    );
  }

  /**
   * Seals the result: coverage must be complete; a tie the rule cannot break needs the admin's decision
   * (a winner among the tied, and a reason), which is recorded with the result.
   */
  async finalise(prizeId: string, by: Actor, tieDecision?: TieDecision): Promise<FinalisedRanking> {
    return inTransaction(this.dataSource, async (m) => {
      await this.prizes.lock(m, prizeId);
      const existing = await this.results.status(m, prizeId);
      if (existing) throw AwardErrors.alreadyFinal(existing);
      const result = await this.compute(prizeId, m);
      const winner = chooseWinner(result, tieDecision);
      await this.results.insertFinalised(m, prizeId, { ranking: result, winnerNomineeId: winner, tieDecision: tieDecision ? { ...tieDecision, decidedBy: by.id } : null, by: by.id });
      await this.audit.record(m, { prizeId, actorUserId: by.id, action: 'results.finalised', nomineeId: winner, detail: { ranking: result.ranking.map((r) => [r.rank, r.nomineeId, r.mean]), tieDecision: tieDecision ?? null } });
      return { ...result, winnerNomineeId: winner, status: 'finalised' };
    });
  }

  /** Announces: the winner becomes public, and the certificate is rendered by a job. */
  async publish(prizeId: string, by: Actor): Promise<PublicResult | AdminResult> {
    return inTransaction(this.dataSource, async (m) => {
      const status = await this.results.status(m, prizeId, true);
      if (!status) throw AwardErrors.notFinalised();
      if (status === 'published') throw AwardErrors.alreadyFinal('published');
      await this.results.markPublished(m, prizeId);
      await this.producer.enqueue(m, 'awards.render-certificate', { prizeId });
      await this.messages.prizeWon(m, prizeId);
      await this.audit.record(m, { prizeId, actorUserId: by.id, action: 'results.published' });
      return this.result(prizeId, by, m);
    });
  }

  /**
   * A prize's result. Published: the winner, to anyone. Finalised but not published: the full result to
   * admins, 403 to jurors, and 404 to everyone else (it does not exist for them yet).
   */
  async result(prizeId: string, viewer: Actor | null, db: Db = this.dataSource): Promise<PublicResult | AdminResult> {
    const row = await this.results.find<Ranking, AdminResult['tieDecision']>(db, prizeId);
    const isAdmin = viewer?.role === 'admin';
    if (!row || (row.status !== 'published' && !isAdmin)) {
      if (row && viewer?.role === 'jury') throw AwardErrors.sealed();
      throw AwardErrors.resultsNotFound();
    }
    const pub: PublicResult = { prizeId, prize: row.prize, winner: { nomineeId: row.winnerId, name: row.winner }, publishedAt: row.publishedAt, certificateAvailable: row.certificate };
    if (!isAdmin) return pub;
    return { ...pub, status: row.status, finalisedAt: row.finalisedAt, tieDecision: row.tieDecision, ranking: row.ranking.ranking, coverage: row.ranking.coverage };
  }

  /** Every published result of an edition: what the public sees after the ceremony. */
  async published(editionId?: string): Promise<PublishedResult[]> {
    const edition = await this.editions.resolveId(editionId);
    return this.results.published(this.dataSource, edition);
  }

  /** The job: renders the winner's certificate once; a repeat finds it rendered and does nothing. */
  async renderCertificate(prizeId: string): Promise<boolean> {
    const row = await this.results.forCertificate(this.dataSource, prizeId);
    if (!row || row.rendered) return false;
    const edition = await this.editions.get(row.editionId);
    const dateText = new Intl.DateTimeFormat('fr-FR', { timeZone: edition.timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(row.publishedAt);
    const pdf = await renderCertificate({ fairName: edition.name, editionNumber: edition.editionNumber, city: edition.city, prizeName: row.prize, winnerName: row.winner, dateText });
    return this.results.storeCertificate(this.dataSource, prizeId, pdf);
  }

  /**
   * The published winner's certificate for the winner's message: rendered here if the job has not done it
   * yet (the same rendering, stored once whichever finishes first), so the mail always carries it.
   * Undefined when the result is not published.
   */
  async certificateForMail(prizeId: string): Promise<{ pdf: Buffer; prize: string; winner: string; editionId: string } | undefined> {
    const row = await this.results.forCertificate(this.dataSource, prizeId);
    if (!row) return undefined;
    if (!row.rendered) await this.renderCertificate(prizeId);
    const stored = await this.results.certificate(this.dataSource, prizeId);
    return stored?.pdf ? { pdf: stored.pdf, prize: row.prize, winner: row.winner, editionId: row.editionId } : undefined;
  }

  async certificate(prizeId: string): Promise<Buffer> {
    const row = await this.results.certificate(this.dataSource, prizeId);
    if (!row) throw AwardErrors.resultsNotFound();
    // Published, the certificate job not done yet: not "not found", the same as a print job not ready.
    if (!row.pdf) throw AwardErrors.certificateNotReady();
    return row.pdf;
  }
}
