import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock, UsersService, addDays, inTransaction, localDate } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { DEMO_EDITION, DEMO_PASSWORD, DEMO_TIME_ZONE, DEMO_USERS } from './demo-data';

/** Advisory-lock key so that two processes starting together seed once. */
const SEED_LOCK = 0x5eed_0016;

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
      await this.editions.create(
        { ...edition, days: [friday, saturday].map((date) => ({ date, opensAt, closesAt })) },
        null,
        m,
      );
      for (const user of DEMO_USERS) {
        await this.users.create({ ...user, password: DEMO_PASSWORD }, null, m);
      }
      this.logger.log({ fairDays: [friday, saturday] }, 'demo fair loaded');
      return true;
    });
  }

  logins(): DemoLogin[] {
    return DEMO_USERS.map((u) => ({ email: u.email, role: u.role }));
  }
}
