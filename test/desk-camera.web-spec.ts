import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttendeesService } from '@fairops/attendees';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { HEIGHT, WIDTH, badgeVideo } from './support/fake-camera';
import { LoggedIn, TEST_PASSWORD, makeAttendee, makeLiveEdition, makeUser } from './support/factories';
import { Browser, Page, SCREENSHOT_DIR, WebTestApp, launchBrowser, logInThroughPage, openPage, screenshot, seriousA11yViolations, startWebTestApp, waitForText } from './support/web';

/** The first frame of a YUV4MPEG2 file as a PNG (grey: its Y plane), read back through pngjs. */
function firstFrameAsPng(video: Buffer): PNG {
  const header = video.subarray(0, video.indexOf(0x0a)).toString('latin1');
  const width = Number(/ W(\d+)/.exec(header)![1]);
  const height = Number(/ H(\d+)/.exec(header)![1]);
  const start = video.indexOf('FRAME', header.length) + 'FRAME\n'.length;
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    png.data.fill(video[start + i], i * 4, i * 4 + 3);
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.read(PNG.sync.write(png));
}

/** The page's problems a person would not see: console errors (CSP refusals among them) and uncaught errors. */
function watchProblems(page: Page): { problems: string[]; scans: () => number; wasm: string[] } {
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  return {
    problems,
    scans: () => requests.filter((line) => line.startsWith('POST ') && line.endsWith('/api/v1/checkin/scans')).length,
    get wasm() {
      return requests.filter((line) => line.includes('.wasm')).map((line) => line.slice(line.indexOf(' ') + 1));
    },
  };
}

async function turnCameraOn(page: Page, t: WebTestApp, desk: LoggedIn): Promise<void> {
  await logInThroughPage(page, t.baseUrl, desk.actor.email, TEST_PASSWORD, '/desk');
  await page.locator('::-p-aria([name="Caméra"][role="button"])').click();
}

describe('the desk scans badges with the camera', () => {
  let t: WebTestApp;
  let browser: Browser;
  let desk: LoggedIn;
  let folder: string;
  let code: string;
  let attendeeId: string;

  beforeAll(async () => {
    t = await startWebTestApp();
    desk = await makeUser(t, 'desk');
    const edition = await makeLiveEdition(t);
    const attendee = await makeAttendee(t, edition.id, { firstName: 'Aïcha', lastName: 'Benjelloun' });
    attendeeId = attendee.id;
    code = (await t.get(AttendeesService).credential(attendee.id)).code;
    folder = mkdtempSync(join(tmpdir(), 'desk-camera-'));
    writeFileSync(join(folder, 'badge.y4m'), badgeVideo(code));
    browser = await launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${join(folder, 'badge.y4m')}`]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('films a QR code that another decoder (jsQR) reads as the badge code', async () => {
    const frame = firstFrameAsPng(readFileSync(join(folder, 'badge.y4m')));
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, 'desk-camera-badge-frame.png'), PNG.sync.write(frame));
    expect([frame.width, frame.height]).toEqual([WIDTH, HEIGHT]);
    expect(jsQR(new Uint8ClampedArray(frame.data), frame.width, frame.height)?.data).toBe(code);
  });

  it('decodes the badge held up to the camera: green with the name, checked in once however long it is held', async () => {
    const page = await openPage(browser, { desk: 'desk-1' });
    const watch = watchProblems(page);
    await turnCameraOn(page, t, desk);
    await waitForText(page, /Bienvenue Aïcha Benjelloun/, 20_000);
    const attendee = await t.http().get(`/api/v1/attendees/${attendeeId}`).set(desk.auth).expect(200);
    expect(attendee.body.checkedInToday).toBe(true);

    // The badge stays in front of the camera (the video loops): no second scan, the answer stays green.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(watch.scans()).toBe(1);
    expect(await waitForText(page, 'Caméra active')).toContain('Bienvenue');
    // The decoder came from this server (no CDN), and nothing was refused by the CSP or thrown.
    expect(watch.wasm.length).toBeGreaterThan(0);
    for (const url of watch.wasm) expect(url.startsWith(`${t.baseUrl}/assets/`)).toBe(true);
    expect(watch.problems).toEqual([]);
    expect(await page.$eval('::-p-aria(Image de la caméra)', (video) => (video as HTMLVideoElement).videoWidth)).toBe(WIDTH);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'desk-camera-1280');

    // Leaving the camera off releases it: the stream's tracks end.
    await page.evaluate(() => {
      const stream = document.querySelector('video')!.srcObject as MediaStream;
      (window as unknown as { held: MediaStream }).held = stream;
    });
    await page.locator('::-p-aria([name="Caméra"][role="button"])').click();
    await page.waitForFunction(() => document.querySelector('video') === null);
    expect(await page.evaluate(() => (window as unknown as { held: MediaStream }).held.getTracks().map((track) => track.readyState))).toEqual(['ended']);
    await page.browserContext().close();
  });

  it('shows the same badge again on a phone-width page: amber, already checked in', async () => {
    const page = await openPage(browser, { desk: 'desk-1', width: 390, height: 844 });
    await turnCameraOn(page, t, desk);
    await waitForText(page, /Déjà enregistré à \d\d:\d\d, bureau desk-1 Aïcha Benjelloun/, 20_000);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'desk-camera-390');
    await page.browserContext().close();
  });

  it('says when the code reader cannot load, and scans once it can after "Réessayer"', async () => {
    const page = await openPage(browser, { desk: 'desk-1' });
    // The service worker's own fetches are not the page's requests: with it, the block below would miss them.
    await page.setBypassServiceWorker(true);
    await page.setRequestInterception(true);
    let serverDown = true;
    page.on('request', (request) => void (serverDown && request.url().endsWith('.wasm') ? request.abort() : request.continue()));
    await turnCameraOn(page, t, desk);
    await waitForText(page, 'Le lecteur de codes n’a pas pu se charger.');
    serverDown = false;
    await page.locator('::-p-aria([name="Réessayer"][role="button"])').click();
    await waitForText(page, /Caméra active[\s\S]*(Bienvenue|Déjà enregistré[^A]*) Aïcha Benjelloun/, 20_000);
    await page.browserContext().close();
  });
});

/** Chromium's fake permission prompt answers as told: `accept` (a desk without a camera), or `deny` (a refused camera). */
async function browserWhoseCamera(prompt: 'accept' | 'deny'): Promise<Browser> {
  return launchBrowser(prompt === 'deny' ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream=deny'] : ['--use-fake-ui-for-media-stream']);
}

describe('a desk whose camera cannot scan', () => {
  let t: WebTestApp;
  let desk: LoggedIn;

  beforeAll(async () => {
    t = await startWebTestApp();
    desk = await makeUser(t, 'desk');
  });
  afterAll(() => t?.close());

  it('says in words when the camera is refused, and what to do', async () => {
    const browser = await browserWhoseCamera('deny');
    try {
      const page = await openPage(browser, { desk: 'desk-1', width: 390, height: 844 });
      await turnCameraOn(page, t, desk);
      await waitForText(page, 'L’accès à la caméra a été refusé.');
      expect(await waitForText(page, 'Réessayer')).toMatch(/cadenas.*« Autoriser »/);
      // No black preview where there is no image.
      expect(await page.$('::-p-aria(Image de la caméra)')).toBeNull();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'desk-camera-refused-390');
    } finally {
      await browser.close();
    }
  });

  it('says the camera needs a secure address when the desk opens the server by a plain http name', async () => {
    // The fair's server reached by a name on the local network over http (not localhost): browsers
    // open no camera there. Chromium resolves the name to this test's server.
    const browser = await launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--host-resolver-rules=MAP desk-server.fair 127.0.0.1']);
    try {
      const page = await openPage(browser, { desk: 'desk-1' });
      await logInThroughPage(page, t.baseUrl.replace('127.0.0.1', 'desk-server.fair'), desk.actor.email, TEST_PASSWORD, '/desk');
      await page.locator('::-p-aria([name="Caméra"][role="button"])').click();
      expect(await waitForText(page, 'La caméra ne peut pas s’ouvrir sur cette adresse.')).toContain('https://');
      expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    } finally {
      await browser.close();
    }
  });

  it('says there is no camera, and to use the handheld scanner meanwhile', async () => {
    const browser = await browserWhoseCamera('accept');
    try {
      const page = await openPage(browser, { desk: 'desk-1', language: 'en' });
      await logInThroughPage(page, t.baseUrl, desk.actor.email, TEST_PASSWORD, '/desk');
      await page.locator('::-p-aria([name="Camera"][role="button"])').click();
      expect(await waitForText(page, 'No camera is available on this device.')).toContain('handheld scanner');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'desk-camera-none-1280');
    } finally {
      await browser.close();
    }
  });
});
