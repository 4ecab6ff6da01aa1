import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

/** The web app's areas: any path under one of them is the app's page (the app routes it). */
export const WEB_AREAS = ['desk', 'jury', 'admin', 'exhibitor', 'login', 'account'] as const;

/**
 * Serves the built web app (apps/web, `npm run build:web`) from `webRoot`: hashed assets under /assets
 * with a year's immutable cache, `index.html` and the service worker never cached (a new version reaches
 * desks at their next load), and every path of an area falls back to `index.html`. Without a build (an
 * API process deployed alone) `/` leads to the API's docs page, as before.
 */
export function serveWebApp(app: NestExpressApplication, webRoot: string): void {
  const http = app.getHttpAdapter();
  const indexFile = join(webRoot, 'index.html');
  if (!existsSync(indexFile)) {
    http.get('/', (_req, res) => http.redirect(res, 302, '/docs'));
    return;
  }
  const indexHtml = readFileSync(indexFile);
  const sendIndex = (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(indexHtml);
  };
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.use('/assets', express.static(join(webRoot, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  server.use(
    express.static(webRoot, {
      index: false,
      // Files outside /assets keep their names across builds (service worker, icons, manifest).
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  server.get('/', sendIndex);
  for (const area of WEB_AREAS) server.get([`/${area}`, `/${area}/*rest`], sendIndex);
  // A missing asset answers the API's error body rather than the app's page.
  server.use('/assets', (_req: Request, res: Response, _next: NextFunction) => res.status(404).json({ statusCode: 404, error: 'not_found', message: 'no such file' }));
}
