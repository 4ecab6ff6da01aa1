import request from 'supertest';
import { TEST_PASSWORD, makeUser } from './support/factories';
import { Browser, WebTestApp, launchBrowser, logInThroughPage, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

describe('the web app served by the API', () => {
  let t: WebTestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startWebTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('serves the page uncached at / and under each area, hashed assets for a year, and the API as before', async () => {
    const root = await request(t.baseUrl).get('/').expect(200);
    expect(root.headers['content-type']).toMatch(/text\/html/);
    expect(root.headers['cache-control']).toBe('no-cache');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(root.text)?.[1];
    expect(asset).toBeDefined();
    const script = await request(t.baseUrl).get(asset!).expect(200);
    expect(script.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    for (const path of ['/desk', '/desk/setup', '/jury/prizes/123', '/login']) {
      const page = await request(t.baseUrl).get(path).expect(200);
      expect(page.text).toBe(root.text);
    }
    const missing = await request(t.baseUrl).get('/assets/nope.js').expect(404);
    expect(missing.body.error).toBe('not_found');
    const api = await request(t.baseUrl).get('/api/v1/nope').expect(404);
    expect(api.body.error).toBeDefined();
  });

  it('logs a desk agent in and opens the desk; a wrong password is said in words; every page passes axe', async () => {
    const desk = await makeUser(t, 'desk');
    const page = await openPage(browser);
    await logInThroughPage(page, t.baseUrl, desk.actor.email, 'not the password');
    await waitForText(page, 'Adresse ou mot de passe incorrect.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'login-wrong-password-1280');

    await page.locator('::-p-aria(Mot de passe)').fill(TEST_PASSWORD);
    await page.locator('::-p-aria([name="Se connecter"][role="button"])').click();
    await page.waitForFunction(() => document.querySelector('header')?.innerText.includes('Accueil et badges'));
    // A device not yet set up as a desk goes on to the desk's set-up (test/desk.web-spec.ts).
    await page.waitForFunction(() => location.pathname === '/desk/setup');
    await page.close();
  });

  it('says when the session has expired, and brings the person back after logging in again', async () => {
    const jury = await makeUser(t, 'jury');
    const page = await openPage(browser, { language: 'en', width: 390, height: 844 });
    await logInThroughPage(page, t.baseUrl, jury.actor.email, TEST_PASSWORD, '/jury');
    expect(new URL(page.url()).pathname).toBe('/jury');
    // The token runs out while the page is open: the next visit says so instead of failing request by request.
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('fairops.session')!);
      localStorage.setItem('fairops.session', JSON.stringify({ ...session, expiresAt: Date.now() - 1000 }));
    });
    await page.reload({ waitUntil: 'networkidle0' });
    await waitForText(page, 'Your session has expired');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'session-expired-390');
    await page.locator('::-p-aria([name="Log in again"][role="link"])').click();
    await page.waitForFunction(() => location.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/jury');
    await page.close();
  });

  it('tells a juror who opens the desk that their account has no access there', async () => {
    const jury = await makeUser(t, 'jury');
    const page = await openPage(browser);
    await logInThroughPage(page, t.baseUrl, jury.actor.email, TEST_PASSWORD, '/desk');
    await waitForText(page, 'Votre compte n’a pas accès à cet espace.');
    await page.close();
  });

  it('opens the back-office for an admin, with the menu of the fair’s parts', async () => {
    const admin = await makeUser(t, 'admin');
    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD);
    await page.waitForFunction(() => document.querySelector('nav[aria-label="Parties du salon"]') !== null);
    expect(new URL(page.url()).pathname).toBe('/admin');
    const menu = await page.$eval('nav[aria-label="Parties du salon"]', (nav) => (nav as HTMLElement).innerText.replace(/\s+/g, ' '));
    expect(menu).toContain('Exposants');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });
});
