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
});
