import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Actor, AuditService, PG, addDays, formatInZone, inTransaction, isValidTimeZone, localToInstant, pgCode } from '@fairops/core';
import { Edition } from './edition.entity';
import { EditionErrors } from './editions.errors';

export interface FairDayInput {
  /** YYYY-MM-DD, local. */
  date: string;
  /** HH:mm, local. */
  opensAt: string;
  closesAt: string;
}

export interface NewEdition {
  slug: string;
  name: string;
  editionNumber: number;
  theme?: string | null;
  venue: string;
  city: string;
  country: string;
  timeZone: string;
  days: FairDayInput[];
  /** Instants (ISO 8601 with offset) bounding public self-registration; see registrationWindow(). */
  registrationOpensAt?: string | null;
  registrationClosesAt?: string | null;
}

export interface FairDayView {
  date: string;
  /** Instants with the zone's offset on that day, e.g. 2027-04-16T09:00:00+01:00. */
  opensAt: string;
  closesAt: string;
}

export interface EditionView {
  id: string;
  slug: string;
  name: string;
  editionNumber: number;
  theme: string | null;
  venue: string;
  city: string;
  country: string;
  timeZone: string;
  days: FairDayView[];
  /** When public self-registration opens (null: it is open from the start) and closes, in local time with offset. */
  registrationOpensAt: string | null;
  registrationClosesAt: string;
}

/**
 * When the public may register themselves: from `registrationOpensAt` (default: at once) until
 * `registrationClosesAt` (default: the end of the last fair day, midnight local time). The back-office
 * registers walk-ins whatever the window.
 */
export function registrationWindow(e: Edition): { opensAt: Date | null; closesAt: Date } {
  const lastDay = [...(e.days ?? [])].map((d) => d.day).sort().at(-1)!;
  return { opensAt: e.registrationOpensAt, closesAt: e.registrationClosesAt ?? localToInstant(addDays(lastDay, 1), '00:00', e.timeZone) };
}

export function toEditionView(e: Edition): EditionView {
  const days = [...(e.days ?? [])].sort((a, b) => a.day.localeCompare(b.day));
  const window = registrationWindow(e);
  return {
    id: e.id,
    slug: e.slug,
    name: e.name,
    editionNumber: e.editionNumber,
    theme: e.theme,
    venue: e.venue,
    city: e.city,
    country: e.country,
    timeZone: e.timeZone,
    days: days.map((d) => ({
      date: d.day,
      opensAt: formatInZone(localToInstant(d.day, d.opensAt, e.timeZone), e.timeZone),
      closesAt: formatInZone(localToInstant(d.day, d.closesAt, e.timeZone), e.timeZone),
    })),
    registrationOpensAt: window.opensAt && formatInZone(window.opensAt, e.timeZone),
    registrationClosesAt: formatInZone(window.closesAt, e.timeZone),
  };
}

@Injectable()
export class EditionsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Edition) private readonly editions: Repository<Edition>,
    private readonly audit: AuditService,
  ) {}

  async create(input: NewEdition, by: Actor | null, manager?: EntityManager): Promise<EditionView> {
    if (!isValidTimeZone(input.timeZone)) throw EditionErrors.invalidTimeZone(input.timeZone);
    const dates = input.days.map((d) => d.date);
    if (new Set(dates).size !== dates.length) throw EditionErrors.invalidDays('each date may appear once');
    for (const d of input.days) {
      if (d.closesAt <= d.opensAt) throw EditionErrors.invalidDays(`on ${d.date} closesAt must be after opensAt`);
    }
    const { registrationOpensAt: opens = null, registrationClosesAt: closes = null } = input;
    if (opens && closes && Date.parse(opens) >= Date.parse(closes)) throw EditionErrors.invalidRegistrationWindow();
    const work = async (m: EntityManager) => {
      try {
        const [row]: Array<{ id: string }> = await m.query(
          `INSERT INTO editions (slug, name, edition_number, theme, venue, city, country, time_zone, registration_opens_at, registration_closes_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [input.slug, input.name, input.editionNumber, input.theme ?? null, input.venue, input.city, input.country, input.timeZone, opens, closes],
        );
        await m.query(
          `INSERT INTO edition_days (edition_id, day, opens_at, closes_at)
           SELECT $1, d.day, d.opens_at, d.closes_at
             FROM unnest($2::date[], $3::time[], $4::time[]) AS d(day, opens_at, closes_at)`,
          [row.id, dates, input.days.map((d) => d.opensAt), input.days.map((d) => d.closesAt)],
        );
        const view = await this.get(row.id, m);
        await this.audit.record(m, { editionId: row.id, actor: by, action: 'edition.created', entityType: 'edition', entityId: row.id, after: view });
        return view;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw EditionErrors.slugTaken();
        throw error;
      }
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  async list(): Promise<EditionView[]> {
    const all = await this.editions.find({ relations: { days: true }, order: { editionNumber: 'DESC', name: 'ASC' } });
    return all.map(toEditionView);
  }

  async get(id: string, manager?: EntityManager): Promise<EditionView> {
    const repo = manager ? manager.getRepository(Edition) : this.editions;
    const edition = await repo.findOne({ where: { id }, relations: { days: true } });
    if (!edition) throw EditionErrors.notFound(id);
    return toEditionView(edition);
  }

  /** The raw edition, for features that need its zone and days. */
  async load(id: string, manager?: EntityManager): Promise<Edition> {
    const repo = manager ? manager.getRepository(Edition) : this.editions;
    const edition = await repo.findOne({ where: { id }, relations: { days: true } });
    if (!edition) throw EditionErrors.notFound(id);
    return edition;
  }

  /** Refuses (409 registration_not_open) unless the edition's public registration window is open at `now`. */
  async assertRegistrationOpen(id: string, now: Date): Promise<void> {
    const edition = await this.load(id);
    const { opensAt, closesAt } = registrationWindow(edition);
    const notYet = !!opensAt && now < opensAt;
    if (notYet || now >= closesAt) {
      throw EditionErrors.registrationNotOpen({ opensAt: opensAt && formatInZone(opensAt, edition.timeZone), closesAt: formatInZone(closesAt, edition.timeZone) }, notYet);
    }
  }

  /** The given edition's id after checking it exists, or the current edition's when none is given. */
  async resolveId(editionId?: string, manager?: EntityManager): Promise<string> {
    if (!editionId) return (await this.current()).id;
    const rows: Array<{ id: string }> = await (manager ?? this.dataSource).query(`SELECT id FROM editions WHERE id = $1`, [editionId]);
    if (!rows[0]) throw EditionErrors.notFound(editionId);
    return rows[0].id;
  }

  /**
   * The edition the back-office and desks work on: the one running or next to come (by its local
   * date), otherwise the latest that has ended.
   */
  async current(): Promise<EditionView> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`
      SELECT e.id
        FROM editions e JOIN edition_days d ON d.edition_id = e.id
       GROUP BY e.id, e.time_zone
       ORDER BY (max(d.day) >= (now() AT TIME ZONE e.time_zone)::date) DESC,
                CASE WHEN max(d.day) >= (now() AT TIME ZONE e.time_zone)::date THEN min(d.day) END ASC,
                max(d.day) DESC
       LIMIT 1`);
    if (!rows[0]) throw EditionErrors.noEdition();
    return this.get(rows[0].id);
  }
}
