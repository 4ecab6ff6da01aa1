import { randomUUID } from 'node:crypto';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeExhibitor, makeLiveEdition, makeUser } from './support/factories';
import { eventually } from './support/processes';

describe('attendee CSV import', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let editionId: string;
  let days: string[];

  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    admin = await makeUser(t, 'admin');
    const edition = await makeLiveEdition(t);
    editionId = edition.id;
    days = edition.days.map((d) => d.date);
    const atlas = await makeExhibitor(t, editionId, { name: 'Atlas Relation Client', ref: 'EXH-01' });
    await t.http().put(`/api/v1/exhibitors/${atlas.id}/staff-quota`).set(admin.auth).send({ override: 1 }).expect(200);
  });
  afterAll(() => t.close());

  const importFile = async (content: string) => {
    const accepted = await t.http().post('/api/v1/attendees/imports').set(admin.auth).field('editionId', editionId).attach('file', Buffer.from(content), 'inscrits.csv').expect(202);
    return eventually(async () => {
      const res = await t.http().get(`/api/v1/attendees/imports/${accepted.body.id}`).set(admin.auth).expect(200);
      return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
    }, 20000, 'the import');
  };

  const file = () =>
    [
      '\ufeffCatégorie;Prénom;Nom;Société;Courriel;Téléphone;Jours;Consentement;Exposant',
      `visitor;Aïcha;Benali;Atlas Relation Client;aicha@example.ma;+212 6 00 00 00 01;${days[0]};oui;`,
      `press;محمد;العلوي;Hespress;;;;non;`,
      `exhibitor_staff;Yasmine;Alaoui;Atlas Relation Client;yasmine@atlas.example;;;;EXH-01`,
      `exhibitor_staff;Omar;Tazi;Atlas Relation Client;omar@atlas.example;;;;Atlas Relation Client`,
      `speaker;Hélène;;CX Logiciels;helene@example.fr;;;;`,
      `visitor;Saïd;Ziani;;said@example.ma;;2001-01-01;;`,
      `jury;Karim;El Fassi;;karim@example.ma;;;peut-être;`,
      '',
    ].join('\r\n');

  it('imports valid rows of every kind and reports each rejected one, then changes nothing the second time', async () => {
    const first = await importFile(file());
    expect(first).toMatchObject({ status: 'completed', totalRows: 7, created: 3, updated: 0, unchanged: 0, rejected: 4 });
    expect(first.errors).toEqual([
      { line: 5, field: 'exhibitor', reason: "the exhibitor's staff badge quota is reached" },
      { line: 6, field: 'lastName', reason: 'is required' },
      { line: 7, field: 'days', reason: `2001-01-01 is not a fair day; fair days: ${days.join(', ')}` },
      { line: 8, field: 'consent', reason: 'must be yes or no (oui / non)' },
    ]);
    const aicha = (await t.http().get('/api/v1/attendees').query({ editionId, q: 'aicha' }).set(admin.auth)).body.items[0];
    expect(aicha).toMatchObject({ category: 'visitor', phone: '+212600000001', days: [days[0]], consentShareContact: true, source: 'import' });
    const arabic = (await t.http().get('/api/v1/attendees').query({ editionId, q: 'العلوي' }).set(admin.auth)).body.items[0];
    expect(arabic).toMatchObject({ category: 'press', firstName: 'محمد', days });
    const second = await importFile(file());
    expect(second).toMatchObject({ status: 'completed', created: 0, updated: 0, unchanged: 3, rejected: 4 });
    // Matched by email: a new phone number updates the person.
    const changed = await importFile(file().replace('+212 6 00 00 00 01', '+212 6 00 00 00 02'));
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
  });

  it('rejects a row with an empty first name by its line, field and reason, and imports the rest of the file', async () => {
    const report = await importFile(['first_name,last_name,organisation', ',Benali,Atlas', 'Nadia,Mansouri,Atlas', ''].join('\n'));
    expect(report).toMatchObject({ status: 'completed', totalRows: 2, created: 1, rejected: 1, errors: [{ line: 2, field: 'firstName', reason: 'is required' }] });
    // The uploaded file, with its names, is not kept once the import has finished.
    expect(await t.dataSource.query(`SELECT octet_length(content) AS bytes FROM csv_imports WHERE id = $1`, [report.id])).toEqual([{ bytes: 0 }]);
    const nadia = await t.http().get('/api/v1/attendees').query({ editionId, q: 'mansouri' }).set(admin.auth).expect(200);
    expect(nadia.body.items).toEqual([expect.objectContaining({ firstName: 'Nadia', organisation: 'Atlas', source: 'import' })]);
  });

  it('rejects a row with control characters in a name by its line and field, as the API refuses them', async () => {
    const report = await importFile(['first_name,last_name,organisation', 'Ctl\u001b[31mRed,Benali,Atlas', 'Samir,Bell\u0007,Atlas', 'Imane,Idrissi,Atlas', ''].join('\n'));
    expect(report).toMatchObject({
      status: 'completed',
      created: 1,
      rejected: 2,
      errors: [
        { line: 2, field: 'firstName', reason: 'must not contain control characters' },
        { line: 3, field: 'lastName', reason: 'must not contain control characters' },
      ],
    });
  });

  it('revokes the old badge when an import changes category or days, exactly as PATCH does', async () => {
    const desk = await makeUser(t, 'desk');
    const email = `import-${randomUUID()}@example.ma`;
    const created = await t.http().post('/api/v1/attendees').set(admin.auth).send({ editionId, category: 'visitor', firstName: 'Leila', lastName: 'Idrissi', email }).expect(201);
    const id = created.body.id as string;
    const oldCode = (await t.http().get(`/api/v1/attendees/${id}/credential`).set(admin.auth).expect(200)).body.code;
    const since = new Date().toISOString();

    const report = await importFile(['first_name,last_name,email,category,days', `Leila,Idrissi,${email},press,${days[1]}`, ''].join('\n'));
    expect(report).toMatchObject({ status: 'completed', updated: 1, rejected: 0 });
    const after = await t.http().get(`/api/v1/attendees/${id}`).set(admin.auth).expect(200);
    expect(after.body).toMatchObject({ category: 'press', days: [days[1]], badgeVersion: 2 });
    const revocations = await t.http().get('/api/v1/checkin/revocations').query({ editionId, since }).set(desk.auth).expect(200);
    expect(revocations.body.items).toEqual([expect.objectContaining({ attendeeId: id, validFromVersion: 2, reason: 'reissued' })]);
    const scan = await t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code: oldCode, deskId: 'desk-1', nonce: randomUUID(), editionId }).expect(200);
    expect(scan.body.result).toBe('revoked');
    const audit = await t.http().get('/api/v1/audit').query({ entityType: 'attendee', entityId: id }).set(admin.auth).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'attendee.updated',
      before: { category: 'visitor', days },
      after: { category: 'press', days: [days[1]] },
      reason: expect.stringMatching(/^CSV import /),
    });

    // The same file again: nothing changes, no new badge.
    expect(await importFile(['first_name,last_name,email,category,days', `Leila,Idrissi,${email},press,${days[1]}`, ''].join('\n'))).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await t.http().get(`/api/v1/attendees/${id}`).set(admin.auth).expect(200)).body.badgeVersion).toBe(2);
  });

  it('revokes the old badge when an import changes only the days, by name match as by email, through the same rule as PATCH', async () => {
    const desk = await makeUser(t, 'desk');
    const last = `Days${randomUUID().slice(0, 8)}`;
    const created = await t.http().post('/api/v1/attendees').set(admin.auth).send({ editionId, category: 'visitor', firstName: 'Rania', lastName: last, organisation: 'Jours SA' }).expect(201);
    const id = created.body.id as string;
    const oldCode = (await t.http().get(`/api/v1/attendees/${id}/credential`).set(admin.auth).expect(200)).body.code;
    const since = new Date().toISOString();

    const report = await importFile(['first_name;last_name;organisation;days', `Rania;${last};Jours SA;${days[0]}`, ''].join('\n'));
    expect(report).toMatchObject({ status: 'completed', created: 0, updated: 1, rejected: 0 });
    expect((await t.http().get(`/api/v1/attendees/${id}`).set(admin.auth).expect(200)).body).toMatchObject({ days: [days[0]], badgeVersion: 2 });
    const revocations = await t.http().get('/api/v1/checkin/revocations').query({ editionId, since }).set(desk.auth).expect(200);
    expect(revocations.body.items).toEqual([expect.objectContaining({ attendeeId: id, validFromVersion: 2, reason: 'reissued' })]);
    const scan = await t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code: oldCode, deskId: 'desk-1', nonce: randomUUID(), editionId }).expect(200);
    expect(scan.body.result).toBe('revoked');
    // The audit entry names who asked for the import, with the request that asked.
    const audit = await t.http().get('/api/v1/audit').query({ entityType: 'attendee', entityId: id }).set(admin.auth).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'attendee.updated', actorUserId: admin.actor.id, actorRole: 'admin', after: { days: [days[0]] } });
  });

  it('fails a file without the name columns, writing nothing', async () => {
    const report = await importFile('email,company\na@b.ma,X\n');
    expect(report).toMatchObject({ status: 'failed', failureReason: 'no usable header on line 1: the columns first_name, last_name are missing' });
  });
});
