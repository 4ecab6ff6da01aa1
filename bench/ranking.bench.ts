import { Client } from 'pg';
import { AwardsModule, RANKING_SQL, RankingService } from '@fairops/awards';
import { benchContext, benchDatabase } from './bench-database';

const PRIZES = 5;
const NOMINEES = 30;
const JURORS = 15;
const CRITERIA = 6;
const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * `npm run bench -- ranking`: the ranking of 5 prizes × 30 nominees × 15 jurors × 6 criteria through
 * the real service (coverage check included), against the bare aggregation statement sent through pg,
 * interleaved in one run.
 */
export async function rankingBench(): Promise<void> {
  const db = await benchDatabase();
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const [{ id: editionId }] = (
    await client.query(`INSERT INTO editions (slug, name, edition_number, venue, city, country, time_zone) VALUES ('bench', 'Bench', 1, 'v', 'c', 'MA', 'Africa/Casablanca') RETURNING id`)
  ).rows;
  const jurors = (
    await client.query(`INSERT INTO users (email, display_name, password_hash, role) SELECT 'juror' || i || '@bench.test', 'Juror ' || i, 'x', 'jury' FROM generate_series(1, $1) i RETURNING id`, [JURORS])
  ).rows.map((r) => r.id as string);
  const prizeIds: string[] = [];
  await client.query('BEGIN');
  for (let p = 0; p < PRIZES; p++) {
    const [{ id }] = (
      await client.query(
        `INSERT INTO prizes (edition_id, name, scoring_opens_at, scoring_closes_at) VALUES ($1, $2, now() - interval '2 days', now() - interval '1 day') RETURNING id`,
        [editionId, `Prize ${p}`],
      )
    ).rows;
    prizeIds.push(id);
    const weights = [30, 20, 15, 15, 10, 10];
    await client.query(`INSERT INTO prize_criteria (prize_id, name, weight, position) SELECT $1, 'C' || i, ($2::numeric[])[i], i FROM generate_series(1, $3) i`, [id, weights, CRITERIA]);
    await client.query(`INSERT INTO nominees (prize_id, edition_id, name) SELECT $1, $2, 'Nominee ' || i FROM generate_series(1, $3) i`, [id, editionId, NOMINEES]);
    await client.query(`INSERT INTO prize_jurors (prize_id, juror_id) SELECT $1, unnest($2::uuid[])`, [id, jurors]);
    // A few recusals, as in life.
    await client.query(
      `INSERT INTO jury_conflicts (prize_id, nominee_id, juror_id, source, status, reason)
       SELECT $1, n.id, $2, 'declared', 'recused', 'professional' FROM nominees n WHERE n.prize_id = $1 ORDER BY n.name LIMIT 3`,
      [id, jurors[0]],
    );
    await client.query(
      `INSERT INTO scores (prize_id, nominee_id, juror_id, criterion_id, value)
       SELECT $1, n.id, j.juror_id, c.id, (floor(random() * 21) / 2)::numeric
         FROM nominees n CROSS JOIN prize_jurors j CROSS JOIN prize_criteria c
        WHERE n.prize_id = $1 AND j.prize_id = $1 AND c.prize_id = $1`,
      [id],
    );
  }
  await client.query('COMMIT');
  await client.query('ANALYZE');

  const app = await benchContext(db.url, [AwardsModule]);
  const ranking = app.get(RankingService);
  const service: number[] = [];
  const bare: number[] = [];
  // The same text and parameters the service sends, compiled once: the bare run times the statement alone.
  const statements = prizeIds.map((prizeId) => RANKING_SQL.bind({ prizeId }).compile());
  try {
    for (let run = 0; run < RUNS + 1; run++) {
      let t0 = performance.now();
      for (const { text, values } of statements) await client.query(text, values);
      const sql = performance.now() - t0;
      t0 = performance.now();
      for (const id of prizeIds) await ranking.compute(id);
      const svc = performance.now() - t0;
      if (run > 0) {
        // The first round warms caches and plans for both.
        bare.push(sql);
        service.push(svc);
      }
    }
  } finally {
    await app.close();
    await client.end();
    await db.close();
  }
  const [s, b] = [median(service), median(bare)];
  process.stdout.write(`bench ranking: ${PRIZES} prizes × ${NOMINEES} nominees × ${JURORS} jurors × ${CRITERIA} criteria (${PRIZES * NOMINEES * JURORS * CRITERIA} scores), median of ${RUNS}\n`);
  process.stdout.write(`  RankingService.compute, 5 prizes (ranking, normalisation, coverage): ${s.toFixed(1)} ms  [${service.map((x) => x.toFixed(1)).join(', ')}]\n`);
  process.stdout.write(`  bare aggregation statement through pg, 5 prizes:                    ${b.toFixed(1)} ms  [${bare.map((x) => x.toFixed(1)).join(', ')}]\n`);
  process.stdout.write(`  ratio service / SQL: ${(s / b).toFixed(2)} (goal ≤ 1.50)\n`);
}
