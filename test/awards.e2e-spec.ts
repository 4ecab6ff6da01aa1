import { randomUUID } from 'node:crypto';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeEdition, makeUser } from './support/factories';
import { eventually } from './support/processes';

interface Prize {
  id: string;
  criteria: Array<{ id: string; name: string; weight: number }>;
  nominees: Array<{ id: string; name: string }>;
}

describe('awards: jury scoring, recusal, locking, ranking, sealed results and the audit chain', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let j1: LoggedIn;
  let j2: LoggedIn;
  let j3: LoggedIn;
  let outsider: LoggedIn;
  let editionId: string;

  const hour = 3600_000;
  const newPrize = async (name: string, extra: Record<string, unknown> = {}): Promise<Prize> => {
    const res = await t
      .http()
      .post('/api/v1/awards/prizes')
      .set(admin.auth)
      .send({
        editionId,
        name,
        scoringOpensAt: new Date(Date.now() - hour).toISOString(),
        scoringClosesAt: new Date(Date.now() + hour).toISOString(),
        minJurorsPerNominee: 2,
        criteria: [
          { name: 'Qualité de service', weight: 60 },
          { name: 'Innovation', weight: 40 },
        ],
        ...extra,
      })
      .expect(201);
    return res.body;
  };
  const nominate = async (prize: Prize, name: string) => (await t.http().post(`/api/v1/awards/prizes/${prize.id}/nominees`).set(admin.auth).send({ name }).expect(201)).body as { id: string };
  const score = (who: LoggedIn, prize: Prize, nomineeId: string, c1: number, c2: number) =>
    t.http().put(`/api/v1/jury/prizes/${prize.id}/nominees/${nomineeId}/scores`).set(who.auth).send({ scores: [{ criterionId: prize.criteria[0].id, value: c1 }, { criterionId: prize.criteria[1].id, value: c2 }] });
  const closeWindow = (prize: Prize) =>
    t.http().patch(`/api/v1/awards/prizes/${prize.id}`).set(admin.auth).send({ scoringClosesAt: new Date(Date.now() - 1000).toISOString() }).expect(200);

  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    admin = await makeUser(t, 'admin');
    [j1, j2, j3, outsider] = [
      await makeUser(t, 'jury', { organisation: 'Université Mohammed Premier' }),
      await makeUser(t, 'jury'),
      await makeUser(t, 'jury', { organisation: 'Atlas Relation Client SARL' }),
      await makeUser(t, 'jury'),
    ];
    editionId = (await makeEdition(t)).id;
  });
  afterAll(() => t.close());

  it('refuses criteria whose weights do not sum to 100, naming the field', async () => {
    const res = await t
      .http()
      .post('/api/v1/awards/prizes')
      .set(admin.auth)
      .send({ editionId, name: 'Bad', scoringOpensAt: new Date().toISOString(), scoringClosesAt: new Date(Date.now() + hour).toISOString(), criteria: [{ name: 'a', weight: 50 }, { name: 'b', weight: 40 }] })
      .expect(400);
    expect(res.body.details).toEqual([{ field: 'criteria', reasons: ['weights must sum to 100 (got 90)'] }]);
  });

  it('ranks by the mean of weighted scores and by normalised scores, excludes the recused, and breaks a tie by the documented rule', async () => {
    const prize = await newPrize('Excellence de la relation client');
    const [a, b, c] = [await nominate(prize, 'Atlas Relation Client'), await nominate(prize, 'Berkane Tech Solutions'), await nominate(prize, 'Casablanca Digital Services')];
    const withJury = await t.http().put(`/api/v1/awards/prizes/${prize.id}/jurors`).set(admin.auth).send({ jurorIds: [j1.actor.id, j2.actor.id, j3.actor.id] }).expect(200);
    expect(withJury.body.jurorIds).toHaveLength(3);
    // j3 works for Atlas: flagged for the admin, who confirms it.
    const flagged = (await t.http().get(`/api/v1/awards/prizes/${prize.id}/conflicts`).set(admin.auth).expect(200)).body.items;
    expect(flagged).toEqual([expect.objectContaining({ nomineeId: a.id, jurorId: j3.actor.id, source: 'flagged', status: 'suggested' })]);
    await t.http().post(`/api/v1/awards/conflicts/${flagged[0].id}/decision`).set(admin.auth).send({ status: 'recused' }).expect(200);

    await score(j1, prize, a.id, 8, 6).expect(200); // 7.2
    await score(j1, prize, b.id, 6, 8).expect(200); // 6.8
    await score(j1, prize, c.id, 5, 5).expect(200); // 5.0
    await score(j2, prize, a.id, 7, 7).expect(200); // 7.0
    await score(j2, prize, b.id, 9, 6).expect(200); // 7.8
    await score(j2, prize, c.id, 6, 4).expect(200); // 5.2
    const recused = await score(j3, prize, a.id, 10, 10).expect(403);
    expect(recused.body.error).toBe('recused');
    await t.http().get(`/api/v1/jury/prizes/${prize.id}/nominees/${a.id}/scores`).set(j3.auth).expect(403);
    await score(j3, prize, b.id, 6.5, 7).expect(200); // 6.7
    await score(j3, prize, c.id, 4, 4).expect(200); // 4.0
    const twice = await t
      .http()
      .put(`/api/v1/jury/prizes/${prize.id}/nominees/${c.id}/scores`)
      .set(j3.auth)
      .send({ scores: [{ criterionId: prize.criteria[0].id, value: 4 }, { criterionId: prize.criteria[0].id, value: 5 }] })
      .expect(400);
    expect(twice.body.details).toEqual([{ field: 'scores.1.criterionId', reasons: ['appears twice'] }]);
    const offScale = await score(j3, prize, c.id, 4.25, 4).expect(400);
    expect(offScale.body.details[0]).toEqual({ field: 'scores.0.value', reasons: ['must be between 0 and 10 in steps of 0.5'] });

    await t.http().get(`/api/v1/awards/prizes/${prize.id}/ranking`).set(admin.auth).expect(409); // still open
    await closeWindow(prize);
    const ranking = (await t.http().get(`/api/v1/awards/prizes/${prize.id}/ranking`).set(admin.auth).expect(200)).body;
    // Hand computation (see the comments above): A and B both average 7.1 (A over two jurors: j3 is
    // recused); C averages (5 + 5.2 + 4) / 3. Normalised: each juror's z-scores, averaged per nominee,
    // rescaled with the mean 6.2125 and spread 1.22927 of all eight weighted scores: B 7.2492, A 6.9576, C 4.6790.
    expect(ranking.ranking).toEqual([
      { rank: 1, nomineeId: b.id, name: 'Berkane Tech Solutions', jurors: 3, mean: 7.1, normalised: 7.2492, topCriterionMean: 7.1667 },
      { rank: 2, nomineeId: a.id, name: 'Atlas Relation Client', jurors: 2, mean: 7.1, normalised: 6.9576, topCriterionMean: 7.5 },
      { rank: 3, nomineeId: c.id, name: 'Casablanca Digital Services', jurors: 3, mean: 4.7333, normalised: 4.679, topCriterionMean: 5 },
    ]);
    expect(ranking.coverage).toEqual({ complete: true, missing: [] });
    expect(ranking.unresolvedTie).toEqual([]);
  });

  describe('a juror', () => {
    let prize: Prize;
    let a: { id: string };

    beforeAll(async () => {
      prize = await newPrize('Employeur de l’année');
      a = await nominate(prize, 'Oujda Talents Recrutement');
      await t.http().put(`/api/v1/awards/prizes/${prize.id}/jurors`).set(admin.auth).send({ jurorIds: [j1.actor.id, j2.actor.id] }).expect(200);
    });

    it('sees only their own scores, and nothing of a prize not assigned to them (404)', async () => {
      await score(j1, prize, a.id, 9, 9).expect(200);
      const mine = (await t.http().get(`/api/v1/jury/prizes/${prize.id}/nominees/${a.id}/scores`).set(j2.auth).expect(200)).body;
      expect(mine).toEqual({ nomineeId: a.id, scores: [], comment: null });
      await t.http().get(`/api/v1/jury/prizes/${prize.id}`).set(outsider.auth).expect(404);
      await t.http().get(`/api/v1/jury/prizes/${prize.id}/nominees/${a.id}/scores`).set(outsider.auth).expect(404);
      await score(outsider, prize, a.id, 1, 1).expect(404);
      const list = (await t.http().get('/api/v1/jury/prizes').set(outsider.auth).expect(200)).body.items;
      expect(list.map((p: { id: string }) => p.id)).not.toContain(prize.id);
      await t.http().get(`/api/v1/awards/prizes/${prize.id}`).set(j1.auth).expect(403);
      await t.http().get(`/api/v1/awards/prizes/${prize.id}/ranking`).set(j1.auth).expect(403);
    });

    it('cannot change a score after submitting (409, unchanged) until an admin reopens the ballot', async () => {
      await score(j2, prize, a.id, 6, 6).expect(200);
      await t.http().post(`/api/v1/jury/prizes/${prize.id}/ballot/submit`).set(j2.auth).expect(200);
      const locked = await score(j2, prize, a.id, 10, 10).expect(409);
      expect(locked.body.error).toBe('ballot_locked');
      expect((await t.http().get(`/api/v1/jury/prizes/${prize.id}/nominees/${a.id}/scores`).set(j2.auth)).body.scores.map((s: { value: number }) => s.value)).toEqual([6, 6]);
      await t.http().post(`/api/v1/awards/prizes/${prize.id}/ballots/${j2.actor.id}/reopen`).set(admin.auth).send({ reason: 'typo on Innovation' }).expect(200);
      await score(j2, prize, a.id, 6, 6.5).expect(200);
    });

    it('cannot change a score after the window closes (409, unchanged)', async () => {
      await closeWindow(prize);
      const closed = await score(j1, prize, a.id, 1, 1).expect(409);
      expect(closed.body.error).toBe('scoring_window_closed');
      expect((await t.http().get(`/api/v1/jury/prizes/${prize.id}/nominees/${a.id}/scores`).set(j1.auth)).body.scores.map((s: { value: number }) => s.value)).toEqual([9, 9]);
    });
  });

  it('refuses to change the scale or weights once scoring has begun, unless forced with a reason (audited)', async () => {
    const prize = await newPrize('Innovation digitale');
    const a = await nominate(prize, 'Rif Cloud Software');
    await t.http().put(`/api/v1/awards/prizes/${prize.id}/jurors`).set(admin.auth).send({ jurorIds: [j1.actor.id] }).expect(200);
    await score(j1, prize, a.id, 5, 5).expect(200);
    const refused = await t.http().patch(`/api/v1/awards/prizes/${prize.id}`).set(admin.auth).send({ scaleMax: 20 }).expect(409);
    expect(refused.body.error).toBe('scoring_begun');
    await t.http().patch(`/api/v1/awards/prizes/${prize.id}`).set(admin.auth).send({ criteria: [{ name: 'Qualité de service', weight: 50 }, { name: 'Innovation', weight: 50 }], force: true, reason: 'jury asked for equal weights' }).expect(200);
    const audit = (await t.http().get(`/api/v1/awards/prizes/${prize.id}/audit`).query({ limit: 200 }).set(admin.auth).expect(200)).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toContain('prize.scoring_rules_forced');
  });

  it('blocks finalisation while coverage is missing, needs a decision for a tie the rule cannot break, and seals results until published', async () => {
    const prize = await newPrize('Investissement dans l’Oriental');
    const [x, y] = [await nominate(prize, 'Nador Nearshore BPO'), await nominate(prize, 'Tunis Offshore Services')];
    await t.http().put(`/api/v1/awards/prizes/${prize.id}/jurors`).set(admin.auth).send({ jurorIds: [j1.actor.id, j2.actor.id] }).expect(200);
    await score(j1, prize, x.id, 8, 8).expect(200);
    await score(j1, prize, y.id, 8, 8).expect(200);
    await score(j2, prize, x.id, 7, 7).expect(200);
    await closeWindow(prize);
    const blocked = await t.http().post(`/api/v1/awards/prizes/${prize.id}/finalise`).set(admin.auth).send({}).expect(409);
    expect(blocked.body).toMatchObject({ error: 'coverage_incomplete', details: { missing: [{ nomineeId: y.id, scoredBy: 1, required: 2, pendingJurorIds: [j2.actor.id] }] } });

    // The admin reopens scoring for a while; j2 scores the same: an exact tie on every key.
    await t.http().patch(`/api/v1/awards/prizes/${prize.id}`).set(admin.auth).send({ scoringClosesAt: new Date(Date.now() + hour).toISOString() }).expect(200);
    await score(j2, prize, y.id, 7, 7).expect(200);
    await closeWindow(prize);
    const tie = await t.http().post(`/api/v1/awards/prizes/${prize.id}/finalise`).set(admin.auth).send({}).expect(409);
    expect(tie.body).toMatchObject({ error: 'tie_needs_decision', details: { tied: expect.arrayContaining([x.id, y.id]) } });
    const final = await t.http().post(`/api/v1/awards/prizes/${prize.id}/finalise`).set(admin.auth).send({ tieDecision: { winnerNomineeId: y.id, reason: 'jury vote at the deliberation' } }).expect(200);
    expect(final.body.winnerNomineeId).toBe(y.id);

    await t.http().get(`/api/v1/awards/results/${prize.id}`).expect(404);
    await t.http().get(`/api/v1/awards/results/${prize.id}`).set(j1.auth).expect(403);
    // Sealed means sealed: no reopening a ballot, no new score even if the window moved.
    const reopen = await t.http().post(`/api/v1/awards/prizes/${prize.id}/ballots/${j1.actor.id}/reopen`).set(admin.auth).send({ reason: 'late change' }).expect(409);
    expect(reopen.body.error).toBe('results_already_final');
    await t.http().patch(`/api/v1/awards/prizes/${prize.id}`).set(admin.auth).send({ scoringClosesAt: new Date(Date.now() + hour).toISOString() }).expect(200);
    expect((await score(j1, prize, x.id, 1, 1).expect(409)).body.error).toBe('results_already_final');
    await closeWindow(prize);
    const sealed = (await t.http().get(`/api/v1/awards/results/${prize.id}`).set(admin.auth).expect(200)).body;
    expect(sealed).toMatchObject({ status: 'finalised', winner: { name: 'Tunis Offshore Services' }, tieDecision: { winnerNomineeId: y.id, reason: 'jury vote at the deliberation' } });
    expect((await t.http().get('/api/v1/awards/results').query({ editionId }).expect(200)).body.items.map((r: { prizeId: string }) => r.prizeId)).not.toContain(prize.id);

    await t.http().post(`/api/v1/awards/prizes/${prize.id}/publish`).set(admin.auth).expect(200);
    const pub = (await t.http().get(`/api/v1/awards/results/${prize.id}`).expect(200)).body;
    expect(pub).toMatchObject({ prize: 'Investissement dans l’Oriental', winner: { nomineeId: y.id, name: 'Tunis Offshore Services' } });
    expect(pub.ranking).toBeUndefined();
    const pdf = await eventually(async () => {
      const res = await t.http().get(`/api/v1/awards/results/${prize.id}/certificate.pdf`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      return res.status === 200 ? (res.body as Buffer) : undefined;
    }, 15000, 'the certificate');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBe(1);
    // While the certificate is (again) being rendered it is not ready, which is not the same as not found.
    await t.dataSource.query(`UPDATE award_results SET certificate_pdf = NULL WHERE prize_id = $1`, [prize.id]);
    const rendering = await t.http().get(`/api/v1/awards/results/${prize.id}/certificate.pdf`).expect(409);
    expect(rendering.body).toMatchObject({ error: 'certificate_not_ready', details: { status: 'rendering' } });
    expect((await t.http().get(`/api/v1/awards/results/${randomUUID()}/certificate.pdf`).expect(404)).body.error).toBe('results_not_found');
  });

  it('refuses a juror\'s conflict once the ballot is locked (submitted, window closed, finalised); an admin records one with a reason, audited', async () => {
    const prize = await newPrize('Prix de la relation client');
    const [x, y] = [await nominate(prize, 'Oujda Contact Center'), await nominate(prize, 'Berkane Services Clients')];
    await t.http().put(`/api/v1/awards/prizes/${prize.id}/jurors`).set(admin.auth).send({ jurorIds: [j1.actor.id, j2.actor.id, outsider.actor.id] }).expect(200);
    // A tie: j1 prefers x, j2 prefers y by the same margin.
    await score(j1, prize, x.id, 8, 8).expect(200);
    await score(j1, prize, y.id, 6, 6).expect(200);
    await score(j2, prize, x.id, 6, 6).expect(200);
    await score(j2, prize, y.id, 8, 8).expect(200);
    for (const juror of [j1, j2]) await t.http().post(`/api/v1/jury/prizes/${prize.id}/ballot/submit`).set(juror.auth).expect(200);
    const declare = (juror: LoggedIn, nomineeId: string) => t.http().post(`/api/v1/jury/prizes/${prize.id}/conflicts`).set(juror.auth).send({ nomineeId, reason: 'personal' });

    // After submission, while the window is still open.
    expect((await declare(j1, y.id).expect(409)).body.error).toBe('ballot_locked');
    await closeWindow(prize);
    const tied = (await t.http().get(`/api/v1/awards/prizes/${prize.id}/ranking`).set(admin.auth).expect(200)).body;
    expect(tied.unresolvedTie).toEqual(expect.arrayContaining([x.id, y.id]));
    // After the window, by a juror who never submitted.
    expect((await declare(outsider, y.id).expect(409)).body.error).toBe('scoring_window_closed');
    expect((await declare(j1, y.id).expect(409)).body.error).toBe('ballot_locked');
    expect((await t.http().get(`/api/v1/awards/prizes/${prize.id}/ranking`).set(admin.auth).expect(200)).body.ranking).toEqual(tied.ranking);

    await t.http().post(`/api/v1/awards/prizes/${prize.id}/finalise`).set(admin.auth).send({ tieDecision: { winnerNomineeId: x.id, reason: 'deliberation' } }).expect(200);
    expect((await declare(j1, y.id).expect(409)).body.error).toBe('results_already_final');
    expect((await declare(outsider, x.id).expect(409)).body.error).toBe('results_already_final');
    expect((await t.http().get(`/api/v1/awards/prizes/${prize.id}/conflicts`).set(admin.auth).expect(200)).body.items).toEqual([]);

    // Only an admin records it now, and only with a reason.
    const record = (who: LoggedIn, body: Record<string, unknown>) => t.http().post(`/api/v1/awards/prizes/${prize.id}/conflicts`).set(who.auth).send(body);
    const noReason = await record(admin, { jurorId: j1.actor.id, nomineeId: y.id, reason: 'personal' }).expect(400);
    expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'justification' })]);
    await record(j1, { jurorId: j1.actor.id, nomineeId: y.id, reason: 'personal', justification: 'x'.repeat(10) }).expect(403);
    const recorded = await record(admin, { jurorId: j1.actor.id, nomineeId: y.id, reason: 'personal', justification: 'the juror told the chair after the deliberation' }).expect(201);
    expect(recorded.body).toMatchObject({ nomineeId: y.id, jurorId: j1.actor.id, status: 'recused' });
    const conflicts = (await t.http().get(`/api/v1/awards/prizes/${prize.id}/conflicts`).set(admin.auth).expect(200)).body.items;
    expect(conflicts).toEqual([expect.objectContaining({ nomineeId: y.id, jurorId: j1.actor.id, source: 'declared', status: 'recused', reason: 'personal' })]);
    const audit = (await t.http().get(`/api/v1/awards/prizes/${prize.id}/audit`).query({ limit: 200 }).set(admin.auth).expect(200)).body.items;
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'conflict.recorded',
        actorUserId: admin.actor.id,
        jurorId: j1.actor.id,
        nomineeId: y.id,
        detail: { reason: 'personal', justification: 'the juror told the chair after the deliberation', ballotLocked: 'finalised' },
      }),
    );
    // The sealed result stays as it was finalised; the chain still verifies.
    expect((await t.http().get(`/api/v1/awards/results/${prize.id}`).set(admin.auth).expect(200)).body).toMatchObject({ winner: { nomineeId: x.id } });
    expect((await t.http().get('/api/v1/awards/audit/verify').set(admin.auth).expect(200)).body.ok).toBe(true);
  });

  it('verifies the audit chain, and names an entry changed directly in SQL', async () => {
    const ok = (await t.http().get('/api/v1/awards/audit/verify').set(admin.auth).expect(200)).body;
    expect(ok.ok).toBe(true);
    expect(ok.entries).toBeGreaterThan(20);
    const [victim] = await t.dataSource.query(`SELECT id::text FROM awards_audit WHERE action = 'score.set' ORDER BY id LIMIT 1 OFFSET 3`);
    await expect(t.dataSource.query(`UPDATE awards_audit SET new_value = 10 WHERE id = $1`, [victim.id])).rejects.toThrow(/append-only/);
    // Someone with the database's superuser rights goes around the trigger.
    await t.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE awards_audit SET new_value = 10 WHERE id = $1`, [victim.id]);
    });
    const bad = (await t.http().get('/api/v1/awards/audit/verify').set(admin.auth).expect(200)).body;
    expect(bad).toMatchObject({ ok: false, firstMismatch: { id: victim.id, reason: 'hash', action: 'score.set' } });
  });
});
