import { Injectable } from '@nestjs/common';
import { Db, Paged, maybeOne, one, paged, rows, sql } from '../database/sql';
import { Actor, Role, UserLanguage } from './roles';
import { User } from './user.entity';

/** A user row as the services read it (no password hash). */
export type UserRow = Omit<User, 'passwordHash' | 'updatedAt'>;

/** What other libraries may know of a user: the awards check roles, compare organisations and name jurors. */
/** Whom a message to a user goes to: address, name and chosen language (null: the edition's). */
export interface UserContact {
  id: string;
  email: string;
  displayName: string;
  language: 'fr' | 'en' | 'ar' | null;
  disabled: boolean;
}

export interface UserBrief {
  id: string;
  role: Role;
  displayName: string;
  organisation: string | null;
}

/** A new user's row; `passwordHash` null: invited, no password yet. */
export interface NewUserRow {
  email: string;
  displayName: string;
  passwordHash: string | null;
  role: Role;
  exhibitorId: string | null;
  organisation: string | null;
  language: UserLanguage | null;
}

const USER_VIEW = sql.raw(
  `id, email, display_name AS "displayName", role, exhibitor_id AS "exhibitorId", organisation, language, disabled_at AS "disabledAt", created_at AS "createdAt"`,
);

/** The SQL of the users table. */
@Injectable()
export class UsersRepository {
  async insert(db: Db, u: NewUserRow): Promise<UserRow> {
    return one<UserRow>(
      db,
      sql`INSERT INTO users (email, display_name, password_hash, role, exhibitor_id, organisation, language)
          VALUES (${u.email}, ${u.displayName}, ${u.passwordHash}, ${u.role}, ${u.exhibitorId}, ${u.organisation}, ${u.language})
          RETURNING ${USER_VIEW}`,
    );
  }

  async list(db: Db, filter: { role?: Role; limit: number; offset: number }): Promise<Paged<UserRow>> {
    return paged<UserRow>(db, sql`SELECT ${USER_VIEW} FROM users WHERE ${sql.and([filter.role && sql`role = ${filter.role}`])}`, {
      orderBy: sql`email, id`,
      limit: filter.limit,
      offset: filter.offset,
    });
  }

  async find(db: Db, id: string, lock = false): Promise<UserRow | undefined> {
    return maybeOne<UserRow>(db, sql`SELECT ${USER_VIEW} FROM users WHERE id = ${id}${lock ? sql` FOR UPDATE` : sql.empty}`);
  }

  /** The active user behind a token, with the version their tokens must carry. */
  async findActive(db: Db, id: string): Promise<(Actor & { tokenVersion: number }) | undefined> {
    return maybeOne(
      db,
      sql`SELECT id, email, role, exhibitor_id AS "exhibitorId", token_version AS "tokenVersion" FROM users WHERE id = ${id} AND disabled_at IS NULL`,
    );
  }

  /** The enabled user with this email (a password-reset link is sent to them). */
  async findEnabledByEmail(db: Db, email: string): Promise<UserRow | undefined> {
    return maybeOne<UserRow>(db, sql`SELECT ${USER_VIEW} FROM users WHERE email = ${email} AND disabled_at IS NULL`);
  }

  /** `passwordHash` null: an invited user without a password yet. */
  async findForLogin(db: Db, email: string): Promise<(Actor & { passwordHash: string | null; tokenVersion: number }) | undefined> {
    return maybeOne(
      db,
      sql`SELECT id, email, role, exhibitor_id AS "exhibitorId", password_hash AS "passwordHash", token_version AS "tokenVersion"
            FROM users WHERE email = ${email} AND disabled_at IS NULL`,
    );
  }

  async passwordHash(db: Db, id: string): Promise<string | undefined> {
    return (await maybeOne<{ passwordHash: string | null }>(db, sql`SELECT password_hash AS "passwordHash" FROM users WHERE id = ${id}`))?.passwordHash ?? undefined;
  }

  async briefs(db: Db, ids: readonly string[]): Promise<UserBrief[]> {
    if (!ids.length) return [];
    return rows<UserBrief>(db, sql`SELECT id, role, display_name AS "displayName", organisation FROM users WHERE id = ANY(${[...ids]}::uuid[])`);
  }

  async contacts(db: Db, ids: readonly string[]): Promise<UserContact[]> {
    if (!ids.length) return [];
    return rows<UserContact>(
      db,
      sql`SELECT id, email, display_name AS "displayName", language, disabled_at IS NOT NULL AS disabled FROM users WHERE id = ANY(${[...ids]}::uuid[])`,
    );
  }

  /** Applies `changes` to the user (updated_at too) and returns the row with its token version. */
  async update(
    db: Db,
    id: string,
    changes: { disabled?: boolean; passwordHash?: string; endTokens?: boolean },
  ): Promise<UserRow & { tokenVersion: number }> {
    const set = sql.join(
      [
        changes.disabled === true && sql`disabled_at = now()`,
        changes.disabled === false && sql`disabled_at = NULL`,
        changes.passwordHash !== undefined && sql`password_hash = ${changes.passwordHash}, password_changed_at = now()`,
        changes.endTokens && sql`token_version = token_version + 1`,
        sql`updated_at = now()`,
      ].filter((piece): piece is ReturnType<typeof sql> => Boolean(piece)),
    );
    return one(db, sql`UPDATE users SET ${set} WHERE id = ${id} RETURNING ${USER_VIEW}, token_version AS "tokenVersion"`);
  }

  /** Disables the active manager accounts of an exhibitor (their tokens end); returns their ids. */
  async disableExhibitorManagers(db: Db, exhibitorId: string): Promise<string[]> {
    const disabled = await rows<{ id: string }>(
      db,
      sql`UPDATE users SET disabled_at = now(), token_version = token_version + 1, updated_at = now()
           WHERE exhibitor_id = ${exhibitorId} AND role = 'exhibitor' AND disabled_at IS NULL RETURNING id`,
    );
    return disabled.map((r) => r.id);
  }
}
