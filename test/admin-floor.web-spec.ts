import { LoggedIn, TEST_PASSWORD, makeEdition, makeExhibitor, makeHall, makeStand, makeUser } from './support/factories';
import { Browser, Page, WebTestApp, launchBrowser, logInThroughPage, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

const stand = (name: string) => `::-p-aria([name="${name}"][role="button"])`;
const button = (name: string) => `::-p-aria([name="${name}"][role="button"])`;

async function shots(page: Page, name: string): Promise<void> {
  for (const width of [1440, 1024]) {
    await page.setViewport({ width, height: 900 });
    await screenshot(page, `admin-floor-${name}-${width}`);
  }
  await page.setViewport({ width: 1280, height: 800 });
}

/** Picks an exhibitor in the action panel: searched by name, then chosen. */
async function chooseExhibitor(page: Page, search: string, id: string): Promise<void> {
  await page.locator('::-p-aria(Rechercher un exposant)').fill(search);
  await page.waitForFunction((value) => Boolean(document.querySelector(`#floor-exhibitor option[value="${value}"]`)), { timeout: 10_000 }, id);
  await page.locator('::-p-aria(Exposant)').fill(id);
}

describe('the back-office floor plan in the browser', () => {
  let t: WebTestApp;
  let browser: Browser;
  let admin: LoggedIn;
  let otherAdmin: LoggedIn;
  let editionId: string;
  const ids: Record<string, string> = {};
  const ex: Record<string, string> = {};

  beforeAll(async () => {
    t = await startWebTestApp();
    browser = await launchBrowser();
    [admin, otherAdmin] = [await makeUser(t, 'admin'), await makeUser(t, 'admin')];
    editionId = (await makeEdition(t)).id;
    ex.atlas = (await makeExhibitor(t, editionId, { name: 'Atlas Relation Client' })).id;
    ex.berkane = (await makeExhibitor(t, editionId, { name: 'Berkane Tech Solutions' })).id;
    ex.arabic = (await makeExhibitor(t, editionId, { name: 'مركز الشرق للاتصال' })).id;
    const hallA = await makeHall(t, editionId, 'Hall A');
    const hallB = await makeHall(t, editionId, 'Hall B');
    for (let i = 1; i <= 8; i++) ids[`A-${i}`] = (await makeStand(t, editionId, hallA.id, { code: `A-${i}`, areaM2: 9 })).id;
    for (let i = 1; i <= 4; i++) ids[`B-${i}`] = (await makeStand(t, editionId, hallB.id, { code: `B-${i}`, areaM2: 18 })).id;
    await t.http().post(`/api/v1/stands/${ids['B-1']}/assign`).set(admin.auth).send({ exhibitorId: ex.berkane }).expect(200);
    await t.http().post(`/api/v1/stands/${ids['A-3']}/hold`).set(admin.auth).send({ exhibitorId: ex.arabic }).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('draws each hall with stands by status in words, assigns, moves and releases a stand from the plan', async () => {
    const page = await openPage(browser);
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, `/admin/floor?edition=${editionId}`);
    await page.waitForSelector(stand('Stand B-1, attribué à Berkane Tech Solutions'));
    await page.waitForSelector(stand('Stand A-3, réservé pour مركز الشرق للاتصال'));
    const text = await waitForText(page, 'Hall A — 8 stands');
    expect(text).toContain('Hall B — 4 stands');
    expect(await page.$$eval('svg.floor-plan [role="button"]', (all) => all.length)).toBe(12);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'plan');

    // From the keyboard: focus a stand, Enter selects it.
    await page.$eval('svg.floor-plan [aria-label="Stand A-2, libre"]', (g) => (g as SVGGElement).focus());
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Stand A-2, libre');
    await page.keyboard.press('Enter');
    await waitForText(page, 'Rechercher un exposant');
    await chooseExhibitor(page, 'atlas', ex.atlas);
    await page.locator(button('Attribuer')).click();
    await waitForText(page, 'Stand A-2 attribué à Atlas Relation Client.');
    await page.waitForSelector(stand('Stand A-2, attribué à Atlas Relation Client'));
    expect((await t.http().get(`/api/v1/stands/${ids['A-2']}`).set(admin.auth).expect(200)).body).toMatchObject({ status: 'assigned', exhibitorId: ex.atlas });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'assigned');

    await page.locator(stand('Stand A-4, libre')).click();
    await chooseExhibitor(page, 'berk', ex.berkane);
    await page.locator('::-p-aria(Durée de la réservation (heures))').fill('48');
    await page.locator(button('Réserver')).click();
    await waitForText(page, 'Stand A-4 réservé pour Berkane Tech Solutions.');
    await page.waitForSelector(stand('Stand A-4, réservé pour Berkane Tech Solutions'));
    const held = (await t.http().get(`/api/v1/stands/${ids['A-4']}`).set(admin.auth).expect(200)).body;
    expect(held.status).toBe('held');
    expect(Math.round((Date.parse(held.heldUntil) - Date.now()) / 3600_000)).toBe(48);

    await page.locator(stand('Stand A-2, attribué à Atlas Relation Client')).click();
    await page.locator('::-p-aria(Déplacer vers le stand libre)').fill(ids['A-7']);
    await page.locator(button('Déplacer')).click();
    await waitForText(page, 'Atlas Relation Client passe du stand A-2 au stand A-7.');
    await page.waitForSelector(stand('Stand A-2, libre'));
    await page.locator(stand('Stand A-7, attribué à Atlas Relation Client')).click();
    await page.locator(button('Libérer')).click();
    const dialog = await page.waitForSelector('dialog[open]');
    expect(await dialog!.evaluate((d) => (d as HTMLElement).innerText)).toContain('Atlas Relation Client perdra le stand A-7');
    await (await dialog!.waitForSelector(button('Libérer')))!.click();
    await waitForText(page, 'Stand A-7 libéré.');
    await page.waitForSelector(stand('Stand A-7, libre'));
    await page.close();
  });

  it('says in words that a stand was taken meanwhile by another admin, and refreshes the plan', async () => {
    const page = await openPage(browser);
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, `/admin/floor?edition=${editionId}`);
    await page.locator(stand('Stand A-5, libre')).click();
    await chooseExhibitor(page, 'berkane', ex.berkane);

    // Meanwhile another admin, through the API, gives the same stand to someone else.
    await t.http().post(`/api/v1/stands/${ids['A-5']}/assign`).set(otherAdmin.auth).send({ exhibitorId: ex.arabic }).expect(200);
    await page.locator(button('Attribuer')).click();
    const said = await waitForText(page, 'Le stand A-5 n’est plus disponible');
    expect(said).toContain('un autre exposant l’a obtenu entre-temps');
    expect(said).toContain('Le plan a été actualisé.');
    expect(await page.$eval('[role="alert"]', (el) => (el as HTMLElement).innerText)).toContain('A-5');
    await page.waitForSelector(stand('Stand A-5, attribué à مركز الشرق للاتصال'));
    expect((await t.http().get(`/api/v1/stands/${ids['A-5']}`).set(admin.auth).expect(200)).body.exhibitorId).toBe(ex.arabic);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'conflict');
    await page.close();
  });
});
