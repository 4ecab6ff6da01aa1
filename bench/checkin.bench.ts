import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { signingKeyFromPkcs8 } from '@fairops/attendees';
import { benchDatabase } from './bench-database';
import { BENCH_DESK, freePort, seedScanWorkload, startServer } from './bench-servers';
import { LoadResult, load } from './http-load';

const ATTENDEES = 20_000;
const ROUNDS = 3;
const CONCURRENCY = 32;
const POOL = '10';

const fmt = (r: LoadResult) => `${Math.round(r.perSecond)} scans/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * `npm run bench -- checkin`: the real scan endpoint (a FairOps API process) against a bare Fastify +
 * pg baseline running the same SQL with the same pool size, interleaved round by round; 10 % of the
 * scans are duplicates of a badge already scanned.
 */
export async function checkinBench(): Promise<void> {
  const db = await benchDatabase();
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const key = signingKeyFromPkcs8(signingKey);
  const { editionId, codes } = await seedScanWorkload(db.url, key, ATTENDEES);

  // `npm run bench -- checkin --metrics`: a second FairOps API with metrics on (METRICS_TOKEN, HTTP timing,
  // scraped every 5 s like a busy Prometheus) runs interleaved with the first (metrics off).
  const withMetrics = process.argv.includes('--metrics');
  const metricsToken = randomBytes(24).toString('base64url');
  const [apiPort, basePort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const common = { DATABASE_URL: db.url, DATABASE_POOL_SIZE: POOL, BADGE_SIGNING_KEY: signingKey, NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  const api = await startServer(
    '../apps/api/src/main.js',
    {
      ...common,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      JWT_SECRET: randomBytes(32).toString('base64url'),
    },
    `http://127.0.0.1:${apiPort}/health/ready`,
    // BENCH_PROFILE=dir writes a CPU profile of the API process there, to see where its time goes.
    process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
  );
  const apiWithMetrics = withMetrics
    ? await startServer(
        '../apps/api/src/main.js',
        { ...common, PORT: String(metricsPort), HOST: '127.0.0.1', JWT_SECRET: randomBytes(32).toString('base64url'), METRICS_TOKEN: metricsToken },
        `http://127.0.0.1:${metricsPort}/health/ready`,
      )
    : undefined;
  const baseline = await startServer('checkin-baseline.js', { ...common, PORT: String(basePort), BENCH_EDITION_ID: editionId }, `http://127.0.0.1:${basePort}/ready`);
  let scraper: NodeJS.Timeout | undefined;
  try {
    const logIn = async (port: number) => {
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(BENCH_DESK),
      });
      return ((await login.json()) as { accessToken: string }).accessToken;
    };
    const tokens = { api: await logIn(apiPort), metrics: withMetrics ? await logIn(metricsPort) : '' };
    // Each target scans its own share of the badges, so all admit as many new check-ins.
    const share = Math.floor(ATTENDEES / (withMetrics ? 3 : 2));
    const start = { api: 0, base: share, metrics: 2 * share };
    let next = { ...start };
    type Target = keyof typeof start;
    const body = (target: Target) => (i: number) => {
      // One scan in ten repeats a badge scanned just before: a duplicate.
      const index = i % 10 === 9 && next[target] > start[target] ? next[target] - 1 : next[target]++;
      const code = codes[index % ATTENDEES];
      return JSON.stringify(target !== 'base' ? { code, deskId: 'desk-bench', nonce: randomUUID(), editionId } : { code, deskId: 'desk-bench', nonce: randomUUID() });
    };
    const run = (target: Target, rate?: number, seconds = 5) =>
      load({
        port: { api: apiPort, base: basePort, metrics: metricsPort }[target],
        path: target !== 'base' ? '/api/v1/checkin/scans' : '/scan',
        headers: target !== 'base' ? { authorization: `Bearer ${tokens[target]}` } : {},
        body: body(target),
        seconds,
        concurrency: CONCURRENCY,
        rate,
      });
    if (withMetrics) {
      const scrape = () => void fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } }).then((r) => r.text(), () => '');
      scraper = setInterval(scrape, 5000);
    }
    await run('api', undefined, 2); // warm-up
    await run('base', undefined, 2);
    if (withMetrics) await run('metrics', undefined, 2);
    next = { ...start };
    const api: LoadResult[] = [];
    const base: LoadResult[] = [];
    const metered: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      base.push(await run('base'));
      // Metrics on and off alternate which goes first, so neither always follows the baseline.
      if (withMetrics && round % 2 === 1) metered.push(await run('metrics'));
      api.push(await run('api'));
      if (withMetrics && round % 2 === 0) metered.push(await run('metrics'));
    }
    const paced = { api: await run('api', 500, 8), base: await run('base', 500, 8) };
    const apiRate = median(api.map((r) => r.perSecond));
    const baseRate = median(base.map((r) => r.perSecond));
    process.stdout.write(`bench checkin: ${ROUNDS} interleaved rounds of 5 s, ${CONCURRENCY} concurrent desks, 10 % duplicate scans, pool ${POOL}\n`);
    api.forEach((r, i) => process.stdout.write(`  round ${i + 1}: FairOps ${fmt(r)} | baseline ${fmt(base[i])}\n`));
    process.stdout.write(`  throughput: FairOps ${Math.round(apiRate)} scans/s, baseline ${Math.round(baseRate)} scans/s, ratio ${(apiRate / baseRate).toFixed(2)} (goal ≥ 0.70)\n`);
    process.stdout.write(`  at 500 scans/s for 8 s: FairOps ${fmt(paced.api)} | baseline ${fmt(paced.base)} (goal: p99 < 100 ms)\n`);
    if (withMetrics) {
      const meteredRate = median(metered.map((r) => r.perSecond));
      metered.forEach((r, i) => process.stdout.write(`  round ${i + 1}: FairOps with metrics ${fmt(r)}\n`));
      // Each round's pair ran back to back, so its ratio is less touched by the machine's drift than the medians'.
      const paired = median(metered.map((r, i) => r.perSecond / api[i].perSecond));
      process.stdout.write(
        `  metrics on (METRICS_TOKEN, scraped every 5 s) vs off: ${Math.round(meteredRate)} vs ${Math.round(apiRate)} scans/s, ratio ${(meteredRate / apiRate).toFixed(3)}; median of the rounds' ratios ${paired.toFixed(3)} (goal ≥ 0.95)\n`,
      );
    }
  } finally {
    if (scraper) clearInterval(scraper);
    apiWithMetrics?.kill('SIGTERM');
    api.kill('SIGTERM');
    baseline.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await db.close();
  }
}
