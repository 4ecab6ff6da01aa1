import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, Metrics, RequestContext, httpMetricsMiddleware, quietStartUp, requestIdOf, serveMetrics } from '@fairops/core';
import { ApiExceptionFilter } from './api-exception.filter';
import { API_VERSION, DOCS_PAGE_OPTIONS, apiDescription } from './docs-page';
import { finishOpenApiDocument, operationIdOf } from './openapi-contract';
import { checkRequestInput, requireJsonOrMultipart } from './request-input';
import { apiValidationPipe } from './validation';
import { serveWebApp } from './web-app';

export const API_PREFIX = 'api/v1';

/** Every route under /api/v1 but the health probes; also used to build the document without a database (client:generate). */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready'] });
}

/** Options for NestFactory.create: body parsing is set up by configureApi, after the request id. */
export const API_APP_OPTIONS = { bufferLogs: true, abortOnError: false, bodyParser: false } as const;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('FairOps API')
    .setDescription(apiDescription())
    .setVersion(API_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return finishOpenApiDocument(SwaggerModule.createDocument(app, config, { operationIdFactory: operationIdOf }));
}

/**
 * Requests that Node's HTTP parser refuses before any framework code (headers or URL too large, bad
 * request line) still get the common error body.
 */
function answerClientErrorsInShape(app: NestExpressApplication): void {
  const server = app.getHttpServer() as Server;
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    // The client's own request id when the refused bytes carry a sane one, as for any other request.
    const given = /\r\nx-request-id:[ \t]*([^\r\n]*)/i.exec((error as { rawPacket?: Buffer }).rawPacket?.toString('latin1') ?? '')?.[1];
    const requestId = requestIdOf({ headers: { 'x-request-id': given?.trim() } });
    const body = JSON.stringify({
      statusCode: status,
      error: tooLarge ? 'headers_too_large' : 'bad_request',
      message: tooLarge
        ? 'the request line or headers are too large (a URL of at most 16 KiB)'
        : error.code === 'HPE_INVALID_URL'
          ? 'the URL could not be parsed: characters outside ASCII must be percent-encoded (hélène is h%C3%A9l%C3%A8ne; curl -G --data-urlencode q=hélène does it)'
          : 'the request could not be parsed',
      requestId,
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** Prefix, request ids, validation, the error filter and the OpenAPI page: shared by every way the API runs. */
export function configureApi(app: NestExpressApplication): void {
  app.useLogger(quietStartUp(app.get(Logger)));
  const config = app.get<AppConfig>(APP_CONFIG);
  const metrics = app.get(Metrics);
  // First, so that the time of every request is counted; only when metrics are served at all.
  if (metrics.enabled) app.use(httpMetricsMiddleware(metrics));
  app.disable('x-powered-by');
  // Behind a load balancer, req.ip (per-address limits: log-ins, registrations) is the client's only
  // when the balancer is trusted to tell it (TRUST_PROXY); otherwise X-Forwarded-For is ignored.
  app.set('trust proxy', config.trustProxy);
  // No ETag: API answers change with every scan, and hashing each body costs the hot path.
  app.set('etag', false);
  // The request id comes first, so that even a body the parser refuses is answered with it.
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    req.id = requestIdOf(req);
    res.setHeader('x-request-id', req.id);
    RequestContext.run({ requestId: req.id }, next);
  });
  // Helmet's defaults (nosniff, frame and referrer policies, HSTS, a same-origin CSP that the Swagger UI
  // at /docs satisfies: its scripts are its own files, its inline styles are allowed by the default
  // style-src) without upgrade-insecure-requests: desks reach a fair's server over plain HTTP on the
  // local network, where a forced upgrade would break /docs.
  // The web app's QR decoder is WebAssembly ('wasm-unsafe-eval' lets it compile, nothing else), and the
  // desk's camera preview and badge PDFs are blob: URLs.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          upgradeInsecureRequests: null,
          scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          mediaSrc: ["'self'", 'blob:'],
          frameSrc: ["'self'", 'blob:'],
          workerSrc: ["'self'", 'blob:'],
        },
      },
    }),
  );
  app.use(requireJsonOrMultipart);
  // 4 MiB: an offline desk uploads up to 5,000 scans at once. gzip, deflate and br bodies are inflated;
  // any other Content-Encoding answers 415.
  app.useBodyParser('json', { limit: '4mb' });
  // After parsing, before any guard or route: NUL, control characters, depth and prototype keys.
  app.use(checkRequestInput);
  answerClientErrorsInShape(app);
  setApiPrefix(app);
  app.useGlobalPipes(apiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  serveWebApp(app, config.webRoot);
  // Prometheus, on the API port only with METRICS_TOKEN (a bearer token); without it /metrics is not
  // found here (METRICS_PORT serves it on a port of its own, on the loopback by default).
  const token = config.metrics.token;
  if (token) (app.getHttpAdapter().getInstance() as Express).get('/metrics', (req: Request, res: Response) => void serveMetrics(metrics, token, req, res));
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, DOCS_PAGE_OPTIONS);
}
