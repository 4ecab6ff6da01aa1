import { Injectable } from '@nestjs/common';
import { Db, maybeOne, rows, sql } from '@fairops/core';

/** A juror who has not submitted a ballot for a prize whose scoring closes within the reminder's lead time. */
export interface DueReminder {
  prizeId: string;
  editionId: string;
  jurorId: string;
}

/**
 * The reads behind the awards' messages: which reminders are due, who won. The pairs due are
 * computed from the app's clock (`now`), not the database's, so a test can set the day.
 */
const DUE_REMINDERS = sql.named<{ now: Date; hours: number }>(`
SELECT p.id AS "prizeId", p.edition_id AS "editionId", j.juror_id AS "jurorId"
  FROM prizes p JOIN prize_jurors j ON j.prize_id = p.id
 WHERE j.ballot_submitted_at IS NULL
   AND p.scoring_opens_at <= :now::timestamptz
   AND p.scoring_closes_at > :now::timestamptz
   AND p.scoring_closes_at - make_interval(hours => :hours::int) <= :now::timestamptz
   AND NOT EXISTS (SELECT 1 FROM award_results r WHERE r.prize_id = p.id)
 ORDER BY p.scoring_closes_at, p.id, j.juror_id`);

@Injectable()
export class AwardMessagesRepository {
  /**
   * Takes the reminders' lock for the transaction: false when another worker holds it (it is doing the
   * same work; the messages' keys would make a second pass send nothing anyway).
   */
  async tryReminderLock(db: Db): Promise<boolean> {
    const [row] = await rows<{ locked: boolean }>(db, sql`SELECT pg_try_advisory_xact_lock(hashtext('fairops.awards.jury-reminders')) AS locked`);
    return row.locked;
  }

  dueReminders(db: Db, now: Date, hours: number): Promise<DueReminder[]> {
    return rows<DueReminder>(db, DUE_REMINDERS.bind({ now, hours }));
  }

  /**
   * Why a juror's reminder for the prize is no longer wanted at `now`, in words (the reverse of a due
   * reminder, but for the lead time): not on the jury any more, ballot submitted, scoring closed, results
   * out. Undefined while it is still wanted.
   */
  async reminderNotWanted(db: Db, prizeId: string, jurorId: string, now: Date): Promise<string | undefined> {
    const state = await maybeOne<{ juror: boolean; submitted: boolean; closed: boolean; results: boolean }>(
      db,
      sql`SELECT j.juror_id IS NOT NULL AS juror, j.ballot_submitted_at IS NOT NULL AS submitted, p.scoring_closes_at <= ${now}::timestamptz AS closed,
                 EXISTS (SELECT 1 FROM award_results r WHERE r.prize_id = p.id) AS results
            FROM prizes p LEFT JOIN prize_jurors j ON j.prize_id = p.id AND j.juror_id = ${jurorId}
           WHERE p.id = ${prizeId}`,
    );
    if (!state) return 'the prize no longer exists';
    if (!state.juror) return "the juror is no longer on the prize's jury";
    if (state.submitted) return 'the juror submitted their ballot';
    if (state.results) return 'the results are out';
    if (state.closed) return 'scoring has closed';
    return undefined;
  }

  /** The published winner of a prize and the exhibitor it stands for (null for a nominee without one). */
  winner(db: Db, prizeId: string): Promise<{ editionId: string; nomineeId: string; nominee: string; exhibitorId: string | null } | undefined> {
    return maybeOne(
      db,
      sql`SELECT p.edition_id AS "editionId", n.id AS "nomineeId", n.name AS nominee, n.exhibitor_id AS "exhibitorId"
            FROM award_results r JOIN prizes p ON p.id = r.prize_id JOIN nominees n ON n.id = r.winner_nominee_id
           WHERE r.prize_id = ${prizeId} AND r.status = 'published'`,
    );
  }
}
