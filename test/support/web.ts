/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Browser tests (`*.web-spec.ts`): real headless Chromium (@sparticuz/chromium, a Chromium build shipped
 * inside an npm package, so a fresh machine with only Node runs them) driving the built web app, served
 * by the real API on a real database. Pages are driven by role and label text, as a person would;
 * screenshots go to test-output/web/ to be looked at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium } from '../../bench/browser';
import { startTestApp, TestApp, TestAppOptions } from './test-app';

export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-output', 'web');

export interface WebTestApp extends TestApp {
  /** `http://127.0.0.1:<port>`: the app and the API, as a desk's browser reaches them. */
  baseUrl: string;
}

/** The API (serving dist/web, built by `npm run build`) on a port of its own, on a fresh database. */
export async function startWebTestApp(options: TestAppOptions = {}): Promise<WebTestApp> {
  const t = await startTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as { port: number };
  return Object.assign(t, { baseUrl: `http://127.0.0.1:${address.port}` });
}

/** Headless Chromium; `args` adds flags (a fake camera, say). */
export const launchBrowser = launchChromium;

/**
 * A page in a browser context of its own (its own storage: one device), at a viewport width (1280: a
 * laptop or a desk's screen; 390: a phone), French unless told.
 */
export async function openPage(browser: Browser, options: { width?: number; height?: number; language?: 'fr' | 'en'; desk?: string } = {}): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: options.width ?? 1280, height: options.height ?? 800 });
  if (options.language) await page.evaluateOnNewDocument((language) => localStorage.setItem('fairops.language', language), options.language);
  // `desk`: a device already set up as that desk (printing PDF), as /desk/setup leaves it.
  if (options.desk) await page.evaluateOnNewDocument((deskId) => localStorage.setItem('fairops.desk.setup', JSON.stringify({ deskId, printer: 'pdf' })), options.desk);
  return page;
}

/**
 * Logs in through the log-in page, as a person does: opens `path` (which leads to the log-in page when
 * no one is logged in), fills the form by its labels, and waits until the page has left /login or says why not.
 */
export async function logInThroughPage(page: Page, baseUrl: string, email: string, password: string, path = '/login'): Promise<void> {
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle0' });
  await page.waitForFunction(() => location.pathname === '/login');
  const english = (await page.$eval('html', (html) => html.lang)) === 'en';
  await page.locator(`::-p-aria(${english ? 'Email address' : 'Adresse e-mail'})`).fill(email);
  await page.locator(`::-p-aria(${english ? 'Password' : 'Mot de passe'})`).fill(password);
  await page.locator(`::-p-aria([name="${english ? 'Log in' : 'Se connecter'}"][role="button"])`).click();
  await page.waitForFunction(() => location.pathname !== '/login' || document.querySelector('[role="alert"]') !== null);
}

/** The visible text of the page's main region (what a person reads), whitespace folded. */
export async function mainText(page: Page): Promise<string> {
  return page.$eval('main', (main) => (main as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
}

/** Waits until the main region shows `text` (a string or a pattern); fails naming what it showed. */
export async function waitForText(page: Page, text: string | RegExp, timeout = 10_000): Promise<string> {
  const pattern = typeof text === 'string' ? text : text.source;
  const flags = typeof text === 'string' ? '' : text.flags;
  try {
    await page.waitForFunction(
      (source, f, literal) => {
        const shown = (document.querySelector('main') as HTMLElement | null)?.innerText.replace(/\s+/g, ' ') ?? '';
        return literal ? shown.includes(source) : new RegExp(source, f).test(shown);
      },
      { timeout },
      pattern,
      flags,
      typeof text === 'string',
    );
  } catch {
    throw new Error(`the page never showed ${String(text)}; it shows: ${await mainText(page).catch(() => '(no main)')}`);
  }
  return mainText(page);
}

/** A full-page screenshot under test-output/web/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: path as `${string}.png`, fullPage: true });
  return path;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (id, impact, the nodes' selectors). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id} (${violation.help}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

export type { Browser, Page };
