import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PG, pgCode } from '../database/database-errors';
import { Db, withTransaction } from '../database/sql';
import { inTransaction } from '../database/transactions';
import { DomainError } from '../errors/domain-error';
import { AccountTokenPurpose, AccountTokens, invalidLink } from './account-tokens';
import { AuthErrors } from './auth.errors';
import { ActorCache } from './actor-cache';
import { exhibitorAccountGate } from './exhibitor-account-gate';
import { PasswordHasher } from './password-hasher';
import { Actor, Role, UserLanguage } from './roles';
import { UserBrief, UserContact, UserRow, UsersRepository } from './users.repository';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  exhibitorId?: string | null;
  organisation?: string | null;
  /** The language of the user's messages; none: the edition's default. */
  language?: UserLanguage | null;
}

/** A user invited by email: no password until they choose one with the invitation's link. */
export type InvitedUser = Omit<NewUser, 'password'>;

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  exhibitorId: string | null;
  organisation: string | null;
  language: UserLanguage | null;
  disabled: boolean;
  createdAt: Date;
}

export function toUserView(u: UserRow): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    exhibitorId: u.exhibitorId,
    organisation: u.organisation,
    language: u.language,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt,
  };
}

function checkExhibitorRole(input: Pick<NewUser, 'role' | 'exhibitorId'>): void {
  if ((input.role === 'exhibitor') !== Boolean(input.exhibitorId)) {
    throw DomainError.validation('an exhibitor user needs an exhibitorId, and only an exhibitor user may have one', [
      { field: 'exhibitorId', reasons: [input.role === 'exhibitor' ? 'is required for the exhibitor role' : 'is only allowed for the exhibitor role'] },
    ]);
  }
}

/** The audit action of a password chosen with a link, by the link's purpose. */
const LINK_ACTIONS: Record<AccountTokenPurpose, string> = { invitation: 'user.invitation_accepted', password_reset: 'user.password_reset_by_link' };

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly actors: ActorCache,
    private readonly tokens: AccountTokens,
  ) {}

  /** Creates a user; `by` is the admin who asked (null for the demo seed). */
  async create(input: NewUser, by: Actor | null, manager?: EntityManager): Promise<UserView> {
    checkExhibitorRole(input);
    const passwordHash = await this.hasher.hash(input.password);
    return withTransaction(this.dataSource, manager, (m) => this.insert(m, input, passwordHash, 'user.created', by));
  }

  /**
   * Creates an invited user without a password, in the caller's transaction (with the invitation's
   * token and message): they cannot log in until they choose one with the link.
   */
  async invite(manager: EntityManager, input: InvitedUser, by: Actor): Promise<UserView> {
    return this.insert(manager, input, null, 'user.invited', by);
  }

  private async insert(m: EntityManager, input: InvitedUser, passwordHash: string | null, action: string, by: Actor | null): Promise<UserView> {
    checkExhibitorRole(input);
    // An unknown exhibitor answers 404, a cancelled or withdrawn one 409 (the exhibitors library decides).
    if (input.exhibitorId) await exhibitorAccountGate().requireOpen(m, input.exhibitorId);
    const row = await this.repository
      .insert(m, {
        email: input.email.trim(),
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        exhibitorId: input.exhibitorId ?? null,
        organisation: input.organisation ?? null,
        language: input.language ?? null,
      })
      .catch((error: unknown) => {
        throw pgCode(error) === PG.uniqueViolation ? AuthErrors.emailTaken() : error;
      });
    const view = toUserView(row);
    await this.audit.record(m, { actor: by, action, entityType: 'user', entityId: view.id, after: { ...view } });
    return view;
  }

  async list(filter: { role?: Role; limit: number; offset: number }): Promise<{ items: UserView[]; total: number }> {
    const page = await this.repository.list(this.dataSource, filter);
    return { items: page.items.map(toUserView), total: page.total };
  }

  /** The active user behind a token, with the version their tokens must carry, or null when unknown or disabled. */
  async findActive(id: string): Promise<(Actor & { tokenVersion: number }) | null> {
    return (await this.repository.findActive(this.dataSource, id)) ?? null;
  }

  async findForLogin(email: string): Promise<(Actor & { passwordHash: string | null; tokenVersion: number }) | null> {
    return (await this.repository.findForLogin(this.dataSource, email.trim())) ?? null;
  }

  /** The enabled user with this email, or null (unknown or disabled): who a password-reset link goes to. */
  async findEnabledByEmail(email: string): Promise<UserView | null> {
    const row = await this.repository.findEnabledByEmail(this.dataSource, email.trim());
    return row ? toUserView(row) : null;
  }

  /**
   * Sets a password with the single-use token of an invitation or password-reset link: the token is
   * used up, every token the user holds ends, and it is audited as the user's own act. A token used
   * before, expired or unknown, or a disabled user's, is a 400 naming `token`.
   */
  async setPasswordWithLink(token: string, newPassword: string): Promise<void> {
    let userId: string | undefined;
    await inTransaction(this.dataSource, async (m) => {
      const link = await this.tokens.use(m, token);
      const user = await this.locked(m, link.userId);
      if (user.disabledAt) throw invalidLink();
      // Hashed once the token is known good: a stream of made-up tokens costs no argon2 work.
      const passwordHash = await this.hasher.hash(newPassword);
      await this.repository.update(m, user.id, { passwordHash, endTokens: true });
      await this.audit.record(m, { actor: { id: user.id, role: user.role }, action: LINK_ACTIONS[link.purpose], entityType: 'user', entityId: user.id });
      await this.actors.announce(m, user.id);
      userId = user.id;
    });
    if (userId) this.actors.forget(userId);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.repository.find(this.dataSource, id);
    if (!user) throw AuthErrors.userNotFound(id);
    return toUserView(user);
  }

  /**
   * What other libraries may know of these users (role, name, organisation), for those that exist:
   * the awards check that jurors are jury members and compare organisations with nominees.
   */
  async briefs(ids: readonly string[], db: Db = this.dataSource): Promise<UserBrief[]> {
    return this.repository.briefs(db, ids);
  }

  /** The users' addresses, names and languages, for messages to them. */
  async contacts(ids: readonly string[], db: Db = this.dataSource): Promise<UserContact[]> {
    return this.repository.contacts(db, ids);
  }

  /** Disables a user: they cannot log in, and every token they hold ends at once. */
  async disable(id: string, reason: string | null, by: Actor): Promise<UserView> {
    if (by.id === id) throw AuthErrors.cannotDisableSelf();
    return this.endingTokens(id, async (m) => {
      const before = await this.locked(m, id);
      if (before.disabledAt) return toUserView(before);
      const after = await this.repository.update(m, id, { disabled: true, endTokens: true });
      await this.audit.record(m, { actor: by, action: 'user.disabled', entityType: 'user', entityId: id, before: { disabled: false }, after: { disabled: true }, reason });
      return toUserView(after);
    });
  }

  /**
   * Disables the manager accounts of an exhibitor, in the caller's transaction (the exhibitor was
   * cancelled or withdrawn). Their tokens end when that transaction commits; returns their ids, for
   * the caller to `forgetTokens` after the commit.
   */
  async disableExhibitorManagers(m: EntityManager, exhibitorId: string, reason: string, by: Actor): Promise<string[]> {
    const ids = await this.repository.disableExhibitorManagers(m, exhibitorId);
    for (const id of ids) {
      await this.actors.announce(m, id);
      await this.audit.record(m, { actor: by, action: 'user.disabled', entityType: 'user', entityId: id, before: { disabled: false }, after: { disabled: true }, reason });
    }
    return ids;
  }

  /** Drops what this process remembers of these users' tokens (the other processes hear the NOTIFY). */
  forgetTokens(ids: string[]): void {
    for (const id of ids) this.actors.forget(id);
  }

  /**
   * Enables a disabled user again; the tokens they held before stay ended (they log in afresh). A
   * manager of a cancelled or withdrawn exhibitor stays disabled (409 exhibitor_closed).
   */
  async enable(id: string, by: Actor): Promise<UserView> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.locked(m, id);
      if (!before.disabledAt) return toUserView(before);
      if (before.exhibitorId) await exhibitorAccountGate().requireOpen(m, before.exhibitorId);
      const after = await this.repository.update(m, id, { disabled: false });
      await this.audit.record(m, { actor: by, action: 'user.enabled', entityType: 'user', entityId: id, before: { disabled: true }, after: { disabled: false } });
      return toUserView(after);
    });
  }

  /**
   * A user changes their own password, proving the current one. Every token they hold ends (this
   * request's included); the new version is returned, for a fresh token.
   */
  async changeOwnPassword(by: Actor, currentPassword: string, newPassword: string): Promise<Actor & { tokenVersion: number }> {
    const current = await this.repository.passwordHash(this.dataSource, by.id);
    if (!current || !(await this.hasher.verify(current, currentPassword))) throw AuthErrors.wrongCurrentPassword();
    if (currentPassword === newPassword) throw AuthErrors.samePassword();
    const passwordHash = await this.hasher.hash(newPassword);
    return this.endingTokens(by.id, async (m) => {
      await this.locked(m, by.id);
      const after = await this.repository.update(m, by.id, { passwordHash, endTokens: true });
      await this.audit.record(m, { actor: by, action: 'user.password_changed', entityType: 'user', entityId: by.id });
      return { id: after.id, email: after.email, role: after.role, exhibitorId: after.exhibitorId, tokenVersion: after.tokenVersion };
    });
  }

  /** An admin sets a new password for a user (forgotten, or leaked); every token the user holds ends. */
  async resetPassword(id: string, newPassword: string, reason: string | null, by: Actor): Promise<UserView> {
    const passwordHash = await this.hasher.hash(newPassword);
    return this.endingTokens(id, async (m) => {
      await this.locked(m, id);
      const after = await this.repository.update(m, id, { passwordHash, endTokens: true });
      await this.audit.record(m, { actor: by, action: 'user.password_reset', entityType: 'user', entityId: id, reason });
      return toUserView(after);
    });
  }

  /** A change that ends the user's tokens: announced in the transaction, and forgotten here once it commits. */
  private async endingTokens<T>(id: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    const result = await inTransaction(this.dataSource, async (m) => {
      const value = await work(m);
      await this.actors.announce(m, id);
      return value;
    });
    this.actors.forget(id);
    return result;
  }

  private async locked(m: EntityManager, id: string): Promise<UserRow> {
    const user = await this.repository.find(m, id, true);
    if (!user) throw AuthErrors.userNotFound(id);
    return user;
  }
}
