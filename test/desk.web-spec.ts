import { AttendeesService } from '@fairops/attendees';
import { TEST_PASSWORD, LoggedIn, makeAttendee, makeEdition, makeLiveEdition, makeUser } from './support/factories';
import { Browser, Page, WebTestApp, launchBrowser, logInThroughPage, mainText, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

/** The desk page on real Chromium against the real API: set-up, handheld scanner, search, walk-in and print. */
describe('the desk page', () => {
  let t: WebTestApp;
  let browser: Browser;
  let desk: LoggedIn;
  let editionId: string;
  const code = async (attendeeId: string) => (await t.get(AttendeesService).credential(attendeeId)).code;
  const oujdaTime = (iso: string) => new Intl.DateTimeFormat('fr', { timeZone: 'Africa/Casablanca', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

  beforeAll(async () => {
    t = await startWebTestApp({ worker: true });
    browser = await launchBrowser();
    desk = await makeUser(t, 'desk');
    editionId = (await makeLiveEdition(t)).id;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A desk device set up as `deskId`: logged in (first visit: the set-up page), desk id and gate saved. */
  async function setUpDesk(width: number, deskId: string): Promise<Page> {
    const page = await openPage(browser, { width });
    await logInThroughPage(page, t.baseUrl, desk.actor.email, TEST_PASSWORD, '/desk');
    await page.waitForFunction(() => location.pathname === '/desk/setup');
    await waitForText(page, 'Réglages de ce poste');
    // A desk id the API would refuse is said in words before any scan.
    await page.locator('::-p-aria(Identifiant du bureau)').fill('bureau 1');
    await page.locator('::-p-aria([name="Enregistrer et scanner"][role="button"])').click();
    await waitForText(page, 'sans espace');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `desk-setup-${width}`);
    await page.locator('::-p-aria(Identifiant du bureau)').fill(deskId);
    await page.locator('::-p-aria(Porte (facultatif))').fill('A');
    await page.select('select[name="printer"]', 'pdf');
    await page.locator('::-p-aria([name="Enregistrer et scanner"][role="button"])').click();
    await page.waitForFunction(() => location.pathname === '/desk');
    await waitForText(page, `Bureau ${deskId} · porte A`);
    return page;
  }

  /** Types a code and Enter as a handheld scanner does, into whatever has the focus. */
  async function handheld(page: Page, text: string): Promise<void> {
    // The field has (or gets back at once) the focus: nobody clicks it.
    await page.waitForFunction(() => document.activeElement?.id === 'desk-code', { timeout: 3000 });
    await page.keyboard.type(text, { delay: 0 });
    await page.keyboard.press('Enter');
  }

  const answerOf = (page: Page) => page.$eval('[data-result]', (el) => el.getAttribute('data-result'));

  it('is set up once per device: the first visit goes to the set-up, which persists across a reload', async () => {
    // The back-office registers the desks' printers; a desk chooses from them (or a format for its jobs).
    const admin = await makeUser(t, 'admin');
    await t.http().put('/api/v1/badges/printers/desk-1').query({ editionId }).set(admin.auth).send({ format: 'zpl', dpi: 203, layout: 'label_4x3' }).expect(200);
    const page = await setUpDesk(1280, 'desk-1');
    await page.reload({ waitUntil: 'networkidle0' });
    expect(new URL(page.url()).pathname).toBe('/desk');
    await waitForText(page, 'Bureau desk-1 · porte A');
    await waitForText(page, 'Prêt : scannez un badge.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Changeable: the set-up page shows what is kept.
    await page.locator('::-p-aria([name="Réglages du poste"][role="link"])').click();
    await page.waitForFunction(() => location.pathname === '/desk/setup');
    await page.waitForSelector('input[name="deskId"]');
    expect(await page.$eval('input[name="deskId"]', (el) => (el as HTMLInputElement).value)).toBe('desk-1');
    expect(await page.$eval('select[name="printer"]', (el) => (el as HTMLSelectElement).value)).toBe('pdf');
    const setup = await waitForText(page, 'Celle enregistrée pour ce bureau (ZPL, label_4x3)');
    expect(setup).toContain('Imprimantes connues : desk-1 (ZPL)');
    await page.close();
  });

  it('prints on a ZPL label printer: the job’s status is shown, then confirmed', async () => {
    const page = await openPage(browser);
    await page.evaluateOnNewDocument(() => localStorage.setItem('fairops.desk.setup', JSON.stringify({ deskId: 'desk-zpl', printer: 'zpl' })));
    await logInThroughPage(page, t.baseUrl, desk.actor.email, TEST_PASSWORD, '/desk');
    await page.waitForFunction(() => location.pathname === '/desk');
    const person = await makeAttendee(t, editionId, { firstName: 'Nadia', lastName: 'Berrada' });
    await handheld(page, await code(person.id));
    await waitForText(page, 'Bienvenue');
    await page.locator('::-p-aria([name="Imprimer le badge"][role="button"])').click();
    await waitForText(page, 'Étiquette ZPL prête pour l’imprimante du bureau desk-zpl.', 60_000);
    await page.locator('::-p-aria([name="Le badge est imprimé"][role="button"])').click();
    await waitForText(page, 'Impression confirmée.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  for (const width of [1280, 390]) {
    it(`scans with a handheld scanner at ${width} px: green with the name, amber with the first time and desk, red for a revoked badge`, async () => {
      const page = await setUpDesk(width, `desk-${width}`);
      const person = await makeAttendee(t, editionId, { firstName: 'Aïcha', lastName: 'العلوي', organisation: 'Atlas Relation Client' });
      const badge = await code(person.id);
      await handheld(page, badge);
      const green = await waitForText(page, 'Bienvenue');
      expect(green).toContain('Aïcha العلوي');
      expect(green).toContain('Atlas Relation Client');
      expect(green).toContain('Visiteur');
      expect(await answerOf(page)).toBe('ok');
      expect(await page.$eval('.desk-name', (el) => el.getAttribute('dir'))).toBe('auto');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `desk-green-${width}`);

      // The same code again, at once: amber, with the first check-in's time in Oujda and its desk.
      await handheld(page, badge);
      const first = (await t.http().get(`/api/v1/attendees/${person.id}`).set(desk.auth).expect(200)).body.checkedInTodayAt as string;
      await waitForText(page, `Déjà enregistré à ${oujdaTime(first)}, bureau desk-${width}`);
      expect(await answerOf(page)).toBe('already_checked_in');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `desk-amber-${width}`);

      // A badge replaced by a new one: the old code is refused, in words.
      const lost = await makeAttendee(t, editionId, { firstName: 'Youssef', lastName: 'Benali' });
      const old = await code(lost.id);
      await t.http().post(`/api/v1/attendees/${lost.id}/reissue`).set(desk.auth).send({ reason: 'perdu' }).expect(200);
      await handheld(page, old);
      const red = await waitForText(page, 'Entrée refusée');
      expect(red).toMatch(/révoqué/i);
      expect(await answerOf(page)).toBe('revoked');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `desk-red-${width}`);
      // A click elsewhere gives the focus back to the field: the next scan goes in.
      await page.click('.desk-answer');
      await handheld(page, 'not-a-badge');
      await waitForText(page, 'Code invalide');
      // A genuine badge of another edition (last year's: the desk's current edition stays this one) is said as such.
      const other = await makeEdition(t, { days: [{ date: '2025-04-17', opensAt: '09:00', closesAt: '18:00' }] });
      await handheld(page, await code((await makeAttendee(t, other.id)).id));
      await waitForText(page, 'Badge d’une autre édition du salon.');
      expect(await answerOf(page)).toBe('other_edition');
      await page.close();
    });
  }

  for (const width of [1280, 390]) {
    it(`finds a person without their code by name and checks them in at ${width} px`, async () => {
      const page = await setUpDesk(width, `search-${width}`);
      const person = await makeAttendee(t, editionId, { firstName: 'Hélène', lastName: `Ziani${width}`, organisation: 'Oriental Events', email: `helene.${width}@example.ma` });
      await page.locator('::-p-aria([name="Rechercher une personne"][role="button"])').click();
      // The search field takes the focus (no click needed), accents ignored by the API.
      await page.keyboard.type(`helene ziani${width}`);
      await page.keyboard.press('Enter');
      const found = await waitForText(page, '1 résultat(s)');
      expect(found).toContain(`Hélène Ziani${width}`);
      expect(found).toContain('Oriental Events');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `desk-search-${width}`);
      await page.locator(`::-p-aria([name="Enregistrer l’entrée de Hélène Ziani${width}"][role="button"])`).click();
      await waitForText(page, 'Bienvenue');
      expect(await mainText(page)).toContain(`Hélène Ziani${width}`);
      expect(await answerOf(page)).toBe('ok');
      // Back on the scan field at once.
      await page.waitForFunction(() => document.activeElement?.id === 'desk-code');
      const after = await t.http().get(`/api/v1/attendees/${person.id}`).set(desk.auth).expect(200);
      expect(after.body.checkedInToday).toBe(true);
      await page.close();
    });
  }

  it('registers a walk-in visitor, checks them in and prints the badge (PDF job ready, file fetched, confirmed)', async () => {
    const page = await setUpDesk(1280, 'desk-walkin');
    const files: Array<{ job: string; status: number; type: string | undefined }> = [];
    page.on('response', (response) => {
      const job = /\/badges\/print-jobs\/([0-9a-f-]+)\/file$/.exec(response.url())?.[1];
      if (job) files.push({ job, status: response.status(), type: response.headers()['content-type'] });
    });
    await page.locator('::-p-aria([name="Inscription sur place"][role="button"])').click();
    await page.locator('::-p-aria(Prénom)').fill('Karim');
    await page.locator('::-p-aria(Nom)').fill('سعيد');
    await page.locator('::-p-aria(Organisation (facultatif))').fill('Université Mohammed Premier');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'desk-walkin-1280');
    await page.locator('::-p-aria([name="Inscrire, enregistrer l’entrée et imprimer"][role="button"])').click();
    await waitForText(page, 'Bienvenue');
    expect(await mainText(page)).toContain('Karim سعيد');
    await waitForText(page, 'Badge prêt.', 60_000);
    expect(files).toEqual([{ job: expect.any(String), status: 200, type: 'application/pdf' }]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'desk-print-1280');
    await page.locator('::-p-aria([name="Le badge est imprimé"][role="button"])').click();
    await waitForText(page, 'Impression confirmée.');
    const found = await t.http().get('/api/v1/attendees').query({ editionId, q: 'Karim' }).set(desk.auth).expect(200);
    expect(found.body.items).toMatchObject([{ firstName: 'Karim', lastName: 'سعيد', category: 'visitor', checkedInToday: true }]);
    // Scanned again, the badge printed before: printing it again asks for the reason, which the job keeps.
    await handheld(page, await code(found.body.items[0].id));
    await waitForText(page, 'Déjà enregistré à');
    await page.locator('::-p-aria([name="Imprimer le badge"][role="button"])').click();
    await waitForText(page, 'Ce badge a déjà été imprimé');
    await page.select('main select', 'damaged');
    await page.locator('::-p-aria([name="Imprimer"][role="button"])').click();
    await waitForText(page, 'Badge prêt.', 60_000);
    expect(files).toHaveLength(2);
    const reprint = (await t.http().get(`/api/v1/badges/print-jobs/${files[1].job}`).set(desk.auth).expect(200)).body;
    expect(reprint).toMatchObject({ status: 'ready', format: 'pdf', deskId: 'desk-walkin', reprintReason: 'Badge abîmé' });
    await page.close();
  });
});
