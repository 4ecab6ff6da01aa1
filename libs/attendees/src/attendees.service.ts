import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, Actor, AppConfig, AuditEntry, AuditService, Clock, DomainError, JobProducer, PG, Paged, RateLimiter, inTransaction, localDate, pgCode, pgConstraint, withTransaction } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { MessagesRepository } from '@fairops/messages';
import { AttendeeExtensions, PersonalData, PersonalHistoryEntry } from './attendee-extensions';
import {
  AttendeeInput,
  AttendeeSource,
  AttendeeView,
  AuditActor,
  Credential,
  ERASED_FIELDS,
  PERSONAL_FIELDS,
  REGISTRATION_RECEIPT,
  RegistrationReceipt,
  checkAttendee,
  normaliseAttendee,
} from './attendee-fields';
import { AttendeeTickets } from './attendee-tickets';
import { AttendeeErrors } from './attendees.errors';
import { AttendeeFilter, AttendeeRow, AttendeeUpdate, AttendeesRepository, Revocation } from './attendees.repository';
import { BadgeKeys } from './badge-keys';

/** What a change does: PATCH and the import (update), cancellation, erasure, a new badge (reissue). */
export type AttendeeChangeKind = 'update' | 'cancel' | 'erase' | 'reissue';

/** One change of an existing attendee, for the write path (`applyChanges`). */
export interface AttendeeChange {
  id: string;
  kind: AttendeeChangeKind;
  /** The fields an update sets (undefined: left as they are). */
  fields?: Partial<AttendeeInput>;
  reason?: string | null;
  /** What a cancellation's or erasure's audit entry says in `after`. */
  auditAfter?: Record<string, unknown>;
}

/** What came of one change or creation: the attendee (changed or not), or why it was refused. */
export type WriteOutcome = { view: AttendeeView; changed: boolean; refused?: undefined } | { refused: DomainError; view?: undefined; changed?: undefined };

/** What came of one creation: the new attendee's id, or why it was refused. */
export type CreateOutcome = { id: string; refused?: undefined } | { refused: DomainError; id?: undefined };
/** Whether a write queues e-tickets; by default a creation does for these sources (not the import, not the demo). */
/** New attendees of one edition: who creates them (null: the system), from where, and why (kept in their audit entries). */
export interface NewAttendees {
  editionId: string;
  inputs: readonly AttendeeInput[];
  by: AuditActor | null;
  source: AttendeeSource;
  reason?: string;
}

export interface WriteOptions {
  sendTickets?: boolean;
}
const TICKET_SOURCES: ReadonlySet<AttendeeSource> = new Set(['self_registration', 'back_office', 'exhibitor']);

/** What the bulk send did: tickets queued, and attendees who already had one for their current badge. */
export interface TicketsQueued {
  queued: number;
  alreadyQueued: number;
}

/** The writable columns: what an update compares and what an audit entry shows. */
const FIELDS: ReadonlyArray<keyof AttendeeRow> = ['category', 'firstName', 'lastName', 'organisation', 'jobTitle', 'country', 'email', 'phone', 'exhibitorId', 'days', 'consentShareContact', 'language'];
const BADGE_FIELDS: ReadonlyArray<keyof AttendeeRow> = ['category', 'days'];

interface Plan {
  change: AttendeeChange;
  before: AttendeeView;
  update: AttendeeUpdate;
  /** The fields that differ (update only). */
  changed: ReadonlyArray<keyof AttendeeRow>;
}

@Injectable()
export class AttendeesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AttendeesRepository,
    private readonly extensions: AttendeeExtensions,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
    private readonly keys: BadgeKeys,
    private readonly limiter: RateLimiter,
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly tickets: AttendeeTickets,
    private readonly messages: MessagesRepository,
  ) {}

  /**
   * Public self-registration of a visitor, limited per client address, only while the edition's
   * registration window is open (409 registration_not_open otherwise). The answer is the same for a new
   * and a known email address: a new one gets its ticket by mail, a known one "already registered" with
   * its ticket again (a cancelled one: nothing), so the answer never says who is registered.
   */
  async selfRegister(editionId: string | undefined, input: Omit<AttendeeInput, 'category' | 'exhibitorId'>, clientAddress: string): Promise<RegistrationReceipt> {
    const id = await this.editions.resolveId(editionId);
    // Before the limiter: a refusal for a closed window costs the address nothing.
    await this.editions.assertRegistrationOpen(id, this.clock.now());
    const limit = await this.limiter.hit(RateLimiter.key('registration', clientAddress), this.config.registrationsPerHourPerAddress, 3600);
    if (!limit.allowed) throw AttendeeErrors.tooManyRegistrations(limit.retryAfterSeconds);
    try {
      await this.create(id, { ...input, category: 'visitor' }, null, 'self_registration');
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'registration_refused') || !input.email) throw error;
      await this.remindRegistered(id, input.email);
    }
    return REGISTRATION_RECEIPT;
  }

  /** A known address registered again: "already registered" with the ticket, once a day at most. */
  private async remindRegistered(editionId: string, email: string): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const known = await this.repository.byEmail(m, editionId, normaliseAttendee({ email }).email!);
      if (known) await this.tickets.alreadyRegistered(m, known, this.clock.now().toISOString().slice(0, 10));
    });
  }

  /**
   * Queues a ticket to every registered attendee of the edition with an email and no ticket yet for
   * their current badge version, in one transaction (set-based: one statement for the messages, one for
   * their jobs). Audited with the counts.
   */
  async sendTickets(editionId: string | undefined, by: Actor): Promise<TicketsQueued> {
    const id = await this.editions.resolveId(editionId);
    return inTransaction(this.dataSource, async (m) => {
      const reachable = await this.repository.ticketRecipients(m, id);
      const queued = await this.tickets.queue(m, reachable, false);
      const result = { queued, alreadyQueued: reachable.length - queued };
      await this.audit.record(m, { editionId: id, actor: by, action: 'attendee.tickets_sent', entityType: 'edition', entityId: id, after: { ...result } });
      return result;
    });
  }

  /** A new attendee; with an email, their ticket is queued (by the source's default, see `WriteOptions`). */
  async create(editionId: string | undefined, raw: AttendeeInput, by: AuditActor | null, source: AttendeeSource, manager?: EntityManager, reason?: string): Promise<AttendeeView> {
    const id = await this.editions.resolveId(editionId, manager);
    const [outcome] = await withTransaction(this.dataSource, manager, (m) => this.createMany(m, { editionId: id, inputs: [raw], by, source, reason }));
    if (outcome.refused) throw outcome.refused;
    return outcome.view;
  }

  /**
   * A walk-in registered at a desk: a visitor only, in an edition holding a fair day today (in its zone);
   * anything else is the back-office's (403 naming why). Otherwise as `create`.
   */
  async createWalkIn(editionId: string | undefined, raw: AttendeeInput, by: Actor): Promise<AttendeeView> {
    if (raw.category !== 'visitor') throw AttendeeErrors.deskVisitorsOnly(raw.category);
    const edition = await this.editions.load(await this.editions.resolveId(editionId));
    const today = localDate(this.clock.now(), edition.timeZone);
    if (!edition.days.some((d) => d.day === today)) throw AttendeeErrors.deskFairDayOnly(today);
    return this.create(edition.id, raw, by, 'back_office');
  }

  /**
   * New attendees of one edition, written together (one COPY), each audited: an input whose fields are
   * refused is answered as refused, the others are written. The database's refusals (an email taken,
   * the staff quota) fail the whole batch, as the mapped error. Those with an email get their ticket
   * queued in the same transaction when `options.sendTickets` says so (default: by source).
   */
  async createMany(m: EntityManager, batch: NewAttendees, options: WriteOptions = {}): Promise<WriteOutcome[]> {
    const created = await this.insertMany(m, batch, { sendTickets: false });
    const views = await this.repository.views(m, created.flatMap((c) => (c.refused ? [] : [c.id])));
    if (options.sendTickets ?? TICKET_SOURCES.has(batch.source)) await this.tickets.queue(m, views, false);
    const byId = new Map(views.map((v) => [v.id, v]));
    return created.map((c): WriteOutcome => (c.refused ? { refused: c.refused } : { view: byId.get(c.id)!, changed: true }));
  }

  /**
   * `createMany` without reading the new attendees back (the import's thousands of rows): the id of each
   * one written, or why it was refused. Tickets only when `options.sendTickets` asks (then the new rows
   * are read back for them).
   */
  async insertMany(m: EntityManager, batch: NewAttendees, options: WriteOptions = {}): Promise<CreateOutcome[]> {
    const { editionId, inputs, by, source, reason } = batch;
    const editionDays = await this.editionDays(m, editionId);
    const outcomes: CreateOutcome[] = [];
    // Each input checked as the COPY takes it, so that checking and writing overlap.
    function* accepted(): Generator<AttendeeRow & { id: string }> {
      for (const raw of inputs) {
        const input = normaliseAttendee(raw.days ? raw : { ...raw, days: editionDays });
        const issues = checkAttendee(input, editionDays);
        if (issues.length) outcomes.push({ refused: AttendeeErrors.invalid(issues) });
        else {
          // The id is chosen here, so each new row is known by it whatever order the database writes in.
          const row = rowOf(input) as AttendeeRow & { id: string };
          row.id = randomUUID();
          outcomes.push({ id: row.id });
          yield row;
        }
      }
    }
    const { ids, entries } = await this.mapWriteErrors(() => this.repository.insert(m, editionId, source, accepted()));
    if (ids.length === 0) return outcomes;
    await this.audit.recordFrom(m, entries, { editionId, actor: by, reason });
    if (options.sendTickets) await this.tickets.queue(m, await this.repository.views(m, ids), false);
    return outcomes;
  }

  async update(id: string, fields: Partial<AttendeeInput>, by: Actor): Promise<AttendeeView> {
    return this.changeOne(undefined, { id, kind: 'update', fields }, by);
  }

  /** Cancels the attendee and revokes their badge; in `manager`'s transaction when given. */
  async cancel(id: string, by: Actor, reason?: string, manager?: EntityManager): Promise<AttendeeView> {
    return this.changeOne(manager, { id, kind: 'cancel', reason }, by);
  }

  /** A new badge (lost, damaged): bumps the version, which revokes every earlier code. */
  async reissue(id: string, by: Actor, reason?: string): Promise<Credential> {
    return this.sign(await this.changeOne(undefined, { id, kind: 'reissue', reason }, by));
  }

  /**
   * The one write path for existing attendees: PATCH, the CSV import, cancellation, a new badge, the
   * staff and exhibitor closures and erasure all go through it, in the caller's transaction, with as
   * many changes as they have and a few statements for all of them. It locks the rows, checks the
   * fields, and writes only those that differ. A change to what the badge carries (category, days) makes
   * a new badge version and a revocation, so offline desks refuse the old code; cancelling or erasing
   * revokes every version. The audit entries are written with the changes; an erasure's entry says that
   * it happened, not what was erased. A change refused on its own (not found, erased, invalid once
   * merged) is answered as refused; the database's refusals (email taken, staff quota) fail the batch.
   * A new badge version of a registered attendee with an email queues the new ticket, which says the old
   * one no longer works (unless `options.sendTickets` is false: an import not asked to send them).
   */
  async applyChanges(m: EntityManager, changes: readonly AttendeeChange[], by: AuditActor | null, options: WriteOptions = {}): Promise<WriteOutcome[]> {
    if (new Set(changes.map((c) => c.id)).size !== changes.length) throw new Error('applyChanges takes one change per attendee');
    const befores = new Map((await this.repository.lock(m, changes.map((c) => c.id))).map((v) => [v.id, v]));
    const days = new Map<string, string[]>();
    for (const editionId of new Set([...befores.values()].map((v) => v.editionId))) days.set(editionId, await this.editionDays(m, editionId));
    const outcomes: WriteOutcome[] = [];
    const plans: Array<Plan & { at: number }> = [];
    for (const change of changes) {
      const before = befores.get(change.id);
      const planned = before ? this.plan(change, before, days.get(before.editionId)!) : AttendeeErrors.notFound(change.id);
      if (planned instanceof DomainError) outcomes.push({ refused: planned });
      else if (!planned) outcomes.push({ view: before!, changed: false });
      else plans.push({ ...planned, at: outcomes.push({ view: before!, changed: false }) - 1 });
    }
    const afters = new Map((await this.mapWriteErrors(() => this.repository.update(m, plans.map((p) => p.update)))).map((v) => [v.id, v]));
    const written = plans.map((plan) => ({ plan, after: afters.get(plan.change.id)! }));
    await this.repository.revoke(m, written.flatMap(({ plan, after }) => revocationOf(plan, after)));
    await this.audit.recordMany(m, written.map(({ plan, after }) => auditOf(plan, after, by)));
    for (const { plan, after } of written) outcomes[plan.at] = { view: after, changed: true };
    if (options.sendTickets ?? true) await this.tickets.queue(m, written.filter((w) => w.plan.update.bumpBadge).map((w) => w.after), true);
    return outcomes;
  }

  /** What a change writes, or null when it changes nothing, or why it is refused. */
  private plan(change: AttendeeChange, before: AttendeeView, editionDays: string[]): Omit<Plan, 'at'> | null | DomainError {
    const { kind } = change;
    if (kind === 'erase' ? before.erased : kind === 'cancel' && before.status === 'cancelled') return null;
    if (kind === 'reissue' && before.status === 'cancelled') return AttendeeErrors.cancelled();
    if (before.erased) return AttendeeErrors.erased();
    const input = normaliseAttendee(kind === 'erase' ? ERASED_FIELDS : kind === 'update' ? (change.fields ?? {}) : {});
    if (kind === 'update') {
      const merged = { ...before, ...input } as AttendeeInput;
      const issues = checkAttendee({ ...input, category: merged.category, exhibitorId: merged.exhibitorId }, editionDays);
      if (issues.length) return AttendeeErrors.invalid(issues);
    }
    const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const changed = FIELDS.filter((k) => input[k] !== undefined && !same(input[k], before[k]));
    if (kind === 'update' && !changed.length) return null;
    const row = { ...rowOf(before), ...Object.fromEntries(changed.map((k) => [k, input[k] ?? null])) } as AttendeeRow;
    const bumpBadge = kind === 'reissue' || (kind === 'update' && changed.some((k) => BADGE_FIELDS.includes(k)));
    return { change, before, changed, update: { id: before.id, row, bumpBadge, cancel: kind === 'cancel' || kind === 'erase', erase: kind === 'erase' } };
  }

  private async changeOne(manager: EntityManager | undefined, change: AttendeeChange, by: AuditActor | null): Promise<AttendeeView> {
    const [outcome] = await withTransaction(this.dataSource, manager, (m) => this.applyChanges(m, [change], by));
    if (outcome.refused) throw outcome.refused;
    return outcome.view;
  }

  /** The registered staff of an exhibitor, all cancelled in the caller's transaction (its closure). */
  async cancelStaffOf(m: EntityManager, exhibitorId: string, by: AuditActor, reason: string): Promise<void> {
    const ids = await this.repository.registeredStaffIds(m, exhibitorId);
    const refused = (await this.applyChanges(m, ids.map((id) => ({ id, kind: 'cancel' as const, reason })), by)).find((o) => o.refused);
    if (refused?.refused) throw refused.refused;
  }

  async get(id: string): Promise<AttendeeView> {
    const view = await this.repository.get(id);
    if (!view) throw AttendeeErrors.notFound(id);
    return view;
  }

  async list(filter: Omit<AttendeeFilter, 'editionId'> & { editionId?: string }): Promise<Paged<AttendeeView>> {
    return this.repository.list({ ...filter, editionId: await this.editions.resolveId(filter.editionId) });
  }

  /** The signed code of the attendee's current badge version, for the QR on the badge. */
  async credential(id: string): Promise<Credential> {
    const view = await this.get(id);
    if (view.status === 'cancelled') throw AttendeeErrors.cancelled();
    if (view.erased) throw AttendeeErrors.erased();
    return this.sign(view);
  }

  sign(view: Pick<AttendeeView, 'id' | 'editionId' | 'category' | 'days' | 'badgeVersion'>): Credential {
    return {
      code: this.keys.sign({ attendeeId: view.id, editionId: view.editionId, category: view.category, days: view.days, version: view.badgeVersion }),
      version: view.badgeVersion,
    };
  }

  /** Everything held on one attendee, for a subject access request: theirs, what other libraries hold, the audit history. */
  async exportPersonalData(id: string, by: Actor): Promise<PersonalData> {
    const attendee = await this.get(id);
    const held = await Promise.all(this.extensions.dataHolders().map((h) => h.personalData(this.dataSource, id)));
    const history = await this.history(id);
    await inTransaction(this.dataSource, (m) => this.audit.record(m, { editionId: attendee.editionId, actor: by, action: 'attendee.data_exported', entityType: 'attendee', entityId: id }));
    return { attendee, checkins: [], scans: [], leads: [], ...Object.assign({}, ...held), history };
  }

  /** The audit entries of the attendee, oldest first: what was done, when and why. */
  private async history(id: string): Promise<PersonalHistoryEntry[]> {
    const { items } = await this.audit.list(this.dataSource.manager, { entityType: 'attendee', entityId: id, limit: 100_000, offset: 0 });
    return (items as PersonalHistoryEntry[]).reverse().map(({ action, at, reason }) => ({ action, at, reason }));
  }

  /**
   * Erases an attendee's personal data on request: names, contact and organisation go (in the row and in
   * the values the audit log kept of them), what other libraries hold that names them goes (leads), their
   * messages go (the rows, with the address), rendered
   * badge files that show them go (by a job), the badge is revoked. Category, days, check-ins and the audit
   * entries themselves stay, so counts stay true; the erasure is audited with how many entries were
   * redacted and leads deleted, not with what was erased.
   */
  async erase(id: string, by: Actor): Promise<AttendeeView> {
    return inTransaction(this.dataSource, async (m) => {
      const [before] = await this.repository.lock(m, [id]);
      if (!before) throw AttendeeErrors.notFound(id);
      if (before.erased) return before;
      const removed: Record<string, number> = {};
      for (const holder of this.extensions.dataHolders()) Object.assign(removed, await holder.erase(m, id));
      const redacted = await this.audit.redact(m, { entityType: 'attendee', entityId: id }, PERSONAL_FIELDS);
      // Their messages go too: the rows hold the address and the name.
      const messagesDeleted = await this.messages.eraseForAttendee(m, id);
      const view = await this.changeOne(m, { id, kind: 'erase', auditAfter: { auditEntriesRedacted: redacted, ...removed, messagesDeleted } }, by);
      // Rendered badges belong to the badges feature: a job drops those that hold this person.
      await this.producer.enqueue(m, 'badges.forget-attendee', { attendeeId: id });
      return view;
    });
  }

  private async editionDays(m: EntityManager, editionId: string): Promise<string[]> {
    return (await this.editions.load(editionId, m)).days.map((d) => d.day).sort();
  }

  private async mapWriteErrors<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      throw mapWriteError(error);
    }
  }
}

function rowOf(input: Partial<AttendeeInput> | AttendeeView): AttendeeRow {
  return {
    category: input.category ?? 'visitor',
    firstName: input.firstName ?? '',
    lastName: input.lastName ?? '',
    organisation: input.organisation ?? null,
    jobTitle: input.jobTitle ?? null,
    country: input.country ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    exhibitorId: input.exhibitorId ?? null,
    days: input.days ?? [],
    consentShareContact: input.consentShareContact ?? false,
    language: input.language ?? null,
  };
}

/** The codes a written change revokes: earlier versions on a new badge, every version on cancellation or erasure. */
function revocationOf(plan: Plan, after: AttendeeView): Revocation[] {
  const base = { editionId: after.editionId, attendeeId: after.id };
  const out: Revocation[] = [];
  if (plan.update.bumpBadge) out.push({ ...base, validFromVersion: after.badgeVersion, reason: 'reissued' });
  if (plan.change.kind === 'cancel') out.push({ ...base, validFromVersion: 65536, reason: 'cancelled' });
  if (plan.change.kind === 'erase') out.push({ ...base, validFromVersion: 65536, reason: 'erased' });
  return out;
}

function auditOf(plan: Plan, after: AttendeeView, by: AuditActor | null): AuditEntry {
  const entry = { editionId: after.editionId, actor: by, entityType: 'attendee', entityId: after.id, reason: plan.change.reason };
  const pick = (view: AttendeeView) => Object.fromEntries(plan.changed.map((k) => [k, view[k]]));
  switch (plan.change.kind) {
    case 'update':
      return { ...entry, action: 'attendee.updated', before: pick(plan.before), after: pick(after) };
    case 'reissue':
      return { ...entry, action: 'attendee.badge_reissued', before: { badgeVersion: plan.before.badgeVersion }, after: { badgeVersion: after.badgeVersion } };
    default:
      return { ...entry, action: plan.change.kind === 'cancel' ? 'attendee.cancelled' : 'attendee.erased', after: plan.change.auditAfter };
  }
}

function mapWriteError(error: unknown): unknown {
  const code = pgCode(error);
  const constraint = pgConstraint(error);
  if (code === PG.uniqueViolation && constraint === 'attendees_email_key') return AttendeeErrors.emailTaken();
  if (code === PG.checkViolation && constraint === 'attendees_staff_quota') {
    return AttendeeErrors.quotaReached(Number((error as { detail?: string; driverError?: { detail?: string } }).detail ?? (error as { driverError?: { detail?: string } }).driverError?.detail));
  }
  if (code === PG.foreignKeyViolation) return AttendeeErrors.invalid([{ field: 'exhibitorId', reasons: ['is not an exhibitor of this edition'] }]);
  return error;
}
