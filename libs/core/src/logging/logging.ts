import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerService, RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import pretty from 'pino-pretty';
import { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the client's `x-request-id` when it is sane, otherwise a new one. */
export function requestIdOf(req: Pick<IncomingMessage, 'headers'>): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Nest's start-up chatter: a line per module and per route, at info. */
const START_UP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * Nest's logger with its start-up lines moved to debug, so that at the default level a process starts
 * quietly (`npm start`'s banner stays on screen). Everything else passes through unchanged.
 */
export function quietStartUp(logger: LoggerService): LoggerService {
  const contextOf = (params: unknown[]) => params.at(-1);
  return {
    log: (message: unknown, ...params: unknown[]) => {
      const context = contextOf(params);
      if (typeof context === 'string' && START_UP_CONTEXTS.has(context)) logger.debug?.(message, ...params);
      else logger.log(message, ...params);
    },
    error: (message: unknown, ...params: unknown[]) => logger.error(message, ...params),
    warn: (message: unknown, ...params: unknown[]) => logger.warn(message, ...params),
    debug: (message: unknown, ...params: unknown[]) => logger.debug?.(message, ...params),
    verbose: (message: unknown, ...params: unknown[]) => logger.verbose?.(message, ...params),
    fatal: (message: unknown, ...params: unknown[]) => (logger.fatal ?? logger.error).call(logger, message, ...params),
  };
}

/**
 * Coloured one-line logs for a person at a terminal: time, level, what happened, and for a request its
 * method, path, status and time. Written synchronously, so that lines and the start banner (written
 * straight to stdout) appear in the order they happened. The same fields as the JSON lines: nothing
 * personal either way.
 */
export function prettyLogStream(destination: number | NodeJS.WritableStream = 1): DestinationStream {
  return pretty({
    destination,
    sync: true,
    colorize: typeof destination === 'number' ? undefined : false,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req,res,responseTime,requestId',
    messageFormat: '{if context}{context}: {end}{msg}{if req.method} {req.method} {req.path} {res.statusCode} {responseTime} ms{end}',
    singleLine: true,
  });
}

/** Whether log lines are pretty: LOG_FORMAT, or with `auto` whether stdout is a terminal. */
export function logsPretty(config: Pick<AppConfig, 'logFormat'>, stdoutIsTerminal = Boolean(process.stdout.isTTY)): boolean {
  return config.logFormat === 'pretty' || (config.logFormat === 'auto' && stdoutIsTerminal);
}

/**
 * Logs through pino: JSON lines, or pretty ones at a terminal (`logsPretty`). A request's log lines
 * carry its id. Nothing personal is logged: no bodies, no query strings (searches hold names), no
 * authorization header, no client address. `stream` replaces stdout (tests).
 */
export function loggerParams(config: Pick<AppConfig, 'logLevel' | 'logFormat'>, stream?: DestinationStream): Params {
  const logsRequests = ['info', 'debug', 'trace'].includes(config.logLevel);
  const destination = stream ?? (logsPretty(config) ? prettyLogStream() : undefined);
  const options: PinoHttpOptions = {
    level: config.logLevel,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const existing = (req as IncomingMessage & { id?: string }).id;
      const id = existing ?? requestIdOf(req);
      res.setHeader('x-request-id', id);
      return id;
    },
    customProps: (req: IncomingMessage) => ({ requestId: (req as IncomingMessage & { id?: string }).id }),
    serializers: {
      req: (req: { id?: string; method?: string; url?: string }) => ({ id: req.id, method: req.method, path: req.url?.split('?')[0] }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // One line per request at info level; above it, not even the work of preparing one.
    autoLogging: logsRequests ? { ignore: (req: IncomingMessage) => req.url === '/health/live' } : false,
    redact: ['req.headers', 'res.headers'],
  };
  return {
    // Every route, in the path syntax of Express 5 (a bare '*' is the old syntax and warns at start-up).
    // Above info no request is logged, so the per-request logger is not built at all (the scan path is
    // hot); error lines then carry the request id themselves (see ApiExceptionFilter).
    forRoutes: logsRequests ? [{ path: '{*path}', method: RequestMethod.ALL }] : [],
    pinoHttp: destination ? [options, destination] : options,
  };
}
