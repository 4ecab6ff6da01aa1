import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService, PG, Paged, addDays, formatInZone, inTransaction, isValidTimeZone, localToInstant, pgCode, withTransaction } from '@fairops/core';
import { Edition, EditionField, StaffQuotaRule } from './edition';
import { EditionErrors } from './editions.errors';
import { EditionsRepository } from './editions.repository';

export interface FairDayInput {
  /** YYYY-MM-DD, local. */
  date: string;
  /** HH:mm, local. */
  opensAt: string;
  closesAt: string;
}

/** A new edition as asked for: its describing fields (theme and language optional), days and registration window. */
export interface NewEdition extends Omit<Pick<Edition, EditionField>, 'theme' | 'defaultLanguage'> {
  theme?: string | null;
  /** Default `fr`. */
  defaultLanguage?: Edition['defaultLanguage'];
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

/** An edition as the API shows it: its describing fields, its days and registration window as local times with offset. */
export interface EditionView extends Pick<Edition, 'id' | EditionField> {
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
  const lastDay = e.days.map((d) => d.day).sort().at(-1)!;
  return { opensAt: e.registrationOpensAt, closesAt: e.registrationClosesAt ?? localToInstant(addDays(lastDay, 1), '00:00', e.timeZone) };
}

export function toEditionView(e: Edition): EditionView {
  const days = [...e.days].sort((a, b) => a.day.localeCompare(b.day));
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
    defaultLanguage: e.defaultLanguage,
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
    private readonly repository: EditionsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(input: NewEdition, by: Actor | null, manager?: EntityManager): Promise<EditionView> {
    checkNewEdition(input);
    const { registrationOpensAt = null, registrationClosesAt = null } = input;
    return withTransaction(this.dataSource, manager, async (m) => {
      try {
        const id = await this.repository.insert(
          m,
          {
            slug: input.slug,
            name: input.name,
            editionNumber: input.editionNumber,
            theme: input.theme ?? null,
            defaultLanguage: input.defaultLanguage ?? 'fr',
            venue: input.venue,
            city: input.city,
            country: input.country,
            timeZone: input.timeZone,
            registrationOpensAt,
            registrationClosesAt,
          },
          input.days,
        );
        const view = await this.get(id, m);
        await this.audit.record(m, { editionId: id, actor: by, action: 'edition.created', entityType: 'edition', entityId: id, after: view });
        return view;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw EditionErrors.slugTaken();
        throw error;
      }
    });
  }

  /** Every edition, newest first, a page at a time. */
  async list(page: { limit: number; offset: number }): Promise<Paged<EditionView>> {
    const { items, total } = await this.repository.list(this.dataSource, page);
    return { items: items.map(toEditionView), total };
  }

  async get(id: string, manager?: EntityManager): Promise<EditionView> {
    return toEditionView(await this.load(id, manager));
  }

  /** The raw edition, for features that need its zone and days. */
  async load(id: string, manager?: EntityManager): Promise<Edition> {
    const edition = await this.repository.find(manager ?? this.dataSource, id);
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
    if (!(await this.repository.exists(manager ?? this.dataSource, editionId))) throw EditionErrors.notFound(editionId);
    return editionId;
  }

  /**
   * The edition the back-office and desks work on: the one running or next to come (by its local
   * date), otherwise the latest that has ended.
   */
  async current(): Promise<EditionView> {
    const id = await this.repository.currentId(this.dataSource);
    if (!id) throw EditionErrors.noEdition();
    return this.get(id);
  }

  /** The edition's staff badge rule (used by the exhibitors' quota): `base` badges plus one per `m2PerBadge` m² of assigned stands. */
  async setStaffQuotaRule(editionId: string, rule: StaffQuotaRule, by: Actor): Promise<StaffQuotaRule> {
    return inTransaction(this.dataSource, async (m) => {
      const saved = await this.repository.setStaffQuotaRule(m, editionId, rule);
      if (!saved) throw EditionErrors.notFound(editionId);
      await this.audit.record(m, { editionId, actor: by, action: 'edition.staff_quota_rule_changed', entityType: 'edition', entityId: editionId, after: saved });
      return saved;
    });
  }
}

/** The rules a new edition's input must meet beyond its DTO: a known zone, distinct days that open before they close, a window in order. */
function checkNewEdition(input: NewEdition): void {
  if (!isValidTimeZone(input.timeZone)) throw EditionErrors.invalidTimeZone(input.timeZone);
  const dates = input.days.map((d) => d.date);
  if (new Set(dates).size !== dates.length) throw EditionErrors.invalidDays('each date may appear once');
  for (const d of input.days) {
    if (d.closesAt <= d.opensAt) throw EditionErrors.invalidDays(`on ${d.date} closesAt must be after opensAt`);
  }
  const { registrationOpensAt: opens, registrationClosesAt: closes } = input;
  if (opens && closes && Date.parse(opens) >= Date.parse(closes)) throw EditionErrors.invalidRegistrationWindow();
}
