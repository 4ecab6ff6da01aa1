import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, UsersService, addDays, inTransaction, localDate } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { ExhibitorsService, StandsService } from '@fairops/exhibitors';
import { DEMO_EDITION, DEMO_EXHIBITORS, DEMO_EXHIBITOR_MANAGER, DEMO_PASSWORD, DEMO_STANDS, DEMO_TIME_ZONE, DEMO_USERS } from './demo-data';

/** Advisory-lock key so that two processes starting together seed once. */
const SEED_LOCK = 0x5eed_0016;

/** `Académie des Métiers` → `academie-des-metiers`, for the demo's made-up web addresses. */
const fold = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

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
      this.logger.log({ fairDays: [friday, saturday] }, 'demo fair loaded');
      return true;
    });
  }

  logins(): DemoLogin[] {
    return [...DEMO_USERS.map((u) => ({ email: u.email, role: u.role })), { email: DEMO_EXHIBITOR_MANAGER.email, role: 'exhibitor' }];
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
      const slug = fold(e.name);
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
