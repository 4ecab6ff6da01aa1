/// <reference lib="dom" />
/**
 * `npm run bench -- desk`: the desk page's own cost. From a badge code entered in the desk page (the
 * handheld scanner's field, then Enter) to the answer drawn with the person's name, against the same API
 * call made from the same page with `fetch` (the bare call), interleaved scan by scan in one run; the
 * figure is the median overhead in milliseconds (goal: at most 30 ms over the bare call).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { Page } from 'puppeteer-core';
import { signingKeyFromPkcs8 } from '@fairops/attendees';
import { launchChromium } from './browser';
import { benchDatabase } from './bench-database';
import { BENCH_DESK, freePort, seedScanWorkload, startServer } from './bench-servers';

const SCANS = 100;
const WARM_UP = 10;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** In the page: the code typed into the scan field and Enter, until the answer with `name` is drawn (the frame after it rendered). */
function scanThroughPage(page: Page, code: string, name: string): Promise<number> {
  return page.evaluate(
    (code, name) =>
      new Promise<number>((resolve) => {
        const input = document.getElementById('desk-code') as HTMLInputElement;
        const main = document.querySelector('main')!;
        const drawn = () => {
          const answer = main.querySelector('.desk-answer[data-result]');
          return answer !== null && (answer.querySelector('.desk-name')?.textContent ?? '').includes(name);
        };
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (!drawn()) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
        });
        observer.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
        input.value = code;
        input.form!.requestSubmit();
      }),
    code,
    name,
  );
}

/** In the same page: the bare API call the scan makes, with the session's token, until its JSON is read. */
function scanWithFetch(page: Page, code: string): Promise<number> {
  return page.evaluate(async (code) => {
    const { token } = JSON.parse(localStorage.getItem('fairops.session')!) as { token: string };
    const start = performance.now();
    const response = await fetch('/api/v1/checkin/scans', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ code, deskId: 'desk-bench', nonce: crypto.randomUUID() }),
    });
    await response.json();
    return performance.now() - start;
  }, code);
}

/** A desk device set up as desk-bench, logged in through the log-in page, on the scan screen. */
async function openDeskPage(page: Page, baseUrl: string): Promise<void> {
  await page.evaluateOnNewDocument(() => localStorage.setItem('fairops.desk.setup', JSON.stringify({ deskId: 'desk-bench', printer: 'pdf' })));
  await page.goto(`${baseUrl}/login?next=/desk`, { waitUntil: 'networkidle0' });
  await page.locator('::-p-aria(Adresse e-mail)').fill(BENCH_DESK.email);
  await page.locator('::-p-aria(Mot de passe)').fill(BENCH_DESK.password);
  await page.locator('::-p-aria([name="Se connecter"][role="button"])').click();
  await page.waitForFunction(() => document.activeElement?.id === 'desk-code', { timeout: 20_000 });
}

export async function deskBench(): Promise<void> {
  const db = await benchDatabase();
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const count = 2 * (SCANS + WARM_UP);
  const { attendeeIds, codes } = await seedScanWorkload(db.url, signingKeyFromPkcs8(signingKey), count);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const names = new Map((await client.query(`SELECT id, last_name FROM attendees`)).rows.map((row: { id: string; last_name: string }) => [row.id, row.last_name]));
  await client.end();
  const port = await freePort();
  const api = await startServer(
    '../apps/api/src/main.js',
    {
      DATABASE_URL: db.url,
      BADGE_SIGNING_KEY: signingKey,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_ROOT: resolve(__dirname, '../web'),
    },
    `http://127.0.0.1:${port}/health/ready`,
  );
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await openDeskPage(page, `http://127.0.0.1:${port}`);
    // Each scan admits a new visitor (an `ok` answer), the page's codes and the bare calls' apart.
    const throughPage = (i: number) => scanThroughPage(page, codes[i], names.get(attendeeIds[i])!);
    const bare = (i: number) => scanWithFetch(page, codes[SCANS + WARM_UP + i]);
    for (let i = 0; i < WARM_UP; i++) await throughPage(i).then(() => bare(i));
    const timings = { page: [] as number[], bare: [] as number[] };
    for (let i = WARM_UP; i < WARM_UP + SCANS; i++) {
      // Which goes first alternates, so neither always follows the other.
      if (i % 2) {
        timings.page.push(await throughPage(i));
        timings.bare.push(await bare(i));
      } else {
        timings.bare.push(await bare(i));
        timings.page.push(await throughPage(i));
      }
    }
    const median = { page: percentile(timings.page, 0.5), bare: percentile(timings.bare, 0.5) };
    const out = (text: string) => process.stdout.write(`${text}\n`);
    out(`bench desk: ${SCANS} scans entered in the desk page (field + Enter → answer with the name drawn), interleaved with the same API call by fetch from the same page`);
    out(`  desk page: median ${median.page.toFixed(1)} ms, p90 ${percentile(timings.page, 0.9).toFixed(1)} ms`);
    out(`  bare call: median ${median.bare.toFixed(1)} ms, p90 ${percentile(timings.bare, 0.9).toFixed(1)} ms`);
    out(`  overhead of the page: ${(median.page - median.bare).toFixed(1)} ms at the median (goal ≤ 30 ms); ratio ${(median.page / median.bare).toFixed(2)}`);
  } finally {
    await browser.close();
    api.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await db.close();
  }
}
