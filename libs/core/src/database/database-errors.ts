/** PostgreSQL SQLSTATE codes FairOps reacts to. */
export const PG = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  notNullViolation: '23502',
  exclusionViolation: '23P01',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  invalidTextRepresentation: '22P02',
  numericOutOfRange: '22003',
  stringTooLong: '22001',
  invalidDatetime: '22007',
  datetimeOverflow: '22008',
} as const;

interface PgLikeError {
  code?: string;
  constraint?: string;
  driverError?: PgLikeError;
}

/** The SQLSTATE of a pg error, also when TypeORM wrapped it in a QueryFailedError. */
export function pgCode(error: unknown): string | undefined {
  const e = error as PgLikeError | undefined;
  return e?.code ?? e?.driverError?.code;
}

/** The constraint a pg error names, if any. */
export function pgConstraint(error: unknown): string | undefined {
  const e = error as PgLikeError | undefined;
  return e?.constraint ?? e?.driverError?.constraint;
}

const CONNECTION_MESSAGES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'terminating connection',
  'the database system is starting up',
  'the database system is shutting down',
  'Client has encountered a connection error',
  'is not currently accepting connections',
  'Connection terminated unexpectedly',
  'Client was closed',
];

/** True when the error means PostgreSQL is unreachable or restarting (answer 503, not 500). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = pgCode(error);
  if (code && (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')) return true;
  const message = String((error as Error | undefined)?.message ?? '');
  return CONNECTION_MESSAGES.some((m) => message.includes(m));
}
