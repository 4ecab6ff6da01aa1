import { randomUUID } from 'node:crypto';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeAttendee, makeExhibitor, makeLiveEdition, makeUser } from './support/factories';
import { eventually } from './support/processes';
import { decodeQr, readPdf } from './support/pdf-inspect';
import { decodeLabelQr, renderLabel } from './support/zpl-render';

const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('badge printing', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let desk: LoggedIn;
  let editionId: string;

  const waitReady = (id: string, watch?: (job: { status: string; progress: { done: number; total: number } }) => void) =>
    eventually(async () => {
      const job = (await t.http().get(`/api/v1/badges/print-jobs/${id}`).set(desk.auth).expect(200)).body;
      watch?.(job);
      if (job.status === 'failed') throw new Error(`print job failed: ${job.failureReason}`);
      return job.status === 'ready' ? job : undefined;
    }, 60000, 'the print job');
  const file = async (id: string) => (await t.http().get(`/api/v1/badges/print-jobs/${id}/file`).set(desk.auth).buffer(true).parse(binary).expect(200)).body as Buffer;

  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    [admin, desk] = [await makeUser(t, 'admin'), await makeUser(t, 'desk')];
    editionId = (await makeLiveEdition(t)).id;
  });
  afterAll(() => t.close());

  it('prints a PDF badge whose text holds the name and organisation, and whose QR, read back by a QR decoder, checks in', async () => {
    const a = await makeAttendee(t, editionId, { firstName: 'Aïcha', lastName: 'Benali', organisation: 'Atlas Relation Client', country: 'MA' });
    const accepted = await t.http().post('/api/v1/badges/print-jobs').set(desk.auth).send({ editionId, attendeeIds: [a.id], deskId: 'desk-1' }).expect(202);
    const job = await waitReady(accepted.body.id);
    expect(job).toMatchObject({ format: 'pdf', layout: 'a6', progress: { done: 1, total: 1 } });
    const res = await t.http().get(`/api/v1/badges/print-jobs/${job.id}/file`).set(desk.auth).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const [page] = readPdf(res.body as Buffer);
    expect(page.text).toContain('Aïcha Benali');
    expect(page.text).toContain('Atlas Relation Client');
    expect(page.text).toContain('VISITEUR');
    expect(page.text).toContain('Maroc');
    const code = decodeQr(page);
    expect(code).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{100,}$/));
    const scan = await t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code, deskId: 'desk-1', nonce: randomUUID(), editionId }).expect(200);
    expect(scan.body).toMatchObject({ result: 'ok', attendee: { id: a.id } });
    const printed = await t.http().post(`/api/v1/badges/print-jobs/${job.id}/printed`).set(desk.auth).expect(200);
    expect(printed.body.status).toBe('printed');
  });

  it('drops the rendered badge files that hold an erased attendee', async () => {
    const a = await makeAttendee(t, editionId, { firstName: 'Yasmina', lastName: 'Kettani' });
    const other = await makeAttendee(t, editionId, { firstName: 'Omar', lastName: 'Lahlou' });
    const mine = await waitReady((await t.http().post('/api/v1/badges/print-jobs').set(desk.auth).send({ editionId, attendeeIds: [a.id, other.id] }).expect(202)).body.id);
    const theirs = await waitReady((await t.http().post('/api/v1/badges/print-jobs').set(desk.auth).send({ editionId, attendeeIds: [other.id], reprintReason: 'second copy' }).expect(202)).body.id);
    expect(readPdf(await file(mine.id)).map((p) => p.text).join(' ')).toContain('Kettani');

    await t.http().post(`/api/v1/attendees/${a.id}/erase`).set(admin.auth).expect(200);
    const gone = await eventually(async () => {
      const res = await t.http().get(`/api/v1/badges/print-jobs/${mine.id}/file`).set(desk.auth);
      return res.status === 404 ? res.body : undefined;
    }, 15000, 'the file to go');
    expect(gone.error).toBe('print_file_expired');
    expect(readPdf(await file(theirs.id))[0].text).toContain('Lahlou');
  });

  it('renders an Arabic name as two separate shaped words, and a 60-character name within the badge', async () => {
    const arabic = await makeAttendee(t, editionId, { firstName: 'محمد', lastName: 'العلوي', organisation: 'مركز الشرق للاتصال', category: 'speaker' });
    const long = await makeAttendee(t, editionId, { firstName: 'Abdelkrim Mohammed-Amine', lastName: 'Ben Abdallah El Idrissi Ouazzani Ta', category: 'official' });
    expect(`${long.firstName} ${long.lastName}`).toHaveLength(60);
    const accepted = await t.http().post('/api/v1/badges/print-jobs').set(admin.auth).send({ editionId, attendeeIds: [arabic.id, long.id], format: 'pdf', layout: 'id1' }).expect(202);
    await waitReady(accepted.body.id);
    const [ar, lg] = readPdf(await file(accepted.body.id));
    // Glyphs of right-to-left words are drawn in visual order; the space between the words is kept.
    const visual = (s: string) => [...s].reverse().join('');
    expect(ar.text).toContain(`${visual('العلوي')} ${visual('محمد')}`);
    expect(ar.text).toContain('INTERVENANT');
    expect(lg.text).toContain('Abdelkrim Mohammed-Amine Ben Abdallah El Idrissi Ouazzani Ta');
    expect(decodeQr(ar, 6)).not.toBeNull();
  });

  it('writes ZPL for the desk’s thermal printer at its resolution, whose printed QR holds the badge code', async () => {
    await t.http().put('/api/v1/badges/printers/desk-zebra').query({ editionId }).set(admin.auth).send({ format: 'zpl', dpi: 300, layout: 'label_4x3' }).expect(200);
    const bad = await t.http().put('/api/v1/badges/printers/desk-2').query({ editionId }).set(admin.auth).send({ format: 'zpl', layout: 'a6' }).expect(400);
    expect(bad.body.details[0].field).toBe('layout');
    const a = await makeAttendee(t, editionId, { firstName: 'Hélène', lastName: 'Dupont', organisation: 'Parole & Service', category: 'press' });
    const accepted = await t.http().post('/api/v1/badges/print-jobs').set(desk.auth).send({ editionId, attendeeIds: [a.id], deskId: 'desk-zebra' }).expect(202);
    const job = await waitReady(accepted.body.id);
    expect(job).toMatchObject({ format: 'zpl', dpi: 300, layout: 'label_4x3' });
    const zpl = (await file(job.id)).toString('utf8');
    expect(zpl).toMatch(/^\^XA\n\^CI28\n\^PW1200\n\^LL900\n/);
    // Every text is a graphic FairOps drew; the only field data is the QR's.
    expect(zpl.match(/\^GFA,/g)!.length).toBeGreaterThanOrEqual(4);
    expect(zpl.match(/\^FD/g)).toHaveLength(1);
    expect(zpl).toMatch(/\^BQN,2,6\^FDMA,[A-Za-z0-9_-]+\^FS/);
    // The label as the printer draws it: its QR, scanned at the entrance, lets the attendee in.
    const code = decodeLabelQr(await renderLabel(zpl, { widthDots: 1200, heightDots: 900, dpi: 300 }))!.data;
    const scan = await t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code, deskId: 'desk-zebra', nonce: randomUUID(), editionId }).expect(200);
    expect(scan.body.result).toBe('ok');
  });

  it('prints a badge version once: again only as a reprint with a reason, which is audited', async () => {
    const a = await makeAttendee(t, editionId);
    const first = await t.http().post('/api/v1/badges/print-jobs').set(desk.auth).send({ editionId, attendeeIds: [a.id], deskId: 'desk-1' }).expect(202);
    await waitReady(first.body.id);
    const refused = await t.http().post('/api/v1/badges/print-jobs').set(desk.auth).send({ editionId, attendeeIds: [a.id], deskId: 'desk-1' }).expect(400);
    expect(refused.body.details).toEqual([{ field: 'reprintReason', reasons: [`is required to print again the badges of ${a.id}`] }]);
    const reprint = await t.http().post('/api/v1/badges/print-jobs').set(desk.auth).send({ editionId, attendeeIds: [a.id], deskId: 'desk-3', reprintReason: 'badge torn at the entrance' }).expect(202);
    expect((await waitReady(reprint.body.id)).reprintReason).toBe('badge torn at the entrance');
    const audit = await t.http().get('/api/v1/audit').query({ entityType: 'attendee', entityId: a.id }).set(admin.auth).expect(200);
    const entry = audit.body.items.find((e: { action: string }) => e.action === 'badge.reprinted');
    expect(entry).toMatchObject({ actorUserId: desk.actor.id, reason: 'badge torn at the entrance', after: { deskId: 'desk-3', printJobId: reprint.body.id } });
    // Two desks asking at once for a badge never printed: one prints it, the other is told it is a reprint.
    const b = await makeAttendee(t, editionId);
    const both = await Promise.all([1, 2].map(() => t.http().post('/api/v1/badges/print-jobs').set(desk.auth).send({ editionId, attendeeIds: [b.id], deskId: 'desk-1' })));
    expect(both.map((r) => r.status).sort()).toEqual([202, 400]);
    // A re-issued badge is a new version: printing it is no reprint.
    await t.http().post(`/api/v1/attendees/${a.id}/reissue`).set(desk.auth).send({ reason: 'lost' }).expect(200);
    await t.http().post('/api/v1/badges/print-jobs').set(desk.auth).send({ editionId, attendeeIds: [a.id], deskId: 'desk-1' }).expect(202);
  });

  it('renders a bulk job of 500 badges, four to an A4 sheet, reporting progress on the way', async () => {
    const exhibitor = await makeExhibitor(t, editionId, { name: 'Zeta Contact' });
    await t.http().put(`/api/v1/exhibitors/${exhibitor.id}/staff-quota`).set(admin.auth).send({ override: 500 }).expect(200);
    await t.dataSource.query(
      `INSERT INTO attendees (edition_id, category, first_name, last_name, exhibitor_id, days)
       SELECT $1, 'exhibitor_staff', 'Agent', 'N' || lpad(i::text, 3, '0'), $2, (SELECT array_agg(day) FROM edition_days WHERE edition_id = $1)
         FROM generate_series(1, 500) i`,
      [editionId, exhibitor.id],
    );
    const accepted = await t.http().post('/api/v1/badges/bulk-jobs').set(admin.auth).send({ editionId, selection: 'exhibitor_staff', exhibitorId: exhibitor.id, sort: 'name' }).expect(202);
    const seen = new Set<number>();
    const job = await waitReady(accepted.body.id, (j) => seen.add(j.progress.done));
    expect(job).toMatchObject({ kind: 'bulk', layout: 'a4_sheet', progress: { done: 500, total: 500 } });
    expect([...seen].filter((d) => d > 0 && d < 500).length).toBeGreaterThanOrEqual(1);
    const pages = readPdf(await file(job.id));
    expect(pages).toHaveLength(125);
    expect(pages[0].width).toBeCloseTo(595.28, 1);
    // Sorted by name: the first sheet holds the first four.
    expect(pages[0].text).toMatch(/Agent N001[\s\S]*Agent N002[\s\S]*Agent N003[\s\S]*Agent N004/);
    await t.http().post('/api/v1/badges/bulk-jobs').set(admin.auth).send({ editionId, selection: 'exhibitor_staff', exhibitorId: exhibitor.id }).expect(400);
  });

  it('keeps printing to desks and admins', async () => {
    const jury = await makeUser(t, 'jury');
    const a = await makeAttendee(t, editionId);
    await t.http().post('/api/v1/badges/print-jobs').set(jury.auth).send({ attendeeIds: [a.id] }).expect(403);
    await t.http().post('/api/v1/badges/bulk-jobs').set(desk.auth).send({ selection: 'visitors' }).expect(403);
    await t.http().put('/api/v1/badges/printers/desk-9').set(desk.auth).send({ format: 'pdf', layout: 'a6' }).expect(403);
    const bad = await t.http().post('/api/v1/badges/print-jobs').set(desk.auth).send({ editionId, attendeeIds: [randomUUID()] }).expect(400);
    expect(bad.body.details[0].field).toBe('attendeeIds');
  });
});
