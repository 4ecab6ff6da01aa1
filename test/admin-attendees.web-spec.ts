import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import type { Response } from 'superagent';
import { readPdf } from './support/pdf-inspect';
import { LoggedIn, TEST_PASSWORD, makeAttendee, makeLiveEdition, makeUser } from './support/factories';
import { Browser, Page, WebTestApp, launchBrowser, logInThroughPage, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Both widths the back-office is looked at: a desktop and a small laptop or tablet. */
async function shootBothWidths(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1440`);
  await page.setViewport({ width: 1024, height: 800 });
  await screenshot(page, `${name}-1024`);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.setViewport({ width: 1440, height: 900 });
}

describe('the back-office: attendees', () => {
  let t: WebTestApp;
  let browser: Browser;
  let admin: LoggedIn;
  let editionId: string;

  beforeAll(async () => {
    t = await startWebTestApp({ worker: true });
    browser = await launchBrowser();
    admin = await makeUser(t, 'admin');
    editionId = (await makeLiveEdition(t)).id;
    await makeAttendee(t, editionId, { firstName: 'Youssef', lastName: 'Alaoui', organisation: 'Atlas Relation Client' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates an attendee through the form (a bad email said beside the field first), prints the badge, finds them, then erases them after a confirmation', async () => {
    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, '/admin/attendees/new');
    await waitForText(page, 'Nouveau participant');
    await page.locator('::-p-aria(Prénom)').fill('Aïcha');
    await page.locator('::-p-aria(Nom de famille)').fill('El Idrissi');
    await page.locator('::-p-aria(Organisation)').fill('Nador Nearshore BPO');
    await page.locator('::-p-aria(Adresse e-mail)').fill('aicha-at-example');
    await page.locator('::-p-aria([name="Créer le participant"][role="button"])').click();

    // Said beside the email field and tied to it, before anything is sent.
    const beside = (name: string) =>
      page.$eval(`#field-error-${name}`, (error) => {
        const input = error.parentElement!.querySelector('input')!;
        return { text: (error as HTMLElement).innerText, invalid: input.getAttribute('aria-invalid'), describedBy: input.getAttribute('aria-describedby') };
      });
    await page.waitForSelector('#field-error-email');
    expect(await beside('email')).toEqual({ text: 'Adresse e-mail invalide (exemple : nom@domaine.ma).', invalid: 'true', describedBy: 'field-error-email' });
    // A reason only the API knows (a country code too long) comes back beside its field too.
    await page.locator('::-p-aria(Adresse e-mail)').fill('aicha.elidrissi@example.ma');
    await page.locator('::-p-aria(Pays (code ISO, ex. MA))').fill('MAR');
    await page.locator('::-p-aria([name="Créer le participant"][role="button"])').click();
    await page.waitForSelector('#field-error-country');
    expect(await beside('country')).toEqual({ text: expect.stringContaining('2'), invalid: 'true', describedBy: 'field-error-country' });
    expect(await page.$('#field-error-email')).toBeNull();
    await shootBothWidths(page, 'admin-attendee-form-error');

    await page.locator('::-p-aria(Pays (code ISO, ex. MA))').fill('MA');
    await page.locator('::-p-aria([name="Créer le participant"][role="button"])').click();
    await waitForText(page, 'Imprimer le badge');
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const stored = (await t.http().get(`/api/v1/attendees/${id}`).set(admin.auth).expect(200)).body;
    expect(stored).toMatchObject({ firstName: 'Aïcha', lastName: 'El Idrissi', email: 'aicha.elidrissi@example.ma', country: 'MA', category: 'visitor', source: 'back_office' });

    // The badge: a print job the worker renders; the page follows it and fetches the PDF.
    const pdfAnswers: Array<{ status: number; type: string; url: string }> = [];
    page.on('response', (response) => {
      if (/\/api\/v1\/badges\/print-jobs\/[^/]+\/file$/.test(response.url())) pdfAnswers.push({ status: response.status(), type: response.headers()['content-type'] ?? '', url: response.url() });
    });
    await page.locator('::-p-aria([name="Imprimer le badge"][role="button"])').click();
    await waitForText(page, 'Badge prêt.', 30_000);
    expect(pdfAnswers).toEqual([{ status: 200, type: expect.stringContaining('application/pdf'), url: expect.any(String) }]);
    // The link opens what the page fetched (an object URL: the file needs the session's token).
    const href = await page.$eval('::-p-aria([name="Ouvrir le badge (PDF)"][role="link"])', (link) => (link as HTMLAnchorElement).href);
    expect(href).toMatch(/^blob:/);
    // The same file, read back with a PDF reader: one badge, the person's name on it.
    const file = await t.http().get(new URL(pdfAnswers[0].url).pathname).set(admin.auth).buffer(true).parse(binary).expect(200);
    const pages = readPdf(file.body as Buffer);
    expect(pages).toHaveLength(1);
    expect(pages[0].text).toContain('Aïcha');
    await shootBothWidths(page, 'admin-attendee-detail');

    // The search (accents ignored) and the filters are in the address.
    await page.goto(`${t.baseUrl}/admin/attendees`, { waitUntil: 'networkidle0' });
    await waitForText(page, 'Youssef Alaoui');
    await page.locator('::-p-aria(Rechercher (nom, organisation, e-mail))').fill('aicha');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'aicha');
    const found = await waitForText(page, '1–1 sur 1');
    expect(found).toContain('Aïcha El Idrissi');
    expect(found).not.toContain('Youssef Alaoui');
    await page.locator('::-p-aria(Valide aujourd’hui)').fill('true');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('validToday') === 'true');
    await waitForText(page, 'Aïcha El Idrissi');
    await shootBothWidths(page, 'admin-attendees-list');

    // Erasure asks first, saying what it does and that it cannot be undone.
    await page.locator('::-p-aria([name="Aïcha El Idrissi"][role="link"])').click();
    await waitForText(page, 'Imprimer le badge');
    await page.locator('::-p-aria([name="Effacer ses données personnelles"][role="button"])').click();
    await page.waitForSelector('dialog[open]');
    const dialog = await page.$eval('dialog[open]', (d) => (d as HTMLElement).innerText);
    expect(dialog).toContain('Erased Attendee');
    expect(dialog).toContain('supprime l’e-mail, le téléphone');
    expect(dialog).toContain('C’est définitif : rien ne pourra être restauré.');
    await shootBothWidths(page, 'admin-attendee-erase-confirm');
    await page.locator('::-p-aria([name="Effacer définitivement"][role="button"])').click();
    const erased = await waitForText(page, 'Effacé (données personnelles supprimées)');
    expect(erased).toContain('Erased Attendee');
    expect(erased).not.toContain('aicha.elidrissi@example.ma');
    expect((await t.http().get(`/api/v1/attendees/${id}`).set(admin.auth).expect(200)).body).toMatchObject({ erased: true, email: null, status: 'cancelled' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('edits an attendee (new days: a new badge, said beforehand), re-issues and cancels after confirming, and exports their data', async () => {
    const person = await makeAttendee(t, editionId, { firstName: 'Hamza', lastName: 'Berrada', email: 'hamza.berrada@example.ma' });
    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, `/admin/attendees/${person.id}`);
    const shown = await waitForText(page, 'Changer la catégorie ou les jours émet un nouveau badge');
    expect(shown).toMatch(/Version du badge 1/);
    // Only the first day now: the badge changes version.
    const days = await page.$$('fieldset input[type="checkbox"]');
    await days[1].click();
    await page.locator('::-p-aria([name="Enregistrer les modifications"][role="button"])').click();
    await waitForText(page, /Version du badge 2/);

    await page.locator('::-p-aria([name="Réémettre le badge"][role="button"])').click();
    await page.waitForSelector('dialog[open]');
    expect(await page.$eval('dialog[open]', (d) => (d as HTMLElement).innerText)).toContain('l’ancien (perdu, volé) est révoqué');
    await page.locator('::-p-aria([name="Réémettre"][role="button"])').click();
    await waitForText(page, /Version du badge 3/);

    const exported = page.waitForResponse((response) => response.url().endsWith(`/attendees/${person.id}/personal-data`));
    await page.locator('::-p-aria([name="Exporter ses données (JSON)"][role="button"])').click();
    expect((await exported).status()).toBe(200);
    await waitForText(page, 'Fichier des données personnelles téléchargé.');

    await page.locator('::-p-aria([name="Annuler l’inscription"][role="button"])').click();
    await page.waitForSelector('dialog[open]');
    await page.locator('dialog[open] ::-p-aria([name="Annuler l’inscription"][role="button"])').click();
    await waitForText(page, 'Inscription annulée.');
    expect((await t.http().get(`/api/v1/attendees/${person.id}`).set(admin.auth).expect(200)).body).toMatchObject({ status: 'cancelled', badgeVersion: 3, days: [expect.any(String)] });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('imports a CSV file, follows its progress and shows the per-row report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairops-import-'));
    const csv = join(dir, 'inscrits.csv');
    writeFileSync(csv, ['first_name,last_name,organisation', ',Benali,Atlas', 'Nadia,Mansouri,Atlas', ''].join('\n'));
    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, '/admin/attendees');
    await page.locator('::-p-aria([name="Importer un fichier CSV"][role="link"])').click();
    // A file input is named by its label plus the browser's own button text: found by its type.
    const input = (await page.waitForSelector('label input[type="file"]')) as ElementHandle<HTMLInputElement>;
    expect(await input.evaluate((el) => el.labels?.[0]?.innerText.trim())).toBe('Fichier CSV');
    await input.uploadFile(csv);
    await page.locator('::-p-aria([name="Importer"][role="button"])').click();
    const report = await waitForText(page, 'Import terminé', 30_000);
    expect(report).toContain('1 créés, 0 mis à jour, 0 inchangés, 1 refusés.');
    expect(await page.$eval('table', (table) => (table as HTMLElement).innerText.replace(/\s+/g, ' '))).toContain('2 firstName is required');
    expect(new URL(page.url()).searchParams.get('job')).toMatch(/^[0-9a-f-]{36}$/);
    await shootBothWidths(page, 'admin-attendees-import');
    const found = (await t.http().get('/api/v1/attendees').query({ editionId, q: 'Mansouri' }).set(admin.auth).expect(200)).body;
    expect(found.items).toEqual([expect.objectContaining({ firstName: 'Nadia', source: 'import' })]);
    await page.close();
  });

  it('speaks English when asked, filters included', async () => {
    const page = await openPage(browser, { width: 1024, height: 800, language: 'en' });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, '/admin/attendees?category=visitor');
    const shown = await waitForText(page, 'Youssef Alaoui');
    expect(shown).toContain('New attendee');
    expect(shown).toContain('Search (name, organisation, email)');
    expect(await page.$eval('::-p-aria(Category)', (select) => (select as HTMLSelectElement).value)).toBe('visitor');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });
});
