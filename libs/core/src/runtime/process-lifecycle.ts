import { createServer } from 'node:net';
import { ConfigError } from '../config/app-config';

const line = (text: string) => process.stderr.write(`${text}\n`);

/**
 * A start refused for a reason the user can act on (a busy port, a data directory in use): its message
 * is the one line printed, with no stack.
 */
export class StartRefused extends Error {
  override name = 'StartRefused';
}

/** The one line for a port the process may not listen on, or undefined for any other error. */
export function portRefusal(error: unknown, port: number, host: string, command: string): StartRefused | undefined {
  const code = (error as { code?: string })?.code;
  const other = port < 65535 ? port + 1 : 3000;
  if (code === 'EADDRINUSE') return new StartRefused(`Cannot listen on port ${port} (${host}): it is already in use. Choose another port, e.g. PORT=${other} ${command}`);
  if (code === 'EACCES') return new StartRefused(`Cannot listen on port ${port} (${host}): not allowed for this user. Choose another port, e.g. PORT=3000 ${command}`);
  if (code === 'EADDRNOTAVAIL') return new StartRefused(`Cannot listen on ${host}: no network interface of this machine has that address. Check HOST`);
  return undefined;
}

/**
 * Checks that the HTTP port is free before anything else starts (an embedded PostgreSQL, migrations),
 * so that a busy port is one line naming it rather than a failure half-way through the start.
 */
export async function ensurePortFree(port: number, host: string, command: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(portRefusal(error, port, host, command) ?? error));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/**
 * Runs a process's main function: a configuration error prints its one line and exits 1; any other
 * start-up failure prints what failed and exits 1.
 */
export function runProcess(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof StartRefused) line(error.message);
    else line(`fairops ${name}: failed to start: ${(error as Error)?.message ?? String(error)}`);
    process.exit(1);
  });
}

/**
 * On SIGINT or SIGTERM, runs `stop` once (stop taking requests, let running jobs finish, close
 * connections) and exits 0; exits 1 if it takes longer than `timeoutMs`. A second signal exits at once.
 */
export function exitOnSignals(stop: (signal: string) => Promise<void>, timeoutMs: number): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      line(`fairops: ${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    const timer = setTimeout(() => {
      line(`fairops: shutdown took longer than ${timeoutMs} ms, exiting`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    stop(signal).then(
      () => process.exit(0),
      (error: Error) => {
        line(`fairops: error while stopping: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
