import { randomBytes } from 'node:crypto';
import { INestApplicationContext, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { Actor, CoreModule, inTransaction } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { AttendeeView, AttendeesModule, AttendeesService } from '@fairops/attendees';
import { testConfig } from './support/test-app';
import { createTestDatabase } from './support/test-database';

/**
 * The attendees library's Nest module on a real database, without HTTP: the rules of its one write path
 * (applyChanges), as PATCH, the CSV import, cancellation and erasure meet them.
 */
describe('AttendeesModule on a real database', () => {
  let context: INestApplicationContext;
  let attendees: AttendeesService;
  let db: DataSource;
  let editionId: string;
  const days = ['2027-04-16', '2027-04-17'];
  const admin: Actor = { id: '00000000-0000-4000-8000-000000000001', email: 'admin@test.fairops', role: 'admin', exhibitorId: null };

  beforeAll(async () => {
    const config = testConfig(await createTestDatabase());
    @Module({ imports: [CoreModule.forRoot(config), AttendeesModule] })
    class AttendeesTestModule {}
    context = await Test.createTestingModule({ imports: [AttendeesTestModule] }).compile();
    await context.init();
    attendees = context.get(AttendeesService);
    db = context.get(DataSource);
    const slug = `fair-${randomBytes(4).toString('hex')}`;
    const edition = await context.get(EditionsService).create(
      { slug, name: slug, editionNumber: 1, venue: 'Parc', city: 'Oujda', country: 'MA', timeZone: 'Africa/Casablanca', days: days.map((date) => ({ date, opensAt: '09:00', closesAt: '18:00' })) },
      null,
    );
    editionId = edition.id;
  });
  afterAll(() => context?.close());

  const make = (lastName: string): Promise<AttendeeView> => attendees.create(editionId, { category: 'visitor', firstName: 'Leila', lastName }, admin, 'back_office');
  const revocationsOf = (id: string): Promise<Array<{ valid_from_version: number; reason: string }>> =>
    db.query(`SELECT valid_from_version, reason FROM badge_revocations WHERE attendee_id = $1 ORDER BY id`, [id]);
  const auditOf = (id: string): Promise<Array<{ action: string; actor_role: string; before: unknown; after: unknown }>> =>
    db.query(`SELECT action, actor_role, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);

  it('a change of days makes a new badge version and revokes the earlier codes, audited with before and after', async () => {
    const a = await make('Days');
    const after = await attendees.update(a.id, { days: [days[1]] }, admin);
    expect(after).toMatchObject({ days: [days[1]], badgeVersion: 2 });
    expect(await revocationsOf(a.id)).toEqual([{ valid_from_version: 2, reason: 'reissued' }]);
    expect((await auditOf(a.id)).at(-1)).toEqual({ action: 'attendee.updated', actor_role: 'admin', before: { days }, after: { days: [days[1]] } });
  });

  it('a change of name only keeps the badge: same version, nothing revoked', async () => {
    const a = await make('Name');
    const after = await attendees.update(a.id, { lastName: 'Renamed' }, admin);
    expect(after).toMatchObject({ lastName: 'Renamed', badgeVersion: 1 });
    expect(await revocationsOf(a.id)).toEqual([]);
  });

  it('takes many changes at once, each by the same rule, and changes nothing where nothing differs', async () => {
    const [dayChange, nameChange, same, cancelled] = await Promise.all(['Batch1', 'Batch2', 'Batch3', 'Batch4'].map(make));
    const outcomes = await inTransaction(db, (m) =>
      attendees.applyChanges(
        m,
        [
          { id: dayChange.id, kind: 'update', fields: { days: [days[0]] }, reason: 'batch' },
          { id: nameChange.id, kind: 'update', fields: { organisation: 'Atlas' }, reason: 'batch' },
          { id: same.id, kind: 'update', fields: { firstName: 'Leila', days }, reason: 'batch' },
          { id: cancelled.id, kind: 'cancel', reason: 'batch' },
        ],
        admin,
      ),
    );
    expect(outcomes.map((o) => [o.view?.badgeVersion, o.changed])).toEqual([
      [2, true],
      [1, true],
      [1, false],
      [1, true],
    ]);
    expect(await revocationsOf(dayChange.id)).toEqual([{ valid_from_version: 2, reason: 'reissued' }]);
    expect(await revocationsOf(nameChange.id)).toEqual([]);
    expect(await revocationsOf(same.id)).toEqual([]);
    expect(await revocationsOf(cancelled.id)).toEqual([{ valid_from_version: 65536, reason: 'cancelled' }]);
    expect((await auditOf(same.id)).map((e) => e.action)).toEqual(['attendee.created']);
  });

  it('answers a refused change as refused without failing the others', async () => {
    const [ok, erased] = await Promise.all(['Ok', 'Erased'].map(make));
    await attendees.erase(erased.id, admin);
    const outcomes = await inTransaction(db, (m) =>
      attendees.applyChanges(
        m,
        [
          { id: ok.id, kind: 'update', fields: { category: 'press' } },
          { id: erased.id, kind: 'update', fields: { firstName: 'Back' } },
          { id: '00000000-0000-4000-8000-0000000000ff', kind: 'update', fields: { firstName: 'Nobody' } },
        ],
        admin,
      ),
    );
    expect(outcomes[0]).toMatchObject({ changed: true, view: { category: 'press', badgeVersion: 2 } });
    expect(outcomes[1].refused).toMatchObject({ code: 'attendee_erased' });
    expect(outcomes[2].refused).toMatchObject({ code: 'attendee_not_found' });
    expect(await revocationsOf(erased.id)).toEqual([{ valid_from_version: 65536, reason: 'erased' }]);
  });
});
