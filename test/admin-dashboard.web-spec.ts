import { randomUUID } from 'node:crypto';
import { Job, Worker } from 'bullmq';
import { AttendeesService } from '@fairops/attendees';
import { JobQueues, configureJobBackend } from '@fairops/core';
import { MessagesRepository } from '@fairops/messages';
import { eventually } from './support/processes';
import { TEST_PASSWORD, LoggedIn, makeAttendee, makeExhibitor, makeLiveEdition, makeUser } from './support/factories';
import { Browser, Page, WebTestApp, launchBrowser, logInThroughPage, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

/** "Entrées le dim. 29 nov. 2026 <n> Personnes venues…": the day's check-in count as the key figure shows it. */
const checkedInToday = (n: number) => new RegExp(`Entrées le \\S+ \\d+ \\S+ \\d{4} ${n} Personnes venues`);

/** Nothing to scroll sideways: the page is no wider than the window. */
/**
 * Whether the page fits the window's width, once the charts have redrawn for it (chart.js resizes on the
 * next animation frame after the window does); otherwise the elements that stick out.
 */
async function fitsTheWidth(page: Page): Promise<true | string[]> {
  const fits = () => document.documentElement.scrollWidth <= document.documentElement.clientWidth;
  if (await page.waitForFunction(fits, { timeout: 3000 }).then(() => true, () => false)) return true;
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 10)
      .map((element) => `${element.tagName}.${(element as HTMLElement).className} ${Math.round(element.getBoundingClientRect().right)}`),
  );
}

describe('the back-office dashboard', () => {
  let t: WebTestApp;
  let browser: Browser;
  let admin: LoggedIn;
  let desk: LoggedIn;
  let editionId: string;
  let codes: string[];
  let worker: Worker;

  beforeAll(async () => {
    t = await startWebTestApp();
    browser = await launchBrowser();
    [admin, desk] = [await makeUser(t, 'admin'), await makeUser(t, 'desk')];
    editionId = (await makeLiveEdition(t)).id;
    const approved = await makeExhibitor(t, editionId, { name: 'Académie des Métiers de la Relation Client', country: 'MA' });
    await makeExhibitor(t, editionId, { name: 'Parole & Service', country: 'FR' });
    await makeExhibitor(t, editionId, { name: 'Oriental Contact Services', country: 'MA' });
    await t.http().post(`/api/v1/exhibitors/${approved.id}/status`).set(admin.auth).send({ status: 'approved' }).expect(200);
    const people = [
      await makeAttendee(t, editionId, { firstName: 'Aïcha', lastName: 'Benali' }),
      await makeAttendee(t, editionId, { firstName: 'Karim', lastName: 'Alaoui' }),
      await makeAttendee(t, editionId, { firstName: 'Nadia', lastName: 'Berrada', category: 'press' }),
    ];
    codes = await Promise.all(people.map(async (person) => (await t.get(AttendeesService).credential(person.id)).code));
    // No FairOps worker runs here: a print job waits in its queue, and this test's own worker fails a probe.
    const queues = t.get(JobQueues);
    await queues.get('badges').add('badges.render', { printJobId: randomUUID() }, { jobId: randomUUID() });
    worker = new Worker(
      'system',
      async (_job: Job) => {
        throw new Error('l’imprimante est débranchée');
      },
      { connection: configureJobBackend(t.config), prefix: t.config.redisPrefix },
    );
    const probe = randomUUID();
    await queues.get('system').add('system.probe', { probeId: randomUUID() }, { jobId: probe, attempts: 1 });
    await eventually(async () => ((await queues.get('system').getJob(probe))?.failedReason ? true : undefined), 20000, 'the probe to fail');
    // An invitation the SMTP server refused for good (what the mail worker records on a 550).
    const invited = (await t.http().post('/api/v1/users/invitations').set(admin.auth).send({ email: 'said.el-fassi@refus.example', displayName: 'Saïd El Fassi', role: 'jury' }).expect(201)).body;
    const message = (await t.http().get('/api/v1/messages').query({ userId: invited.id }).set(admin.auth).expect(200)).body.items[0];
    await t.get(MessagesRepository).recordFailure(message.id, '550 5.1.1 mailbox unavailable', true);
  });
  afterAll(async () => {
    await worker?.close();
    await browser?.close();
    await t?.close();
  });

  const scan = async (code: string, deskId: string) => {
    const answer = await t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code, deskId, nonce: randomUUID(), editionId }).expect(200);
    expect(answer.body.result).toBe('ok');
  };

  it('shows the live check-ins, which update within 2 s of a scan made through the API, with the registrations and exhibitors', async () => {
    await scan(codes[0], 'desk-1');
    const page = await openPage(browser, { width: 1440, height: 900 });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, '/admin/dashboard');
    await waitForText(page, 'En direct');
    const first = await waitForText(page, checkedInToday(1));
    expect(first).toMatch(/Inscrits 3/);
    expect(first).toMatch(/Visiteurs 2 Personnel exposant 0 Intervenants 0 Presse 1/);
    expect(first).toMatch(/3 exposants/);
    expect(first).toContain('Candidature : 2');
    expect(first).toContain('Accepté : 1');
    expect(first).toContain('Impressions de badges en cours : 1');
    expect(first).toMatch(/Système — system\.probe \(échec le .*, après 1 essai\) l’imprimante est débranchée/);
    expect(first).toContain('1 message n’a pas pu être envoyé');
    expect(first).toMatch(/Invitation — Saïd El Fassi <said\.el-fassi@refus\.example> .*Raison : 550 5\.1\.1 mailbox unavailable — Voir l’utilisateur/);

    await scan(codes[1], 'desk-2');
    // The Done-when line: the page shows the new count within 2 s of the scan's answer.
    const after = await waitForText(page, checkedInToday(2), 2000);
    // The charts' tables (what screen readers read) carry the same figures: desk-2 with one check-in.
    expect(after).toMatch(/desk-2 1 1 0/);
    expect(await page.$$eval('main figure canvas', (all) => all.length)).toBeGreaterThanOrEqual(4);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-dashboard-1440');
    await page.setViewport({ width: 1024, height: 800 });
    expect(await fitsTheWidth(page)).toBe(true);
    await screenshot(page, 'admin-dashboard-1024');

    // The message to look at leads to the person it was for.
    await page.locator('::-p-aria([name="Voir l’utilisateur"][role="link"])').click();
    await waitForText(page, 'said.el-fassi@refus.example');
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/users\/[0-9a-f-]{36}$/);
    await page.close();
  });

  it('says when the live connection drops and picks up the figures again once it is back', async () => {
    const page = await openPage(browser, { width: 1024, height: 800, language: 'en' });
    await logInThroughPage(page, t.baseUrl, admin.actor.email, TEST_PASSWORD, '/admin/dashboard');
    await waitForText(page, 'Live');
    // The hall's Wi-Fi drops: the open stream is cut (the server's sockets closed) and new requests fail.
    await page.setOfflineMode(true);
    t.app.getHttpServer().closeAllConnections();
    await waitForText(page, 'Connection lost, trying again…');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-dashboard-reconnecting-1024');
    await page.setOfflineMode(false);
    await waitForText(page, /Live/, 30_000);
    await scan(codes[2], 'desk-1');
    await waitForText(page, /Check-ins on \S+ \S+ \d+, \d{4} 3 People who came/);
    await page.close();
  });
});
