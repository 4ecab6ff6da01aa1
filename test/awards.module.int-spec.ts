import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Actor, CoreModule, DomainError, UsersService, loadConfig, rows, sql } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { AwardsModule, PrizeView, PrizesService, RankingService, ScoringService } from '@fairops/awards';
import { createTestDatabase } from './support/test-database';

/**
 * The awards library's Nest module on a real database, no HTTP: the ranking statement's
 * normalisation per juror, and finalising with a tie decision.
 */
describe('the awards module on PostgreSQL: normalisation and tie decisions', () => {
  let app: INestApplicationContext;
  let prizes: PrizesService;
  let scoring: ScoringService;
  let ranking: RankingService;
  let editionId: string;
  let admin: Actor;
  let jurors: Actor[];
  const hour = 3600_000;

  beforeAll(async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: await createTestDatabase(),
      JWT_SECRET: randomBytes(32).toString('base64url'),
      BADGE_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      LOG_LEVEL: 'silent',
    });
    @Module({ imports: [CoreModule.forRoot(config), AwardsModule] })
    class AwardsTestModule {}
    app = await NestFactory.createApplicationContext(AwardsTestModule, { logger: false });
    [prizes, scoring, ranking] = [app.get(PrizesService), app.get(ScoringService), app.get(RankingService)];
    const users = app.get(UsersService);
    const person = (role: 'admin' | 'jury', i: number) =>
      users.create({ email: `${role}${i}-${randomBytes(3).toString('hex')}@awards.test`, password: 'correct horse battery staple', displayName: `${role} ${i}`, role }, null);
    admin = await person('admin', 0);
    jurors = [await person('jury', 1), await person('jury', 2), await person('jury', 3)];
    const edition = await app.get(EditionsService).create(
      {
        slug: `awards-${randomBytes(3).toString('hex')}`,
        name: 'Salon des prix',
        editionNumber: 1,
        theme: null,
        venue: 'Parc',
        city: 'Oujda',
        country: 'MA',
        timeZone: 'Africa/Casablanca',
        days: [{ date: '2027-04-16', opensAt: '09:00', closesAt: '18:00' }],
      },
      null,
    );
    editionId = edition.id;
  });
  afterAll(() => app?.close());

  /** A prize with two equal criteria (so a juror's weighted score is the value they give), nominees A and B, the three jurors. */
  const prizeWithScores = async (name: string, given: Array<[a: number, b: number]>): Promise<PrizeView> => {
    const prize = await prizes.create(
      editionId,
      {
        name,
        scoringOpensAt: new Date(Date.now() - hour),
        scoringClosesAt: new Date(Date.now() + hour),
        minJurorsPerNominee: given.length,
        criteria: [
          { name: 'Service', weight: 50 },
          { name: 'Innovation', weight: 50 },
        ],
      },
      admin,
    );
    for (const nominee of ['A', 'B']) await prizes.addNominee(prize.id, { name: nominee }, admin);
    const full = await prizes.setJurors(prize.id, jurors.slice(0, given.length).map((j) => j.id), admin);
    const [a, b] = full.nominees;
    for (const [i, values] of given.entries()) {
      for (const [nominee, value] of [
        [a, values[0]],
        [b, values[1]],
      ] as const) {
        await scoring.score(prize.id, nominee.id, { scores: full.criteria.map((c) => ({ criterionId: c.id, value })) }, jurors[i]);
      }
    }
    await prizes.update(prize.id, { scoringClosesAt: new Date(Date.now() - 1000) }, admin);
    return full;
  };
  const failure = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    return error instanceof DomainError ? [error.code, error.details] : error;
  };

  it('normalises per juror: equal means, and the nominee the harsh jurors preferred ranks first', async () => {
    // j1 is lenient and prefers A (10 vs 8); j2 and j3 are harsh and prefer B. Means: A 7, B 7.
    // z-scores: j1 A +1 B -1; j2 and j3 A -1 B +1 → mean z A -1/3, B +1/3. All weighted scores
    // (10, 8, 5, 6, 6, 7): mean 7, spread √(16/6) ≈ 1.63299 → B 7 + 1.63299/3 ≈ 7.5443, A ≈ 6.4557.
    const prize = await prizeWithScores('Prix de la relation client', [
      [10, 8],
      [5, 6],
      [6, 7],
    ]);
    const result = await ranking.compute(prize.id);
    expect(result.ranking.map((r) => [r.name, r.rank, r.mean, r.normalised, r.jurors])).toEqual([
      ['B', 1, 7, 7.5443, 3],
      ['A', 2, 7, 6.4557, 3],
    ]);
    expect(result.unresolvedTie).toEqual([]);
    expect(result.coverage).toEqual({ complete: true, missing: [] });
    const finalised = await ranking.finalise(prize.id, admin);
    expect(finalised.winnerNomineeId).toBe(prize.nominees.find((n) => n.name === 'B')!.id);
  });

  it('finalises a tie the rule cannot break only with a decision among the tied, and records it', async () => {
    // Both jurors give A and B the same: every key is equal (a juror with no spread counts z = 0).
    const prize = await prizeWithScores('Prix de l’innovation', [
      [8, 8],
      [6, 6],
    ]);
    const [a, b] = prize.nominees;
    const computed = await ranking.compute(prize.id);
    expect(computed.ranking.map((r) => [r.name, r.rank, r.mean, r.normalised])).toEqual([
      ['A', 1, 7, 7],
      ['B', 1, 7, 7],
    ]);
    expect(await failure(ranking.finalise(prize.id, admin))).toEqual(['tie_needs_decision', { tied: [a.id, b.id] }]);
    expect(await failure(ranking.finalise(prize.id, admin, { winnerNomineeId: jurors[0].id, reason: 'not a nominee' }))).toEqual([
      'validation_failed',
      [{ field: 'tieDecision.winnerNomineeId', reasons: ['must be one of the tied nominees'] }],
    ]);

    const finalised = await ranking.finalise(prize.id, admin, { winnerNomineeId: b.id, reason: 'the jury voted at the ceremony' });
    expect([finalised.status, finalised.winnerNomineeId]).toEqual(['finalised', b.id]);
    expect(await ranking.result(prize.id, admin)).toMatchObject({
      status: 'finalised',
      winner: { nomineeId: b.id, name: 'B' },
      tieDecision: { winnerNomineeId: b.id, reason: 'the jury voted at the ceremony', decidedBy: admin.id },
    });
    // Sealed: a second finalisation is refused, and the scores are closed.
    expect(await failure(ranking.finalise(prize.id, admin, { winnerNomineeId: a.id, reason: 'again' }))).toEqual(['results_already_final', undefined]);
    const audit = await rows<{ action: string; nominee_id: string }>(
      app.get(DataSource),
      sql`SELECT action, nominee_id FROM awards_audit WHERE prize_id = ${prize.id} AND action = 'results.finalised'`,
    );
    expect(audit).toEqual([{ action: 'results.finalised', nominee_id: b.id }]);
  });
});
