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

  it('fails a file without the name columns, writing nothing', async () => {
    const report = await importFile('email,company\na@b.ma,X\n');
    expect(report).toMatchObject({ status: 'failed', failureReason: 'no usable header on line 1: the columns first_name, last_name are missing' });
  });
});
