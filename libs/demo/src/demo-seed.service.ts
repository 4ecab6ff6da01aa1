import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, UserView, UsersService, addDays, inTransaction, localDate, localToInstant, rows, sql } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { ExhibitorStatus, ExhibitorsRepository, ExhibitorsService, StandsRepository, StandsService } from '@fairops/exhibitors';
import { AttendeeInput, AttendeesService } from '@fairops/attendees';
import { ScansRepository } from '@fairops/checkin';
import { BadgePrintersRepository } from '@fairops/badges';
import { SessionsRepository, SessionsService } from '@fairops/sessions';
import { PrizesRepository, PrizesService, ScoresRepository } from '@fairops/awards';
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
    private readonly exhibitorRows: ExhibitorsRepository,
    private readonly stands: StandsService,
    private readonly standRows: StandsRepository,
    private readonly attendees: AttendeesService,
    private readonly scans: ScansRepository,
    private readonly printers: BadgePrintersRepository,
    private readonly sessions: SessionsService,
    private readonly sessionRows: SessionsRepository,
    private readonly prizes: PrizesService,
    private readonly prizeRows: PrizesRepository,
    private readonly scores: ScoresRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The demo's two fair days: DEMO_START_DATE and the day after, or today and tomorrow in Oujda. */
  fairDays(): [string, string] {
    const first = this.config.demoStartDate ?? localDate(this.clock.now(), DEMO_TIME_ZONE);
    return [first, addDays(first, 1)];
  }

  /**
   * Loads the demo fair into an empty database; returns false when there was already data. Everything
   * goes through the owning libraries' services and repositories, in one transaction (the seed sets
   * stands, statuses, scores and check-ins directly, as the fair would have them, without the rules'
   * audit trail).
   */
  async seedIfEmpty(): Promise<boolean> {
    return inTransaction(this.dataSource, async (m) => {
      await rows(m, sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
      if ((await this.editions.list({ limit: 1, offset: 0 })).total + (await this.users.list({ limit: 1, offset: 0 })).total > 0) return false;
      const [friday, saturday] = this.fairDays();
      const { opensAt, closesAt, ...edition } = DEMO_EDITION;
      const { id: editionId } = await this.editions.create({ ...edition, days: [friday, saturday].map((date) => ({ date, opensAt, closesAt })) }, null, m);
      const users: UserView[] = [];
      for (const user of DEMO_USERS) users.push(await this.users.create({ ...user, password: DEMO_PASSWORD }, null, m));
      const exhibitorIds = await this.seedFloor(m, editionId);
      const manager = DEMO_EXHIBITOR_MANAGER;
      const exhibitorId = exhibitorIds.get(manager.exhibitor)!;
      await this.users.create({ email: manager.email, displayName: manager.displayName, role: 'exhibitor', exhibitorId, organisation: manager.exhibitor, password: DEMO_PASSWORD }, null, m);
      await this.seedAttendees(m, editionId, [friday, saturday]);
      await this.seedProgramme(m, editionId, [friday, saturday]);
      await this.seedAwards(m, editionId, exhibitorIds, users);
      // Desk 1 prints on an office printer (A6 PDF), desk 2 on a Zebra thermal printer.
      await this.printers.upsert(m, editionId, { deskId: 'desk-1', format: 'pdf', dpi: null, layout: 'a6' });
      await this.printers.upsert(m, editionId, { deskId: 'desk-2', format: 'zpl', dpi: 203, layout: 'label_4x3' });
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
    return (await this.users.findForLogin(DEMO_LOGINS[0].email)) !== null;
  }

  /** A few hundred attendees of every category, staff within each exhibitor's quota, and the first morning's check-ins. */
  private async seedAttendees(m: EntityManager, editionId: string, days: string[]): Promise<void> {
    const next = sequence(16);
    const people: AttendeeInput[] = [];
    const add = (category: AttendeeInput['category'], person: ReturnType<typeof demoPerson>, extra: Partial<AttendeeInput> = {}) =>
      people.push({ category, ...person, days, consentShareContact: false, ...extra } as AttendeeInput);
    for (let i = 0; i < 320; i++) {
      const person = demoPerson(i, next);
      const oneDay = next() < 0.3 ? [days[Math.floor(next() * 2)]] : days;
      add('visitor', person, { days: oneDay, consentShareContact: next() < 0.7, email: `visiteur${i + 1}@example.ma` });
    }
    const { items } = await this.exhibitorRows.list(m, { editionId, sort: 'name', order: 'asc', limit: 200, offset: 0 });
    items.filter((e) => e.status !== 'applied').forEach((e, k) => {
      for (let j = 0; j < Math.min(e.staffQuota, 2 + (k % 3)); j++) add('exhibitor_staff', demoPerson(1000 + k * 10 + j, next), { exhibitorId: e.id });
    });
    for (const person of DEMO_OFFICIALS) add('official', person, { days: [days[0]] });
    for (let i = 0; i < 6; i++) add('speaker', demoPerson(2000 + i, next), { consentShareContact: true });
    for (let i = 0; i < 10; i++) add('press', { ...demoPerson(3000 + i, next), organisation: ['MAP', 'Le Matin', 'L’Oriental.ma', 'Médias24', 'Hespress'][i % 5] });
    for (const user of DEMO_USERS.filter((u) => u.role === 'jury')) {
      const [firstName, ...rest] = user.displayName.split(' ');
      add('jury', { firstName, lastName: rest.join(' ') || firstName, organisation: user.organisation ?? null, jobTitle: 'Membre du jury', country: 'MA' }, { email: user.email });
    }
    for (let i = 0; i < 8; i++) add('organiser', { ...demoPerson(4000 + i, next), organisation: "CRI de l'Oriental" });
    const created = (await this.attendees.createMany(m, { editionId, inputs: people, by: null, source: 'demo' })).map((o) => {
      if (!o.view) throw new Error(`demo attendee refused: ${o.refused.message}`);
      return o.view;
    });
    // Check-ins of the first morning, within opening hours and never in the future (see demoCheckinWindow):
    // about a third of those expected on day one.
    const window = demoCheckinWindow(days[0], this.clock.now());
    if (!window) return;
    const span = window.to.getTime() - window.from.getTime();
    const firstDay = created.filter((a) => a.days.includes(days[0]) && next() < 0.35);
    await this.scans.insertCheckedIn(
      m,
      editionId,
      firstDay.map((a, k) => ({ nonce: `demo-scan-${k}`, deskId: k % 2 ? 'desk-2' : 'desk-1', attendeeId: a.id, category: a.category, at: new Date(window.from.getTime() + Math.floor(next() * span)) })),
    );
  }

  /**
   * The five prizes with the five jurors (jury3 works for Atlas Relation Client: flagged, and recused
   * where Atlas is nominated), scoring open from now until the ceremony's eve, part of the scores filled in.
   */
  private async seedAwards(m: EntityManager, editionId: string, exhibitorIds: Map<string, string>, users: UserView[]): Promise<void> {
    const now = this.clock.now();
    const [friday] = this.fairDays();
    const jurors = users.filter((u) => u.role === 'jury').sort((a, b) => a.email.localeCompare(b.email));
    // The conflicts' decisions are the organiser's: the demo admin's.
    const admin = users.find((u) => u.role === 'admin')!;
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
      for (const c of await this.prizeRows.conflicts(m, prize.id, jurors)) {
        if (c.status === 'suggested') await this.prizeRows.decideConflict(m, c.id, 'recused', admin.id);
      }
      const full = (await this.prizes.find(m, prize.id))!;
      // jury1 and jury2 have scored everything; the others have not started.
      for (const juror of jurors.slice(0, 2)) {
        for (const nominee of full.nominees) {
          const values = full.criteria.map((criterion) => ({ criterionId: criterion.id, value: Math.round((5 + next() * 5) * 2) / 2 }));
          await this.scores.upsertScores(m, prize.id, nominee.id, juror.id, values);
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
      await this.sessionRows.setStatus(m, session.id, 'published');
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
      for (const code of e.stands) await this.standRows.take(m, standIds.get(code)!, created.id, 'assigned', null);
      const path: ExhibitorStatus[] = e.status === 'confirmed' ? ['approved', 'confirmed'] : e.status === 'approved' ? ['approved'] : [];
      for (const status of path) await this.exhibitorRows.setStatus(m, created.id, status, null);
    }
    return ids;
  }
}
