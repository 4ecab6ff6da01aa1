import { ConfigError } from '../config/app-config';

const line = (text: string) => process.stderr.write(`${text}\n`);

/**
 * Runs a process's main function: a configuration error prints its one line and exits 1; any other
 * start-up failure prints what failed and exits 1.
 */
export function runProcess(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) line(error.message);
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
