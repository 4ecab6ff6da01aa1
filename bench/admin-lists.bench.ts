/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `npm run bench -- admin-lists`: the back-office's big lists stay responsive. 2,000 exhibitors and 50,000
 * attendees in one edition; for each list, a search typed in the page (the search field, then Enter)
 * until the list is drawn with what it found, against the same API call made from the same page with
 * `fetch`, interleaved search by search. The figure is the page's median overhead (goal: at most 50 ms).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { Page } from 'puppeteer-core';
import { PasswordHasher } from '@fairops/core';
import { launchChromium } from './browser';
import { benchDatabase } from './bench-database';
import { freePort, startServer } from './bench-servers';

const SEARCHES = 40;
const WARM_UP = 5;
const ADMIN = { email: 'bench-admin@fairops.test', password: 'bench-password' };
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

interface ListUnderTest {
  name: string;
  /** The page of the list. */
  path: string;
  /** The API call the page makes for a search (`q` added), with the page's own page size. */
  api: (editionId: string, q: string) => string;
  /** Search terms, each found in exactly one row (five-digit numbers of the seeded names). */
  term: (i: number) => string;
}

const LISTS: ListUnderTest[] = [
  { name: 'exhibitors (2,000)', path: '/admin/exhibitors', api: (e, q) => `/api/v1/exhibitors?editionId=${e}&q=${q}&sort=name&order=asc&limit=25&offset=0`, term: (i) => `E${10000 + ((i * 37) % 2000)}` },
  { name: 'attendees (50,000)', path: '/admin/attendees', api: (e, q) => `/api/v1/attendees?editionId=${e}&q=${q}&limit=50&offset=0`, term: (i) => `N${10000 + ((i * 7919) % 40000)}` },
];

/** An edition with 2,000 exhibitors (E10000…) and 50,000 attendees (N10000…), and the bench's admin. */
async function seed(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ id }] = (await client.query(`INSERT INTO editions (slug, name, edition_number, venue, city, country, time_zone) VALUES ('bench', 'Bench', 1, 'v', 'Oujda', 'MA', 'Africa/Casablanca') RETURNING id`)).rows;
    await client.query(`INSERT INTO edition_days (edition_id, day, opens_at, closes_at) VALUES ($1, CURRENT_DATE, '09:00', '18:00')`, [id]);
    await client.query(`INSERT INTO exhibitors (edition_id, name, country, sector) SELECT $1, 'Société E' || i, 'MA', 'contact_centre' FROM generate_series(10000, 11999) i`, [id]);
    await client.query(
      `INSERT INTO attendees (edition_id, category, first_name, last_name, organisation, days) SELECT $1, 'visitor', 'Visiteur', 'N' || i, 'Organisation ' || (i % 500), ARRAY[CURRENT_DATE] FROM generate_series(10000, 59999) i`,
      [id],
    );
    await client.query(`INSERT INTO users (email, display_name, password_hash, role) VALUES ($1, 'Bench admin', $2, 'admin')`, [ADMIN.email, await new PasswordHasher().hash(ADMIN.password)]);
    await client.query('ANALYZE');
    return id;
  } finally {
    await client.end();
  }
}

/** In the page: the term typed into the list's search field and Enter, until every row drawn holds it (the frame after). */
function searchThroughPage(page: Page, term: string): Promise<number> {
  return page.evaluate(
    (term) =>
      new Promise<number>((resolve) => {
        const input = document.querySelector('form[role="search"] input[type="search"]') as HTMLInputElement;
        const main = document.querySelector('main')!;
        const drawn = () => {
          const rows = [...main.querySelectorAll('table tbody tr')];
          return rows.length > 0 && rows.every((row) => (row.textContent ?? '').includes(term));
        };
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (!drawn()) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
        });
        observer.observe(main, { subtree: true, childList: true, characterData: true });
        // As typing does: React sees the value through the input event; then Enter searches at once
        // (without it the field waits 250 ms after the last key).
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, term);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        setTimeout(() => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })), 0);
      }),
    term,
  );
}

function searchWithFetch(page: Page, url: string): Promise<number> {
  return page.evaluate(async (url) => {
    const { token } = JSON.parse(localStorage.getItem('fairops.session')!) as { token: string };
    const start = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await response.json();
    return performance.now() - start;
  }, url);
}

async function measure(page: Page, baseUrl: string, editionId: string, list: ListUnderTest): Promise<void> {
  await page.goto(`${baseUrl}${list.path}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('form[role="search"] input[type="search"]');
  const timings = { page: [] as number[], bare: [] as number[] };
  for (let i = 0; i < WARM_UP + SEARCHES; i++) {
    const term = list.term(i);
    const bare = () => searchWithFetch(page, list.api(editionId, term));
    // Which goes first alternates, so neither always follows the other.
    let pageTime: number;
    let alone: number;
    if (i % 2) {
      pageTime = await searchThroughPage(page, term);
      alone = await bare();
    } else {
      alone = await bare();
      pageTime = await searchThroughPage(page, term);
    }
    if (i < WARM_UP) continue;
    timings.page.push(pageTime);
    timings.bare.push(alone);
  }
  const median = { page: percentile(timings.page, 0.5), bare: percentile(timings.bare, 0.5) };
  const out = (text: string) => process.stdout.write(`${text}\n`);
  out(`  ${list.name}: page median ${median.page.toFixed(1)} ms (p90 ${percentile(timings.page, 0.9).toFixed(1)}), API call alone median ${median.bare.toFixed(1)} ms (p90 ${percentile(timings.bare, 0.9).toFixed(1)})`);
  out(`    overhead of the page: ${(median.page - median.bare).toFixed(1)} ms at the median (goal ≤ 50 ms)`);
}

export async function adminListsBench(): Promise<void> {
  const db = await benchDatabase();
  const editionId = await seed(db.url);
  const port = await freePort();
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const env = { DATABASE_URL: db.url, BADGE_SIGNING_KEY: signingKey, JWT_SECRET: randomBytes(32).toString('base64url'), NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  const api = await startServer('../apps/api/src/main.js', { ...env, PORT: String(port), HOST: '127.0.0.1', WEB_ROOT: resolve(__dirname, '../web') }, `http://127.0.0.1:${port}/health/ready`);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    const baseUrl = `http://127.0.0.1:${port}`;
    await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle0' });
    await page.locator('::-p-aria(Adresse e-mail)').fill(ADMIN.email);
    await page.locator('::-p-aria(Mot de passe)').fill(ADMIN.password);
    await page.locator('::-p-aria([name="Se connecter"][role="button"])').click();
    await page.waitForFunction(() => location.pathname.startsWith('/admin'));
    process.stdout.write(`bench admin-lists: ${SEARCHES} searches a list (term typed, Enter → the rows found drawn), interleaved with the same API call by fetch from the same page\n`);
    for (const list of LISTS) await measure(page, baseUrl, editionId, list);
  } finally {
    await browser.close();
    api.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await db.close();
  }
}
