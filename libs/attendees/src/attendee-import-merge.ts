import { EntityManager } from 'typeorm';
import { DomainError, rows, sql } from '@fairops/core';
import { ImportActor, ImportProblem, MergeBatch, MergeOutcome } from '@fairops/imports';
import { AttendeeInput } from './attendee-fields';
import { AttendeesRepository } from './attendees.repository';
import { AttendeesService, CreateOutcome, WriteOptions, WriteOutcome } from './attendees.service';

/** A valid row of the attendee import: the fields it gives (a column the file lacks is undefined). */
export type AttendeeImportRow = Partial<AttendeeInput>;

type RowOutcome = 'created' | 'updated' | 'unchanged' | Array<{ field: string; reason: string }>;
type MatchedRow = { input: AttendeeImportRow; match?: string };

/**
 * The attendee import's merge hook, through the attendees' own set-based write path: the rows that
 * match an attendee (by email, else by name, organisation and category) are changed in one batch with
 * the badge rule of PATCH (a changed category or days revokes the old code), the others created in one
 * statement. A row the service refuses (invalid once merged, erased) is rejected. When the database
 * refuses the batch (a staff quota reached, an email taken meanwhile), it is rolled back and the rows
 * go one by one, in file order, so that only the rows at fault are rejected.
 */
export async function mergeAttendeeRows(
  attendees: AttendeesService,
  repository: AttendeesRepository,
  m: EntityManager,
  batch: MergeBatch<AttendeeImportRow, string>,
): Promise<MergeOutcome> {
  // Each row with its line: the write path reads only the fields it knows.
  const inputs: AttendeeImportRow[] = batch.rows;
  const matches = await repository.matches(
    m,
    batch.editionId,
    inputs.map((input) => ({ email: input.email ?? null, firstName: input.firstName!, lastName: input.lastName!, organisation: input.organisation ?? null, category: input.category ?? 'visitor' })),
  );
  const all: MatchedRow[] = inputs.map((input, i) => ({ input, match: matches.get(i) }));
  const tickets = { sendTickets: batch.options.sendTickets === true };
  const write = (some: MatchedRow[]) => savepoint(m, () => writeRows(attendees, m, batch.editionId, some, batch.actor, batch.reason, tickets));
  let outcomes: RowOutcome[];
  try {
    outcomes = await write(all);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    outcomes = [];
    for (const row of all) outcomes.push(...(await write([row]).catch((e: unknown) => (e instanceof DomainError ? [rejection(e)] : Promise.reject(e)))));
  }
  await batch.progress(batch.rows.length);
  return tally(outcomes, batch.rows.map((r) => r.line));
}

async function writeRows(
  attendees: AttendeesService,
  m: EntityManager,
  editionId: string,
  all: MatchedRow[],
  by: ImportActor,
  reason: string,
  tickets: WriteOptions,
): Promise<RowOutcome[]> {
  const changes = all.flatMap(({ input, match }, at) => (match ? [{ at, change: { id: match, kind: 'update' as const, fields: input, reason } }] : []));
  const creations = all.flatMap(({ input, match }, at) => (match ? [] : [{ at, input: { ...input, category: input.category ?? 'visitor' } as AttendeeInput }]));
  // Tickets only when the import was asked to send them (new attendees, and new badge versions).
  const changed = await attendees.applyChanges(m, changes.map((c) => c.change), by, tickets);
  const created = await attendees.insertMany(m, { editionId, inputs: creations.map((c) => c.input), by, source: 'import', reason }, tickets);
  const outcomes: RowOutcome[] = [];
  changes.forEach((c, i) => (outcomes[c.at] = outcomeOf(changed[i], 'updated')));
  creations.forEach((c, i) => (outcomes[c.at] = outcomeOf(created[i], 'created')));
  return outcomes;
}

/** The counts and problems of the report; the write path audited every change itself. */
function tally(outcomes: RowOutcome[], lines: number[]): MergeOutcome {
  const result: MergeOutcome = { created: 0, updated: 0, unchanged: 0, rejectedLines: 0, problems: [], audit: [] };
  outcomes.forEach((outcome, i) => {
    if (typeof outcome === 'string') result[outcome]++;
    else {
      result.rejectedLines++;
      result.problems.push(...outcome.map((p): ImportProblem => ({ line: lines[i], ...p })));
    }
  });
  return result;
}

function outcomeOf(outcome: WriteOutcome | CreateOutcome, done: 'created' | 'updated'): RowOutcome {
  if (outcome.refused) return rejection(outcome.refused);
  return 'changed' in outcome && !outcome.changed ? 'unchanged' : done;
}

/** Why a row is rejected, in the words of the import's report. */
function rejection(error: DomainError): RowOutcome {
  if (error.code === 'staff_quota_reached') return [{ field: 'exhibitor', reason: "the exhibitor's staff badge quota is reached" }];
  if (error.code === 'registration_refused') return [{ field: 'email', reason: 'another attendee has this email' }];
  if (Array.isArray(error.details)) return (error.details as Array<{ field: string; reasons: string[] }>).map((i) => ({ field: i.field, reason: i.reasons.join(', ') }));
  return [{ field: '(row)', reason: error.message }];
}

/** `work` inside a savepoint of `m`'s transaction: what it wrote is undone if it throws. */
async function savepoint<T>(m: EntityManager, work: () => Promise<T>): Promise<T> {
  await rows(m, sql`SAVEPOINT attendee_rows`);
  try {
    const result = await work();
    await rows(m, sql`RELEASE SAVEPOINT attendee_rows`);
    return result;
  } catch (error) {
    await rows(m, sql`ROLLBACK TO SAVEPOINT attendee_rows`);
    throw error;
  }
}
