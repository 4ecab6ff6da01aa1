import request from 'supertest';
import { AttendeesService } from '@fairops/attendees';
import { LoggedIn, TEST_PASSWORD, makeAttendee, makeLiveEdition, makeUser } from './support/factories';
import { Browser, Page, WebTestApp, launchBrowser, logInThroughPage, mainText, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

/**
 * The desk offline (#15): after one online visit the desk loads and scans without network, judging
 * codes on the device (signature, revocations, fair day, its own repeats), keeps the scans in
 * IndexedDB across reloads, uploads them by itself when the network is back, and shows the conflicts.
 */
describe('the desk offline', () => {
  let t: WebTestApp;
  let browser: Browser;
  let desk: LoggedIn;
  let admin: LoggedIn;
  let editionId: string;
  const credential = async (id: string) => (await t.get(AttendeesService).credential(id)).code;
  const reissue = (id: string) => request(t.baseUrl).post(`/api/v1/attendees/${id}/reissue`).set(admin.auth).send({ reason: 'lost' }).expect(200);

  beforeAll(async () => {
    t = await startWebTestApp();
    browser = await launchBrowser();
    [desk, admin] = await Promise.all([makeUser(t, 'desk'), makeUser(t, 'admin')]);
    editionId = (await makeLiveEdition(t)).id;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The page and its service worker lose (or regain) the network, as a tablet whose Wi-Fi drops. */
  async function setDeviceOffline(page: Page, offline: boolean): Promise<void> {
    await page.setOfflineMode(offline);
    for (const target of page.browserContext().targets().filter((x) => x.type() === 'service_worker')) {
      const session = await target.createCDPSession();
      await session.send('Network.enable');
      await session.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    }
  }

  /** How many scans wait in the device's IndexedDB queue (read as the page would). */
  async function queuedOnDevice(page: Page): Promise<number> {
    await page.evaluate(() => {
      (window as unknown as { queuedOnDevice: () => Promise<number> }).queuedOnDevice = () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('fairops-desk');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('queue').objectStore('queue').count();
            count.onsuccess = () => {
              open.result.close();
              resolve(count.result);
            };
          };
        });
    });
    return page.evaluate(() => (window as unknown as { queuedOnDevice: () => Promise<number> }).queuedOnDevice());
  }

  /** Logs the desk in online and waits until the device holds the keys, the fair days and the page's files. */
  async function deskReadyOnline(page: Page): Promise<void> {
    await logInThroughPage(page, t.baseUrl, desk.actor.email, TEST_PASSWORD, '/desk');
    await page.waitForFunction(() => location.pathname === '/desk' && navigator.serviceWorker.controller !== null);
    await page.waitForFunction(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('fairops-desk');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const edition = await new Promise((resolve) => {
        const get = db.transaction('meta').objectStore('meta').get('edition');
        get.onsuccess = () => resolve(get.result);
      });
      db.close();
      const cache = await caches.open('fairops-app-v1');
      const kept = (await cache.keys()).map((r) => new URL(r.url).pathname);
      return Boolean(edition) && kept.includes('/index.html') && kept.some((path) => /^\/assets\/DeskApp-.*\.js$/.test(path));
    }, { timeout: 15_000 });
  }

  it('serves the service worker as JavaScript, uncached, at the root scope', async () => {
    const sw = await request(t.baseUrl).get('/sw.js').expect(200);
    expect(sw.headers['content-type']).toMatch(/javascript/);
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.text).toContain("url.pathname.startsWith('/api/')");
  });

  /** Waits for the offline status with `waiting` scans and, below it, the answer `expected`. */
  async function scanOffline(page: Page, code: string, waiting: number, expected: string): Promise<string> {
    await page.locator('::-p-aria(Code du badge)').fill(code);
    await page.keyboard.press('Enter');
    return waitForText(page, new RegExp(`Hors ligne — ${waiting} scans? en attente[\\s\\S]*${expected}`));
  }

  const casablancaTime = (at: Date) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Africa/Casablanca', hour: '2-digit', minute: '2-digit' }).format(at);

  it('scans offline with local answers, keeps the queue across reloads, uploads it when back and shows the conflict', async () => {
    const [a, revokedBefore, repeat, revokedAfter] = await Promise.all([
      makeAttendee(t, editionId, { firstName: 'Aïcha', lastName: 'Benali', organisation: 'Atlas Relation Client' }),
      makeAttendee(t, editionId, { firstName: 'Youssef', lastName: 'Amrani' }),
      makeAttendee(t, editionId, { firstName: 'Salma', lastName: 'El Idrissi', category: 'press' }),
      makeAttendee(t, editionId, { firstName: 'رشيد', lastName: 'الوزاني' }),
    ]);
    const [codeA, oldCodeB, codeRepeat, oldCodeE] = await Promise.all([a, revokedBefore, repeat, revokedAfter].map((x) => credential(x.id)));
    await reissue(revokedBefore.id); // before the device's refresh: it knows
    const page = await openPage(browser, { desk: 'desk-1' });
    await deskReadyOnline(page);

    await setDeviceOffline(page, true);
    await reissue(revokedAfter.id); // after the device's last refresh: it cannot know
    // The page itself loads without network, from the service worker (whose own network is off too).
    const worker = await page.browserContext().targets().find((x) => x.type() === 'service_worker')!.worker();
    expect(await worker!.evaluate(() => fetch('/login').then(() => 'reached', () => 'failed'))).toBe('failed');
    await page.reload({ waitUntil: 'networkidle0' });
    await waitForText(page, 'Hors ligne — 0 scan en attente');

    await scanOffline(page, codeA, 1, 'Bienvenue Visiteur Décidé sur cet appareil');
    await scanOffline(page, oldCodeB, 2, 'Entrée refusée Badge révoqué');
    await scanOffline(page, oldCodeE, 3, 'Bienvenue');
    await scanOffline(page, codeRepeat, 4, 'Bienvenue Presse');
    const amber = await scanOffline(page, codeRepeat, 5, 'Déjà enregistré à \\d\\d:\\d\\d, bureau desk-1');
    const firstTime = /Déjà enregistré à (\d\d:\d\d)/.exec(amber)![1];
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'desk-offline-1280');
    await page.setViewport({ width: 390, height: 844 });
    await screenshot(page, 'desk-offline-390');

    // A reload without network keeps every waiting scan; nothing has reached the server.
    await page.reload({ waitUntil: 'networkidle0' });
    await waitForText(page, 'Hors ligne — 5 scans en attente');
    const ids = [a, revokedBefore, repeat, revokedAfter].map((x) => x.id);
    const [{ n: before }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM scans WHERE attendee_id = ANY($1)`, [ids]);
    expect(before).toBe(0);

    // Back online: the batch goes up by itself and the scan the server refuses is shown in words.
    await setDeviceOffline(page, false);
    const shown = await waitForText(page, /Scans refusés par le serveur après l’envoi[\s\S]*رشيد الوزاني, scanné à \d\d:\d\d : badge révoqué/, 20_000);
    expect(shown).not.toMatch(/Youssef|Salma|Aïcha/); // refused here too, or accepted by the server: no conflict
    expect(shown).not.toMatch(/en attente|à envoyer/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'desk-offline-conflict-390');
    await page.setViewport({ width: 1280, height: 800 });
    await screenshot(page, 'desk-offline-conflict-1280');

    // The server holds exactly the right check-ins, at the first offline scan's time.
    const checkins = await t.dataSource.query(`SELECT attendee_id, checked_in_at, desk_id FROM checkins WHERE edition_id = $1 ORDER BY checked_in_at`, [editionId]);
    expect(checkins.map((c: { attendee_id: string }) => c.attendee_id)).toEqual([a.id, repeat.id]);
    expect(checkins.every((c: { desk_id: string }) => c.desk_id === 'desk-1')).toBe(true);
    expect(casablancaTime(checkins[1].checked_in_at)).toBe(firstTime);
    const scans = await t.dataSource.query(`SELECT attendee_id, result, offline FROM scans WHERE attendee_id = ANY($1) ORDER BY scanned_at`, [ids]);
    const resultsOf = (id: string) => scans.filter((s: { attendee_id: string }) => s.attendee_id === id).map((s: { result: string }) => s.result);
    expect(resultsOf(a.id)).toEqual(['ok']);
    expect(resultsOf(revokedBefore.id)).toEqual(['revoked']);
    expect(resultsOf(revokedAfter.id)).toEqual(['revoked']);
    // The scans of one badge in a batch are judged in the batch's order: the first admits, the repeat does not.
    expect(resultsOf(repeat.id)).toEqual(['ok', 'already_checked_in']);
    expect(scans.every((s: { offline: boolean }) => s.offline)).toBe(true);
    const conflicts = await request(t.baseUrl).get('/api/v1/checkin/conflicts').query({ editionId }).set(admin.auth).expect(200);
    const listed = conflicts.body.items.map((c: { attendeeId: string; result: string; deskAnswer: string | null }) => [c.attendeeId, c.deskAnswer, c.result]);
    expect(listed).toContainEqual([revokedAfter.id, 'ok', 'revoked']);
    // The badge the device itself turned away (it knew of the revocation) is no conflict: desk and server agree.
    expect(listed.filter(([id]: [string]) => id === revokedBefore.id)).toEqual([]);

    // Once read, the conflict leaves the device.
    const time = /scanné à (\d\d:\d\d)/.exec(shown)![1];
    await page.locator(`::-p-aria(Marquer comme vu\u00a0: رشيد الوزاني, ${time})`).click();
    await page.waitForFunction(() => !document.querySelector('main')!.textContent!.includes('Scans refusés'));
    await page.close();
  });

  it('keeps scanning offline on a session that ran out, and uploads only after the agent logs in again', async () => {
    const late = await makeAttendee(t, editionId, { firstName: 'Nadia', lastName: 'Berrada' });
    const code = await credential(late.id);
    const page = await openPage(browser, { desk: 'desk-1', width: 390, height: 844 });
    await deskReadyOnline(page);
    await setDeviceOffline(page, true);
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('fairops.session')!);
      localStorage.setItem('fairops.session', JSON.stringify({ ...session, expiresAt: Date.now() - 1000 }));
    });
    await page.reload({ waitUntil: 'networkidle0' });
    await scanOffline(page, code, 1, 'Bienvenue');

    await setDeviceOffline(page, false);
    await waitForText(page, 'Votre session a expiré');
    expect(await queuedOnDevice(page)).toBe(1);
    const [{ n: none }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM scans WHERE attendee_id = $1`, [late.id]);
    expect(none).toBe(0);
    await page.locator('::-p-aria([name="Se reconnecter"][role="link"])').click();
    await page.waitForFunction(() => location.pathname === '/login');
    await page.locator('::-p-aria(Adresse e-mail)').fill(desk.actor.email);
    await page.locator('::-p-aria(Mot de passe)').fill(TEST_PASSWORD);
    await page.locator('::-p-aria([name="Se connecter"][role="button"])').click();
    await page.waitForFunction(() => location.pathname === '/desk');
    await page.waitForFunction(async () => (await (window as unknown as { queuedOnDevice: () => Promise<number> }).queuedOnDevice()) === 0, { timeout: 20_000 });
    const rows = await t.dataSource.query(`SELECT result, offline FROM scans WHERE attendee_id = $1`, [late.id]);
    expect(rows).toEqual([{ result: 'ok', offline: true }]);
    expect(await mainText(page)).not.toMatch(/Scans refusés|en attente|à envoyer/);
    await page.close();
  });

  it('keeps the queue when the server refuses the upload as a whole, says so, and sends it at the next round', async () => {
    const person = await makeAttendee(t, editionId, { firstName: 'Omar', lastName: 'Tazi' });
    const code = await credential(person.id);
    const page = await openPage(browser, { desk: 'desk-1' });
    await deskReadyOnline(page);
    await setDeviceOffline(page, true);
    await scanOffline(page, code, 1, 'Bienvenue');
    // The API is back but answers the batch with a 503 (a deploy in progress, say).
    await page.setRequestInterception(true);
    const refuse = (req: import('puppeteer-core').HTTPRequest) =>
      req.url().endsWith('/api/v1/checkin/scans/batch')
        ? req.respond({ status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, error: 'unavailable', message: 'try again', requestId: 'req-42' }) })
        : req.continue();
    page.on('request', refuse);
    await setDeviceOffline(page, false);
    await waitForText(page, /Envoi refusé \(Erreur du serveur[^)]*req-42[^)]*\)\s?: le scan reste sur l’appareil/, 20_000);
    expect(await queuedOnDevice(page)).toBe(1);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM scans WHERE attendee_id = $1`, [person.id]);
    expect(n).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    page.off('request', refuse);
    await page.setRequestInterception(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForFunction(async () => (await (window as unknown as { queuedOnDevice: () => Promise<number> }).queuedOnDevice()) === 0, { timeout: 20_000 });
    expect(await t.dataSource.query(`SELECT result FROM scans WHERE attendee_id = $1`, [person.id])).toEqual([{ result: 'ok' }]);
    await page.waitForFunction(() => !document.querySelector('main')!.textContent!.includes('Envoi refusé'));
    await page.close();
  });
});
