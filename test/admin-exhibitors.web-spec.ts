import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoggedIn, TEST_PASSWORD, makeEdition, makeExhibitor, makeUser } from './support/factories';
import { eventually } from './support/processes';
import { Browser, Page, WebTestApp, launchBrowser, logInThroughPage, mainText, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

const aria = (name: string, role: string) => `::-p-aria([name="${name}"][role="${role}"])`;

/** The names in the list's rows, top to bottom. */
const rowNames = (page: Page) => page.$$eval('main tbody tr td:first-child', (cells) => cells.map((cell) => (cell as HTMLElement).innerText.trim()));

/** The pager's words ("1–25 sur 32"). */
const pagerText = (page: Page) => page.$eval('main nav[aria-label="Pages"] [role="status"]', (el) => (el as HTMLElement).innerText.trim());

async function waitForPager(page: Page, text: string): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector('main nav[aria-label="Pages"] [role="status"]')?.textContent?.trim() === expected, { timeout: 10_000 }, text);
}

async function shots(page: Page, name: string): Promise<void> {
  for (const width of [1440, 1024]) {
    await page.setViewport({ width, height: 900 });
    await screenshot(page, `admin-exhibitors-${name}-${width}`);
  }
  await page.setViewport({ width: 1280, height: 800 });
}

describe('the back-office exhibitors in the browser', () => {
  let t: WebTestApp;
  let browser: Browser;
  let admin: LoggedIn;
  let editionId: string;
  let academieId: string;

  beforeAll(async () => {
    t = await startWebTestApp({ worker: true });
    browser = await launchBrowser();
    admin = await makeUser(t, 'admin');
    editionId = (await makeEdition(t)).id;
    academieId = (await makeExhibitor(t, editionId, { name: 'Académie Oujda Formation', country: 'MA', sector: 'training' })).id;
    await makeExhibitor(t, editionId, { name: 'Atlas Relation Client', country: 'MA', sector: 'contact_centre' });
    await makeExhibitor(t, editionId, { name: 'Nador Nearshore BPO', country: 'ES', sector: 'contact_centre' });
    await makeExhibitor(t, editionId, { name: 'Zénith Télécom', country: 'FR', sector: 'telecom_equipment' });
    for (let i = 1; i <= 28; i++) await makeExhibitor(t, editionId, { name: `Société ${String(i).padStart(2, '0')}`, country: 'MA', sector: 'other' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('searches without accents, filters, sorts and pages, all kept in the address (a reload shows the same list)', async () => {
    const page = await openPage(browser);
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, `/admin/exhibitors?edition=${editionId}`);
    await waitForText(page, 'Académie Oujda Formation');
    expect(await pagerText(page)).toBe('1–25 sur 32');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'list');

    await page.locator('::-p-aria(Rechercher)').fill('academie');
    await waitForPager(page, '1–1 sur 1');
    expect(await rowNames(page)).toEqual(['Académie Oujda Formation']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('academie');
    await page.locator('::-p-aria(Rechercher)').click({ count: 3 });
    await page.keyboard.press('Backspace');
    await waitForPager(page, '1–25 sur 32');

    await page.locator('::-p-aria(Secteur)').fill('contact_centre');
    await waitForPager(page, '1–2 sur 2');
    expect(await rowNames(page)).toEqual(['Atlas Relation Client', 'Nador Nearshore BPO']);
    await page.locator(aria('Pays', 'button')).click(); // country, ascending: ES before MA
    await page.waitForFunction(() => document.querySelector('main tbody tr td')?.textContent === 'Nador Nearshore BPO');
    await page.locator(aria('Pays', 'button')).click(); // then descending
    await page.waitForFunction(() => document.querySelector('main tbody tr td')?.textContent === 'Atlas Relation Client');
    expect(await page.$eval('main th[aria-sort="descending"]', (th) => (th as HTMLElement).innerText)).toContain('Pays');
    await page.locator('::-p-aria(Secteur)').fill('');
    await waitForPager(page, '1–25 sur 32');

    await page.locator(aria('Suivant', 'button')).click();
    await waitForPager(page, '26–32 sur 32');
    const secondPage = await rowNames(page);
    expect(secondPage).toHaveLength(7);
    const address = new URL(page.url());
    expect(address.searchParams.get('offset')).toBe('25');
    expect(address.searchParams.get('sort')).toBe('country');
    expect(address.searchParams.get('order')).toBe('desc');

    await page.reload({ waitUntil: 'networkidle0' });
    await waitForPager(page, '26–32 sur 32');
    expect(await rowNames(page)).toEqual(secondPage);
    expect(await page.$eval('main th[aria-sort="descending"]', (th) => (th as HTMLElement).innerText)).toContain('Pays');
    await page.close();
  });

  it('edits an exhibitor (field errors beside the field), sets its staff quota and moves its status, offering only the allowed moves', async () => {
    const page = await openPage(browser);
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, `/admin/exhibitors?edition=${editionId}&q=academie`);
    await page.locator(aria('Académie Oujda Formation', 'link')).click();
    await waitForText(page, 'Statut actuel : Candidat');
    const options = () => page.$$eval('#exh-status-to option', (all) => all.map((o) => (o as HTMLOptionElement).innerText).slice(1));
    expect(await options()).toEqual(['Accepté', 'Annulé', 'Retiré']);

    await page.locator('::-p-aria(Site web)').fill('pas une adresse');
    await page.locator(aria('Enregistrer', 'button')).click();
    await page.waitForSelector('#exh-website-problem');
    expect(await page.$eval('#exh-website', (el) => el.getAttribute('aria-invalid'))).toBe('true');
    expect(await page.$eval('#exh-website-problem', (el) => (el as HTMLElement).innerText)).toMatch(/web address/);
    await page.locator('::-p-aria(Site web)').fill('academie-oujda.ma');
    await page.locator('::-p-aria(Ville)').fill('Oujda');
    await page.locator(aria('Enregistrer', 'button')).click();
    await waitForText(page, 'Modifications enregistrées.');
    const stored = (await t.http().get(`/api/v1/exhibitors/${academieId}`).set(admin.auth).expect(200)).body;
    expect([stored.website, stored.city]).toEqual(['https://academie-oujda.ma', 'Oujda']);

    await page.locator('::-p-aria(Quota de badges)').fill('5');
    await page.locator(aria('Fixer le quota', 'button')).click();
    await waitForText(page, '0 badges utilisés sur 5');
    await waitForText(page, 'Quota fixé pour cet exposant.');

    await page.locator('::-p-aria(Passer au statut)').fill('approved');
    await page.locator(aria('Changer le statut', 'button')).click();
    await waitForText(page, 'Statut actuel : Accepté');
    expect(await options()).toEqual(['Confirmé', 'Annulé', 'Retiré']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'detail');

    await page.locator('::-p-aria(Passer au statut)').fill('withdrawn');
    await page.locator(aria('Changer le statut', 'button')).click();
    await waitForText(page, 'Le motif est obligatoire pour ce statut.');
    await page.locator('::-p-aria(Motif (obligatoire))').fill('Désistement par courrier du 3 mars');
    await page.locator(aria('Changer le statut', 'button')).click();
    await page.waitForSelector('dialog[open]');
    const dialog = await page.$eval('dialog[open]', (d) => (d as HTMLElement).innerText);
    expect(dialog).toMatch(/stands .* seront libérés/);
    expect(dialog).toMatch(/comptes de ses responsables désactivés/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator(aria('Oui, passer à « Retiré »', 'button')).click();
    const after = await waitForText(page, 'Ce statut est définitif');
    expect(after).toContain('Statut actuel : Retiré — Désistement par courrier du 3 mars');
    expect((await t.http().get(`/api/v1/exhibitors/${academieId}`).set(admin.auth).expect(200)).body.status).toBe('withdrawn');
    await page.close();
  });

  it('imports a CSV with a progress bar and shows the per-row report, a refused row in words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exh-import-'));
    const file = join(dir, 'exposants.csv');
    writeFileSync(file, 'nom;pays;secteur\nCasablanca Call Center;MA;Centre de contacts\nMauvais Pays SARL;XX;formation\nTanger Formation;MA;formation\n');
    const page = await openPage(browser);
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, `/admin/exhibitors?edition=${editionId}`);
    await page.locator(aria('Importer un fichier CSV', 'link')).click();
    await waitForText(page, 'Importer des exposants');
    const input = await page.waitForSelector('input#exh-import-file');
    await (input as unknown as { uploadFile: (path: string) => Promise<void> }).uploadFile(file);
    await page.locator(aria('Importer', 'button')).click();
    const report = await waitForText(page, '2 créés, 0 mis à jour, 0 inchangés, 1 refusés.', 30_000);
    expect(report).toContain('Terminé : 3 lignes traitées sur 3');
    expect(await page.$eval('progress', (bar) => ({ label: (bar as HTMLProgressElement).labels?.[0]?.innerText, value: (bar as HTMLProgressElement).value, max: (bar as HTMLProgressElement).max }))).toEqual({
      label: 'Terminé : 3 lignes traitées sur 3',
      value: 3,
      max: 3,
    });
    const rows = await page.$$eval('main table tbody tr', (all) => all.map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^3 Pays \(code ISO à 2 lettres\) "XX" is not an ISO 3166-1 alpha-2 country code/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'import-report');
    const listed = (await t.http().get('/api/v1/exhibitors').query({ editionId, q: 'casablanca' }).set(admin.auth).expect(200)).body;
    expect(listed.total).toBe(1);
    await page.close();
  });

  it('exports the list as a CSV file the browser downloads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exh-export-'));
    const page = await openPage(browser);
    const session = await page.createCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, browserContextId: page.browserContext().id });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, `/admin/exhibitors?edition=${editionId}`);
    await waitForText(page, 'Atlas Relation Client');
    await page.locator(aria('Exporter (CSV)', 'button')).click();
    const name = await eventually(async () => readdirSync(dir).find((f) => f.endsWith('.csv')), 15_000, 'the download');
    const csv = readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/name/i);
    expect(csv).toContain('Atlas Relation Client');
    expect(csv).toContain('Académie Oujda Formation');
    expect(lines.length).toBeGreaterThanOrEqual(33);
    expect(await mainText(page)).not.toMatch(/erreur/i);
    await page.close();
  });
});
