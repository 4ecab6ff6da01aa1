import { DataSource } from 'typeorm';
import { AccountTokens, dataSourceOptions, one, rows, sql, withTransaction } from '@fairops/core';
import { createTestDatabase } from './support/test-database';

describe('AccountTokens (invitation and password-reset links)', () => {
  let db: DataSource;
  let userId: string;
  const tokens = new AccountTokens({ jwt: { secret: 'a test secret for the links' } });
  const consume = (token: string, purpose: 'invitation' | 'password_reset' = 'invitation') => withTransaction(db, undefined, (tx) => tokens.consume(tx, token, purpose));
  const issue = (purpose: 'invitation' | 'password_reset' = 'invitation') => withTransaction(db, undefined, (tx) => tokens.issue(tx, userId, purpose));

  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions({ databaseUrl: await createTestDatabase(), databasePoolSize: 4 })).initialize();
    ({ id: userId } = await one<{ id: string }>(db, sql`INSERT INTO users (email, display_name, role, password_hash) VALUES ('jury9@siccam.ma', 'Juré 9', 'jury', 'x') RETURNING id`));
  });
  afterAll(() => db?.destroy());

  it('works once; a second use is a 400 naming the token', async () => {
    const { token, expiresAt } = await issue();
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(await consume(token)).toBe(userId);
    await expect(consume(token)).rejects.toMatchObject({ code: 'validation_failed', details: [{ field: 'token', reasons: ['has already been used'] }] });
  });

  it('refuses an expired link, an unknown one, and one of another purpose', async () => {
    const { token } = await issue('password_reset');
    await rows(db, sql`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = ${userId} AND purpose = 'password_reset'`);
    await expect(consume(token, 'password_reset')).rejects.toMatchObject({ details: [{ field: 'token', reasons: ['has expired; ask for a new link'] }] });
    await expect(consume('not-a-token')).rejects.toMatchObject({ details: [{ field: 'token', reasons: ['is not a valid link'] }] });
    const invitation = await issue();
    await expect(consume(invitation.token, 'password_reset')).rejects.toMatchObject({ details: [{ field: 'token', reasons: ['is not a valid link'] }] });
  });

  it('retires the earlier link when a new one is sent, and keeps only a hash', async () => {
    const first = await issue();
    const second = await issue();
    await expect(consume(first.token)).rejects.toMatchObject({ details: [{ field: 'token', reasons: ['has already been used'] }] });
    expect(await consume(second.token)).toBe(userId);
    const stored = await rows<{ h: string }>(db, sql`SELECT encode(token_hash, 'hex') AS h FROM account_tokens`);
    expect(stored.every((r) => r.h.length === 64 && !r.h.includes(Buffer.from(second.token).toString('hex')))).toBe(true);
  });

  it('lets one of two simultaneous uses through', async () => {
    const { token } = await issue();
    const results = await Promise.allSettled([consume(token), consume(token), consume(token)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('recomputes the link from its id with the server’s key, and only while it can be used', async () => {
    const issued = await issue('password_reset');
    const link = await tokens.usable(db, issued.id);
    expect(link).toEqual({ id: issued.id, userId, purpose: 'password_reset', token: issued.token, expiresAt: issued.expiresAt });
    // The database holds the id and a hash, never the token; another key makes another token, which the hash refuses.
    const stored = await one<{ row: string }>(db, sql`SELECT row_to_json(t)::text AS row FROM account_tokens t WHERE id = ${issued.id}`);
    expect(stored.row).not.toContain(issued.token);
    expect(await new AccountTokens({ jwt: { secret: 'another secret' } }).usable(db, issued.id)).toBeUndefined();
    expect(await consume(issued.token, 'password_reset')).toBe(userId);
    expect(await tokens.usable(db, issued.id)).toBeUndefined();
    const expiring = await issue('password_reset');
    await rows(db, sql`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE id = ${expiring.id}`);
    expect(await tokens.usable(db, expiring.id)).toBeUndefined();
  });

  it('uses a token of either purpose and says which', async () => {
    const invitation = await issue('invitation');
    expect(await withTransaction(db, undefined, (tx) => tokens.use(tx, invitation.token))).toEqual({ userId, purpose: 'invitation' });
  });
});
