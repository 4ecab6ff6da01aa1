import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { maybeOne, one, rows, sql } from '../database/sql';
import { DomainError } from '../errors/domain-error';

export type AccountTokenPurpose = 'invitation' | 'password_reset';

/** How long a link works: an invitation a week, a password reset an hour. */
export const ACCOUNT_TOKEN_TTL_SECONDS: Record<AccountTokenPurpose, number> = { invitation: 7 * 24 * 3600, password_reset: 3600 };

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

const refused = (reason: string) => DomainError.validation(`token ${reason}`, [{ field: 'token', reasons: [reason] }]);

/**
 * The single-use secrets of invitation and password-reset links. Only a SHA-256 of a token is kept, so
 * a copy of the database opens no account; a new token of a purpose retires the user's earlier ones.
 */
@Injectable()
export class AccountTokens {
  /** A new token for the user, in the caller's transaction (with the message that carries it). */
  async issue(manager: EntityManager, userId: string, purpose: AccountTokenPurpose): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    await rows(manager, sql`UPDATE account_tokens SET used_at = now() WHERE user_id = ${userId} AND purpose = ${purpose} AND used_at IS NULL`);
    const row = await one<{ expiresAt: Date }>(
      manager,
      sql`INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at)
          VALUES (${userId}, ${purpose}, ${digest(token)}, now() + make_interval(secs => ${ACCOUNT_TOKEN_TTL_SECONDS[purpose]}))
          RETURNING expires_at AS "expiresAt"`,
    );
    return { token, expiresAt: row.expiresAt };
  }

  /**
   * Uses the token up, in the caller's transaction (with the password it sets); answers its user.
   * A token used before, expired or unknown is a 400 naming `token` and why.
   */
  async consume(manager: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<string> {
    const found = await maybeOne<{ id: string; userId: string; used: boolean; expired: boolean }>(
      manager,
      sql`SELECT id, user_id AS "userId", used_at IS NOT NULL AS used, expires_at <= now() AS expired
            FROM account_tokens WHERE token_hash = ${digest(token)} AND purpose = ${purpose} FOR UPDATE`,
    );
    if (!found) throw refused('is not a valid link');
    if (found.used) throw refused('has already been used');
    if (found.expired) throw refused('has expired; ask for a new link');
    await one(manager, sql`UPDATE account_tokens SET used_at = now() WHERE id = ${found.id} RETURNING id`);
    return found.userId;
  }
}
