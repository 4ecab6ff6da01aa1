import { PassThrough } from 'node:stream';
import pino from 'pino';
import { logsPretty, loggerParams, prettyLogStream } from './logging';

const readAll = (stream: PassThrough) => new Promise<string>((resolve) => setImmediate(() => resolve(String(stream.read() ?? ''))));

describe('log format', () => {
  it('is pretty at a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
    expect(logsPretty({ logFormat: 'auto' }, true)).toBe(true);
    expect(logsPretty({ logFormat: 'auto' }, false)).toBe(false);
    expect(logsPretty({ logFormat: 'json' }, true)).toBe(false);
    expect(logsPretty({ logFormat: 'pretty' }, false)).toBe(true);
  });

  it('writes a request as one readable line with method, path, status and time, and no query string or header', async () => {
    const out = new PassThrough();
    const params = loggerParams({ logLevel: 'info', logFormat: 'pretty' }, prettyLogStream(out));
    const [options, stream] = params.pinoHttp as [pino.LoggerOptions, pino.DestinationStream];
    const logger = pino(options, stream);
    logger.info(
      { req: { id: 'r-1', method: 'GET', url: '/api/v1/attendees?q=hélène', headers: { authorization: 'Bearer secret' } }, res: { statusCode: 200 }, responseTime: 4, requestId: 'r-1' },
      'request completed',
    );
    const line = await readAll(out);
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request completed GET \/api\/v1\/attendees 200 4 ms\n$/);
    expect(line).not.toContain('hélène');
    expect(line).not.toContain('secret');
  });

  it('writes JSON lines when not pretty', () => {
    const params = loggerParams({ logLevel: 'info', logFormat: 'json' });
    expect(Array.isArray(params.pinoHttp)).toBe(false);
  });
});
