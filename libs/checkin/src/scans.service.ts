import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, Clock, sqlRows } from '@fairops/core';
import { BadgeKeys, Category } from '@fairops/attendees';
import { EditionErrors, EditionsService } from '@fairops/editions';
import { CheckinErrors } from './checkin.errors';

export const SCAN_RESULTS = ['ok', 'already_checked_in', 'invalid', 'revoked', 'cancelled', 'not_valid_today', 'not_allowed'] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];

export interface ScanInput {
  code: string;
  deskId: string;
  nonce: string;
  scannedAt?: Date;
  gate?: string;
  /** The edition the desk works for; default the current edition. */
  editionId?: string;
}

export interface ScanAnswer {
  result: ScanResult;
  attendee?: { id: string; firstName: string; lastName: string; organisation: string | null; category: Category };
  firstCheckedInAt?: Date;
}

interface Row {
  kind: 'new' | 'prior';
  result: ScanResult;
  first_checked_in_at: Date | null;
  code_hash: Buffer | null;
  desk_id: string | null;
  attendee_id: string | null;
  first_name: string | null;
  last_name: string | null;
  organisation: string | null;
  category: Category | null;
}

/** Most a desk clock may run ahead of the server's. */
const MAX_CLOCK_DRIFT_MS = 5 * 60_000;

/**
 * The scan, in one statement: the nonce is looked up, the badge judged, the check-in inserted (its
 * primary key makes one per attendee per day), and the scan recorded with its answer, whatever it is.
 * A retry with the same nonce finds the recorded answer and changes nothing.
 */
export const SCAN_SQL = `
WITH prior AS (
  SELECT result, first_checked_in_at, code_hash, desk_id, attendee_id FROM scans WHERE edition_id = $2 AND nonce = $3
),
ed AS (SELECT (($10::timestamptz) AT TIME ZONE time_zone)::date AS day FROM editions WHERE id = $2),
att AS (
  SELECT id, first_name, last_name, organisation, category, status, badge_version, days
    FROM attendees WHERE id = $8 AND edition_id = $2
),
verdict AS (
  SELECT CASE
           WHEN $12::text IS NOT NULL THEN $12::text
           WHEN att.id IS NULL THEN 'invalid'
           WHEN att.status = 'cancelled' THEN 'cancelled'
           WHEN $9::int < att.badge_version THEN 'revoked'
           WHEN NOT (ed.day = ANY (att.days))
             OR NOT EXISTS (SELECT 1 FROM edition_days d WHERE d.edition_id = $2 AND d.day = ed.day) THEN 'not_valid_today'
           ELSE 'admit'
         END AS v,
         ed.day
    FROM ed LEFT JOIN att ON true
   WHERE NOT EXISTS (SELECT 1 FROM prior)
),
ci AS (
  INSERT INTO checkins (attendee_id, day, edition_id, category, checked_in_at, first_scan_id, desk_id)
  SELECT att.id, verdict.day, $2, att.category, $10, $1, $4 FROM verdict, att WHERE verdict.v = 'admit'
  ON CONFLICT (attendee_id, day) DO UPDATE
     SET checked_in_at = excluded.checked_in_at, first_scan_id = excluded.first_scan_id, desk_id = excluded.desk_id
   -- Only an offline scan made earlier than the recorded check-in moves it back to the real first entry.
   WHERE $11::boolean AND excluded.checked_in_at < checkins.checked_in_at
  RETURNING checked_in_at
),
existing AS (
  SELECT c.checked_in_at, c.desk_id FROM checkins c, verdict, att
   WHERE verdict.v = 'admit' AND c.attendee_id = att.id AND c.day = verdict.day
),
final AS (
  SELECT CASE WHEN verdict.v <> 'admit' THEN verdict.v WHEN EXISTS (SELECT 1 FROM ci) THEN 'ok' ELSE 'already_checked_in' END AS result,
         CASE WHEN verdict.v <> 'admit' THEN NULL::timestamptz
              WHEN EXISTS (SELECT 1 FROM ci) THEN (SELECT checked_in_at FROM ci)
              ELSE (SELECT checked_in_at FROM existing) END AS first_at,
         (SELECT desk_id FROM existing) AS first_desk
    FROM verdict
),
sc AS (
  INSERT INTO scans (id, edition_id, nonce, desk_id, gate, scanned_by, code_hash, attendee_id, result, first_checked_in_at, scanned_at, offline, conflict)
  SELECT $1, $2, $3, $4, $5, $6, $7, (SELECT id FROM att), final.result, final.first_at, $10, $11,
         $11::boolean AND final.result <> 'ok' AND NOT (final.result = 'already_checked_in' AND final.first_desk IS NOT DISTINCT FROM $4)
    FROM final
  ON CONFLICT (edition_id, nonce) DO NOTHING
  RETURNING result, first_checked_in_at
)
SELECT 'new' AS kind, sc.result, sc.first_checked_in_at, NULL::bytea AS code_hash, NULL::text AS desk_id,
       att.id AS attendee_id, att.first_name, att.last_name, att.organisation, att.category
  FROM sc LEFT JOIN att ON true
UNION ALL
SELECT 'prior', p.result, p.first_checked_in_at, p.code_hash, p.desk_id,
       a.id, a.first_name, a.last_name, a.organisation, a.category
  FROM prior p LEFT JOIN attendees a ON a.id = p.attendee_id`;

const PRIOR_SQL = `
SELECT 'prior' AS kind, p.result, p.first_checked_in_at, p.code_hash, p.desk_id,
       a.id AS attendee_id, a.first_name, a.last_name, a.organisation, a.category
  FROM scans p LEFT JOIN attendees a ON a.id = p.attendee_id WHERE p.edition_id = $1 AND p.nonce = $2`;

@Injectable()
export class ScansService {
  private currentEdition?: { id: string; until: number };

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: BadgeKeys,
    private readonly editions: EditionsService,
    private readonly clock: Clock,
  ) {}

  /** A desk's scan; `offline` for scans made without network and uploaded later. */
  async scan(input: ScanInput, by: Actor | null, offline = false): Promise<ScanAnswer> {
    const now = this.clock.now();
    const scannedAt = offline || input.scannedAt ? (input.scannedAt ?? now) : now;
    if (scannedAt.getTime() > now.getTime() + MAX_CLOCK_DRIFT_MS) throw CheckinErrors.scannedInFuture();
    const editionId = input.editionId ?? (await this.currentEditionId());
    const claims = this.keys.verify(input.code);
    const preliminary = !claims ? 'invalid' : claims.editionId !== editionId ? 'not_allowed' : null;
    const codeHash = createHash('sha256').update(input.code).digest();
    const params = [
      randomUUID(),
      editionId,
      input.nonce,
      input.deskId,
      input.gate ?? null,
      by?.id ?? null,
      codeHash,
      claims && !preliminary ? claims.attendeeId : null,
      claims?.version ?? 0,
      scannedAt,
      offline,
      preliminary,
    ];
    let rows = await sqlRows<Row>(this.dataSource, SCAN_SQL, params);
    // Two requests with one nonce at once: the other committed first; its answer is the answer.
    if (rows.length === 0) rows = await sqlRows<Row>(this.dataSource, PRIOR_SQL, [editionId, input.nonce]);
    const row = rows[0];
    // No row at all: the edition named by the desk does not exist.
    if (!row) throw EditionErrors.notFound(editionId);
    if (row.kind === 'prior' && (!row.code_hash?.equals(codeHash) || row.desk_id !== input.deskId)) throw CheckinErrors.nonceReused();
    if (row.result === 'already_checked_in' && !row.first_checked_in_at && row.attendee_id) {
      // The first check-in committed after this statement's snapshot: read it now, and keep it with the scan.
      const [first] = await sqlRows<{ checked_in_at: Date }>(
        this.dataSource,
        `UPDATE scans s SET first_checked_in_at = c.checked_in_at FROM checkins c
          WHERE s.edition_id = $1 AND s.nonce = $2 AND c.attendee_id = s.attendee_id AND c.day = (s.scanned_at AT TIME ZONE (SELECT time_zone FROM editions WHERE id = $1))::date
         RETURNING c.checked_in_at`,
        [editionId, input.nonce],
      );
      row.first_checked_in_at = first?.checked_in_at ?? null;
    }
    return toAnswer(row);
  }

  /** Scans made offline, in order; each is recorded once however often the batch is uploaded. */
  async batch(scans: ScanInput[], by: Actor | null): Promise<ScanAnswer[]> {
    const answers: ScanAnswer[] = new Array(scans.length);
    // A few at a time: one desk's upload should not take every connection of the pool.
    const lanes = 4;
    let next = 0;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let i = next++; i < scans.length; i = next++) answers[i] = await this.scan(scans[i], by, true);
      }),
    );
    return answers;
  }

  /** The current edition's id, kept for 30 seconds: the scan path should not ask for it every time. */
  private async currentEditionId(): Promise<string> {
    if (this.currentEdition && this.currentEdition.until > Date.now()) return this.currentEdition.id;
    const id = await this.editions.resolveId(undefined);
    this.currentEdition = { id, until: Date.now() + 30_000 };
    return id;
  }
}

function toAnswer(row: Row): ScanAnswer {
  const answer: ScanAnswer = { result: row.result };
  if (row.attendee_id && !['invalid', 'not_allowed'].includes(row.result)) {
    answer.attendee = { id: row.attendee_id, firstName: row.first_name!, lastName: row.last_name!, organisation: row.organisation, category: row.category! };
  }
  if (row.first_checked_in_at) answer.firstCheckedInAt = row.first_checked_in_at;
  return answer;
}
