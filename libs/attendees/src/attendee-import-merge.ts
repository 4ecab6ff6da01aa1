import { EntityManager } from 'typeorm';
import { DomainError, rows, sql } from '@fairops/core';
import { ImportProblem, MergeBatch, MergeOutcome } from '@fairops/imports';
import { AttendeeInput, AttendeesService } from './attendees.service';

/** A valid row of the attendee import: the fields it gives (a column the file lacks is undefined). */
export type AttendeeImportRow = Partial<AttendeeInput>;

/** How often the row-by-row merge records its progress. */
const PROGRESS_EVERY = 200;

/**
 * The attendee import's merge hook: every valid row through the attendees' own write path (create, or
 * applyChange which bumps the badge version and revokes the old code when category or days change).
 * Row by row with a savepoint today, so that a row the service refuses is rejected, not fatal. This is
 * the one call the import configuration makes into the attendees library: the set-based write path
 * replaces it here.
 */
export async function mergeAttendeeRows(attendees: AttendeesService, m: EntityManager, batch: MergeBatch<AttendeeImportRow, string>): Promise<MergeOutcome> {
  const outcome: MergeOutcome = { created: 0, updated: 0, unchanged: 0, rejectedLines: 0, problems: [], audit: [] };
  for (const [index, row] of batch.rows.entries()) {
    const { line, ...input } = row;
    const result = await upsertRow(attendees, m, batch, input);
    if (typeof result === 'string') outcome[result]++;
    else {
      outcome.rejectedLines++;
      outcome.problems.push(...result.map((p): ImportProblem => ({ line, ...p })));
    }
    if ((index + 1) % PROGRESS_EVERY === 0) await batch.progress(index + 1);
  }
  return outcome;
}

type RowResult = 'created' | 'updated' | 'unchanged' | Array<{ field: string; reason: string }>;

/**
 * One row: created, changed where a value differs, or left alone. A row the service refuses (quota,
 * email taken, invalid once merged) is rejected.
 */
async function upsertRow(attendees: AttendeesService, m: EntityManager, batch: MergeBatch<AttendeeImportRow, string>, input: AttendeeImportRow): Promise<RowResult> {
  const category = input.category ?? 'visitor';
  const existing = await attendees.findMatch(m, batch.editionId, {
    email: input.email ?? null,
    firstName: input.firstName!,
    lastName: input.lastName!,
    organisation: input.organisation ?? null,
    category,
  });
  await rows(m, sql`SAVEPOINT attendee_row`);
  try {
    let result: RowResult;
    if (!existing) {
      await attendees.create(batch.editionId, { ...input, category } as AttendeeInput, batch.actor, 'import', m, batch.reason);
      result = 'created';
    } else {
      result = (await attendees.applyChange(m, existing, input, batch.actor, { kind: 'update', reason: batch.reason })).changed ? 'updated' : 'unchanged';
    }
    await rows(m, sql`RELEASE SAVEPOINT attendee_row`);
    return result;
  } catch (error) {
    await rows(m, sql`ROLLBACK TO SAVEPOINT attendee_row`);
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'staff_quota_reached') return [{ field: 'exhibitor', reason: "the exhibitor's staff badge quota is reached" }];
    if (error.code === 'registration_refused') return [{ field: 'email', reason: 'another attendee has this email' }];
    if (Array.isArray(error.details)) return (error.details as Array<{ field: string; reasons: string[] }>).map((i) => ({ field: i.field, reason: i.reasons.join(', ') }));
    return [{ field: '(row)', reason: error.message }];
  }
}
