import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'fairops-config-'));

  it('refuses a bad variable with one line naming it and what is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATA_DIR: dataDir() })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty', DATA_DIR: dataDir() })).toThrow('Invalid configuration: PORT must be an integer (got "eighty")');
  });

  it('names every bad variable on the same line, without echoing secrets', () => {
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', LOG_LEVEL: 'loud', DATA_DIR: dataDir() });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(message).toContain('JWT_SECRET must be at least 32 characters');
    expect(message).toContain('LOG_LEVEL must be one of');
    expect(message).not.toContain('short');
    expect(message).not.toContain('mysql');
  });

  it('requires real secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/fair', DATA_DIR: dataDir() })).toThrow(
      'JWT_SECRET is required when NODE_ENV=production; BADGE_SIGNING_KEY is required when NODE_ENV=production',
    );
  });

  it('generates development secrets once and keeps them', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.secretsSource).toBe('generated');
    expect(first.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwt.secret).toBe(first.jwt.secret);
    expect(second.badgeSigningKey).toBe(first.badgeSigningKey);
  });

  it('uses the PostgreSQL job backend and loads the demo only without DATABASE_URL', () => {
    const zero = loadConfig({ DATA_DIR: dataDir() });
    expect(zero).toMatchObject({ databaseUrl: undefined, redisUrl: undefined, seedDemo: true, port: 3000 });
    const deployed = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://db/fair', REDIS_URL: 'redis://cache:6379' });
    expect(deployed).toMatchObject({ seedDemo: false, redisUrl: 'redis://cache:6379' });
  });

  it('reads TRUST_PROXY: off by default, a hop count or proxy addresses, and refuses anything else by name', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: '10.0.0.0/8, loopback,2001:db8::1' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback', '2001:db8::1']);
    for (const bad of ['true', 'yes please', '10.0.0.0/33', '300.1.1.1', '11']) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: bad })).toThrow(/^Invalid configuration: TRUST_PROXY must be false, a number of proxy hops from 1 to 10/);
    }
  });
});
