import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeEdition, makeUser } from './support/factories';
import { eventually } from './support/processes';

const MESSY = [
  '\ufeffRéférence;Nom;Raison sociale;Pays;Ville;Secteur;Site web;Description;Contact;Courriel;Téléphone;Notes',
  'EXH-01;Atlas Relation Client;Atlas Relation Client SARL;MA;Oujda;Centre de contacts;atlas-rc.ma;"Relation client; multilingue";Aïcha Benali;Contact@Atlas-RC.ma;+212 5 36 12 34 56;VIP',
  'EXH-02;Oriental Contact Services;مركز الشرق للاتصال;ma;Oujda;contact_centre;;"Ligne 1',
  'Ligne 2";;;;',
  'EXH-03;"Parole & Service";;FR;Lyon;contact centre;https://parole-service.fr;;;;;',
  'EXH-04;Bad Country;;XX;;training;;;;;;',
  'EXH-05;;;MA;;training;;;;;;',
  'EXH-06;Téléphonie Maghreb Équipements;;MA;Casablanca;telecom;;;;;0612;',
  'EXH-07;Saïdia Mobilier Pro;;MA;Saïdia;mobilier;;;;;;',
  '',
].join('\r\n');

const EXPECTED_PROBLEMS = [
  { line: 6, field: 'country', reason: '"XX" is not an ISO 3166-1 alpha-2 country code' },
  { line: 7, field: 'name', reason: 'is required' },
  { line: 8, field: 'contactPhone', reason: 'must be a phone number in E.164 form, such as +212612345678' },
];

describe('exhibitor CSV import and export', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let editionId: string;

  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    admin = await makeUser(t, 'admin');
    editionId = (await makeEdition(t)).id;
  });
  afterAll(() => t.close());

  async function importFile(content: string | Buffer, name = 'exposants.csv') {
    const accepted = await t.http().post('/api/v1/exhibitors/imports').set(admin.auth).field('editionId', editionId).attach('file', Buffer.from(content), name).expect(202);
    return eventually(async () => {
      const res = await t.http().get(`/api/v1/exhibitors/imports/${accepted.body.id}`).set(admin.auth).expect(200);
      return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
    }, 20000, 'the import to finish');
  }

  const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM exhibitors WHERE edition_id = $1`, [editionId]))[0].n;

  it('imports a messy spreadsheet file and reports each rejected row with its line, field and reason', async () => {
    const report = await importFile(MESSY);
    expect(report).toMatchObject({
      status: 'completed',
      fileName: 'exposants.csv',
      totalRows: 7,
      processedRows: 7,
      created: 4,
      updated: 0,
      unchanged: 0,
      rejected: 3,
      errors: EXPECTED_PROBLEMS,
      ignoredColumns: ['Notes'],
      failureReason: null,
    });
    const atlas = (await t.http().get('/api/v1/exhibitors').query({ editionId, q: 'atlas' }).set(admin.auth)).body.items[0];
    expect(atlas).toMatchObject({
      ref: 'EXH-01',
      legalName: 'Atlas Relation Client SARL',
      sector: 'contact_centre',
      website: 'https://atlas-rc.ma',
      description: 'Relation client; multilingue',
      contactName: 'Aïcha Benali',
      contactEmail: 'contact@atlas-rc.ma',
      contactPhone: '+212536123456',
    });
    const oriental = (await t.http().get('/api/v1/exhibitors').query({ editionId, q: 'الشرق' }).set(admin.auth)).body.items[0];
    expect(oriental).toMatchObject({ name: 'Oriental Contact Services', country: 'MA', description: 'Ligne 1\nLigne 2' });
    const saidia = (await t.http().get('/api/v1/exhibitors').query({ editionId, q: 'saidia' }).set(admin.auth)).body.items[0];
    expect(saidia).toMatchObject({ sector: 'furniture', city: 'Saïdia' });
    const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE edition_id = $1 AND action = 'exhibitor.created' AND actor_user_id = $2`, [editionId, admin.actor.id]);
    expect(audit[0].n).toBe(4);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await t.dataSource.query(`SELECT id, updated_at FROM exhibitors WHERE edition_id = $1 ORDER BY id`, [editionId]);
    const report = await importFile(MESSY);
    expect(report).toMatchObject({ status: 'completed', created: 0, updated: 0, unchanged: 4, rejected: 3, errors: EXPECTED_PROBLEMS });
    expect(await t.dataSource.query(`SELECT id, updated_at FROM exhibitors WHERE edition_id = $1 ORDER BY id`, [editionId])).toEqual(before);
  });

  it('updates the rows that changed, matching by ref, or by name and country when there is no ref', async () => {
    const file = ['name,country,sector,city', 'Parole & Service,FR,contact_centre,Paris', 'Atlas Relation Client,MA,contact_centre,Oujda', 'Nouvelle Entreprise,TN,other,Tunis'].join('\n');
    const report = await importFile(file);
    expect(report).toMatchObject({ status: 'completed', created: 1, updated: 1, unchanged: 1, rejected: 0 });
    const parole = (await t.http().get('/api/v1/exhibitors').query({ editionId, q: 'parole' }).set(admin.auth)).body.items[0];
    expect(parole).toMatchObject({ city: 'Paris', ref: 'EXH-03', website: 'https://parole-service.fr' });
    const audit = await t.http().get('/api/v1/audit').query({ entityType: 'exhibitor', entityId: parole.id }).set(admin.auth).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'exhibitor.updated', before: expect.objectContaining({ city: 'Lyon' }), after: expect.objectContaining({ city: 'Paris' }) });
  });

  it('round-trips: importing the export changes nothing', async () => {
    const exported = await t.http().get('/api/v1/exhibitors/export.csv').query({ editionId }).set(admin.auth).expect(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.text.split('\r\n')[0]).toBe('\ufeffref,name,legal_name,country,city,sector,website,description,contact_name,contact_email,contact_phone');
    expect(exported.text).toContain('"Ligne 1\nLigne 2"');
    expect(exported.text).toContain('مركز الشرق للاتصال');
    const before = await t.dataSource.query(`SELECT id, updated_at FROM exhibitors WHERE edition_id = $1 ORDER BY id`, [editionId]);
    const report = await importFile(exported.text, 'export.csv');
    expect(report).toMatchObject({ status: 'completed', created: 0, updated: 0, unchanged: before.length, rejected: 0, errors: [] });
    expect(await t.dataSource.query(`SELECT id, updated_at FROM exhibitors WHERE edition_id = $1 ORDER BY id`, [editionId])).toEqual(before);
  });

  it('fails a file that is not CSV, or has no usable header, with the reason, writing nothing', async () => {
    const before = await count();
    const png = await importFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 'logo.png');
    expect(png).toMatchObject({ status: 'failed', failureReason: 'the file is not a CSV text file (it contains binary data)', created: 0 });
    const headless = await importFile('Atlas Relation Client;MA;contact_centre\nParole;FR;other\n');
    expect(headless.status).toBe('failed');
    expect(headless.failureReason).toMatch(/^no usable header on line 1: the columns name, country, sector are missing/);
    const empty = await importFile('');
    expect(empty).toMatchObject({ status: 'failed', failureReason: 'the file is empty' });
    // Saved as Latin-1 (Saïdia, Société): not UTF-8 text, and said so, even though PostgreSQL reads the uploads.
    const latin1 = await importFile(Buffer.from('name;country;sector\nSoci\xe9t\xe9 Sa\xefdia;MA;other\n', 'latin1'), 'latin1.csv');
    expect(latin1).toMatchObject({ status: 'failed', failureReason: 'the file is not UTF-8 text; save it from the spreadsheet as "CSV UTF-8"', created: 0 });
    expect(await count()).toBe(before);
  });

  it('rejects a row with control characters by its line and field, as the API refuses them, and keeps line breaks in a description', async () => {
    const before = await count();
    const file = ['name,country,sector,description', 'Evil\u001bCo,MA,other,', 'Bell Services,MA,other,Centre\u0007 de contacts', 'Clean Contact,MA,other,"Ligne 1\nLigne 2"', ''].join('\n');
    const report = await importFile(file);
    expect(report).toMatchObject({
      status: 'completed',
      created: 1,
      rejected: 2,
      errors: [
        { line: 2, field: 'name', reason: 'must not contain control characters' },
        { line: 3, field: 'description', reason: 'must not contain control characters' },
      ],
    });
    expect(await count()).toBe(before + 1);
  });

  it('finds repeated names in the file as the database folds them (ligatures, accents, case), rejecting the repeat instead of failing the import', async () => {
    const before = await count();
    const file = ['name,country,sector', 'Œuvre Conseil Évènements,FR,other', 'OEUVRE CONSEIL EVENEMENTS,FR,other', 'Straße Service,DE,other', 'STRASSE SERVICE,DE,other', ''].join('\n');
    const report = await importFile(file);
    expect(report).toMatchObject({
      status: 'completed',
      created: 2,
      rejected: 2,
      errors: [
        { line: 3, field: 'name', reason: 'duplicates line 2' },
        { line: 5, field: 'name', reason: 'duplicates line 4' },
      ],
    });
    expect(await count()).toBe(before + 2);
  });

  it('answers 413 for a file over the size limit and 400 without a file', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
    const res = await t.http().post('/api/v1/exhibitors/imports').set(admin.auth).attach('file', big, 'big.csv').expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'payload_too_large' });
    const none = await t.http().post('/api/v1/exhibitors/imports').set(admin.auth).field('editionId', editionId).expect(400);
    expect(none.body.details).toEqual([{ field: 'file', reasons: ['is required (multipart field "file")'] }]);
  });
});
