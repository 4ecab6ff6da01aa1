import { LoggedIn, TEST_PASSWORD, makeEdition, makeUser } from './support/factories';
import { eventually } from './support/processes';
import { Browser, Page, WebTestApp, launchBrowser, logInThroughPage, mainText, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

interface Prize {
  id: string;
  criteria: Array<{ id: string; name: string }>;
}

const CRITERIA = ['Qualité de service', 'Innovation'];
const NOMINEES = ['Atlas Relation Client', 'Berkane Tech Solutions', 'Nador Nearshore BPO'];
// Juror 1's scores: values no other text of the page contains, so that juror 2's page can be searched for them.
const J1_SCORES: Record<string, [string, string]> = {
  'Atlas Relation Client': ['8.5', '6.5'],
  'Berkane Tech Solutions': ['7.5', '9.5'],
  'Nador Nearshore BPO': ['4.5', '3.5'],
};

const label = (criterion: string, nominee: string) => `${criterion} — ${nominee}`;

/** The page is no wider than the screen: nothing to scroll sideways. */
async function fitsTheWidth(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
}

/** The accessible label of the focused element (aria-label or its <label>'s text). */
async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return '';
    return (el.getAttribute('aria-label') ?? el.labels?.[0]?.innerText ?? el.innerText ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Scores one nominee from the keyboard: from the focused field, types each value, then Tab to the next score field. */
async function typeScores(page: Page, nominee: string, values: [string, string]): Promise<void> {
  for (const [i, criterion] of CRITERIA.entries()) {
    let tabs = 0;
    while ((await focusedLabel(page)) !== label(criterion, nominee)) {
      expect(tabs++).toBeLessThan(8); // natural Tab order: the next score field is a few stops away at most
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(values[i]);
  }
}

describe('the jury app: scoring a prize in the browser', () => {
  let t: WebTestApp;
  let browser: Browser;
  let admin: LoggedIn;
  let j1: LoggedIn;
  let j2: LoggedIn;
  let prize: Prize;
  let nominees: Record<string, string>;
  let prizeEdition: string;

  beforeAll(async () => {
    t = await startWebTestApp();
    browser = await launchBrowser();
    admin = await makeUser(t, 'admin');
    [j1, j2] = [await makeUser(t, 'jury'), await makeUser(t, 'jury')];
    const edition = await makeEdition(t);
    prizeEdition = edition.id;
    const day = 24 * 3600_000;
    prize = (
      await t
        .http()
        .post('/api/v1/awards/prizes')
        .set(admin.auth)
        .send({
          editionId: edition.id,
          name: 'Prix de l’innovation offshore',
          description: 'Récompense une entreprise du parc pour un service nouveau.',
          scoringOpensAt: new Date(Date.now() - day).toISOString(),
          scoringClosesAt: new Date(Date.now() + 3 * day).toISOString(),
          minJurorsPerNominee: 2,
          criteria: [
            { name: CRITERIA[0], weight: 60, description: 'Accueil, délais de réponse, satisfaction des clients.' },
            { name: CRITERIA[1], weight: 40, description: 'Nouveauté du service et de ses outils.' },
          ],
        })
        .expect(201)
    ).body;
    nominees = {};
    for (const name of NOMINEES) {
      const dossier = `${name} : centre de relation client, 120 conseillers, ouvert en 2019 à Oujda.`;
      nominees[name] = (await t.http().post(`/api/v1/awards/prizes/${prize.id}/nominees`).set(admin.auth).send({ name, dossier }).expect(201)).body.id;
    }
    await t.http().put(`/api/v1/awards/prizes/${prize.id}/jurors`).set(admin.auth).send({ jurorIds: [j1.actor.id, j2.actor.id] }).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets a juror score every nominee from the keyboard, saves drafts, submits after a confirmation, then locks the ballot in the page and in the API', async () => {
    const page = await openPage(browser);
    await logInThroughPage(page, t.baseUrl, j1.actor.email, TEST_PASSWORD, '/jury');
    const list = await waitForText(page, 'Prix de l’innovation offshore');
    expect(list).toContain('0 / 3');
    expect(list).toMatch(/heure d’Oujda \(Africa\/Casablanca\)/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'jury-prizes-1280');

    // A second device of the same juror, opened before the submission: it will meet the API's 409.
    const stale = await openPage(browser);
    await logInThroughPage(stale, t.baseUrl, j1.actor.email, TEST_PASSWORD, `/jury/prizes/${prize.id}`);
    await waitForText(stale, 'Atlas Relation Client');

    await page.locator('::-p-aria([name="Noter : Prix de l’innovation offshore"][role="link"])').click();
    const scoring = await waitForText(page, 'Échelle');
    expect(scoring).toContain('Accueil, délais de réponse, satisfaction des clients.');
    expect(scoring).toContain('60 %');
    expect(scoring).toContain('Atlas Relation Client : centre de relation client');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.locator(`::-p-aria(${label(CRITERIA[0], NOMINEES[0])})`).click();
    for (const name of NOMINEES) await typeScores(page, name, J1_SCORES[name]);
    await page.keyboard.press('Tab');
    await page.waitForFunction((n) => document.querySelectorAll('[data-save="saved"]').length === n, { timeout: 10_000 }, NOMINEES.length);
    await waitForText(page, '3 / 3');
    const saved = (await t.http().get(`/api/v1/jury/prizes/${prize.id}/nominees/${nominees['Berkane Tech Solutions']}/scores`).set(j1.auth).expect(200)).body;
    expect(saved.scores.map((s: { value: number }) => s.value).sort()).toEqual([7.5, 9.5]);
    await screenshot(page, 'jury-scoring-1280');
    await page.setViewport({ width: 390, height: 844 });
    const narrow = await fitsTheWidth(page);
    expect(narrow.scrollWidth).toBeLessThanOrEqual(narrow.clientWidth);
    await screenshot(page, 'jury-scoring-390');
    await page.setViewport({ width: 1280, height: 800 });

    // An off-scale value is refused in words naming the criterion, before any request.
    const field = page.locator(`::-p-aria(${label(CRITERIA[1], NOMINEES[2])})`);
    await field.fill('12');
    await waitForText(page, 'Innovation : la note doit être de 0 à 10, par pas de 0,5');
    await field.fill('3.5');
    await page.waitForFunction((n) => document.querySelectorAll('[data-save="saved"]').length === n, { timeout: 10_000 }, NOMINEES.length);

    await page.locator('::-p-aria([name="Soumettre mon bulletin"][role="button"])').click();
    await page.waitForSelector('dialog[open]');
    const dialog = await page.$eval('dialog[open]', (d) => ({ text: (d as HTMLElement).innerText, focusInside: d.contains(document.activeElement) }));
    expect(dialog.focusInside).toBe(true);
    expect(dialog.text).toMatch(/verrouill/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewport({ width: 390, height: 844 });
    await screenshot(page, 'jury-confirm-390');
    await page.setViewport({ width: 1280, height: 800 });
    await page.locator('::-p-aria([name="Soumettre définitivement"][role="button"])').click();
    const submitted = await waitForText(page, /Bulletin soumis le .*\d{4}/);
    expect(submitted).toContain('heure d’Oujda');
    const inputs = await page.$$eval('main input[inputmode="decimal"]', (all) => all.map((i) => (i as HTMLInputElement).readOnly || (i as HTMLInputElement).disabled));
    expect(inputs).toHaveLength(NOMINEES.length * CRITERIA.length);
    expect(inputs.every(Boolean)).toBe(true);
    await screenshot(page, 'jury-submitted-1280');
    await page.setViewport({ width: 390, height: 844 });
    await screenshot(page, 'jury-submitted-390');

    // Locked in the API too, and the page of the juror's other device says so in words.
    const locked = await t
      .http()
      .put(`/api/v1/jury/prizes/${prize.id}/nominees/${nominees['Atlas Relation Client']}/scores`)
      .set(j1.auth)
      .send({ scores: [{ criterionId: prize.criteria[0].id, value: 2 }] })
      .expect(409);
    expect(locked.body.error).toBe('ballot_locked');
    await stale.locator(`::-p-aria(${label(CRITERIA[0], NOMINEES[0])})`).fill('2');
    await waitForText(stale, 'Votre bulletin est déjà soumis et verrouillé');
    const after = (await t.http().get(`/api/v1/jury/prizes/${prize.id}/nominees/${nominees['Atlas Relation Client']}/scores`).set(j1.auth).expect(200)).body;
    expect(after.scores.find((s: { criterionId: string }) => s.criterionId === prize.criteria[0].id).value).toBe(8.5);
    await stale.close();

    await page.goto(`${t.baseUrl}/jury`, { waitUntil: 'networkidle0' });
    const back = await waitForText(page, 'Bulletin soumis');
    expect(back).toContain('3 / 3');
    await page.close();
  });

  it('never shows a juror another juror’s scores; a declared conflict shows the nominee as recused; fits a phone', async () => {
    const page = await openPage(browser, { width: 390, height: 844 });
    await logInThroughPage(page, t.baseUrl, j2.actor.email, TEST_PASSWORD, '/jury');
    expect(await waitForText(page, 'Prix de l’innovation offshore')).toContain('0 / 3');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const list = await fitsTheWidth(page);
    expect(list.scrollWidth).toBeLessThanOrEqual(list.clientWidth);
    await screenshot(page, 'jury-prizes-390');

    await page.locator('::-p-aria([name="Noter : Prix de l’innovation offshore"][role="link"])').click();
    await waitForText(page, 'Échelle');
    await page.waitForFunction(() => document.querySelectorAll('[data-save="idle"]').length === 3);
    const values = await page.$$eval('main input[inputmode="decimal"]', (all) => all.map((i) => (i as HTMLInputElement).value));
    expect(values).toEqual(['', '', '', '', '', '']);
    const text = await page.evaluate(() => document.body.innerText);
    for (const value of Object.values(J1_SCORES).flat()) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(value.replace('.', ','));
    }
    const fits = await fitsTheWidth(page);
    expect(fits.scrollWidth).toBeLessThanOrEqual(fits.clientWidth);

    await page.locator('::-p-aria([name="Déclarer un conflit d’intérêts avec Nador Nearshore BPO"])').click();
    await page.locator('::-p-aria(Motif du conflit)').fill('professional');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'jury-conflict-390');
    await page.locator('::-p-aria([name="Confirmer le conflit"][role="button"])').click();
    await waitForText(page, 'Vous êtes récusé·e pour ce candidat');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Vous êtes récusé·e'); // focus follows the form that went away
    expect(await page.$$('main input[inputmode="decimal"]')).toHaveLength(4);
    await waitForText(page, '0 / 2');
    const mine = (await t.http().get(`/api/v1/jury/prizes/${prize.id}`).set(j2.auth).expect(200)).body;
    expect(mine.nominees.find((n: { name: string }) => n.name === 'Nador Nearshore BPO').recused).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await mainText(page)).not.toContain('Bulletin soumis');

    // A score typed just before going back to the list (the browser's back button, no blur) is still saved.
    await page.locator(`::-p-aria(${label(CRITERIA[1], NOMINEES[0])})`).fill('5');
    await page.goBack();
    await waitForText(page, 'Mes prix à noter');
    const kept = await eventually(async () => {
      const scores = (await t.http().get(`/api/v1/jury/prizes/${prize.id}/nominees/${nominees['Atlas Relation Client']}/scores`).set(j2.auth).expect(200)).body.scores;
      return scores.length ? scores : undefined;
    }, 5000, 'the draft saved on leaving');
    expect(kept).toEqual([{ criterionId: prize.criteria[1].id, value: 5 }]);

    // Reloading (or closing) while a draft waits: the browser asks first, and the draft is saved meanwhile.
    await page.locator('::-p-aria([name="Noter : Prix de l’innovation offshore"][role="link"])').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-save="loading"]').length === 0 && document.querySelector('main input') !== null);
    await page.locator(`::-p-aria(${label(CRITERIA[1], NOMINEES[1])})`).click();
    await page.keyboard.type('6');
    const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.type()))));
    void page.reload().catch(() => undefined);
    expect(await asked).toBe('beforeunload');
    const berkane = await eventually(async () => {
      const scores = (await t.http().get(`/api/v1/jury/prizes/${prize.id}/nominees/${nominees['Berkane Tech Solutions']}/scores`).set(j2.auth).expect(200)).body.scores;
      return scores.length ? scores : undefined;
    }, 5000, 'the draft saved when the page was about to go');
    expect(berkane).toEqual([{ criterionId: prize.criteria[1].id, value: 6 }]);
    await page.close();
  });
  it('shows a prize’s result to its jurors only once it is published, never the sealed one before', async () => {
    const closedPrize = async (name: string, winner: string) => {
      const hour = 3600_000;
      const made = (
        await t
          .http()
          .post('/api/v1/awards/prizes')
          .set(admin.auth)
          .send({ name, editionId: prizeEdition, scoringOpensAt: new Date(Date.now() - hour).toISOString(), scoringClosesAt: new Date(Date.now() + hour).toISOString(), minJurorsPerNominee: 1, criteria: [{ name: 'Impact', weight: 100 }] })
          .expect(201)
      ).body as Prize;
      const nominee = (await t.http().post(`/api/v1/awards/prizes/${made.id}/nominees`).set(admin.auth).send({ name: winner }).expect(201)).body.id;
      await t.http().put(`/api/v1/awards/prizes/${made.id}/jurors`).set(admin.auth).send({ jurorIds: [j2.actor.id] }).expect(200);
      await t.http().put(`/api/v1/jury/prizes/${made.id}/nominees/${nominee}/scores`).set(j2.auth).send({ scores: [{ criterionId: made.criteria[0].id, value: 9 }] }).expect(200);
      await t.http().patch(`/api/v1/awards/prizes/${made.id}`).set(admin.auth).send({ scoringClosesAt: new Date(Date.now() - 1000).toISOString() }).expect(200);
      await t.http().post(`/api/v1/awards/prizes/${made.id}/finalise`).set(admin.auth).send({}).expect(200);
      return made;
    };
    const published = await closedPrize('Prix de l’emploi local', 'Oujda Talents Recrutement');
    await t.http().post(`/api/v1/awards/prizes/${published.id}/publish`).set(admin.auth).expect(200);
    await closedPrize('Prix de la formation', 'Académie des Métiers de la Relation Client');

    const page = await openPage(browser);
    await logInThroughPage(page, t.baseUrl, j2.actor.email, TEST_PASSWORD, '/jury');
    const list = await waitForText(page, 'Résultat publié — lauréat : Oujda Talents Recrutement');
    expect(list).toContain('Prix de la formation');
    expect(list.match(/Résultat publié/g)).toHaveLength(1);
    expect(list).not.toContain('Académie des Métiers');
    expect(list).toContain('Notation close');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('::-p-aria([name="Voir : Prix de l’emploi local"][role="link"])').click();
    const detail = await waitForText(page, 'La période de notation est close');
    expect(detail).toContain('Résultat publié — lauréat : Oujda Talents Recrutement');
    expect(await page.$$eval('main input[inputmode="decimal"]', (all) => all.map((i) => (i as HTMLInputElement).readOnly))).toEqual([true]);
    await page.close();
  });
  it('speaks English when asked: the same prize, progress, deadline and locked ballot', async () => {
    const page = await openPage(browser, { language: 'en' });
    await logInThroughPage(page, t.baseUrl, j1.actor.email, TEST_PASSWORD, '/jury');
    const list = await waitForText(page, 'Ballot submitted');
    expect(list).toContain('My prizes to score');
    expect(list).toContain('3 / 3 nominees scored');
    expect(list).toMatch(/Scoring closes: .*, Oujda time \(Africa\/Casablanca\)/);
    await page.locator('::-p-aria([name="View: Prix de l’innovation offshore"][role="link"])').click();
    const detail = await waitForText(page, /Ballot submitted on .*Oujda time/);
    expect(detail).toContain('Scale: from 0 to 10, in steps of 0.5');
    expect(detail).not.toContain('Submit my ballot');
    await page.close();
  });
});
