import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PG, pgCode } from '../database/database-errors';
import { sqlRows } from '../database/sql-rows';
import { inTransaction } from '../database/transactions';
import { DomainError } from '../errors/domain-error';
import { AuthErrors } from './auth.errors';
import { ActorCache } from './actor-cache';
import { PasswordHasher } from './password-hasher';
import { Actor, Role } from './roles';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  exhibitorId?: string | null;
  organisation?: string | null;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  exhibitorId: string | null;
  organisation: string | null;
  disabled: boolean;
  createdAt: Date;
}

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    exhibitorId: u.exhibitorId,
    organisation: u.organisation,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt,
  };
}

const USER_VIEW = `id, email, display_name AS "displayName", role, exhibitor_id AS "exhibitorId", organisation, disabled_at AS "disabledAt", created_at AS "createdAt"`;

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly actors: ActorCache,
  ) {}

  /** Creates a user; `by` is the admin who asked (null for the demo seed). */
  async create(input: NewUser, by: Actor | null, manager?: EntityManager): Promise<UserView> {
    if ((input.role === 'exhibitor') !== Boolean(input.exhibitorId)) {
      throw DomainError.validation('an exhibitor user needs an exhibitorId, and only an exhibitor user may have one', [
        { field: 'exhibitorId', reasons: [input.role === 'exhibitor' ? 'is required for the exhibitor role' : 'is only allowed for the exhibitor role'] },
      ]);
    }
    const passwordHash = await this.hasher.hash(input.password);
    const work = async (m: EntityManager) => {
      if (input.exhibitorId) await this.refuseClosedExhibitor(m, input.exhibitorId);
      try {
        const rows: User[] = await m.query(
          `INSERT INTO users (email, display_name, password_hash, role, exhibitor_id, organisation)
           VALUES ($1, $2, $3, $4, $5, $6)
           RETURNING id, email, display_name AS "displayName", role, exhibitor_id AS "exhibitorId",
                     organisation, disabled_at AS "disabledAt", created_at AS "createdAt"`,
          [input.email.trim(), input.displayName, passwordHash, input.role, input.exhibitorId ?? null, input.organisation ?? null],
        );
        const view = toUserView(rows[0]);
        await this.audit.record(m, { actor: by, action: 'user.created', entityType: 'user', entityId: view.id, after: { ...view } });
        return view;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw AuthErrors.emailTaken();
        if (pgCode(error) === PG.foreignKeyViolation) throw DomainError.notFound('exhibitor', input.exhibitorId ?? undefined);
        throw error;
      }
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  async list(filter: { role?: Role; limit: number; offset: number }): Promise<{ items: UserView[]; total: number }> {
    const [users, total] = await this.dataSource.getRepository(User).findAndCount({
      where: filter.role ? { role: filter.role } : {},
      order: { email: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items: users.map(toUserView), total };
  }

  /** The active user behind a token, with the version their tokens must carry, or null when unknown or disabled. */
  async findActive(id: string): Promise<(Actor & { tokenVersion: number }) | null> {
    const rows = await sqlRows<Actor & { tokenVersion: number }>(
      this.dataSource,
      `SELECT id, email, role, exhibitor_id AS "exhibitorId", token_version AS "tokenVersion" FROM users WHERE id = $1 AND disabled_at IS NULL`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findForLogin(email: string): Promise<(Actor & { passwordHash: string; tokenVersion: number }) | null> {
    const rows: Array<Actor & { passwordHash: string; tokenVersion: number }> = await this.dataSource.query(
      `SELECT id, email, role, exhibitor_id AS "exhibitorId", password_hash AS "passwordHash", token_version AS "tokenVersion"
         FROM users WHERE email = $1 AND disabled_at IS NULL`,
      [email.trim()],
    );
    return rows[0] ?? null;
  }

  async get(id: string): Promise<UserView> {
    const [user] = await sqlRows<User>(this.dataSource, `SELECT ${USER_VIEW} FROM users WHERE id = $1`, [id]);
    if (!user) throw AuthErrors.userNotFound(id);
    return toUserView(user);
  }

  /** Disables a user: they cannot log in, and every token they hold ends at once. */
  async disable(id: string, reason: string | null, by: Actor): Promise<UserView> {
    if (by.id === id) throw AuthErrors.cannotDisableSelf();
    return this.endingTokens(id, async (m) => {
      const before = await this.locked(m, id);
      if (before.disabledAt) return toUserView(before);
      const after = await this.updateReturning(m, id, `disabled_at = now(), token_version = token_version + 1`);
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
    const rows = await sqlRows<{ id: string }>(
      m,
      `UPDATE users SET disabled_at = now(), token_version = token_version + 1, updated_at = now()
        WHERE exhibitor_id = $1 AND role = 'exhibitor' AND disabled_at IS NULL RETURNING id`,
      [exhibitorId],
    );
    for (const { id } of rows) {
      await this.actors.announce(m, id);
      await this.audit.record(m, { actor: by, action: 'user.disabled', entityType: 'user', entityId: id, before: { disabled: false }, after: { disabled: true }, reason });
    }
    return rows.map((r) => r.id);
  }

  /** Drops what this process remembers of these users' tokens (the other processes hear the NOTIFY). */
  forgetTokens(ids: string[]): void {
    for (const id of ids) this.actors.forget(id);
  }

  /** Enables a disabled user again; the tokens they held before stay ended (they log in afresh). */
  async enable(id: string, by: Actor): Promise<UserView> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.locked(m, id);
      if (!before.disabledAt) return toUserView(before);
      if (before.exhibitorId) await this.refuseClosedExhibitor(m, before.exhibitorId);
      const after = await this.updateReturning(m, id, `disabled_at = NULL`);
      await this.audit.record(m, { actor: by, action: 'user.enabled', entityType: 'user', entityId: id, before: { disabled: true }, after: { disabled: false } });
      return toUserView(after);
    });
  }

  /**
   * A user changes their own password, proving the current one. Every token they hold ends (this
   * request's included); the new version is returned, for a fresh token.
   */
  async changeOwnPassword(by: Actor, currentPassword: string, newPassword: string): Promise<Actor & { tokenVersion: number }> {
    const [row] = await sqlRows<{ passwordHash: string }>(this.dataSource, `SELECT password_hash AS "passwordHash" FROM users WHERE id = $1`, [by.id]);
    if (!row || !(await this.hasher.verify(row.passwordHash, currentPassword))) throw AuthErrors.wrongCurrentPassword();
    if (currentPassword === newPassword) throw AuthErrors.samePassword();
    const passwordHash = await this.hasher.hash(newPassword);
    return this.endingTokens(by.id, async (m) => {
      await this.locked(m, by.id);
      const after = await this.updateReturning(m, by.id, `password_hash = $2, password_changed_at = now(), token_version = token_version + 1`, [passwordHash]);
      await this.audit.record(m, { actor: by, action: 'user.password_changed', entityType: 'user', entityId: by.id });
      return { id: after.id, email: after.email, role: after.role, exhibitorId: after.exhibitorId, tokenVersion: after.tokenVersion };
    });
  }

  /** An admin sets a new password for a user (forgotten, or leaked); every token the user holds ends. */
  async resetPassword(id: string, newPassword: string, reason: string | null, by: Actor): Promise<UserView> {
    const passwordHash = await this.hasher.hash(newPassword);
    return this.endingTokens(id, async (m) => {
      await this.locked(m, id);
      const after = await this.updateReturning(m, id, `password_hash = $2, password_changed_at = now(), token_version = token_version + 1`, [passwordHash]);
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

  /**
   * A cancelled or withdrawn exhibitor has no active manager (its leads hold visitors' contact details):
   * ExhibitorClosureService disables them, and none may be created or enabled after. Core cannot import
   * the exhibitors lib, so the status is read here by a narrow query; FOR SHARE waits for a closure in
   * progress (whose UPDATE locks the row), and a closure waits for this transaction, then disables the
   * account it made or enabled.
   */
  private async refuseClosedExhibitor(m: EntityManager, exhibitorId: string): Promise<void> {
    const [exhibitor] = await sqlRows<{ status: string }>(m, `SELECT status FROM exhibitors WHERE id = $1 FOR SHARE`, [exhibitorId]);
    if (exhibitor && (exhibitor.status === 'cancelled' || exhibitor.status === 'withdrawn')) throw AuthErrors.exhibitorClosed(exhibitor.status);
  }

  private async locked(m: EntityManager, id: string): Promise<User> {
    const [user] = await sqlRows<User>(m, `SELECT ${USER_VIEW} FROM users WHERE id = $1 FOR UPDATE`, [id]);
    if (!user) throw AuthErrors.userNotFound(id);
    return user;
  }

  private async updateReturning(m: EntityManager, id: string, set: string, params: unknown[] = []): Promise<User & { tokenVersion: number }> {
    const [user] = await sqlRows<User & { tokenVersion: number }>(m, `UPDATE users SET ${set}, updated_at = now() WHERE id = $1 RETURNING ${USER_VIEW}, token_version AS "tokenVersion"`, [id, ...params]);
    return user;
  }
}
