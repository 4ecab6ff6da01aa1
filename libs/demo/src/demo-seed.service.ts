import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, UsersService, addDays, inTransaction, localDate, localToInstant } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { ExhibitorsService, StandsService } from '@fairops/exhibitors';
import { SessionsService } from '@fairops/sessions';
import { PrizesService } from '@fairops/awards';
import { fold } from '@fairops/imports';
import { demoCheckinWindow } from './demo-checkins';
import { DEMO_OFFICIALS, demoPerson, sequence } from './demo-people';
import { DEMO_EDITION, DEMO_PRIZES, DEMO_ROOMS, DEMO_SESSIONS, DEMO_EXHIBITORS, DEMO_EXHIBITOR_MANAGER, DEMO_LOGINS, DEMO_PASSWORD, DEMO_STANDS, DEMO_TIME_ZONE, DEMO_USERS } from './demo-data';

/** Advisory-lock key so that two processes starting together seed once. */
const SEED_LOCK = 0x5eed_0016;

/** `Académie des Métiers` → `academie-des-metiers`, for the demo's made-up web addresses. */
const slugOf = (s: string) => fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export interface DemoLogin {
  email: string;
  role: string;
}

@Injectable()
export class DemoSeed {
  private readonly logger = new Logger(DemoSeed.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly users: UsersService,
    private readonly exhibitors: ExhibitorsService,
    private readonly stands: StandsService,
    private readonly sessions: SessionsService,
    private readonly prizes: PrizesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The demo's two fair days: DEMO_START_DATE and the day after, or today and tomorrow in Oujda. */
  fairDays(): [string, string] {
    const first = this.config.demoStartDate ?? localDate(this.clock.now(), DEMO_TIME_ZONE);
    return [first, addDays(first, 1)];
  }

  /** Loads the demo fair into an empty database; returns false when there was already data. */
  async seedIfEmpty(): Promise<boolean> {
    return inTransaction(this.dataSource, async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
      const [{ n }] = await m.query(`SELECT (SELECT count(*) FROM editions) + (SELECT count(*) FROM users) AS n`);
      if (Number(n) > 0) return false;
      const [friday, saturday] = this.fairDays();
      const { opensAt, closesAt, ...edition } = DEMO_EDITION;
      const { id: editionId } = await this.editions.create(
        { ...edition, days: [friday, saturday].map((date) => ({ date, opensAt, closesAt })) },
        null,
        m,
      );
      for (const user of DEMO_USERS) {
        await this.users.create({ ...user, password: DEMO_PASSWORD }, null, m);
      }
      const exhibitorIds = await this.seedFloor(m, editionId);
      await this.users.create(
        {
          email: DEMO_EXHIBITOR_MANAGER.email,
          displayName: DEMO_EXHIBITOR_MANAGER.displayName,
          role: 'exhibitor',
          exhibitorId: exhibitorIds.get(DEMO_EXHIBITOR_MANAGER.exhibitor)!,
          organisation: DEMO_EXHIBITOR_MANAGER.exhibitor,
          password: DEMO_PASSWORD,
        },
        null,
        m,
      );
      await this.seedAttendees(m, editionId, [friday, saturday]);
      await this.seedProgramme(m, editionId, [friday, saturday]);
      await this.seedAwards(m, editionId, exhibitorIds);
      // Desk 1 prints on an office printer (A6 PDF), desk 2 on a Zebra thermal printer.
      await m.query(
        `INSERT INTO badge_printers (edition_id, desk_id, format, dpi, layout) VALUES ($1, 'desk-1', 'pdf', NULL, 'a6'), ($1, 'desk-2', 'zpl', 203, 'label_4x3')`,
        [editionId],
      );
      // At debug: `npm start`'s banner says it, and start-up stays quiet at the default level.
      this.logger.debug({ fairDays: [friday, saturday] }, 'demo fair loaded');
      return true;
    });
  }

  logins(): DemoLogin[] {
    return [...DEMO_LOGINS];
  }

  /** Whether the demo's accounts exist in this database (loaded now or on an earlier start). */
  async isLoaded(): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM users WHERE email = $1) AS loaded`, [DEMO_LOGINS[0].email]);
    return row.loaded === true;
  }

  /**
   * A few hundred attendees of every category (staff within each exhibitor's quota), and on the first
   * day some check-ins already, so the live figures show something.
   */
  private async seedAttendees(m: EntityManager, editionId: string, days: string[]): Promise<void> {
    const next = sequence(16);
    const rows: Array<{ category: string; person: ReturnType<typeof demoPerson>; exhibitorId: string | null; days: string[]; consent: boolean; email: string | null }> = [];
    for (let i = 0; i < 320; i++) {
      const person = demoPerson(i, next);
      const oneDay = next() < 0.3 ? [days[Math.floor(next() * 2)]] : days;
      rows.push({ category: 'visitor', person, exhibitorId: null, days: oneDay, consent: next() < 0.7, email: `visiteur${i + 1}@example.ma` });
    }
    const exhibitors: Array<{ id: string; quota: number }> = await m.query(
      `SELECT id, exhibitor_staff_quota(id) AS quota FROM exhibitors WHERE edition_id = $1 AND status <> 'applied' ORDER BY name`,
      [editionId],
    );
    exhibitors.forEach((e, k) => {
      for (let j = 0; j < Math.min(e.quota, 2 + (k % 3)); j++) rows.push({ category: 'exhibitor_staff', person: demoPerson(1000 + k * 10 + j, next), exhibitorId: e.id, days, consent: false, email: null });
    });
    for (const person of DEMO_OFFICIALS) rows.push({ category: 'official', person, exhibitorId: null, days: [days[0]], consent: false, email: null });
    for (let i = 0; i < 6; i++) rows.push({ category: 'speaker', person: demoPerson(2000 + i, next), exhibitorId: null, days, consent: true, email: null });
    for (let i = 0; i < 10; i++) rows.push({ category: 'press', person: { ...demoPerson(3000 + i, next), organisation: ['MAP', 'Le Matin', 'L’Oriental.ma', 'Médias24', 'Hespress'][i % 5] }, exhibitorId: null, days, consent: false, email: null });
    for (const user of DEMO_USERS.filter((u) => u.role === 'jury')) {
      const [firstName, ...rest] = user.displayName.split(' ');
      rows.push({ category: 'jury', person: { firstName, lastName: rest.join(' ') || firstName, organisation: user.organisation ?? null, jobTitle: 'Membre du jury', country: 'MA' }, exhibitorId: null, days, consent: false, email: user.email });
    }
    for (let i = 0; i < 8; i++) rows.push({ category: 'organiser', person: { ...demoPerson(4000 + i, next), organisation: "CRI de l'Oriental" }, exhibitorId: null, days, consent: false, email: null });

    const ids: Array<{ id: string; category: string; days: string[] }> = await m.query(
      `INSERT INTO attendees (edition_id, category, first_name, last_name, organisation, job_title, country, email, exhibitor_id, days, consent_share_contact, source)
       SELECT $1, r.category, r.first_name, r.last_name, r.organisation, r.job_title, r.country, r.email, r.exhibitor_id, string_to_array(r.days, ',')::date[], r.consent, 'demo'
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::text[], $11::boolean[])
              AS r(category, first_name, last_name, organisation, job_title, country, email, exhibitor_id, days, consent)
       RETURNING id, category, to_json(days) AS days`,
      [
        editionId,
        rows.map((r) => r.category),
        rows.map((r) => r.person.firstName),
        rows.map((r) => r.person.lastName),
        rows.map((r) => r.person.organisation),
        rows.map((r) => r.person.jobTitle),
        rows.map((r) => r.person.country),
        rows.map((r) => r.email),
        rows.map((r) => r.exhibitorId),
        rows.map((r) => r.days.join(',')),
        rows.map((r) => r.consent),
      ],
    );
    // Check-ins of the first morning, within opening hours and never in the future (see demoCheckinWindow):
    // about a third of those expected on day one.
    const window = demoCheckinWindow(days[0], this.clock.now());
    const firstDay = window ? ids.filter((a) => a.days.includes(days[0]) && next() < 0.35) : [];
    const desks = ['desk-1', 'desk-2'];
    for (const [k, a] of firstDay.entries()) {
      const { from, to } = window!;
      const at = new Date(from.getTime() + Math.floor(next() * (to.getTime() - from.getTime())));
      const scanId = `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
      const desk = desks[k % 2];
      await m.query(
        `WITH s AS (
           INSERT INTO scans (id, edition_id, nonce, desk_id, code_hash, attendee_id, result, first_checked_in_at, scanned_at, received_at)
           VALUES ($1, $2, $3::text, $4, sha256(convert_to($3::text, 'UTF8')), $5, 'ok', $6, $6, $6) RETURNING id)
         INSERT INTO checkins (attendee_id, day, edition_id, category, checked_in_at, first_scan_id, desk_id)
         SELECT $5, ($6::timestamptz AT TIME ZONE 'Africa/Casablanca')::date, $2, $7, $6, s.id, $4 FROM s
         ON CONFLICT DO NOTHING`,
        [scanId, editionId, `demo-scan-${k}`, desk, a.id, at, a.category],
      );
    }
  }

  /**
   * The five prizes with the five jurors (jury3 works for Atlas Relation Client: flagged, and recused
   * where Atlas is nominated), scoring open from now until the ceremony's eve, part of the scores filled in.
   */
  private async seedAwards(m: EntityManager, editionId: string, exhibitorIds: Map<string, string>): Promise<void> {
    const now = this.clock.now();
    const [friday] = this.fairDays();
    const jurors: Array<{ id: string; email: string }> = await m.query(`SELECT id, email FROM users WHERE role = 'jury' ORDER BY email`);
    const next = sequence(7);
    for (const p of DEMO_PRIZES) {
      const prize = await this.prizes.create(
        editionId,
        {
          name: p.name,
          description: p.description,
          // Open for scoring from an hour ago until the morning of the ceremony (or a day from now, if later).
          scoringOpensAt: new Date(now.getTime() - 3600_000),
          scoringClosesAt: new Date(Math.max(localToInstant(friday, '09:00', DEMO_TIME_ZONE).getTime(), now.getTime() + 24 * 3600_000)),
          scaleMin: 0,
          scaleMax: 10,
          scaleStep: 0.5,
          minJurorsPerNominee: 3,
          criteria: p.criteria.map(([name, weight]) => ({ name, weight })),
        },
        null,
        m,
      );
      for (const name of p.nominees) await this.prizes.addNominee(prize.id, { name, exhibitorId: exhibitorIds.get(name) ?? null, dossier: `Dossier de candidature de ${name}.` }, null, m);
      await this.prizes.setJurors(prize.id, jurors.map((j) => j.id), null, m);
      // Confirm the flagged conflicts (jury3 and Atlas), as the organiser would.
      await m.query(`UPDATE jury_conflicts SET status = 'recused', decided_at = now() WHERE prize_id = $1 AND status = 'suggested'`, [prize.id]);
      const full = (await this.prizes.find(m, prize.id))!;
      // jury1 and jury2 have scored everything; the others have not started.
      for (const juror of jurors.slice(0, 2)) {
        for (const nominee of full.nominees) {
          for (const criterion of full.criteria) {
            await m.query(`INSERT INTO scores (prize_id, nominee_id, juror_id, criterion_id, value) VALUES ($1, $2, $3, $4, $5)`, [
              prize.id,
              nominee.id,
              juror.id,
              criterion.id,
              Math.round((5 + next() * 5) * 2) / 2,
            ]);
          }
        }
      }
    }
  }

  /** Rooms, the officials as speakers, and the two-day programme, published. */
  private async seedProgramme(m: EntityManager, editionId: string, days: string[]): Promise<void> {
    const rooms = new Map<string, string>();
    for (const room of DEMO_ROOMS) rooms.set(room.name, (await this.sessions.createRoom(editionId, room, null, m)).id);
    const speakers = new Map<string, string>();
    for (const o of DEMO_OFFICIALS) {
      const created = (await this.sessions.createSpeaker(editionId, { name: `${o.firstName} ${o.lastName}`, function: o.jobTitle, organisation: o.organisation }, null, m)) as { id: string };
      speakers.set(o.jobTitle!, created.id);
    }
    for (const s of DEMO_SESSIONS) {
      const date = days[s.day];
      const session = await this.sessions.create(
        editionId,
        {
          title: s.title,
          description: s.description,
          type: s.type,
          language: s.language,
          roomId: rooms.get(s.room)!,
          startsAt: `${date}T${s.starts}`,
          endsAt: `${date}T${s.ends}`,
          capacity: s.capacity ?? null,
          registrationRequired: s.registrationRequired ?? false,
          speakers: s.speakers.map((fn) => ({ speakerId: speakers.get(fn)!, role: 'speaker' as const })),
        },
        null,
        m,
      );
      await m.query(`UPDATE sessions SET status = 'published' WHERE id = $1`, [session.id]);
    }
  }

  /** Halls, stands and the 25 exhibitors with their stands; returns exhibitor ids by name. */
  private async seedFloor(m: EntityManager, editionId: string): Promise<Map<string, string>> {
    const halls = new Map<string, string>();
    for (const name of ['Hall A', 'Hall B']) halls.set(name, (await this.stands.createHall(editionId, name, null, m)).id);
    const standIds = new Map<string, string>();
    for (const s of DEMO_STANDS) {
      const stand = await this.stands.createStand({ editionId, hallId: halls.get(s.hall)!, code: s.code, areaM2: s.areaM2, type: s.type }, null, m);
      standIds.set(s.code, stand.id);
    }
    const ids = new Map<string, string>();
    for (const [i, e] of DEMO_EXHIBITORS.entries()) {
      const slug = slugOf(e.name);
      const created = await this.exhibitors.create(
        editionId,
        {
          ref: `SICCAM16-${String(i + 1).padStart(3, '0')}`,
          name: e.name,
          legalName: e.legalName ?? null,
          country: e.country,
          city: e.city,
          sector: e.sector,
          website: `https://www.${slug}.example`,
          contactEmail: `contact@${slug}.example`,
        },
        null,
        m,
      );
      ids.set(e.name, created.id);
      // The seed sets the demo's stands and statuses directly, inside its one transaction.
      for (const code of e.stands) {
        await m.query(`UPDATE stands SET status = 'assigned', exhibitor_id = $2 WHERE id = $1`, [standIds.get(code), created.id]);
      }
      const path = e.status === 'confirmed' ? ['approved', 'confirmed'] : e.status === 'approved' ? ['approved'] : [];
      for (const status of path) await m.query(`UPDATE exhibitors SET status = $2 WHERE id = $1`, [created.id, status]);
    }
    return ids;
  }
}
