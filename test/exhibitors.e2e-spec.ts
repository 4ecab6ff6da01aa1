import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeEdition, makeExhibitor, makeHall, makeStand, makeUser } from './support/factories';
import { ExhibitorView } from '@fairops/exhibitors';

describe('exhibitors', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let editionId: string;
  let societe: ExhibitorView;
  let parole: ExhibitorView;
  let dakar: ExhibitorView;

  const names = (body: { items: Array<{ name: string }> }) => body.items.map((e) => e.name);
  const list = (query: Record<string, string | number>) => t.http().get('/api/v1/exhibitors').query({ editionId, ...query }).set(admin.auth).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makeUser(t, 'admin');
    editionId = (await makeEdition(t)).id;
    societe = await makeExhibitor(t, editionId, { name: 'Société Générale de Relation Client', country: 'MA', sector: 'contact_centre' });
    await makeExhibitor(t, editionId, { name: 'Académie des Métiers de la Relation Client', country: 'MA', sector: 'training' });
    await makeExhibitor(t, editionId, { name: 'Oriental Contact Services', legalName: 'مركز الشرق للاتصال', country: 'MA', sector: 'contact_centre' });
    parole = await makeExhibitor(t, editionId, { name: 'Parole & Service', country: 'FR', sector: 'contact_centre' });
    dakar = await makeExhibitor(t, editionId, { name: 'Dakar Relation Clients', country: 'SN', sector: 'contact_centre' });
    const hallA = await makeHall(t, editionId, 'Hall A');
    const hallB = await makeHall(t, editionId, 'Hall B');
    const a1 = await makeStand(t, editionId, hallA.id, { code: 'A-1', areaM2: 18 });
    const b1 = await makeStand(t, editionId, hallB.id, { code: 'B-1', areaM2: 36 });
    await t.http().post(`/api/v1/stands/${a1.id}/assign`).set(admin.auth).send({ exhibitorId: societe.id }).expect(200);
    await t.http().post(`/api/v1/stands/${b1.id}/assign`).set(admin.auth).send({ exhibitorId: parole.id }).expect(200);
    await t.http().post(`/api/v1/exhibitors/${parole.id}/status`).set(admin.auth).send({ status: 'approved' }).expect(200);
  });
  afterAll(() => t.close());

  it('searches name and legal name ignoring case and accents, and Arabic as written', async () => {
    expect(names((await list({ q: 'societe' })).body)).toEqual(['Société Générale de Relation Client']);
    expect(names((await list({ q: 'ACADEMIE' })).body)).toEqual(['Académie des Métiers de la Relation Client']);
    expect(names((await list({ q: 'métiers' })).body)).toEqual(['Académie des Métiers de la Relation Client']);
    expect(names((await list({ q: 'الشرق' })).body)).toEqual(['Oriental Contact Services']);
    expect(names((await list({ q: '100%' })).body)).toEqual([]);
  });

  it('filters by country, sector, status and hall', async () => {
    expect(names((await list({ country: 'fr' })).body)).toEqual(['Parole & Service']);
    expect(names((await list({ sector: 'training' })).body)).toEqual(['Académie des Métiers de la Relation Client']);
    expect(names((await list({ status: 'approved' })).body)).toEqual(['Parole & Service']);
    expect(names((await list({ hall: 'hall a' })).body)).toEqual(['Société Générale de Relation Client']);
    expect(names((await list({ hall: 'Hall B', country: 'FR' })).body)).toEqual(['Parole & Service']);
    expect(names((await list({ country: 'SN', sector: 'training' })).body)).toEqual([]);
  });

  it('sorts by name, country and creation, both ways, and pages with the total', async () => {
    expect(names((await list({ sort: 'name' })).body)).toEqual([
      'Académie des Métiers de la Relation Client',
      'Dakar Relation Clients',
      'Oriental Contact Services',
      'Parole & Service',
      'Société Générale de Relation Client',
    ]);
    expect((await list({ sort: 'country' })).body.items.map((e: { country: string }) => e.country)).toEqual(['FR', 'MA', 'MA', 'MA', 'SN']);
    expect(names((await list({ sort: 'createdAt', order: 'desc' })).body)[0]).toBe(dakar.name);
    const page = (await list({ sort: 'name', limit: 2, offset: 2 })).body;
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(names(page)).toEqual(['Oriental Contact Services', 'Parole & Service']);
    expect((await list({ limit: 2, offset: 10 })).body).toMatchObject({ items: [], total: 5 });
    const bad = await t.http().get('/api/v1/exhibitors').query({ sort: 'password', limit: 0 }).set(admin.auth).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['limit', 'sort']);
  });

  it('counts per country, sector and status', async () => {
    const stats = (await t.http().get('/api/v1/exhibitors/stats').query({ editionId }).set(admin.auth).expect(200)).body;
    expect(stats.total).toBe(5);
    expect(stats.byCountry).toEqual([{ country: 'MA', count: 3 }, { country: 'FR', count: 1 }, { country: 'SN', count: 1 }]);
    expect(stats.bySector).toEqual([{ sector: 'contact_centre', count: 4 }, { sector: 'training', count: 1 }]);
    expect(stats.byStatus).toEqual([{ status: 'applied', count: 4 }, { status: 'approved', count: 1 }]);
  });

  it('derives the staff quota from assigned area by the edition rule, with an admin override', async () => {
    expect((await t.http().get(`/api/v1/exhibitors/${parole.id}`).set(admin.auth).expect(200)).body).toMatchObject({
      staffQuota: 2 + 4, // 2 plus one per 9 m² of 36 m²
      staffQuotaOverridden: false,
      stands: [{ code: 'B-1', hall: 'Hall B', areaM2: 36, status: 'assigned' }],
    });
    await t.http().put(`/api/v1/editions/${editionId}/staff-quota-rule`).set(admin.auth).send({ base: 1, m2PerBadge: 12 }).expect(200);
    expect((await t.http().get(`/api/v1/exhibitors/${parole.id}`).set(admin.auth)).body.staffQuota).toBe(1 + 3);
    const overridden = await t.http().put(`/api/v1/exhibitors/${parole.id}/staff-quota`).set(admin.auth).send({ override: 10 }).expect(200);
    expect(overridden.body).toMatchObject({ staffQuota: 10, staffQuotaOverridden: true });
    const cleared = await t.http().put(`/api/v1/exhibitors/${parole.id}/staff-quota`).set(admin.auth).send({ override: null }).expect(200);
    expect(cleared.body).toMatchObject({ staffQuota: 4, staffQuotaOverridden: false });
    await t.http().put(`/api/v1/exhibitors/${parole.id}/staff-quota`).set(admin.auth).send({ override: -1 }).expect(400);
  });

  it('moves through allowed status transitions and answers an illegal one with 409 listing the allowed ones', async () => {
    const e = await makeExhibitor(t, editionId, { name: 'Transitions SARL' });
    const skip = await t.http().post(`/api/v1/exhibitors/${e.id}/status`).set(admin.auth).send({ status: 'confirmed' }).expect(409);
    expect(skip.body).toMatchObject({ error: 'illegal_status_transition', details: { from: 'applied', to: 'confirmed', allowed: ['approved', 'cancelled', 'withdrawn'] } });
    await t.http().post(`/api/v1/exhibitors/${e.id}/status`).set(admin.auth).send({ status: 'approved' }).expect(200);
    await t.http().post(`/api/v1/exhibitors/${e.id}/status`).set(admin.auth).send({ status: 'confirmed' }).expect(200);
    const noReason = await t.http().post(`/api/v1/exhibitors/${e.id}/status`).set(admin.auth).send({ status: 'withdrawn' }).expect(400);
    expect(noReason.body.details).toEqual([{ field: 'reason', reasons: ['is required for withdrawn'] }]);
    const done = await t.http().post(`/api/v1/exhibitors/${e.id}/status`).set(admin.auth).send({ status: 'withdrawn', reason: 'budget cut' }).expect(200);
    expect(done.body).toMatchObject({ status: 'withdrawn', statusReason: 'budget cut' });
    const final = await t.http().post(`/api/v1/exhibitors/${e.id}/status`).set(admin.auth).send({ status: 'approved' }).expect(409);
    expect(final.body.details.allowed).toEqual([]);
    const audit = await t.http().get('/api/v1/audit').query({ entityType: 'exhibitor', entityId: e.id }).set(admin.auth).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'exhibitor.status_changed',
      'exhibitor.status_changed',
      'exhibitor.status_changed',
      'exhibitor.created',
    ]);
  });

  it('validates fields with reasons: country, sector, phone in E.164, website, duplicates', async () => {
    const bad = await t
      .http()
      .post('/api/v1/exhibitors')
      .set(admin.auth)
      .send({ editionId, name: 'Bad', country: 'XX', sector: 'bakery', contactPhone: '0612', website: 'not a site' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['sector']);
    const bad2 = await t.http().post('/api/v1/exhibitors').set(admin.auth).send({ editionId, name: 'Bad', country: 'XX', sector: 'other', contactPhone: '0612', website: 'not a site' }).expect(400);
    expect(bad2.body.details.map((d: { field: string }) => d.field)).toEqual(['country', 'contactPhone', 'website']);
    const ok = await t
      .http()
      .post('/api/v1/exhibitors')
      .set(admin.auth)
      .send({ editionId, name: '  Rif   Cloud Software ', country: 'ma', sector: 'solution_vendor', contactPhone: '+212 6 12-34.56 78', website: 'rifcloud.ma' })
      .expect(201);
    expect(ok.body).toMatchObject({ name: 'Rif Cloud Software', country: 'MA', contactPhone: '+212612345678', website: 'https://rifcloud.ma', status: 'applied' });
    const dup = await t.http().post('/api/v1/exhibitors').set(admin.auth).send({ editionId, name: 'RIF CLOUD software', country: 'MA', sector: 'other' }).expect(409);
    expect(dup.body.error).toBe('exhibitor_exists');
  });

  describe('an exhibitor manager', () => {
    let manager: LoggedIn;
    beforeAll(async () => {
      manager = await makeUser(t, 'exhibitor', { exhibitorId: societe.id });
    });

    it('reads only their own exhibitor: any other id answers 404, the list holds only theirs', async () => {
      await t.http().get(`/api/v1/exhibitors/${societe.id}`).set(manager.auth).expect(200);
      const other = await t.http().get(`/api/v1/exhibitors/${parole.id}`).set(manager.auth).expect(404);
      expect(other.body.error).toBe('exhibitor_not_found');
      await t.http().patch(`/api/v1/exhibitors/${parole.id}`).set(manager.auth).send({ description: 'hijack' }).expect(404);
      expect(names((await t.http().get('/api/v1/exhibitors').query({ editionId }).set(manager.auth).expect(200)).body)).toEqual([societe.name]);
    });

    it('updates their contact and description', async () => {
      const res = await t
        .http()
        .patch(`/api/v1/exhibitors/${societe.id}`)
        .set(manager.auth)
        .send({ description: 'Centre de relation client multilingue à Oujda.', contactName: 'Aïcha Benali', contactPhone: '+212 5 36 00 00 00' })
        .expect(200);
      expect(res.body).toMatchObject({ contactName: 'Aïcha Benali', contactPhone: '+212536000000' });
    });

    it('cannot change their status, quota, stands, country or name', async () => {
      await t.http().post(`/api/v1/exhibitors/${societe.id}/status`).set(manager.auth).send({ status: 'confirmed' }).expect(403);
      await t.http().put(`/api/v1/exhibitors/${societe.id}/staff-quota`).set(manager.auth).send({ override: 99 }).expect(403);
      const stand = await t.http().get('/api/v1/stands').set(manager.auth).expect(403);
      expect(stand.body.error).toBe('forbidden');
      const country = await t.http().patch(`/api/v1/exhibitors/${societe.id}`).set(manager.auth).send({ country: 'FR', name: 'Renamed' }).expect(403);
      expect(country.body).toMatchObject({ error: 'fields_not_editable', details: { fields: ['country', 'name'] } });
      const unknown = await t.http().patch(`/api/v1/exhibitors/${societe.id}`).set(manager.auth).send({ status: 'confirmed', staffQuota: 99 }).expect(400);
      expect(unknown.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['staffQuota', 'status']);
      const after = (await t.http().get(`/api/v1/exhibitors/${societe.id}`).set(admin.auth)).body;
      expect(after).toMatchObject({ country: 'MA', status: 'applied', name: societe.name });
    });

    it('is refused the stats, the export and the imports', async () => {
      await t.http().get('/api/v1/exhibitors/stats').set(manager.auth).expect(403);
      await t.http().get('/api/v1/exhibitors/export.csv').set(manager.auth).expect(403);
      await t.http().post('/api/v1/exhibitors/imports').set(manager.auth).attach('file', Buffer.from('name,country,sector\n'), 'x.csv').expect(403);
    });
  });
});
