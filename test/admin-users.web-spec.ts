import request from 'supertest';
import { TEST_PASSWORD, LoggedIn, makeUser } from './support/factories';
import { Browser, Page, WebTestApp, launchBrowser, logInThroughPage, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

const button = (page: Page, name: string) => page.locator(`::-p-aria([name="${name}"][role="button"])`);

/** Nothing to scroll sideways: the page is no wider than the window. */
const fitsTheWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('the back-office users', () => {
  let t: WebTestApp;
  let browser: Browser;
  let admin: LoggedIn;
  let desk: LoggedIn;

  beforeAll(async () => {
    t = await startWebTestApp();
    browser = await launchBrowser();
    admin = await makeUser(t, 'admin');
    desk = await makeUser(t, 'desk');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists users filtered by role in the address, invites one (the answer shown), disables after a confirmation and enables again', async () => {
    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, '/admin/users');
    const list = await waitForText(page, desk.actor.email);
    expect(list).toContain(admin.actor.email);
    await page.locator('::-p-aria(Filtrer par rôle)').fill('desk');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('role') === 'desk');
    await page.waitForFunction((email) => !document.querySelector('main')!.textContent!.includes(email), {}, admin.actor.email);
    await waitForText(page, desk.actor.email);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-users-1440');
    await page.setViewport({ width: 1024, height: 800 });
    expect(await fitsTheWidth(page)).toBe(true);
    await screenshot(page, 'admin-users-1024');
    await page.setViewport({ width: 1440, height: 900 });
    await page.locator('::-p-aria(Filtrer par rôle)').fill('');

    // The form checks like the API does, beside each field, before sending.
    await button(page, 'Inviter un utilisateur').click();
    await page.locator('::-p-aria(Adresse e-mail)').fill('nadia.berrada');
    await button(page, 'Envoyer l’invitation').click();
    await waitForText(page, 'doit être une adresse e-mail');
    expect(await page.$eval('#field-error-displayName', (p) => p.textContent)).toBe('obligatoire');
    await page.locator('::-p-aria(Adresse e-mail)').fill('nadia.berrada@jury.example');
    await page.locator('::-p-aria(Nom affiché)').fill('Nadia Berrada');
    await page.locator('::-p-aria(Rôle)').fill('jury');
    await page.locator('::-p-aria(Organisation (facultatif))').fill('Université Mohammed Premier');
    await button(page, 'Envoyer l’invitation').click();
    await waitForText(page, /Invitation enregistrée pour Nadia Berrada <nadia\.berrada@jury\.example> \(Jury\), le .*2\d{3}/);
    const users = (await t.http().get('/api/v1/users').query({ role: 'jury' }).set(admin.auth).expect(200)).body.items;
    const nadia = users.find((user: { email: string }) => user.email === 'nadia.berrada@jury.example');
    expect(nadia).toMatchObject({ displayName: 'Nadia Berrada', organisation: 'Université Mohammed Premier', disabled: false });
    await waitForText(page, 'Université Mohammed Premier');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-users-invited-1440');
    await page.setViewport({ width: 1024, height: 800 });
    expect(await fitsTheWidth(page)).toBe(true);
    await screenshot(page, 'admin-users-invited-1024');

    // The same address again: the API's refusal, in words.
    await page.locator('::-p-aria(Adresse e-mail)').fill('nadia.berrada@jury.example');
    await page.locator('::-p-aria(Nom affiché)').fill('Nadia Berrada');
    await button(page, 'Envoyer l’invitation').click();
    await waitForText(page, 'Cette adresse e-mail est déjà utilisée par un compte.');

    await button(page, 'Désactiver Nadia Berrada').click();
    await page.waitForSelector('dialog[open]');
    const dialog = await page.$eval('dialog[open]', (d) => (d as HTMLElement).innerText);
    expect(dialog).toContain('Désactiver Nadia Berrada ?');
    expect(dialog).toMatch(/toutes ses sessions ouvertes \(ses jetons\) prennent fin à l’instant/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-users-disable-confirm-1024');
    await button(page, 'Désactiver le compte').click();
    await waitForText(page, 'Nadia Berrada est désactivé : ses jetons ont pris fin.');
    expect((await t.http().get(`/api/v1/users/${nadia.id}`).set(admin.auth).expect(200)).body.disabled).toBe(true);

    await button(page, 'Réactiver Nadia Berrada').click();
    await waitForText(page, 'Nadia Berrada est réactivé.');
    expect((await t.http().get(`/api/v1/users/${nadia.id}`).set(admin.auth).expect(200)).body.disabled).toBe(false);
    await page.close();
  });

  it('sets a user’s password from their page after a confirmation: their open sessions end and the new password works', async () => {
    const page = await openPage(browser, { width: 1024, height: 800, language: 'en' });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, '/admin/users?role=desk');
    await waitForText(page, desk.actor.email);
    // makeUser names a user "<role> <email>".
    await page.locator(`::-p-aria([name="desk ${desk.actor.email}"][role="link"])`).click();
    await waitForText(page, 'Set a password');
    await page.locator('::-p-aria(New password (at least 10 characters))').fill('short');
    await button(page, 'Set the password').click();
    await waitForText(page, 'at least 10 characters');
    await page.locator('::-p-aria(New password (at least 10 characters))').fill('a new password for the desk');
    await page.locator('::-p-aria(Reason (kept in the audit log, optional))').fill('forgotten at the desk');
    await button(page, 'Set the password').click();
    await page.waitForSelector('dialog[open]');
    expect(await page.$eval('dialog[open]', (d) => (d as HTMLElement).innerText)).toMatch(/every session .* has open \(their tokens\) ends at once/);
    await page.locator('dialog[open] ::-p-aria([name="Set the password"][role="button"])').click();
    await waitForText(page, /Password set for .*; their open sessions have ended\./);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-users-detail-1024');
    await page.setViewport({ width: 1440, height: 900 });
    await screenshot(page, 'admin-users-detail-1440');
    await request(t.baseUrl).get('/api/v1/auth/me').set(desk.auth).expect(401);
    await request(t.baseUrl).post('/api/v1/auth/login').send({ email: desk.actor.email, password: 'a new password for the desk' }).expect(200);
    await page.close();
  });
});
