import { LoggedIn, TEST_PASSWORD, makeEdition, makeUser } from './support/factories';
import { Browser, Page, WebTestApp, launchBrowser, logInThroughPage, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

const OTHER = 'Orientaliser l’offshoring : les atouts de la région';

/** Both widths the back-office is looked at, and axe on what is shown. */
async function shootBothWidths(page: Page, name: string): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, `${name}-1440`);
  await page.setViewport({ width: 1024, height: 800 });
  await screenshot(page, `${name}-1024`);
  await page.setViewport({ width: 1440, height: 900 });
}

/** Chooses the option of a <select> named `label` whose text is `text`. */
async function choose(page: Page, label: string, text: string): Promise<void> {
  const select = await page.locator(`::-p-aria(${label})`).waitHandle();
  const value = await select.evaluate((el, wanted) => [...(el as HTMLSelectElement).options].find((o) => o.text === wanted)?.value, text);
  expect(value).toBeDefined();
  await select.select(value!);
}

describe('the back-office: the programme', () => {
  let t: WebTestApp;
  let browser: Browser;
  let admin: LoggedIn;
  let editionId: string;

  beforeAll(async () => {
    t = await startWebTestApp();
    browser = await launchBrowser();
    admin = await makeUser(t, 'admin');
    editionId = (await makeEdition(t)).id;
    const room = async (name: string, capacity: number) => (await t.http().post('/api/v1/rooms').set(admin.auth).send({ editionId, name, capacity }).expect(201)).body.id as string;
    const angad = await room('Salle Angad', 120);
    await room('Salle Oriental', 60);
    await t.http().post('/api/v1/speakers').set(admin.auth).send({ editionId, name: 'Latifa Zerouali', organisation: 'ANAPEC' }).expect(201);
    const panel = await t.http().post('/api/v1/sessions').set(admin.auth).send({ editionId, title: OTHER, language: 'fr', type: 'panel', roomId: angad, startsAt: '2027-04-16T14:00', endsAt: '2027-04-16T15:30' }).expect(201);
    await t.http().post(`/api/v1/sessions/${panel.body.id}/status`).set(admin.auth).send({ status: 'published' }).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the day per room in Oujda time, names a room clash inline before saving and at saving, then saves at a free slot and moves it', async () => {
    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, '/admin/programme?day=2027-04-16');
    const day = await waitForText(page, OTHER);
    expect(day).toContain('14:00–15:30');
    expect(day).toContain('Africa/Casablanca');
    await shootBothWidths(page, 'admin-programme-day');

    await page.locator('::-p-aria([name="Nouvelle session"][role="link"])').click();
    await page.locator('::-p-aria(Titre)').fill('Atelier CV et entretien');
    await choose(page, 'Type', 'Atelier');
    await choose(page, 'Salle', 'Salle Angad');
    await choose(page, 'Début', '14:30');
    await choose(page, 'Fin', '15:00');
    // Asked of the API while filling in: the other session is named, before anything is saved.
    await waitForText(page, `la salle est déjà occupée par « ${OTHER} » (14:00–15:30)`);
    await shootBothWidths(page, 'admin-programme-clash');
    // Saving anyway is refused (409), naming it too.
    await page.locator('::-p-aria([name="Créer la session"][role="button"])').click();
    await waitForText(page, `Non enregistré : la salle est déjà occupée par « ${OTHER} »`);
    expect((await t.http().get('/api/v1/sessions').query({ editionId }).set(admin.auth).expect(200)).body.total).toBe(1);

    await choose(page, 'Début', '16:00');
    await choose(page, 'Fin', '17:00');
    await waitForText(page, 'Aucun conflit');
    await page.locator('::-p-aria([name="Créer la session"][role="button"])').click();
    await waitForText(page, 'Modifier ou déplacer');
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect((await t.http().get(`/api/v1/sessions/${id}`).set(admin.auth).expect(200)).body).toMatchObject({ title: 'Atelier CV et entretien', type: 'workshop', startsAt: '2027-04-16T16:00:00+01:00', room: { name: 'Salle Angad' }, status: 'draft' });

    // Moved to another room and hour, then published.
    await choose(page, 'Salle', 'Salle Oriental');
    await choose(page, 'Début', '10:00');
    await choose(page, 'Fin', '10:45');
    await waitForText(page, 'Aucun conflit');
    await page.locator('::-p-aria([name="Enregistrer (déplacer)"][role="button"])').click();
    await waitForText(page, 'de 10:00 à 10:45');
    await page.locator('::-p-aria([name="Publier"][role="button"])').click();
    await waitForText(page, 'Publiée');
    expect((await t.http().get(`/api/v1/sessions/${id}`).set(admin.auth).expect(200)).body).toMatchObject({ startsAt: '2027-04-16T10:00:00+01:00', endsAt: '2027-04-16T10:45:00+01:00', room: { name: 'Salle Oriental' }, status: 'published' });
    await shootBothWidths(page, 'admin-programme-session');

    await page.locator('::-p-aria([name="← Retour au programme du jour"][role="link"])').click();
    const after = await waitForText(page, '10:00–10:45');
    expect(after).toContain('Atelier CV et entretien');
    expect(after).toContain(OTHER);
    await shootBothWidths(page, 'admin-programme-day-after');

    await page.locator('::-p-aria([name="Intervenants"][role="link"])').click();
    await waitForText(page, 'Latifa Zerouali');
    await page.locator('::-p-aria(Nom)').fill('Karim Benjelloun');
    await page.locator('::-p-aria(Organisation)').fill('Oujda Shore');
    await page.locator('::-p-aria([name="Ajouter"][role="button"])').click();
    await waitForText(page, 'Karim Benjelloun');
    await shootBothWidths(page, 'admin-programme-speakers');
    await page.close();
  });
});
