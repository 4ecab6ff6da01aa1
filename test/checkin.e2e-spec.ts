import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { AttendeesService, signBadgeCode, signingKeyFromPkcs8 } from '@fairops/attendees';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, earlierToday, fairDaysFromToday, makeAttendee, makeAttendees, makeEdition, makeLiveEdition, makeUser } from './support/factories';

describe('check-in scans', () => {
  let t: TestApp;
  let desk: LoggedIn;
  let admin: LoggedIn;
  let editionId: string;
  const credential = async (id: string) => (await t.get(AttendeesService).credential(id)).code;
  /** An offline desk's upload of the scans it queued. */
  const uploadBatch = (scans: object[]) => t.http().post('/api/v1/checkin/scans/batch').set(desk.auth).send({ scans });
  const scan = (body: Record<string, unknown>, who: LoggedIn = desk) =>
    t.http().post('/api/v1/checkin/scans').set(who.auth).send({ deskId: 'desk-1', nonce: randomUUID(), editionId, ...body });

  beforeAll(async () => {
    t = await startTestApp();
    desk = await makeUser(t, 'desk');
    admin = await makeUser(t, 'admin');
    editionId = (await makeLiveEdition(t)).id;
  });
  afterAll(() => t.close());

  it('welcomes a badge once, then answers already_checked_in with the first time', async () => {
    const a = await makeAttendee(t, editionId, { firstName: 'Aïcha', lastName: 'Benali', organisation: 'Atlas Relation Client' });
    const code = await credential(a.id);
    const first = await scan({ code }).expect(200);
    expect(first.body).toMatchObject({ result: 'ok', attendee: { id: a.id, firstName: 'Aïcha', lastName: 'Benali', organisation: 'Atlas Relation Client', category: 'visitor' } });
    const again = await scan({ code, deskId: 'desk-2' }).expect(200);
    expect(again.body).toMatchObject({ result: 'already_checked_in', firstCheckedInAt: first.body.firstCheckedInAt });
  });

  it('says at which desk the first check-in of the day was made, in the answer itself (and again on a retry of the nonce)', async () => {
    const a = await makeAttendee(t, editionId);
    const code = await credential(a.id);
    const first = await scan({ code, deskId: 'desk-7' }).expect(200);
    expect(first.body).toMatchObject({ result: 'ok', firstDeskId: 'desk-7' });
    const nonce = randomUUID();
    const again = await scan({ code, deskId: 'desk-2', nonce }).expect(200);
    expect(again.body).toMatchObject({ result: 'already_checked_in', firstCheckedInAt: first.body.firstCheckedInAt, firstDeskId: 'desk-7' });
    const retry = await scan({ code, deskId: 'desk-2', nonce }).expect(200);
    expect(retry.body).toEqual(again.body);
    // A refusal names no first desk.
    const stranger = await scan({ code: 'not-a-code' }).expect(200);
    expect(stranger.body).toEqual({ result: 'invalid' });
  });

  it('gives exactly one ok in each of 100 rounds of two desks scanning one badge at the same instant', async () => {
    const attendees = await makeAttendees(t, editionId, 100);
    const codes = await Promise.all(attendees.map((a) => credential(a.id)));
    for (const code of codes) {
      const [x, y] = await Promise.all([scan({ code, deskId: 'desk-1' }), scan({ code, deskId: 'desk-2' })]);
      expect([x.status, y.status]).toEqual([200, 200]);
      expect([x.body.result, y.body.result].sort()).toEqual(['already_checked_in', 'ok']);
      expect(x.body.firstCheckedInAt).toBe(y.body.firstCheckedInAt);
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM checkins WHERE attendee_id = ANY($1)`, [attendees.map((a) => a.id)]);
    expect(n).toBe(100);
  });

  it('answers a retry with the same nonce the same way and records nothing new; 422 for the nonce with another code', async () => {
    const [a, b] = await Promise.all([makeAttendee(t, editionId), makeAttendee(t, editionId)]);
    const nonce = randomUUID();
    const first = await scan({ code: await credential(a.id), nonce }).expect(200);
    const retries = await Promise.all([1, 2, 3].map(async () => scan({ code: await credential(a.id), nonce })));
    for (const r of retries) expect(r.body).toEqual(first.body);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM scans WHERE nonce = $1`, [nonce]);
    expect(n).toBe(1);
    const reused = await scan({ code: await credential(b.id), nonce }).expect(422);
    expect(reused.body.error).toBe('nonce_reused');
    await scan({ code: await credential(a.id), nonce, deskId: 'desk-9' }).expect(422);
  });

  it('refuses a tampered code, a code signed with a foreign key and an old code after re-issue', async () => {
    const a = await makeAttendee(t, editionId);
    const code = await credential(a.id);
    const bytes = Buffer.from(code, 'base64url');
    bytes[20] ^= 0xff;
    expect((await scan({ code: bytes.toString('base64url') }).expect(200)).body).toEqual({ result: 'invalid' });
    const foreign = signingKeyFromPkcs8(generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
    const forged = signBadgeCode({ attendeeId: a.id, editionId, category: 'official', days: fairDaysFromToday(), version: 1 }, foreign);
    expect((await scan({ code: forged }).expect(200)).body).toEqual({ result: 'invalid' });
    const reissued = await t.http().post(`/api/v1/attendees/${a.id}/reissue`).set(desk.auth).send({ reason: 'lost badge' }).expect(200);
    expect(reissued.body.version).toBe(2);
    expect((await scan({ code }).expect(200)).body).toMatchObject({ result: 'revoked', attendee: { id: a.id } });
    expect((await scan({ code: reissued.body.code }).expect(200)).body.result).toBe('ok');
    expect((await scan({ code: 'not a badge at all' }).expect(200)).body).toEqual({ result: 'invalid' });
  });

  it('answers cancelled, not_valid_today and other_edition (a badge of another edition, said as such)', async () => {
    const [today, tomorrow] = fairDaysFromToday();
    const cancelled = await makeAttendee(t, editionId);
    const code = await credential(cancelled.id);
    await t.http().post(`/api/v1/attendees/${cancelled.id}/cancel`).set(admin.auth).send({ reason: 'asked' }).expect(200);
    expect((await scan({ code }).expect(200)).body.result).toBe('cancelled');
    const tomorrowOnly = await makeAttendee(t, editionId, { days: [tomorrow] });
    const tomorrowCode = await credential(tomorrowOnly.id);
    expect((await scan({ code: tomorrowCode }).expect(200)).body.result).toBe('not_valid_today');
    // The refused scan checked nobody in: the next one is judged afresh, and a badge for today is let in.
    expect((await scan({ code: tomorrowCode }).expect(200)).body.result).toBe('not_valid_today');
    const todayOnly = await makeAttendee(t, editionId, { days: [today] });
    expect((await scan({ code: await credential(todayOnly.id) }).expect(200)).body.result).toBe('ok');
    const other = await makeEdition(t, { days: fairDaysFromToday().map((date) => ({ date, opensAt: '00:00', closesAt: '23:59' })) });
    const stranger = await makeAttendee(t, other.id);
    expect((await scan({ code: await credential(stranger.id) }).expect(200)).body).toEqual({ result: 'other_edition' });
  });

  it('answers 400 naming the fields of a malformed scan, and records every refused scan', async () => {
    const bad = await t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code: 42, deskId: 'desk 1', nonce: 'x' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['code', 'deskId', 'nonce']);
    const future = await scan({ code: 'x'.repeat(120), scannedAt: new Date(Date.now() + 3600_000).toISOString() }).expect(400);
    expect(future.body.details[0].field).toBe('scannedAt');
    const nonce = randomUUID();
    await scan({ code: 'garbage-code', nonce }).expect(200);
    const [row] = await t.dataSource.query(`SELECT result, desk_id, code_hash IS NOT NULL AS hashed FROM scans WHERE nonce = $1`, [nonce]);
    expect(row).toEqual({ result: 'invalid', desk_id: 'desk-1', hashed: true });
    const unknown = await scan({ code: 'garbage-code', editionId: '6f1c7f0e-0000-4000-8000-000000000000' }).expect(404);
    expect(unknown.body.error).toBe('edition_not_found');
  });

  it('refuses an online scan dated more than 2 minutes away from the server clock, naming scannedAt, and records nothing', async () => {
    const a = await makeAttendee(t, editionId);
    const code = await credential(a.id);
    const yearAgo = new Date(Date.now() - 365 * 86400_000).toISOString();
    const backdated = await scan({ code, scannedAt: yearAgo }).expect(400);
    expect(backdated.body).toMatchObject({ error: 'validation_failed', details: [{ field: 'scannedAt', reasons: [expect.stringContaining('2 minutes')] }] });
    await scan({ code, scannedAt: new Date(Date.now() - 3 * 60_000).toISOString() }).expect(400);
    await scan({ code, scannedAt: new Date(Date.now() + 3 * 60_000).toISOString() }).expect(400);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM checkins WHERE attendee_id = $1`, [a.id]);
    expect(n).toBe(0);
    // Within the tolerance the scan is taken, at the server's time: an online scan happens now.
    const before = Date.now();
    const ok = await scan({ code, scannedAt: new Date(Date.now() - 60_000).toISOString() }).expect(200);
    expect(ok.body.result).toBe('ok');
    expect(new Date(ok.body.firstCheckedInAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  describe('offline uploads', () => {
    it('records 500 offline scans once when the same batch is uploaded three times at once, with identical answers', async () => {
      const attendees = await makeAttendees(t, editionId, 500);
      const base = earlierToday(3600_000).getTime();
      const scans = await Promise.all(
        attendees.map(async (a, i) => ({ code: await credential(a.id), deskId: 'desk-offline', nonce: randomUUID(), scannedAt: new Date(base + i * 100).toISOString(), editionId })),
      );
      const uploads = await Promise.all([1, 2, 3].map(() => uploadBatch(scans)));
      for (const u of uploads) expect(u.status).toBe(200);
      expect(uploads[1].body).toEqual(uploads[0].body);
      expect(uploads[2].body).toEqual(uploads[0].body);
      expect(uploads[0].body.results).toHaveLength(500);
      expect(uploads[0].body.results.every((r: { result: string }) => r.result === 'ok')).toBe(true);
      // The check-in time is when the desk scanned, not when it uploaded.
      expect(new Date(uploads[0].body.results[7].firstCheckedInAt).getTime()).toBe(base + 700);
      const [{ checkins, recorded }] = await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM checkins WHERE attendee_id = ANY($1)) AS checkins,
                (SELECT count(*)::int FROM scans WHERE desk_id = 'desk-offline') AS recorded`,
        [attendees.map((a) => a.id)],
      );
      expect({ checkins, recorded }).toEqual({ checkins: 500, recorded: 500 });
    });

    it('answers each scan of a batch in its own slot, an error for a reused nonce, and the same answers on a re-upload', async () => {
      const people = await makeAttendees(t, editionId, 5);
      const shared = randomUUID();
      const at = earlierToday(60_000).toISOString();
      const scans = await Promise.all(
        people.map(async (a, i) => ({ code: await credential(a.id), deskId: 'desk-5', nonce: i === 1 || i === 3 ? shared : randomUUID(), scannedAt: at, editionId })),
      );
      const upload = () => uploadBatch(scans);
      const first = await upload().expect(200);
      expect(first.body.results.map((r: { result: string }) => r.result)).toEqual(['ok', 'ok', 'ok', 'error', 'ok']);
      expect(first.body.results[3]).toEqual({ result: 'error', error: 'nonce_reused', message: expect.any(String) });
      const again = await upload().expect(200);
      expect(again.body).toEqual(first.body);
      const checkedIn = await t.dataSource.query(`SELECT attendee_id FROM checkins WHERE attendee_id = ANY($1)`, [people.map((a) => a.id)]);
      expect(checkedIn.map((r: { attendee_id: string }) => r.attendee_id).sort()).toEqual([people[0], people[1], people[2], people[4]].map((a) => a.id).sort());
    });

    it('answers a scan with a malformed field in its own slot with validation_failed, processes the others, and answers the same on a re-upload', async () => {
      const [good, later] = await Promise.all([makeAttendee(t, editionId), makeAttendee(t, editionId)]);
      const at = earlierToday(60_000).toISOString();
      const slot = (fields: Record<string, unknown>) => ({ code: 'x', deskId: 'desk-8', nonce: randomUUID(), scannedAt: at, editionId, ...fields });
      const scans = [
        slot({ code: '' }),
        slot({ code: 'x'.repeat(1001) }),
        // A group separator from a keyboard-wedge scanner.
        slot({ code: 'ab\u001dc' }),
        slot({ deskId: 'desk 8!' }),
        slot({ gate: 'Hall\u001bA' }),
        slot({ nonce: 'short' }),
        slot({ scannedAt: 'yesterday' }),
        slot({ scannedAt: undefined }),
        slot({ code: await credential(good.id) }),
        slot({ code: await credential(later.id), nonce: '\u0000'.repeat(10) }),
      ];
      const upload = () => uploadBatch(scans);
      const first = await upload().expect(200);
      const results = first.body.results;
      expect(results.map((r: { result: string }) => r.result)).toEqual(['error', 'error', 'error', 'error', 'error', 'error', 'error', 'error', 'ok', 'error']);
      const fieldsAtFault = results.map((r: { details?: Array<{ field: string }> }) => r.details?.map((d) => d.field));
      expect(fieldsAtFault).toEqual([['code'], ['code'], ['code'], ['deskId'], ['gate'], ['nonce'], ['scannedAt'], ['scannedAt'], undefined, ['nonce']]);
      expect(results[0]).toEqual({ result: 'error', error: 'validation_failed', message: expect.any(String), details: [{ field: 'code', reasons: ['must not be empty'] }] });
      expect(results[2]).toEqual({ result: 'error', error: 'validation_failed', message: expect.any(String), details: [{ field: 'code', reasons: ['must not contain control characters'] }] });
      expect(results[9].details[0].reasons).toContain('must not contain a NUL character');
      const again = await upload().expect(200);
      expect(again.body).toEqual(first.body);
      const checkedIn = await t.dataSource.query(`SELECT attendee_id FROM checkins WHERE attendee_id = ANY($1)`, [[good.id, later.id]]);
      expect(checkedIn).toEqual([{ attendee_id: good.id }]);
    });

    it('still refuses a batch whose own shape is wrong as a whole', async () => {
      const fine = { code: 'x', deskId: 'desk-8', nonce: randomUUID(), scannedAt: new Date().toISOString(), editionId };
      const batch = (body: unknown) => t.http().post('/api/v1/checkin/scans/batch').set(desk.auth).send(body as object);
      for (const body of [{}, { scans: [] }, { scans: [fine, 'a scan'] }, { scans: [fine, null] }, { scans: [fine], extra: 1 }, { scans: Array.from({ length: 5001 }, () => fine) }]) {
        const res = await batch(body);
        expect([res.status, res.body.error]).toEqual([400, 'validation_failed']);
      }
    });

    it('answers an offline scan made outside the edition\'s fair days with an error in its slot, and records nothing for it', async () => {
      const [old, fine] = await Promise.all([makeAttendee(t, editionId), makeAttendee(t, editionId)]);
      const yearAgo = new Date(Date.now() - 365 * 86400_000).toISOString();
      const nonce = randomUUID();
      const batch = await uploadBatch([
        { code: await credential(old.id), deskId: 'desk-6', nonce, scannedAt: yearAgo, editionId },
        { code: await credential(fine.id), deskId: 'desk-6', nonce: randomUUID(), scannedAt: earlierToday(60_000).toISOString(), editionId },
      ]).expect(200);
      expect(batch.body.results[0]).toMatchObject({ result: 'error', error: 'scanned_outside_fair_days', details: [{ field: 'scannedAt', reasons: [expect.stringContaining('not a fair day')] }] });
      expect(batch.body.results[1].result).toBe('ok');
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM scans WHERE nonce = $1`, [nonce]);
      expect(n).toBe(0);
    });

    it('keeps the earliest real scan time and lists offline scans the server refuses as conflicts', async () => {
      const [early, revoked, shared] = await Promise.all([makeAttendee(t, editionId), makeAttendee(t, editionId), makeAttendee(t, editionId)]);
      // Seen online first, but scanned earlier at a desk that was offline.
      const online = await scan({ code: await credential(early.id), deskId: 'desk-1' }).expect(200);
      expect(online.body.result).toBe('ok');
      const earlier = earlierToday(2 * 3600_000).toISOString();
      const oldCode = await credential(revoked.id);
      await t.http().post(`/api/v1/attendees/${revoked.id}/reissue`).set(admin.auth).send({}).expect(200);
      await scan({ code: await credential(shared.id), deskId: 'desk-1' }).expect(200);
      const batch = await uploadBatch([
        { code: await credential(early.id), deskId: 'desk-7', nonce: randomUUID(), scannedAt: earlier, editionId },
        { code: oldCode, deskId: 'desk-7', nonce: randomUUID(), scannedAt: earlier, editionId },
        { code: await credential(shared.id), deskId: 'desk-7', nonce: randomUUID(), scannedAt: new Date().toISOString(), editionId },
      ]).expect(200);
      expect(batch.body.results.map((r: { result: string }) => r.result)).toEqual(['ok', 'revoked', 'already_checked_in']);
      const [checkin] = await t.dataSource.query(`SELECT checked_in_at, desk_id FROM checkins WHERE attendee_id = $1`, [early.id]);
      expect(checkin.checked_in_at.toISOString()).toBe(earlier);
      expect(checkin.desk_id).toBe('desk-7');
      const conflicts = await t.http().get('/api/v1/checkin/conflicts').query({ editionId }).set(admin.auth).expect(200);
      const listed = conflicts.body.items.map((c: { attendeeId: string; result: string }) => [c.attendeeId, c.result]);
      expect(listed).toEqual(expect.arrayContaining([[revoked.id, 'revoked'], [shared.id, 'already_checked_in']]));
      expect(listed.find(([id]: [string]) => id === early.id)).toBeUndefined();
      await t.http().get('/api/v1/checkin/conflicts').set(desk.auth).expect(403);
    });

    it('takes the answer the desk gave offline: a badge the desk refused and the server refuses too is no conflict', async () => {
      const [known, unknown, valid] = await Promise.all([makeAttendee(t, editionId), makeAttendee(t, editionId), makeAttendee(t, editionId)]);
      const [knownOld, unknownOld] = [await credential(known.id), await credential(unknown.id)];
      for (const a of [known, unknown]) await t.http().post(`/api/v1/attendees/${a.id}/reissue`).set(admin.auth).send({}).expect(200);
      const at = earlierToday(3600_000).toISOString();
      const batch = await uploadBatch([
        // The desk knew of the revocation and turned the visitor away: the server agrees.
        { code: knownOld, deskId: 'desk-8', nonce: randomUUID(), scannedAt: at, editionId, deskAnswer: 'revoked' },
        // The desk had not heard of it and let the visitor in: a conflict for the organiser.
        { code: unknownOld, deskId: 'desk-8', nonce: randomUUID(), scannedAt: at, editionId, deskAnswer: 'ok' },
        // The desk turned away a valid badge (a key it did not have yet, say): a conflict too.
        { code: await credential(valid.id), deskId: 'desk-8', nonce: randomUUID(), scannedAt: at, editionId, deskAnswer: 'invalid' },
        { code: await credential(valid.id), deskId: 'desk-8', nonce: randomUUID(), scannedAt: at, editionId, deskAnswer: 'maybe' },
      ]).expect(200);
      expect(batch.body.results.map((r: { result: string }) => r.result)).toEqual(['revoked', 'revoked', 'ok', 'error']);
      expect(batch.body.results[3].details).toEqual([{ field: 'deskAnswer', reasons: [expect.stringContaining('must be one of')] }]);
      const conflicts = await t.http().get('/api/v1/checkin/conflicts').query({ editionId, limit: 200 }).set(admin.auth).expect(200);
      const listed = conflicts.body.items.filter((c: { deskId: string }) => c.deskId === 'desk-8');
      expect(listed.map((c: { attendeeId: string; result: string; deskAnswer: string }) => [c.attendeeId, c.deskAnswer, c.result])).toEqual(
        expect.arrayContaining([
          [unknown.id, 'ok', 'revoked'],
          [valid.id, 'invalid', 'ok'],
        ]),
      );
      expect(listed).toHaveLength(2);
    });
  });

  it('serves the public keys and the revocation list to desks, for checking offline', async () => {
    const keys = await t.http().get('/api/v1/checkin/keys').set(desk.auth).expect(200);
    expect(keys.body).toMatchObject({ total: 1, items: [expect.objectContaining({ algorithm: 'Ed25519', status: 'current' })] });
    const since = new Date().toISOString();
    const a = await makeAttendee(t, editionId);
    await t.http().post(`/api/v1/attendees/${a.id}/reissue`).set(desk.auth).send({}).expect(200);
    const list = await t.http().get('/api/v1/checkin/revocations').query({ editionId, since }).set(desk.auth).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ attendeeId: a.id, validFromVersion: 2, reason: 'reissued' })]);
    const next = await t.http().get('/api/v1/checkin/revocations').query({ editionId, since: list.body.until }).set(desk.auth).expect(200);
    expect(next.body.items).toEqual([]);
  });

  it('counts live figures per day, category, local hour and desk', async () => {
      const fresh = (await makeLiveEdition(t)).id;
      const [v, p] = [await makeAttendee(t, fresh), await makeAttendee(t, fresh, { category: 'press' })];
      for (const a of [v, p]) await scan({ code: await credential(a.id), deskId: 'desk-a', editionId: fresh }).expect(200);
      await scan({ code: await credential(v.id), deskId: 'desk-b', editionId: fresh }).expect(200);
      const stats = (await t.http().get('/api/v1/checkin/stats').query({ editionId: fresh }).set(admin.auth).expect(200)).body;
      expect(stats).toMatchObject({ day: fairDaysFromToday()[0], checkedIn: 2, uniqueAttendees: 2 });
      expect(stats.perCategory).toEqual([{ category: 'press', checkedIn: 1 }, { category: 'visitor', checkedIn: 1 }]);
      expect(stats.perDesk).toEqual([{ deskId: 'desk-a', checkedIn: 2, scans: 2, refused: 0 }, { deskId: 'desk-b', checkedIn: 0, scans: 1, refused: 0 }]);
      expect(stats.perHour.reduce((s: number, h: { checkedIn: number }) => s + h.checkedIn, 0)).toBe(2);
      await t.http().get('/api/v1/checkin/stats').set(desk.auth).expect(403);
  });

  it('pushes new figures on the live stream after a scan', async () => {
    const fresh = (await makeLiveEdition(t)).id;
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/checkin/stats/stream?editionId=${fresh}`, { headers: admin.auth, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const events: Array<{ checkedIn: number; lastScanAt?: string }> = [];
    let buffer = '';
    const nextEvent = async (): Promise<{ checkedIn: number; lastScanAt?: string }> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = chunk.split('\n').find((l) => l.startsWith('data: '));
          if (data) return JSON.parse(data.slice(6));
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += Buffer.from(value).toString('utf8');
      }
    };
    try {
      events.push(await nextEvent());
      expect(events[0].checkedIn).toBe(0);
      const a = await makeAttendee(t, fresh);
      const scanned = await scan({ code: await credential(a.id), editionId: fresh, deskId: 'desk-live' }).expect(200);
      events.push(await nextEvent());
      // The event after the scan carries that scan's figures (how soon it comes is measured in bench/, not here).
      expect(events[1]).toMatchObject({ checkedIn: 1, perDesk: [{ deskId: 'desk-live', checkedIn: 1, scans: 1, refused: 0 }] });
      expect(new Date(events[1].lastScanAt!).getTime()).toBeGreaterThanOrEqual(new Date(scanned.body.firstCheckedInAt).getTime());
    } finally {
      abort.abort();
    }
  });
});
