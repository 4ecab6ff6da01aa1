import { TestApp, checkedHttp, startTestApp } from './support/test-app';
import { LoggedIn, makeEdition, makeUser } from './support/factories';
import { OpenApiDocument, contractChecker } from './support/contract-check';

/** The harness that checks every response against /docs-json catches what it is there to catch. */
describe('contract check: every response a test receives is checked against the OpenAPI document', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let editionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makeUser(t, 'admin');
    editionId = (await makeEdition(t)).id;
  });
  afterAll(() => t.close());

  it('fails the request whose response has a field the document does not describe', async () => {
    // The served document, with one field of EditionDto taken out: the real answer now has one field too many.
    const doc = JSON.parse(JSON.stringify(t.document)) as OpenApiDocument & { components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> } };
    const edition = doc.components.schemas.EditionDto;
    delete edition.properties.city;
    edition.required = edition.required?.filter((p) => p !== 'city');
    const http = checkedHttp(t.app.getHttpServer(), doc, { deliberate: true });
    await expect(http().get(`/api/v1/editions/${editionId}`).set(admin.auth).expect(200)).rejects.toThrow(
      /GET \/api\/v1\/editions\/[0-9a-f-]{36} → 200 \[getEdition .*\n\s+- body must NOT have additional properties 'city'/,
    );
    // The same request through the harness with the true document passes.
    await t.http().get(`/api/v1/editions/${editionId}`).set(admin.auth).expect(200);
  });

  it('names a wrong type, a missing field, an undocumented status and a wrong content type', async () => {
    const checker = contractChecker(t.document, { deliberate: true });
    const res = await t.http().get(`/api/v1/editions/${editionId}`).set(admin.auth).expect(200);
    const tampered = (changes: Partial<typeof res>) => Object.assign(Object.create(Object.getPrototypeOf(res)), res, changes);
    expect(() => checker.check(tampered({ body: { ...res.body, name: 42 } }))).toThrow(/body\/name must be string/);
    const { city: _city, ...withoutCity } = res.body;
    expect(() => checker.check(tampered({ body: withoutCity }))).toThrow(/body must have required property 'city'/);
    expect(() => checker.check(tampered({ status: 418 }))).toThrow(/→ 418 .*\n\s+- status 418 is not documented/);
    expect(() => checker.check(tampered({ headers: { ...res.headers, 'content-type': 'text/html' } }))).toThrow(/content type text\/html is not documented/);
    // An error body that is not the common error body.
    const notFound = await t.http().get('/api/v1/editions/00000000-0000-4000-8000-000000000000').set(admin.auth).expect(404);
    expect(() => checker.check(tampered({ ...notFound, body: { message: 'gone' } } as Partial<typeof res>))).toThrow(/must have required property 'statusCode'/);
  });
});
