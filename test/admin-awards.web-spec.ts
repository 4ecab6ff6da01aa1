import { LoggedIn, makeEdition, makeUser, TEST_PASSWORD } from './support/factories';
import { eventually } from './support/processes';
import { Browser, Page, WebTestApp, launchBrowser, logInThroughPage, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

interface Prize {
  id: string;
  criteria: Array<{ id: string; name: string }>;
  nominees: Array<{ id: string; name: string }>;
  jurorIds: string[];
}

const button = (name: string) => `::-p-aria([name="${name}"][role="button"])`;
/** The button of the open confirmation dialog (the row's button may bear the same words). */
const dialogButton = (name: string) => `dialog[open] ${button(name)}`;

/** Screenshots at the two widths the back-office is looked at, then back to 1440. */
async function shots(page: Page, name: string): Promise<void> {
  for (const width of [1440, 1024]) {
    await page.setViewport({ width, height: 900 });
    await screenshot(page, `admin-awards-${name}-${width}`);
  }
  await page.setViewport({ width: 1440, height: 900 });
}

async function confirmIn(page: Page, name: string): Promise<void> {
  await page.waitForSelector('dialog[open]');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.locator(dialogButton(name)).click();
  await page.waitForSelector('dialog[open]', { hidden: true });
}

describe('the back-office awards: prizes, jury, conflicts, ranking, finalise and publish, audit chain', () => {
  let t: WebTestApp;
  let browser: Browser;
  let admin: LoggedIn;
  let jurors: LoggedIn[];
  let editionId: string;

  const api = () => t.http();
  const getPrize = async (id: string): Promise<Prize> => (await api().get(`/api/v1/awards/prizes/${id}`).set(admin.auth).expect(200)).body;
  const score = (who: LoggedIn, prize: Prize, nomineeId: string, c1: number, c2: number) =>
    api()
      .put(`/api/v1/jury/prizes/${prize.id}/nominees/${nomineeId}/scores`)
      .set(who.auth)
      .send({ scores: [{ criterionId: prize.criteria[0].id, value: c1 }, { criterionId: prize.criteria[1].id, value: c2 }] })
      .expect(200);

  beforeAll(async () => {
    t = await startWebTestApp({ worker: true });
    browser = await launchBrowser();
    admin = await makeUser(t, 'admin');
    jurors = [
      await makeUser(t, 'jury', { organisation: 'Université Mohammed Premier' }),
      await makeUser(t, 'jury'),
      await makeUser(t, 'jury', { organisation: 'Atlas Relation Client SARL' }),
    ];
    editionId = (await makeEdition(t)).id;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates a prize (weights summed live), adds nominees, assigns the jury through the page, confirms the flagged conflict, then finalises and publishes the result', async () => {
    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, `/admin/awards?edition=${editionId}`);
    await waitForText(page, 'Aucun prix pour cette édition');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.locator('::-p-aria(Nom du prix)').fill('Excellence de la relation client');
    await page.locator('::-p-aria(Jurés minimum par nommé)').fill('2');
    await page.locator('::-p-aria(Critère 1)').fill('Qualité de service');
    await page.locator('::-p-aria(Poids du critère 1 \\(%\\))').fill('60');
    await page.locator('::-p-aria(Critère 2)').fill('Innovation');
    await page.locator('::-p-aria(Poids du critère 2 \\(%\\))').fill('30');
    await waitForText(page, 'Total des poids : 90 / 100. Il manque 10.');
    await page.locator(button('Créer le prix')).click();
    await waitForText(page, 'Les poids doivent faire 100 au total (ils font 90).');
    expect((await api().get('/api/v1/awards/prizes').query({ editionId }).set(admin.auth).expect(200)).body.total).toBe(0);
    await page.locator('::-p-aria(Poids du critère 2 \\(%\\))').fill('40');
    await waitForText(page, 'Total des poids : 100 / 100. C’est juste.');
    await shots(page, 'list');
    await page.locator(button('Créer le prix')).click();
    await waitForText(page, 'Aucun nommé pour l’instant.');
    const prizeId = await page.evaluate(() => location.pathname.split('/').pop()!);
    expect(await page.evaluate(() => location.search)).toBe(`?edition=${editionId}`);

    for (const name of ['Atlas Relation Client', 'Berkane Tech Solutions']) {
      await page.locator('::-p-aria(Nom du nommé)').fill(name);
      await page.locator(button('Ajouter le nommé')).click();
      await waitForText(page, `Nommés (${name.startsWith('Atlas') ? 1 : 2})`);
    }

    const organisations = ['Université Mohammed Premier', null, 'Atlas Relation Client SARL'];
    for (const [i, juror] of jurors.entries()) {
      const name = `jury ${juror.actor.email}${organisations[i] ? ` — ${organisations[i]}` : ''}`;
      await page.locator(`::-p-aria([name="${name}"][role="checkbox"])`).click();
    }
    await page.locator(button('Enregistrer le jury')).click();
    await waitForText(page, 'Jury enregistré : 3 jurés.');
    const flagged = await waitForText(page, '1 conflit d’intérêts probable signalé');
    expect(flagged).toContain('Signalé (même organisation)');
    expect((await getPrize(prizeId)).jurorIds.sort()).toEqual(jurors.map((j) => j.actor.id).sort());
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'jury');

    await page.locator(button('Confirmer la récusation')).click();
    await confirmIn(page, 'Confirmer la récusation');
    await waitForText(page, 'Récusé');
    const conflicts = (await api().get(`/api/v1/awards/prizes/${prizeId}/conflicts`).set(admin.auth).expect(200)).body.items;
    expect(conflicts).toEqual([expect.objectContaining({ jurorId: jurors[2].actor.id, status: 'recused' })]);

    // The scores, entered through the API for speed (the jury app has its own browser test).
    const prize = await getPrize(prizeId);
    const [atlas, berkane] = ['Atlas Relation Client', 'Berkane Tech Solutions'].map((name) => prize.nominees.find((n) => n.name === name)!.id);
    await score(jurors[0], prize, atlas, 8, 6); // 7.2
    await score(jurors[0], prize, berkane, 6, 8); // 6.8
    await score(jurors[1], prize, atlas, 7, 7); // 7.0
    await score(jurors[1], prize, berkane, 9, 6); // 7.8
    await score(jurors[2], prize, berkane, 6, 7); // 6.4 (recused from Atlas)

    await waitForText(page, 'Le vote est ouvert jusqu’au');
    await page.locator(button('Clore le vote maintenant')).click();
    await confirmIn(page, 'Clore le vote maintenant');
    const ranking = await waitForText(page, 'Couverture complète');
    expect(ranking).toMatch(/1 Atlas Relation Client 2 7,1 [\d,]+ 2 Berkane Tech Solutions 3 7 [\d,]+/);
    expect(ranking).toContain('Moyenne normalisée');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'ranking');

    await page.locator(button('Finaliser le résultat')).click();
    await confirmIn(page, 'Finaliser le résultat');
    await waitForText(page, 'Lauréat : Atlas Relation Client');
    await waitForText(page, 'Le résultat est scellé');
    await api().get(`/api/v1/awards/results/${prizeId}`).expect(404); // sealed: not public yet

    await page.locator(button('Publier le résultat')).click();
    await page.waitForSelector('dialog[open]');
    expect(await page.$eval('dialog[open]', (d) => (d as HTMLElement).innerText)).toContain('Atlas Relation Client sera annoncé publiquement');
    await confirmIn(page, 'Publier le résultat');
    await waitForText(page, 'Publié le');
    await waitForText(page, 'Télécharger l’attestation (PDF)', 20_000);
    const href = await page.$eval('main a[download]', (a) => (a as HTMLAnchorElement).getAttribute('href'));
    expect(href).toBe(`/api/v1/awards/results/${prizeId}/certificate.pdf`);
    const pdf = await eventually(async () => {
      const res = await api().get(href!).buffer(true);
      return res.status === 200 ? res : undefined;
    }, 15_000, 'the certificate');
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const published = (await api().get(`/api/v1/awards/results/${prizeId}`).expect(200)).body;
    expect(published.winner).toEqual({ nomineeId: atlas, name: 'Atlas Relation Client' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'published');
    await page.close();
  });

  it('asks for the tie decision when the rule cannot separate the first places, and keeps it with the result', async () => {
    const hour = 3600_000;
    const created: Prize = (
      await api()
        .post('/api/v1/awards/prizes')
        .set(admin.auth)
        .send({
          editionId,
          name: 'Prix de l’emploi local',
          scoringOpensAt: new Date(Date.now() - hour).toISOString(),
          scoringClosesAt: new Date(Date.now() + hour).toISOString(),
          minJurorsPerNominee: 2,
          criteria: [{ name: 'Emplois créés', weight: 50 }, { name: 'Formation', weight: 50 }],
        })
        .expect(201)
    ).body;
    const nominee = async (name: string) => (await api().post(`/api/v1/awards/prizes/${created.id}/nominees`).set(admin.auth).send({ name }).expect(201)).body.id as string;
    const [x, y] = [await nominee('Nador Nearshore BPO'), await nominee('Oujda Talents Recrutement')];
    await api().put(`/api/v1/awards/prizes/${created.id}/jurors`).set(admin.auth).send({ jurorIds: [jurors[0].actor.id, jurors[1].actor.id] }).expect(200);
    const prize = await getPrize(created.id);
    await score(jurors[0], prize, x, 8, 8);
    await score(jurors[0], prize, y, 6, 6);
    await score(jurors[1], prize, x, 6, 6);
    await score(jurors[1], prize, y, 8, 8);
    await api().patch(`/api/v1/awards/prizes/${prize.id}`).set(admin.auth).send({ scoringClosesAt: new Date(Date.now() - 1000).toISOString() }).expect(200);

    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, `/admin/awards/${prize.id}?edition=${editionId}`);
    await waitForText(page, 'Égalité à départager');
    await page.locator(button('Finaliser le résultat')).click();
    await waitForText(page, 'Choisissez le lauréat parmi les ex æquo');
    await page.locator('::-p-aria([name="Oujda Talents Recrutement"][role="radio"])').click();
    await page.locator('::-p-aria(Motif de la décision)').fill('vote du jury en délibération');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'tie');
    await page.locator(button('Finaliser le résultat')).click();
    await confirmIn(page, 'Finaliser le résultat');
    await waitForText(page, 'Lauréat : Oujda Talents Recrutement');
    await waitForText(page, 'Égalité tranchée par décision : vote du jury en délibération');
    const sealed = (await api().get(`/api/v1/awards/results/${prize.id}`).set(admin.auth).expect(200)).body;
    expect(sealed.tieDecision).toMatchObject({ winnerNomineeId: y, reason: 'vote du jury en délibération' });
    await page.close();
  });

  it('names who has not scored what, and refuses to finalise in words while coverage is missing', async () => {
    const hour = 3600_000;
    const created: Prize = (
      await api()
        .post('/api/v1/awards/prizes')
        .set(admin.auth)
        .send({
          editionId,
          name: 'Prix de la formation',
          scoringOpensAt: new Date(Date.now() - hour).toISOString(),
          scoringClosesAt: new Date(Date.now() + hour).toISOString(),
          minJurorsPerNominee: 2,
          criteria: [{ name: 'Programme', weight: 70 }, { name: 'Suivi', weight: 30 }],
        })
        .expect(201)
    ).body;
    const nominee = async (name: string) => (await api().post(`/api/v1/awards/prizes/${created.id}/nominees`).set(admin.auth).send({ name }).expect(201)).body.id as string;
    const [x, y] = [await nominee('Rif Cloud Software'), await nominee('Tunis Offshore Services')];
    await api().put(`/api/v1/awards/prizes/${created.id}/jurors`).set(admin.auth).send({ jurorIds: [jurors[0].actor.id, jurors[1].actor.id] }).expect(200);
    const prize = await getPrize(created.id);
    await score(jurors[0], prize, x, 8, 8);
    await score(jurors[0], prize, y, 6, 6);
    await score(jurors[1], prize, x, 7, 7); // juror 2 never scores Tunis Offshore Services
    await api().patch(`/api/v1/awards/prizes/${prize.id}`).set(admin.auth).send({ scoringClosesAt: new Date(Date.now() - 1000).toISOString() }).expect(200);

    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, `/admin/awards/${prize.id}?edition=${editionId}`);
    const gap = await waitForText(page, 'Couverture incomplète');
    expect(gap).toContain(`Tunis Offshore Services — 1 juré(s) sur 2 requis. N’ont pas encore tout noté : jury ${jurors[1].actor.email}`);
    expect(gap).not.toContain('Rif Cloud Software — 1');
    await page.locator(button('Finaliser le résultat')).click();
    await confirmIn(page, 'Finaliser le résultat');
    await waitForText(page, 'Impossible de finaliser : certains nommés n’ont pas reçu assez de notes');
    expect((await getPrize(prize.id)).jurorIds).toHaveLength(2);
    expect((await api().get(`/api/v1/awards/prizes/${prize.id}`).set(admin.auth).expect(200)).body.resultsStatus).toBe('open');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'coverage');
    await page.close();
  });

  it('verifies the audit chain and says in words that it is intact', async () => {
    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, `/admin/awards?edition=${editionId}`);
    await waitForText(page, 'Journal infalsifiable des trophées');
    await page.locator(button('Vérifier la chaîne')).click();
    const text = await waitForText(page, /La chaîne est intacte : \d+ entrées vérifiées, aucune modification détectée\./);
    const entries = (await api().get('/api/v1/awards/audit/verify').set(admin.auth).expect(200)).body.entries as number;
    expect(text).toContain(`${entries} entrées vérifiées`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'audit');
    await page.close();
  });
});
