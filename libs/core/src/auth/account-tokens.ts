import { createHash, createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { Db, maybeOne, one, rows, sql } from '../database/sql';
import { DomainError } from '../errors/domain-error';

export type AccountTokenPurpose = 'invitation' | 'password_reset';
export const ACCOUNT_TOKEN_PURPOSES: readonly AccountTokenPurpose[] = ['invitation', 'password_reset'];

/** How long a link works: an invitation a week, a password reset an hour. */
export const ACCOUNT_TOKEN_TTL_SECONDS: Record<AccountTokenPurpose, number> = { invitation: 7 * 24 * 3600, password_reset: 3600 };

/** A link that can still be used: its token (for the message that carries it), whose it is, until when. */
export interface UsableAccountLink {
  id: string;
  userId: string;
  purpose: AccountTokenPurpose;
  token: string;
  expiresAt: Date;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

const refused = (reason: string) => DomainError.validation(`token ${reason}`, [{ field: 'token', reasons: [reason] }]);

/** The refusal of a link that cannot be used (also for a disabled user's link: it is not valid any more). */
export const invalidLink = () => refused('is not a valid link');

/**
 * The single-use secrets of invitation and password-reset links.
 *
 * A token is not stored anywhere: it is the HMAC-SHA256 of its row's id and purpose under a key derived
 * (HKDF) from JWT_SECRET. The row keeps only a SHA-256 of the token, and the message that carries the link
 * keeps only the row's id, so a copy of the database opens no account; the mail composer recomputes the
 * token from the id when it sends. Whoever holds JWT_SECRET could already sign any user's access token,
 * so deriving links from it exposes nothing more. Changing JWT_SECRET voids the links not yet used.
 * A new token of a purpose retires the user's earlier ones.
 */
@Injectable()
export class AccountTokens {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: { jwt: { secret: string } }) {
    this.key = Buffer.from(hkdfSync('sha256', config.jwt.secret, 'fairops', 'account links (invitation, password reset)', 32));
  }

  /** A new token for the user, in the caller's transaction (with the message that carries its id). */
  async issue(manager: EntityManager, userId: string, purpose: AccountTokenPurpose): Promise<{ id: string; token: string; expiresAt: Date }> {
    const id = randomUUID();
    const token = this.tokenOf(id, purpose);
    await rows(manager, sql`UPDATE account_tokens SET used_at = now() WHERE user_id = ${userId} AND purpose = ${purpose} AND used_at IS NULL`);
    const row = await one<{ expiresAt: Date }>(
      manager,
      sql`INSERT INTO account_tokens (id, user_id, purpose, token_hash, expires_at)
          VALUES (${id}, ${userId}, ${purpose}, ${digest(token)}, now() + make_interval(secs => ${ACCOUNT_TOKEN_TTL_SECONDS[purpose]}))
          RETURNING expires_at AS "expiresAt"`,
    );
    return { id, token, expiresAt: row.expiresAt };
  }

  /**
   * The link of token `id` while it can be used (not used, not retired, not expired, and made with
   * today's key); undefined otherwise: a message about it has nothing left to say.
   */
  async usable(db: Db, id: string): Promise<UsableAccountLink | undefined> {
    const row = await maybeOne<{ userId: string; purpose: AccountTokenPurpose; hash: Buffer; expiresAt: Date }>(
      db,
      sql`SELECT user_id AS "userId", purpose, token_hash AS hash, expires_at AS "expiresAt"
            FROM account_tokens WHERE id = ${id} AND used_at IS NULL AND expires_at > now()`,
    );
    if (!row) return undefined;
    const token = this.tokenOf(id, row.purpose);
    if (!timingSafeEqual(digest(token), row.hash)) return undefined;
    return { id, userId: row.userId, purpose: row.purpose, token, expiresAt: row.expiresAt };
  }

  /**
   * Uses the token up, in the caller's transaction (with the password it sets); answers its user.
   * A token used before, expired or unknown is a 400 naming `token` and why.
   */
  async consume(manager: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<string> {
    return (await this.use(manager, token, [purpose])).userId;
  }

  /** As `consume`, for a token of any of `purposes`; answers its user and which purpose it served. */
  async use(manager: EntityManager, token: string, purposes: readonly AccountTokenPurpose[] = ACCOUNT_TOKEN_PURPOSES): Promise<{ userId: string; purpose: AccountTokenPurpose }> {
    const found = await maybeOne<{ id: string; userId: string; purpose: AccountTokenPurpose; used: boolean; expired: boolean }>(
      manager,
      sql`SELECT id, user_id AS "userId", purpose, used_at IS NOT NULL AS used, expires_at <= now() AS expired
            FROM account_tokens WHERE token_hash = ${digest(token)} AND purpose = ANY(${[...purposes]}::text[]) FOR UPDATE`,
    );
    if (!found) throw invalidLink();
    if (found.used) throw refused('has already been used');
    if (found.expired) throw refused('has expired; ask for a new link');
    await one(manager, sql`UPDATE account_tokens SET used_at = now() WHERE id = ${found.id} RETURNING id`);
    return { userId: found.userId, purpose: found.purpose };
  }

  private tokenOf(id: string, purpose: AccountTokenPurpose): string {
    return createHmac('sha256', this.key).update(`${purpose}:${id}`).digest('base64url');
  }
}
