import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttendeesService } from '@fairops/attendees';
import { parse } from 'csv-parse/sync';
import { badgeVideo } from './support/fake-camera';
import { eventually } from './support/processes';
import { LoggedIn, TEST_PASSWORD, makeAttendee, makeExhibitor, makeLiveEdition, makeUser } from './support/factories';
import { Browser, Page, WebTestApp, launchBrowser, logInThroughPage, mainText, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

const button = (name: string) => `::-p-aria([name="${name}"][role="button"])`;

/** Screenshots at the two widths the area is looked at, then back to 1440. */
async function shots(page: Page, name: string): Promise<void> {
  for (const width of [1440, 1024]) {
    await page.setViewport({ width, height: 900 });
    await screenshot(page, `exhibitor-area-${name}-${width}`);
  }
  await page.setViewport({ width: 1440, height: 900 });
}

describe('the exhibitor area: profile, staff within the quota, lead capture, and nothing of another exhibitor', () => {
  let t: WebTestApp;
  let browser: Browser;
  /** A browser whose camera films the badge of a visitor (Chromium's fake camera). */
  let cameraBrowser: Browser;
  let folder: string;
  let admin: LoggedIn;
  let manager: LoggedIn;
  let own: { id: string; name: string };
  let other: { id: string; name: string };
  const OTHER_STAFF = 'Zineb Confidentielle';
  const OTHER_LEAD = 'Omar Secretvisiteur';

  beforeAll(async () => {
    t = await startWebTestApp();
    browser = await launchBrowser();
    admin = await makeUser(t, 'admin');
    const edition = await makeLiveEdition(t);
    own = await makeExhibitor(t, edition.id, { name: 'Atlas Relation Client' });
    other = await makeExhibitor(t, edition.id, { name: 'Berkane Discrète Services' });
    await t.http().put(`/api/v1/exhibitors/${own.id}/staff-quota`).set(admin.auth).send({ override: 2 }).expect(200);
    manager = await makeUser(t, 'exhibitor', { exhibitorId: own.id });
    // The other exhibitor's staff and lead: the data that must never appear in the manager's pages.
    const otherManager = await makeUser(t, 'exhibitor', { exhibitorId: other.id });
    await t.http().post(`/api/v1/exhibitors/${other.id}/staff`).set(otherManager.auth).send({ firstName: 'Zineb', lastName: 'Confidentielle' }).expect(201);
    const secret = await makeAttendee(t, edition.id, { firstName: 'Omar', lastName: 'Secretvisiteur', consentShareContact: true });
    const code = (await t.get(AttendeesService).credential(secret.id)).code;
    await t.http().post('/api/v1/leads').set(otherManager.auth).send({ code }).expect(201);
    const filmed = await makeAttendee(t, edition.id, { firstName: 'Nadia', lastName: 'Filmée', consentShareContact: true });
    folder = mkdtempSync(join(tmpdir(), 'exhibitor-camera-'));
    writeFileSync(join(folder, 'badge.y4m'), badgeVideo((await t.get(AttendeesService).credential(filmed.id)).code));
    cameraBrowser = await launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${join(folder, 'badge.y4m')}`]);
  });
  afterAll(async () => {
    await browser?.close();
    await cameraBrowser?.close();
    await t?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('edits the profile, adds staff up to the quota (the next one refused in words), removes one after asking, and captures a lead with the handheld field once consent is ticked', async () => {
    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, manager.actor.email, TEST_PASSWORD, '/exhibitor');
    await waitForText(page, 'Ce que vous pouvez modifier');
    await page.locator('::-p-aria(Site web)').fill('https://atlas-relation-client.ma');
    await page.locator(button('Enregistrer')).click();
    await waitForText(page, 'Modifications enregistrées.');
    expect((await t.http().get(`/api/v1/exhibitors/${own.id}`).set(manager.auth).expect(200)).body.website).toBe('https://atlas-relation-client.ma');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'profile');

    await page.locator('::-p-aria([name="Personnel"][role="link"])').click();
    await waitForText(page, '0 badge(s) utilisé(s) sur 2 autorisés.');
    for (const [first, last, count] of [['Aïcha', 'Benali', 1], ['Youssef', 'El Amrani', 2]] as const) {
      await page.locator('::-p-aria(Prénom)').fill(first);
      await page.locator('::-p-aria(Nom de famille)').fill(last);
      await page.locator(button('Inscrire')).click();
      await waitForText(page, `${count} badge(s) utilisé(s) sur 2 autorisés.`);
    }
    await page.locator('::-p-aria(Prénom)').fill('Karim');
    await page.locator('::-p-aria(Nom de famille)').fill('Troisième');
    await page.locator(button('Inscrire')).click();
    const refused = await waitForText(page, 'Quota de badges atteint : votre entreprise a déjà tous les badges de personnel autorisés.');
    expect(refused).not.toContain('Karim Troisième');
    expect((await t.http().get(`/api/v1/exhibitors/${own.id}/staff`).set(manager.auth).expect(200)).body.used).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'staff-full');

    await page.locator(button('Retirer Youssef El Amrani')).click();
    await page.waitForSelector('dialog[open]');
    expect(await page.$eval('dialog[open]', (d) => (d as HTMLElement).innerText)).toContain('Le badge de Youssef El Amrani sera annulé');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator(`dialog[open] ${button('Retirer')}`).click();
    await waitForText(page, '1 badge(s) utilisé(s) sur 2 autorisés.');

    const visitor = await makeAttendee(t, (await t.http().get(`/api/v1/exhibitors/${own.id}`).set(admin.auth)).body.editionId, { firstName: 'Salma', lastName: 'Visiteuse', organisation: 'Oujda Contact', consentShareContact: true });
    const code = (await t.get(AttendeesService).credential(visitor.id)).code;
    await page.locator('::-p-aria([name="Contacts"][role="link"])').click();
    await waitForText(page, 'Aucun contact pour l’instant.');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.innerText.trim())).toBe('Code du badge');
    // A handheld scanner types the code and presses Enter: without the consent ticked, nothing is sent.
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await waitForText(page, 'Cochez d’abord « Le visiteur accepte… »');
    expect((await t.http().get('/api/v1/leads').set(manager.auth).expect(200)).body.total).toBe(0);
    await page.locator('::-p-aria([name="Le visiteur accepte que ses coordonnées soient transmises à Atlas Relation Client."][role="checkbox"])').click();
    await page.locator('::-p-aria(Code du badge)').click();
    await page.keyboard.press('Enter');
    await waitForText(page, 'Contact enregistré : Salma Visiteuse.');
    const list = await waitForText(page, 'Oujda Contact');
    expect(list).toContain('Salma Visiteuse');
    const leads = (await t.http().get('/api/v1/leads').set(manager.auth).expect(200)).body;
    expect(leads.items.map((l: { lastName: string }) => l.lastName)).toEqual(['Visiteuse']);
    expect(await page.$eval('::-p-aria([name="Le visiteur accepte que ses coordonnées soient transmises à Atlas Relation Client."][role="checkbox"])', (c) => (c as HTMLInputElement).checked)).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'leads');

    // The export: the browser saves leads.csv, which csv-parse reads back.
    const cdp = await page.createCDPSession();
    await cdp.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: folder });
    await page.locator('::-p-aria([name="Télécharger les contacts (CSV)"][role="link"])').click();
    const saved = join(folder, 'leads.csv');
    const rows = await eventually(async () => (existsSync(saved) ? (parse(readFileSync(saved), { bom: true, columns: true }) as Array<Record<string, string>>) : undefined), 10_000, 'leads.csv');
    expect(rows.map((r) => [r.first_name, r.last_name, r.organisation])).toEqual([['Salma', 'Visiteuse', 'Oujda Contact']]);
    await page.close();
  });

  it('never shows another exhibitor’s name, staff or leads, whatever the address says', async () => {
    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, manager.actor.email, TEST_PASSWORD, '/exhibitor');
    await waitForText(page, 'Atlas Relation Client');
    const addresses = [
      `/exhibitor?exhibitorId=${other.id}`,
      `/exhibitor/staff?exhibitorId=${other.id}`,
      `/exhibitor/leads?exhibitorId=${other.id}`,
      `/exhibitor/staff?exhibitor=${other.id}&offset=0`,
      `/exhibitor/${other.id}`,
      `/exhibitor/staff/${other.id}`,
      `/exhibitor/exhibitors/${other.id}/staff`,
    ];
    for (const address of addresses) {
      await page.goto(`${t.baseUrl}${address}`, { waitUntil: 'networkidle0' });
      const shown = await waitForText(page, /ne montre que votre propre entreprise|n’existe pas dans l’espace exposant/);
      const body = await page.evaluate(() => document.body.innerText);
      for (const secret of [other.name, 'Berkane', OTHER_STAFF, OTHER_LEAD, 'Secretvisiteur', other.id]) expect(body).not.toContain(secret);
      expect(shown.length).toBeGreaterThan(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
    }
    // The pages that do show data show the manager's own.
    await page.goto(`${t.baseUrl}/exhibitor/staff?exhibitorId=${other.id}`, { waitUntil: 'networkidle0' });
    expect(await waitForText(page, 'Aïcha Benali')).not.toContain(OTHER_STAFF);
    await page.goto(`${t.baseUrl}/exhibitor/leads?exhibitorId=${other.id}`, { waitUntil: 'networkidle0' });
    expect(await waitForText(page, 'Salma Visiteuse')).not.toContain(OTHER_LEAD);
    await shots(page, 'foreign-address');
    expect(await mainText(page)).toContain('ne montre que votre propre entreprise');
    // The same refusal in English.
    await page.select('::-p-aria(Langue)', 'en');
    await waitForText(page, 'This area shows only your own company');
    expect(await mainText(page)).toContain('Badge code');
    await page.close();
  });

  it('captures a lead with the camera once the visitor’s consent is ticked', async () => {
    const page = await openPage(cameraBrowser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, manager.actor.email, TEST_PASSWORD, '/exhibitor/leads');
    await page.locator('::-p-aria([name="Le visiteur accepte que ses coordonnées soient transmises à Atlas Relation Client."][role="checkbox"])').click();
    await page.locator(button('Scanner avec la caméra')).click();
    await waitForText(page, 'Contact enregistré : Nadia Filmée.', 20_000);
    const leads = (await t.http().get('/api/v1/leads').set(manager.auth).expect(200)).body.items.map((l: { lastName: string }) => l.lastName);
    expect(leads).toContain('Filmée');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'camera');
    await page.locator(button('Arrêter la caméra')).click();
    await page.close();
  });
});
