/**
 * The one registry of queues, job names and payloads. Payloads carry ids, never personal data:
 * the handler reloads what it needs from PostgreSQL.
 */
export const QUEUES = ['system', 'imports', 'sessions', 'awards', 'badges', 'mail'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Round trip through outbox, relay and worker, requested by an operator to check the pipeline. */
  'system.probe': { probeId: string };
  /** Parse, validate and merge an uploaded exhibitors CSV (the file is in csv_imports). */
  'exhibitors.import': { importId: string };
  /** The same for attendees. */
  'attendees.import': { importId: string };
  /** Fill the seats a cancellation freed from the session's waitlist, in arrival order. */
  'sessions.promote-waitlist': { sessionId: string };
  /** Render the published winner's certificate PDF. */
  'awards.render-certificate': { prizeId: string };
  /** Render the badges of a print job (one desk's badges, or a bulk sheet) into its file. */
  'badges.render': { printJobId: string };
  /** Drop the rendered files that hold an erased attendee's badge. */
  'badges.forget-attendee': { attendeeId: string };
  /** Render and send one message (a row of `messages`) over SMTP. */
  'messages.send': { messageId: string };
}
export type JobName = keyof JobPayloads;

/** Which queue carries each job (literal types: the workers' handler maps are typed per queue from it). */
export const JOB_QUEUE = {
  'system.probe': 'system',
  'exhibitors.import': 'imports',
  'attendees.import': 'imports',
  'sessions.promote-waitlist': 'sessions',
  'awards.render-certificate': 'awards',
  'badges.render': 'badges',
  'badges.forget-attendee': 'badges',
  'messages.send': 'mail',
} as const satisfies { [N in JobName]: QueueName };

/** The job names a queue carries. */
export type JobsOf<Q extends QueueName> = { [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never }[JobName];

/** Defaults for every job: 3 attempts with exponential backoff; failed jobs are kept for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  // Completed jobs are kept for a day so that a relay retried after a crash finds the job id taken.
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: false,
} as const;

/**
 * A queue's own job options, over the defaults. Mail: eight tries with a backoff doubling from 5 s
 * (5 s, 10 s, 20 s … about 10 minutes in all), so an SMTP server down for a minute or greylisting
 * delays messages but loses none.
 */
export const QUEUE_JOB_OPTIONS: Partial<Record<QueueName, { attempts: number; backoff: { type: 'exponential'; delay: number } }>> = {
  mail: { attempts: 8, backoff: { type: 'exponential', delay: 5000 } },
};

/** The options a job of `queue` is added with. */
export function jobOptionsFor(queue: QueueName) {
  return { ...DEFAULT_JOB_OPTIONS, ...QUEUE_JOB_OPTIONS[queue] };
}
