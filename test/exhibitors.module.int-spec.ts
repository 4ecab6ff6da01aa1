import { randomUUID } from 'node:crypto';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Actor, CoreModule, DomainError } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { ExhibitorsModule, ExhibitorsService, StandView, StandsService } from '@fairops/exhibitors';
import { testConfig } from './support/test-app';
import { createTestDatabase } from './support/test-database';

/**
 * The medium tier: the exhibitors library's Nest module on a real database of its own, no HTTP. Service
 * rules that need PostgreSQL to be the judge (row locks, conditional updates, one transaction).
 */
describe('ExhibitorsModule on PostgreSQL', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let exhibitors: ExhibitorsService;
  let stands: StandsService;
  let editionId: string;
  let hallId: string;
  const admin: Actor = { id: randomUUID(), email: 'admin@test.fairops', role: 'admin', exhibitorId: null };
  let n = 0;

  beforeAll(async () => {
    const config = testConfig(await createTestDatabase());
    @Module({ imports: [CoreModule.forRoot(config), ExhibitorsModule] })
    class ExhibitorsTestModule {}
    context = await NestFactory.createApplicationContext(ExhibitorsTestModule, { logger: false });
    db = context.get(DataSource);
    exhibitors = context.get(ExhibitorsService);
    stands = context.get(StandsService);
    const edition = await context.get(EditionsService, { strict: false }).create(
      {
        slug: 'module-tier',
        name: 'SICCAM',
        editionNumber: 16,
        venue: 'Parc Oujda Shore',
        city: 'Oujda',
        country: 'MA',
        timeZone: 'Africa/Casablanca',
        days: [{ date: '2027-04-16', opensAt: '09:00', closesAt: '18:00' }],
      },
      admin,
    );
    editionId = edition.id;
    hallId = (await stands.createHall(editionId, 'Hall A', admin)).id;
  });
  afterAll(() => context?.close());

  const exhibitor = () => exhibitors.create(editionId, { name: `Exhibitor ${++n}`, country: 'ma', sector: 'contact_centre' }, admin);
  const stand = (areaM2 = 9) => stands.createStand({ editionId, hallId, code: `m-${++n}`, areaM2, type: 'shell_scheme' }, admin);
  const refusal = async (work: Promise<unknown>): Promise<DomainError> => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
    return error;
  };
  const auditOf = (entityId: string) =>
    db.query(`SELECT action, reason, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id`, [entityId]) as Promise<
      Array<{ action: string; reason: string | null; before: unknown; after: unknown }>
    >;

  describe('stand assignment', () => {
    it('lets exactly one of many racing exhibitors have a stand; the others get 409 stand_not_available', async () => {
      const target = await stand();
      const racers = await Promise.all(Array.from({ length: 6 }, exhibitor));
      const results = await Promise.allSettled(racers.map((e) => stands.assign(target.id, e.id, admin)));
      const won = results.filter((r): r is PromiseFulfilledResult<StandView> => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const lost of results.filter((r) => r.status === 'rejected')) {
        expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'stand_not_available', kind: 'conflict', details: { code: target.code, status: 'assigned' } });
      }
      const winner = won[0].value.exhibitorId;
      expect(await stands.get(target.id)).toMatchObject({ status: 'assigned', exhibitorId: winner });
      expect((await auditOf(target.id)).map((a) => a.action)).toEqual(['stand.created', 'stand.assigned']);
    });

    it('keeps a held stand for its holder, refuses it to others until the hold expires', async () => {
      const target = await stand();
      const [holder, other] = [await exhibitor(), await exhibitor()];
      await stands.hold(target.id, holder.id, 2, admin);
      expect(await refusal(stands.assign(target.id, other.id, admin))).toMatchObject({ code: 'stand_not_available', details: { status: 'held' } });
      await db.query(`UPDATE stands SET held_until = now() - interval '1 minute' WHERE id = $1`, [target.id]);
      expect(await stands.get(target.id)).toMatchObject({ status: 'free', exhibitorId: null, heldUntil: null });
      expect(await stands.assign(target.id, other.id, admin)).toMatchObject({ status: 'assigned', exhibitorId: other.id });
    });

    it('refuses a cancelled exhibitor (409 exhibitor_not_active) and an unknown stand (404)', async () => {
      const closed = await exhibitor();
      await exhibitors.changeStatus(closed.id, 'cancelled', 'unpaid', admin);
      const target = await stand();
      expect(await refusal(stands.assign(target.id, closed.id, admin))).toMatchObject({ code: 'exhibitor_not_active', details: { status: 'cancelled' } });
      expect(await stands.get(target.id)).toMatchObject({ status: 'free' });
      expect(await refusal(stands.assign(randomUUID(), (await exhibitor()).id, admin))).toMatchObject({ code: 'stand_not_found', kind: 'not_found' });
    });
  });

  it('pages stands and halls by the common rule: the true total, also past the end', async () => {
    const all = await stands.list({ editionId, limit: 1, offset: 0 });
    expect(all.total).toBeGreaterThan(1);
    expect(await stands.list({ editionId, limit: 10, offset: 10_000 })).toEqual({ items: [], total: all.total });
    expect(await stands.listHalls(editionId, { limit: 10, offset: 5 })).toEqual({ items: [], total: 1 });
    const exhibitorsPage = await exhibitors.list({ editionId, sort: 'name', order: 'asc', limit: 10, offset: 10_000 }, admin);
    expect(exhibitorsPage).toEqual({ items: [], total: (await exhibitors.list({ editionId, sort: 'name', order: 'asc', limit: 1, offset: 0 }, admin)).total });
  });

  it('matches a country filter in any case (codes are stored in capitals)', async () => {
    const e = await exhibitor();
    expect(e.country).toBe('MA');
    const found = await exhibitors.list({ editionId, country: 'ma', q: e.name, sort: 'name', order: 'asc', limit: 10, offset: 0 }, admin);
    expect(found.items.map((x) => x.id)).toEqual([e.id]);
  });

  describe('status change', () => {
    it('cancelling frees the stands and writes the audit in the same transaction; the quota falls back to the base', async () => {
      const e = await exhibitor();
      const [a, b] = [await stand(18), await stand(9)];
      await stands.assign(a.id, e.id, admin);
      await stands.hold(b.id, e.id, 24, admin);
      // The edition's rule (2 badges + 1 per 9 m²) on 18 m² assigned: 4. Held stands do not count.
      expect(await exhibitors.get(e.id, admin)).toMatchObject({ staffQuota: 4, staffQuotaOverridden: false, staffUsed: 0, stands: [{ code: a.code }, { code: b.code }] });

      const after = await exhibitors.changeStatus(e.id, 'cancelled', '  stand fee unpaid ', admin);
      expect(after).toMatchObject({ status: 'cancelled', statusReason: 'stand fee unpaid', stands: [], staffQuota: 2 });
      for (const s of [a, b]) {
        expect(await stands.get(s.id)).toMatchObject({ status: 'free', exhibitorId: null });
        expect((await auditOf(s.id)).at(-1)).toMatchObject({ action: 'stand.released', reason: 'exhibitor cancelled', before: { exhibitorId: e.id } });
      }
      expect((await auditOf(e.id)).at(-1)).toMatchObject({
        action: 'exhibitor.status_changed',
        reason: 'stand fee unpaid',
        before: { status: 'applied' },
        after: { status: 'cancelled' },
      });
    });

    it('refuses an illegal move and a missing reason, changing and auditing nothing', async () => {
      const e = await exhibitor();
      await exhibitors.changeStatus(e.id, 'approved', undefined, admin);
      const trail = await auditOf(e.id);
      expect(await refusal(exhibitors.changeStatus(e.id, 'applied', undefined, admin))).toMatchObject({
        code: 'illegal_status_transition',
        details: { from: 'approved', to: 'applied', allowed: ['confirmed', 'cancelled', 'withdrawn'] },
      });
      expect(await refusal(exhibitors.changeStatus(e.id, 'withdrawn', ' ', admin))).toMatchObject({ code: 'validation_failed' });
      expect(await exhibitors.get(e.id, admin)).toMatchObject({ status: 'approved', statusReason: null });
      expect(await auditOf(e.id)).toEqual(trail);
    });
  });

  it('counts registered staff and applies the edition rule set through the editions library', async () => {
    const e = await exhibitor();
    await stands.assign((await stand(20)).id, e.id, admin);
    await db.query(
      `INSERT INTO attendees (edition_id, category, first_name, last_name, exhibitor_id, days, status)
       SELECT $1, 'exhibitor_staff', 'Staff', s::text, $2, ARRAY['2027-04-16']::date[], CASE WHEN s = 3 THEN 'cancelled' ELSE 'registered' END
         FROM generate_series(1, 3) s`,
      [editionId, e.id],
    );
    expect(await exhibitors.get(e.id, admin)).toMatchObject({ staffQuota: 4, staffUsed: 2 });
    expect(await exhibitors.setStaffQuotaRule(editionId, { base: 1, m2PerBadge: 5 }, admin)).toEqual({ base: 1, m2PerBadge: 5 });
    expect(await exhibitors.get(e.id, admin)).toMatchObject({ staffQuota: 5, staffUsed: 2 });
    expect(await refusal(exhibitors.setStaffQuotaRule(randomUUID(), { base: 1, m2PerBadge: 5 }, admin))).toMatchObject({ code: 'edition_not_found' });
  });
});
