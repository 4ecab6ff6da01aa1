/**
 * Headless Chromium for the browser tests and the web benches: @sparticuz/chromium is a Chromium build
 * shipped inside an npm package, so a fresh machine with only Node runs it. The package's own flags are
 * made for a serverless function (one process, web security off); a desk's browser has neither, so only
 * these are kept (no sandbox: tests run as root).
 */
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser } from 'puppeteer-core';

const CHROMIUM_ARGS = ["--headless='shell'", '--no-sandbox', '--disable-setuid-sandbox', '--no-zygote', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--font-render-hinting=none', '--no-default-browser-check', '--no-pings'];

/** Headless Chromium; `args` adds flags (a fake camera, say). */
export async function launchChromium(args: string[] = []): Promise<Browser> {
  return puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: [...CHROMIUM_ARGS, ...args],
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
  });
}
