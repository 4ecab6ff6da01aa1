/// <reference lib="dom" />
/**
 * `npm run bench -- admin-lists`: the back-office exhibitors list with 2,000 exhibitors, in real
 * Chromium against the real API process. Each run types a search (the input event the keyboard makes)
 * and times until the list shows the match; the same run also times the list's API call alone, sent from
 * the same page with the same token. The page waits 250 ms after the last key before it asks (so that a
 * search is not sent per letter): the overhead is what remains beyond that wait and the API call.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import chromium from '@sparticuz/chromium';
import { Client } from 'pg';
import puppeteer, { type Page } from 'puppeteer-core';
import { PasswordHasher } from '@fairops/core';
import { benchDatabase } from './bench-database';
import { freePort, startServer } from './bench-servers';

const EXHIBITORS = 2000;
const RUNS = 25;
const DEBOUNCE_MS = 250;
const ADMIN = { email: 'bench-admin@fairops.test', password: 'bench-password' } as const;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The exhibitor numbered n: a name with accents, found by a search typed without them. */
const nameOf = (n: number) => `Société Générale d’Appels ${String(n).padStart(4, '0')}`;

async function seed(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ id }] = (
      await client.query(`INSERT INTO editions (slug, name, edition_number, venue, city, country, time_zone) VALUES ('bench', 'Bench', 1, 'v', 'Oujda', 'MA', 'Africa/Casablanca') RETURNING id`)
    ).rows;
    await client.query(`INSERT INTO edition_days (edition_id, day, opens_at, closes_at) VALUES ($1, '2027-04-16', '09:00', '18:00'), ($1, '2027-04-17', '09:00', '18:00')`, [id]);
    await client.query(
      `INSERT INTO exhibitors (edition_id, name, country, sector)
       SELECT $1, 'Société Générale d’Appels ' || lpad(i::text, 4, '0'), (ARRAY['MA','FR','ES','SN'])[1 + i % 4], 'contact_centre' FROM generate_series(1, $2) i`,
      [id, EXHIBITORS],
    );
    await client.query(`INSERT INTO users (email, display_name, password_hash, role) VALUES ($1, 'Bench admin', $2, 'admin')`, [ADMIN.email, await new PasswordHasher().hash(ADMIN.password)]);
    await client.query('ANALYZE');
    return id as string;
  } finally {
    await client.end();
  }
}

/** Types `term` into the search box at once (one input event) and times until the first row is `expected`. */
function typedToDrawn(page: Page, term: string, expected: string): Promise<number> {
  return page.evaluate(
    (text, name) =>
      new Promise<number>((resolve, reject) => {
        const input = document.querySelector('main input[type="search"]') as HTMLInputElement;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const started = performance.now();
        setValue.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const check = () => {
          if (document.querySelector('main tbody tr td')?.textContent === name) resolve(performance.now() - started);
          else if (performance.now() - started > 10_000) reject(new Error(`the list never showed ${name}`));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    term,
    expected,
  );
}

/** The list's API call alone, from the same page with the same token, answer read whole. */
function apiAlone(page: Page, editionId: string, term: string): Promise<number> {
  return page.evaluate(async (edition, q) => {
    const token = (JSON.parse(localStorage.getItem('fairops.session') ?? '{}') as { token?: string }).token;
    const query = new URLSearchParams({ editionId: edition, q, sort: 'name', order: 'asc', limit: '25', offset: '0' });
    const started = performance.now();
    const answer = await fetch(`/api/v1/exhibitors?${query}`, { headers: { Authorization: `Bearer ${token}` } });
    await answer.json();
    return performance.now() - started;
  }, editionId, term);
}

async function openList(baseUrl: string, editionId: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const browser = await puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: ["--headless='shell'", '--no-sandbox', '--disable-setuid-sandbox', '--no-zygote', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    headless: true,
    defaultViewport: { width: 1440, height: 900 },
  });
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle0' });
  await page.locator('::-p-aria(Adresse e-mail)').fill(ADMIN.email);
  await page.locator('::-p-aria(Mot de passe)').fill(ADMIN.password);
  await page.locator('::-p-aria([name="Se connecter"][role="button"])').click();
  await page.waitForFunction(() => location.pathname !== '/login', { timeout: 15_000 }).catch(async () => {
    throw new Error(`the log-in failed: ${await page.evaluate(() => document.body.innerText)}`);
  });
  await page.goto(`${baseUrl}/admin/exhibitors?edition=${editionId}`, { waitUntil: 'networkidle0' });
  await page.waitForFunction(() => document.querySelector('main tbody tr td') !== null, { timeout: 15_000 }).catch(async () => {
    throw new Error(`the list did not show: ${await page.evaluate(() => document.body.innerText)}`);
  });
  return { page, close: () => browser.close() };
}

export async function adminListsBench(): Promise<void> {
  const db = await benchDatabase();
  const editionId = await seed(db.url);
  const port = await freePort();
  const api = await startServer(
    '../apps/api/src/main.js',
    {
      DATABASE_URL: db.url,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: randomBytes(32).toString('base64url'),
      BADGE_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    },
    `http://127.0.0.1:${port}/health/ready`,
  );
  const { page, close } = await openList(`http://127.0.0.1:${port}`, editionId);
  try {
    const drawn: number[] = [];
    const alone: number[] = [];
    // Warm-up (code loaded, connections open), then runs with a new search each time, the two measures interleaved.
    await typedToDrawn(page, 'generale d’appels 1999', nameOf(1999));
    for (let run = 0; run < RUNS; run++) {
      const n = 1 + ((run * 79) % EXHIBITORS);
      alone.push(await apiAlone(page, editionId, `appels ${String(n + 1).padStart(4, '0')}`));
      drawn.push(await typedToDrawn(page, `societe generale d’appels ${String(n).padStart(4, '0')}`, nameOf(n)));
    }
    const overhead = median(drawn) - DEBOUNCE_MS - median(alone);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    process.stdout.write(
      [
        `admin-lists (exhibitors): ${EXHIBITORS} exhibitors, ${RUNS} searches, medians`,
        `  typed → list drawn: ${ms(median(drawn))} (of which ${DEBOUNCE_MS} ms the deliberate wait after the last key)`,
        `  API call alone (same page, same token): ${ms(median(alone))}`,
        `  overhead beyond the wait and the API call: ${ms(overhead)} (goal: at most 50 ms)`,
        '',
      ].join('\n'),
    );
  } finally {
    await close();
    api.kill('SIGTERM');
    await db.close();
  }
}
