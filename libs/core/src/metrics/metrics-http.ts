import { createHash, timingSafeEqual } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics.service';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request carries `Authorization: Bearer <token>`; compared in constant time. */
export function hasMetricsToken(req: Pick<IncomingMessage, 'headers'>, token: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(header.slice(7)), digest(token));
}

function answer(res: ServerResponse, status: number, error: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ statusCode: status, error, message }));
}

/**
 * Answers GET /metrics: the exposition when the bearer token is right (or when no token is configured
 * and this is the metrics port on the loopback), 401 otherwise.
 */
export async function serveMetrics(metrics: Metrics, token: string | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (token && !hasMetricsToken(req, token)) {
    return answer(res, 401, 'unauthenticated', 'metrics need Authorization: Bearer <METRICS_TOKEN>', { 'www-authenticate': 'Bearer realm="metrics"' });
  }
  try {
    const { contentType, body } = await metrics.exposition();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(body);
  } catch (error) {
    answer(res, 500, 'internal_error', `metrics could not be gathered: ${(error as Error).message}`);
  }
}

/**
 * Times each request into `fairops_http_request_duration_seconds`, labelled by the route template
 * Express matched (`/api/v1/attendees/:id`), never the raw path; `unmatched` for requests answered
 * before or without a route (unknown paths, bodies refused at the edge).
 */
export function httpMetricsMiddleware(metrics: Metrics) {
  return (req: IncomingMessage & { route?: { path?: string }; baseUrl?: string }, res: ServerResponse, next: () => void) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = req.route?.path !== undefined ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      metrics.observeHttp(req.method ?? 'GET', route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

/**
 * METRICS_PORT: a listener of its own for /metrics, so that the worker (which has no HTTP API) is
 * scraped too, and the API's metrics need not be reachable where the API is. It listens on
 * METRICS_HOST, 127.0.0.1 by default; beyond the loopback the configuration requires METRICS_TOKEN.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Where it listens, once started. */
  get url(): string | undefined {
    const address = this.server?.address();
    if (!address || typeof address === 'string') return undefined;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}/metrics`;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { port, host, token } = this.config.metrics;
    if (!port) return;
    const server = createServer((req, res) => {
      const path = req.url?.split('?')[0];
      if (req.method !== 'GET' || path !== '/metrics') return answer(res, 404, 'not_found', 'only GET /metrics is served here');
      void serveMetrics(this.metrics, token, req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: Error & { code?: string }) =>
        reject(new Error(error.code === 'EADDRINUSE' ? `METRICS_PORT ${port} is already in use on ${host}: set another METRICS_PORT` : `metrics port: ${error.message}`)),
      );
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.logger.log({ url: this.url }, 'metrics listening');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}
