import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CoreModule, addDays, localDate } from '@fairops/core';
import { BadgeKeys } from '@fairops/attendees';
import { CheckinFiguresService, CheckinModule, ScansService } from '@fairops/checkin';
import { createTestDatabase } from './support/test-database';
import { testConfig } from './support/test-app';

/**
 * The medium tier: the check-in library's Nest module on a real database, without HTTP. The rule here
 * is the offline one: a scan made earlier without network moves the day's check-in back to the real
 * first entry, and uploading it again changes nothing.
 */
describe('CheckinModule on PostgreSQL', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let scans: ScansService;
  let editionId: string;
  let code: string;
  let attendeeId: string;
  const today = localDate(new Date(), 'UTC');

  beforeAll(async () => {
    const module = await Test.createTestingModule({ imports: [CoreModule.forRoot(testConfig(await createTestDatabase())), CheckinModule] }).compile();
    context = await module.init();
    db = context.get(DataSource);
    scans = context.get(ScansService);
    const days = [addDays(today, -1), today, addDays(today, 1)];
    [{ id: editionId }] = await db.query(
      `INSERT INTO editions (slug, name, edition_number, venue, city, country, time_zone) VALUES ('medium', 'Medium', 1, 'v', 'Oujda', 'MA', 'UTC') RETURNING id`,
    );
    await db.query(`INSERT INTO edition_days (edition_id, day, opens_at, closes_at) SELECT $1, d, '00:00', '23:59' FROM unnest($2::date[]) d`, [editionId, days]);
    [{ id: attendeeId }] = await db.query(
      `INSERT INTO attendees (edition_id, category, first_name, last_name, days) VALUES ($1, 'visitor', 'Nadia', 'Offline', $2::date[]) RETURNING id`,
      [editionId, days],
    );
    code = context.get(BadgeKeys).sign({ attendeeId, editionId, category: 'visitor', days, version: 1 });
  });
  afterAll(() => context?.close());

  it('moves the check-in back to an earlier offline scan, once however often it is uploaded', async () => {
    const online = await scans.scan({ code, deskId: 'desk-online', nonce: randomUUID(), editionId }, null);
    expect(online).toMatchObject({ result: 'ok', attendee: { id: attendeeId } });
    // Earlier the same day (the day's first instant when the test runs just after midnight).
    const earlier = new Date(Math.max(new Date(`${today}T00:00:00Z`).getTime(), online.firstCheckedInAt!.getTime() - 30 * 60_000));
    const offline = { code, deskId: 'desk-offline', nonce: randomUUID(), editionId, scannedAt: earlier };

    const [first] = await scans.batch([offline], null);
    expect(first).toMatchObject({ result: 'ok', firstCheckedInAt: earlier });
    const [again] = await scans.batch([{ ...offline }], null);
    expect(again).toEqual(first);

    const checkins = await db.query(`SELECT checked_in_at, desk_id FROM checkins WHERE attendee_id = $1`, [attendeeId]);
    expect(checkins).toEqual([{ checked_in_at: earlier, desk_id: 'desk-offline' }]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM scans WHERE attendee_id = $1`, [attendeeId]);
    expect(n).toBe(2);
    // Neither scan is a conflict: the offline desk was right to let the visitor in.
    expect(await context.get(CheckinFiguresService).conflicts(editionId, { limit: 10, offset: 0 })).toEqual({ items: [], total: 0 });
  });

  it('answers a later scan of the day already_checked_in with the moved first time', async () => {
    const [{ checked_in_at: first }] = await db.query(`SELECT checked_in_at FROM checkins WHERE attendee_id = $1`, [attendeeId]);
    expect(await scans.scan({ code, deskId: 'desk-online', nonce: randomUUID(), editionId }, null)).toMatchObject({ result: 'already_checked_in', firstCheckedInAt: first });
  });

  it('judges the scans of one badge in a batch in the batch’s order: one ok, then already_checked_in', async () => {
    // An offline desk queues oldest first; its scans of one badge must not race each other at upload.
    const days = [addDays(today, -1), today, addDays(today, 1)];
    for (let round = 0; round < 10; round++) {
      const [{ id }] = await db.query(
        `INSERT INTO attendees (edition_id, category, first_name, last_name, days) VALUES ($1, 'visitor', 'Karim', 'Batch', $2::date[]) RETURNING id`,
        [editionId, days],
      );
      const badge = context.get(BadgeKeys).sign({ attendeeId: id, editionId, category: 'visitor', days, version: 1 });
      const start = new Date(`${today}T00:00:00Z`).getTime() + 1000;
      const batch = Array.from({ length: 12 }, (_, i) => ({ code: badge, deskId: 'desk-offline', nonce: randomUUID(), editionId, scannedAt: new Date(start + i * 1000) }));
      const answers = await scans.batch(batch, null);
      expect(answers.map((a) => a.result)).toEqual(['ok', ...Array(11).fill('already_checked_in')]);
      for (const answer of answers) expect(answer).toMatchObject({ firstCheckedInAt: new Date(start) });
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM scans WHERE attendee_id = $1 AND result = 'ok'`, [id]);
      expect(n).toBe(1);
    }
  });
});
