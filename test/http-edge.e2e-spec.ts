import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { Logger } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
import { TokenService } from '@fairops/core';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeExhibitor, makeLiveEdition, makeUser } from './support/factories';

/** `{"email": [[[ … ]]]}` nested `depth` arrays deep. */
const nested = (depth: number) => `{"email":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}`;
const fieldsOf = (body: unknown) => ((body as { details?: Array<{ field: string }> }).details ?? []).map((d) => d.field);

/**
 * What the HTTP edge refuses before any route sees it (NUL and control characters, deep nesting,
 * prototype keys, broken or unknown compression, non-JSON bodies), and the edge's other duties:
 * security headers, public routes that ignore a bad token, the live stream that checks its inputs first.
 */
describe('the HTTP edge', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let desk: LoggedIn;
  let editionId: string;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp();
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    admin = await makeUser(t, 'admin');
    desk = await makeUser(t, 'desk');
    editionId = (await makeLiveEdition(t)).id;
  });
  afterAll(() => t.close());

  describe('NUL characters (PostgreSQL refuses 0x00)', () => {
    it('refuses a NUL in a body field with 400 naming the field, unauthenticated included', async () => {
      const res = await t.http().post('/api/v1/registrations').send({ firstName: 'A\u0000', lastName: 'B', email: 'a@example.ma' }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'validation_failed', requestId: expect.any(String) });
      expect(res.body.details).toEqual([{ field: 'firstName', reasons: ['must not contain a NUL character'] }]);
      const login = await t.http().post('/api/v1/auth/login').send({ email: 'a\u0000@example.ma', password: 'x' }).expect(400);
      expect(fieldsOf(login.body)).toEqual(['email']);
    });

    it('refuses a NUL in a query parameter with 400 naming it', async () => {
      const res = await t.http().get('/api/v1/exhibitors?q=a%00b').set(admin.auth).expect(400);
      expect(res.body.details).toEqual([{ field: 'q', reasons: ['must not contain a NUL character'] }]);
    });

    it('names the path of a nested field, and checks the hand-written scan body too', async () => {
      const edition = await t.http().post('/api/v1/editions').set(admin.auth).send({ days: [{ date: '2027-04-16\u0000' }] }).expect(400);
      expect(edition.body.details).toEqual([{ field: 'days.0.date', reasons: ['must not contain a NUL character'] }]);
      const scan = await t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code: 'x', deskId: 'desk-1', nonce: randomUUID(), gate: 'Nord\u0000' }).expect(400);
      expect(fieldsOf(scan.body)).toEqual(['gate']);
    });
  });

  describe('nesting', () => {
    it('refuses JSON nested deeper than 32 levels with 400 before validation', async () => {
      const res = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send(nested(1500)).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'too_deeply_nested', requestId: expect.any(String) });
      // The body is level 1, `email` level 2: the 33rd level is the array at email.0.….0 (31 indices).
      expect(res.body.details[0].field).toBe(['email', ...Array(31).fill('0')].join('.'));
      // Within the limit, the request reaches the validation as before.
      const shallow = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send(nested(20)).expect(400);
      expect(shallow.body.error).toBe('validation_failed');
    });
  });

  describe('compressed bodies', () => {
    // Raw bytes through fetch: supertest would serialise a Buffer sent as JSON.
    const login = async (encoding: string, body: string | Buffer) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding },
        body: new Uint8Array(Buffer.from(body)),
      });
      return { status: res.status, body: await res.json() };
    };

    it('answers a gzip or br body that does not decompress with 400', async () => {
      const gzip = await login('gzip', '{"email":"a@example.ma"}');
      expect(gzip).toMatchObject({ status: 400, body: { statusCode: 400, error: 'malformed_body', requestId: expect.any(String) } });
      const br = await login('br', '{}');
      expect(br).toMatchObject({ status: 400, body: { statusCode: 400, error: 'malformed_body' } });
    });

    it('answers an encoding it does not take with 415, and reads good gzip and br bodies', async () => {
      const compress = await login('compress', '{}');
      expect(compress).toMatchObject({ status: 415, body: { statusCode: 415, error: 'unsupported_media_type' } });
      const body = JSON.stringify({ email: 'nobody@example.ma', password: 'wrong password' });
      expect((await login('gzip', gzipSync(body))).status).toBe(401);
      expect((await login('br', brotliCompressSync(body))).status).toBe(401);
    });
  });

  describe('public routes', () => {
    it('treat a bad or expired token as no token', async () => {
      const junk = { Authorization: 'Bearer junk' };
      await t.http().get('/health/ready').set(junk).expect(200);
      await t.http().get('/api/v1/program').set(junk).expect(200);
      // Reaches the validation: the guard let it through as an anonymous caller.
      const res = await t.http().post('/api/v1/registrations').set(junk).send({}).expect(400);
      expect(res.body.error).toBe('validation_failed');
      const old = jwt.sign({ sub: admin.actor.id, role: 'admin', exp: Math.floor(Date.now() / 1000) - 60 }, t.config.jwt.secret, {
        algorithm: 'HS256',
        issuer: t.config.jwt.issuer,
        audience: t.config.jwt.audience,
      });
      await t.http().get('/api/v1/program').set({ Authorization: `Bearer ${old}` }).expect(200);
      // A route that needs a log-in still refuses them.
      await t.http().get('/api/v1/users').set(junk).expect(401);
    });
  });

  describe('the live stream', () => {
    let errors: jest.SpyInstance;
    beforeEach(() => (errors = jest.spyOn(Logger.prototype, 'error')));
    afterEach(() => errors.mockRestore());
    const open = (query: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/checkin/stats/stream?${query}`, { headers: admin.auth, signal: AbortSignal.timeout(5000) });

    it('checks the edition and the day before it opens, like /checkin/stats, and logs nothing', async () => {
      const unknown = await open(`editionId=${randomUUID()}`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ statusCode: 404, error: 'edition_not_found' });
      const badDay = await open(`editionId=${editionId}&day=2026-11-31`);
      expect(badDay.status).toBe(400);
      expect(fieldsOf(await badDay.json())).toEqual(['day']);
      const stats = await t.http().get(`/api/v1/checkin/stats?editionId=${editionId}&day=2026-11-31`).set(admin.auth).expect(400);
      expect(fieldsOf(stats.body)).toEqual(['day']);
      expect(errors).not.toHaveBeenCalled();
    });
  });

  describe('security headers', () => {
    it('sends helmet’s defaults on the API', async () => {
      const res = await t.http().get('/api/v1/editions/current').expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['strict-transport-security']).toBeDefined();
    });

    it('keeps the Swagger UI page working under its content security policy', async () => {
      const page = await t.http().get('/docs/').expect(200);
      const csp = page.headers['content-security-policy'] as string;
      expect(csp).toContain("script-src 'self'");
      // Desks reach a fair's server over plain HTTP on the local network: no forced upgrade to HTTPS.
      expect(csp).not.toContain('upgrade-insecure-requests');
      // Every script and style the page loads is its own, and served.
      const assets = [...page.text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
      expect(assets.length).toBeGreaterThan(0);
      for (const asset of assets) {
        expect(asset).not.toMatch(/^(https?:)?\/\//);
        await t.http().get(new URL(asset, 'http://x/docs/').pathname).expect(200);
      }
      expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    });
  });

  describe('control characters', () => {
    it('refuses ESC and BEL in names with 400 naming the field', async () => {
      const res = await t.http().post('/api/v1/registrations').send({ firstName: 'A\u001b[31m', lastName: 'B\u0007', email: 'a@example.ma' }).expect(400);
      expect(res.body.details).toEqual([
        { field: 'firstName', reasons: ['must not contain control characters'] },
        { field: 'lastName', reasons: ['must not contain control characters'] },
      ]);
    });

    it('refuses a line break in a one-line field, and keeps line breaks and tabs in free text', async () => {
      const exhibitor = await makeExhibitor(t, editionId);
      const name = await t.http().patch(`/api/v1/exhibitors/${exhibitor.id}`).set(admin.auth).send({ name: 'Atlas\nRelation' }).expect(400);
      expect(fieldsOf(name.body)).toEqual(['name']);
      const text = await t.http().patch(`/api/v1/exhibitors/${exhibitor.id}`).set(admin.auth).send({ description: 'Centre de contacts.\n\tOujda' }).expect(200);
      expect(text.body.description).toBe('Centre de contacts.\n\tOujda');
    });
  });

  describe('prototype keys', () => {
    it('refuses __proto__ and constructor by name like any unknown field', async () => {
      const proto = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json')
        .send('{"email":"a@example.ma","password":"x","__proto__":{"role":"admin"}}').expect(400);
      expect(proto.body.details).toEqual([{ field: '__proto__', reasons: ['is not an allowed field'] }]);
      const ctor = await t.http().post('/api/v1/editions').set(admin.auth).set('Content-Type', 'application/json')
        .send('{"days":[{"constructor":{"prototype":{"x":1}}}]}').expect(400);
      expect(ctor.body.details).toEqual([{ field: 'days.0.constructor', reasons: ['is not an allowed field'] }]);
    });
  });

  describe('tokens', () => {
    it('answers a validly signed token whose subject is not a UUID with 401', async () => {
      const token = t.get(TokenService).sign({ sub: 'not-a-uuid', role: 'admin' });
      const res = await t.http().get('/api/v1/users').set({ Authorization: `Bearer ${token}` }).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'invalid_token' });
    });
  });

  describe('content types', () => {
    it('answers a text/plain or multipart body to a JSON route with 415', async () => {
      const text = await t.http().post('/api/v1/auth/login').set('Content-Type', 'text/plain')
        .send(JSON.stringify({ email: 'a@example.ma', password: 'x' })).expect(415);
      expect(text.body).toMatchObject({ statusCode: 415, error: 'unsupported_media_type', requestId: expect.any(String) });
      const multipart = await t.http().post('/api/v1/editions').set(admin.auth).field('name', 'Fair').expect(415);
      expect(multipart.body.error).toBe('unsupported_media_type');
      // An empty POST needs no content type.
      await t.http().post('/api/v1/registrations').expect(400);
    });
  });

  describe('uploaded files', () => {
    /** A multipart upload whose file name is given percent-encoded (RFC 5987), as busboy decodes it. */
    const upload = (route: string, encodedName: string) => {
      const boundary = 'fairops-boundary';
      const body = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodedName}\r\nContent-Type: text/csv\r\n\r\n` +
          `first_name,last_name\r\nNadia,Mansouri\r\n--${boundary}--\r\n`,
      );
      return t.http().post(route).set(admin.auth).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body);
    };

    it('refuses a NUL or control character in the name of an uploaded CSV with 400 naming the file', async () => {
      for (const route of ['/api/v1/attendees/imports', '/api/v1/exhibitors/imports']) {
        const nul = await upload(route, 'inscrits%00.csv').expect(400);
        expect(nul.body).toMatchObject({ statusCode: 400, error: 'validation_failed', details: [{ field: 'file', reasons: ['its name must not contain a NUL character'] }] });
        const bell = await upload(route, 'inscrits%07.csv').expect(400);
        expect(bell.body.details).toEqual([{ field: 'file', reasons: ['its name must not contain control characters'] }]);
      }
      await upload('/api/v1/attendees/imports', 'inscrits%20d%C3%A9cembre.csv').expect(202);
    });
  });

  describe('staff quota rule', () => {
    it('answers edition_not_found for an edition that does not exist', async () => {
      const res = await t.http().put(`/api/v1/editions/${randomUUID()}/staff-quota-rule`).set(admin.auth).send({ base: 2, m2PerBadge: 9 }).expect(404);
      expect(res.body.error).toBe('edition_not_found');
    });
  });
});
