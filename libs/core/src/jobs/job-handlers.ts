import { JOB_QUEUE, JobName, JobPayloads, JobsOf, QueueName } from './job-registry';

/** What a handler knows of the run besides its payload. */
export interface JobAttempt {
  id?: string;
  /** Runs before this one (0 on the first). */
  attemptsMade: number;
  /** Runs allowed in all. */
  attempts: number;
}

/** The handler of one job: its payload typed from the registry. */
export type JobHandler<N extends JobName> = (payload: JobPayloads[N], attempt: JobAttempt) => Promise<unknown>;

/**
 * A queue's handlers, one per job name the registry puts on that queue: a job added to the registry
 * without a handler fails to compile in the worker (and, were a map built around the types, fails at
 * start: `missingHandlers`).
 */
export type JobHandlers<Q extends QueueName> = { [N in JobsOf<Q>]: JobHandler<N> };

/** The job names of `queue` that `handlers` has no handler for (none when the map is whole). */
export function missingHandlers(queue: QueueName, handlers: Partial<Record<string, unknown>>): JobName[] {
  return (Object.keys(JOB_QUEUE) as JobName[]).filter((name) => JOB_QUEUE[name] === queue && typeof handlers[name] !== 'function');
}

/** Whether this run is the last one allowed: a failure now is final. */
export function isFinalAttempt(attempt: JobAttempt): boolean {
  return attempt.attemptsMade + 1 >= attempt.attempts;
}

/**
 * `handler`, and when it fails on the final attempt, `onFinalFailure` first (record the failure where
 * the user sees it: an import, a print job), then the error as it was.
 */
export function recordingFinalFailure<N extends JobName>(handler: JobHandler<N>, onFinalFailure: (payload: JobPayloads[N]) => Promise<unknown>): JobHandler<N> {
  return async (payload, attempt) => {
    try {
      return await handler(payload, attempt);
    } catch (error) {
      if (isFinalAttempt(attempt)) await onFinalFailure(payload);
      throw error;
    }
  };
}
