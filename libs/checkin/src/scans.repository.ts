import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, Paged, maybeOne, one, paged, rows, sql } from '@fairops/core';
import { Category, attendeeRows } from '@fairops/attendees';
import { editionDayAt, editionTimeZone, isFairDay } from '@fairops/editions';
import type { ScanResult } from './scans.service';

/** The parameters of the scan statement, by name. */
export type ScanParams = {
  /** The new scan's id. */
  scanId: string;
  editionId: string;
  nonce: string;
  deskId: string;
  gate: string | null;
  scannedBy: string | null;
  /** sha256 of the badge code: a retry with the nonce must carry the same code. */
  codeHash: Buffer;
  /** The attendee the verified code names; null when the code was already refused (`preliminary`). */
  attendeeId: string | null;
  /** The badge version written in the code. */
  version: number;
  scannedAt: Date;
  offline: boolean;
  /** The verdict reached before SQL (`invalid`, `other_edition`), or null to let the statement judge. */
  preliminary: ScanResult | null;
  /** What an offline desk answered itself, when it says (null for online scans and older desks). */
  deskAnswer: ScanResult | null;
};

/** What the scan statement answers: the new scan's (`new`), or the one recorded before under the nonce (`prior`). */
export interface ScanRow {
  kind: 'new' | 'prior';
  result: ScanResult;
  first_checked_in_at: Date | null;
  /** The desk of the day's first check-in (ok: this scan's desk). */
  first_desk_id: string | null;
  code_hash: Buffer | null;
  desk_id: string | null;
  attendee_id: string | null;
  first_name: string | null;
  last_name: string | null;
  organisation: string | null;
  category: Category | null;
}

/** A named parameter with its type, for the pieces the owners of `attendees` and `editions` lend. */
const param = (name: keyof ScanParams, type: string) => sql.raw(`:${name}::${type}`);
const EDITION = param('editionId', 'uuid');
const SCANNED_AT = param('scannedAt', 'timestamptz');

/**
 * The scan, in one statement: the nonce is looked up, the badge judged, the check-in inserted (its
 * primary key makes one per attendee per day), and the scan recorded with its answer, whatever it is.
 * A retry with the same nonce finds the recorded answer and changes nothing. The reads of `attendees`,
 * `editions` and `edition_days` are spliced in from their owners (attendee-reads.sql.ts,
 * edition-reads.sql.ts); the text is compiled once, at load.
 */
const SCAN_TEXT = sql`
WITH prior AS (
  SELECT result, first_checked_in_at, code_hash, desk_id, attendee_id FROM scans WHERE edition_id = ${EDITION} AND nonce = :nonce::text
),
-- The fair day the scan falls on, in the edition's zone; no row when the edition does not exist (then no answer at all).
ed AS (${editionDayAt(EDITION, SCANNED_AT)}),
att AS (
  SELECT id, first_name, last_name, organisation, category, status, badge_version, days
    FROM ${attendeeRows()} a WHERE id = :attendeeId::uuid AND edition_id = ${EDITION}
),
verdict AS (
  -- badge_verdict() is the one judgement of a badge, shared with the session doors (migration 1765000000000).
  SELECT coalesce(:preliminary::text,
                  badge_verdict(att.status, att.badge_version, att.days, :version::int, ed.day, ${isFairDay(EDITION, sql`ed.day`)})) AS v,
         ed.day
    FROM ed LEFT JOIN att ON true
   WHERE NOT EXISTS (SELECT 1 FROM prior)
),
ci AS (
  INSERT INTO checkins (attendee_id, day, edition_id, category, checked_in_at, first_scan_id, desk_id)
  SELECT att.id, verdict.day, ${EDITION}, att.category, ${SCANNED_AT}, :scanId::uuid, :deskId::text FROM verdict, att WHERE verdict.v = 'admit'
  ON CONFLICT (attendee_id, day) DO UPDATE
     SET checked_in_at = excluded.checked_in_at, first_scan_id = excluded.first_scan_id, desk_id = excluded.desk_id
   -- Only an offline scan made earlier than the recorded check-in moves it back to the real first entry.
   WHERE :offline::boolean AND excluded.checked_in_at < checkins.checked_in_at
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
-- An offline scan is a conflict when the desk and the server disagree on letting the person in: the desk
-- let them in (or did not say) and the server refuses, or admits them after another desk did; or the desk
-- turned away a badge the server admits. A refusal both agree on is none.
sc AS (
  INSERT INTO scans (id, edition_id, nonce, desk_id, gate, scanned_by, code_hash, attendee_id, result, first_checked_in_at, scanned_at, offline, conflict, desk_answer)
  SELECT :scanId::uuid, ${EDITION}, :nonce::text, :deskId::text, :gate::text, :scannedBy::uuid, :codeHash::bytea, (SELECT id FROM att),
         final.result, final.first_at, ${SCANNED_AT}, :offline::boolean,
         :offline::boolean AND CASE WHEN :deskAnswer::text IN ('ok', 'already_checked_in') OR :deskAnswer::text IS NULL
           THEN final.result <> 'ok' AND NOT (final.result = 'already_checked_in' AND final.first_desk IS NOT DISTINCT FROM :deskId::text)
           ELSE final.result IN ('ok', 'already_checked_in') END,
         :deskAnswer::text
    FROM final
  ON CONFLICT (edition_id, nonce) DO NOTHING
  RETURNING result, first_checked_in_at
)
SELECT 'new' AS kind, sc.result, sc.first_checked_in_at,
       -- The first desk, from rows the statement already holds: this desk when it checked in, else the existing check-in's.
       CASE sc.result WHEN 'ok' THEN :deskId::text WHEN 'already_checked_in' THEN (SELECT first_desk FROM final) END AS first_desk_id,
       NULL::bytea AS code_hash, NULL::text AS desk_id,
       att.id AS attendee_id, att.first_name, att.last_name, att.organisation, att.category
  FROM sc LEFT JOIN att ON true
UNION ALL
-- A retry: the check-in the recorded answer named (by its attendee and time: the primary key's prefix).
SELECT 'prior', p.result, p.first_checked_in_at,
       (SELECT c.desk_id FROM checkins c WHERE c.attendee_id = p.attendee_id AND c.checked_in_at = p.first_checked_in_at LIMIT 1),
       p.code_hash, p.desk_id,
       a.id, a.first_name, a.last_name, a.organisation, a.category
  FROM prior p LEFT JOIN ${attendeeRows()} a ON a.id = p.attendee_id`.compile();

if (SCAN_TEXT.values.length) throw new Error('the scan statement must take named parameters only');

/** The scan statement, with named parameters (ScanParams): `SCAN_SQL.bind(params)`. */
export const SCAN_SQL = sql.named<ScanParams>(SCAN_TEXT.text);

/** The check-in's figures of one edition and day, in one statement (`timeZone` for the local hours and days). */
export interface CheckinFiguresRow {
  checkedIn: number;
  uniqueAttendees: number;
  perDay: Array<{ day: string; checkedIn: number }>;
  perCategory: Array<{ category: string; checkedIn: number }>;
  perHour: Array<{ hour: number; checkedIn: number }>;
  perDesk: Array<{ deskId: string; checkedIn: number; scans: number; refused: number }>;
  lastScanAt: Date | null;
}

export interface ConflictRow {
  id: string;
  scannedAt: Date;
  receivedAt: Date;
  deskId: string;
  gate: string | null;
  result: ScanResult;
  attendeeId: string | null;
  firstName: string | null;
  lastName: string | null;
  category: string | null;
  firstCheckedInAt: Date | null;
  firstDeskId: string | null;
  /** What the desk answered offline, when it said. */
  deskAnswer: ScanResult | null;
}

/** All SQL of `scans` and `checkins`. */
@Injectable()
export class ScansRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Check-ins as they would have been recorded (a scan answered `ok` and the day's check-in), written
   * directly in the caller's transaction: the demo fair's first morning, seeded with everything else.
   * The day is the check-in's local date in the edition's time zone.
   */
  async insertCheckedIn(db: Db, editionId: string, checkins: ReadonlyArray<{ nonce: string; deskId: string; attendeeId: string; category: string; at: Date }>): Promise<void> {
    if (checkins.length === 0) return;
    const column = <T>(pick: (c: (typeof checkins)[number]) => T) => checkins.map(pick);
    await rows(
      db,
      sql`WITH input AS (
            SELECT gen_random_uuid() AS scan_id, x.* FROM unnest(${column((c) => c.nonce)}::text[], ${column((c) => c.deskId)}::text[],
                   ${column((c) => c.attendeeId)}::uuid[], ${column((c) => c.category)}::text[], ${column((c) => c.at)}::timestamptz[]) AS x(nonce, desk_id, attendee_id, category, at)),
          s AS (
            INSERT INTO scans (id, edition_id, nonce, desk_id, code_hash, attendee_id, result, first_checked_in_at, scanned_at, received_at)
            SELECT scan_id, ${editionId}, nonce, desk_id, sha256(convert_to(nonce, 'UTF8')), attendee_id, 'ok', at, at, at FROM input
            RETURNING id)
          INSERT INTO checkins (attendee_id, day, edition_id, category, checked_in_at, first_scan_id, desk_id)
          SELECT i.attendee_id, (i.at AT TIME ZONE ${editionTimeZone(sql`${editionId}::uuid`)})::date, ${editionId}, i.category, i.at, s.id, i.desk_id
            FROM input i JOIN s ON s.id = i.scan_id
          ON CONFLICT DO NOTHING`,
    );
  }

  /** Runs the scan statement; no row when another request with the nonce committed meanwhile, or the edition does not exist. */
  scan(params: ScanParams): Promise<ScanRow[]> {
    return rows<ScanRow>(this.dataSource, SCAN_SQL.bind(params));
  }

  /** The scan recorded under the nonce, with its attendee. */
  prior(editionId: string, nonce: string): Promise<ScanRow | undefined> {
    return maybeOne<ScanRow>(
      this.dataSource,
      sql`SELECT 'prior' AS kind, p.result, p.first_checked_in_at, p.code_hash, p.desk_id,
                 (SELECT c.desk_id FROM checkins c WHERE c.attendee_id = p.attendee_id AND c.checked_in_at = p.first_checked_in_at LIMIT 1) AS first_desk_id,
                 a.id AS attendee_id, a.first_name, a.last_name, a.organisation, a.category
            FROM scans p LEFT JOIN ${attendeeRows()} a ON a.id = p.attendee_id WHERE p.edition_id = ${editionId} AND p.nonce = ${nonce}`,
    );
  }

  /** Keeps with the scan the first check-in of its day (committed after the scan statement's snapshot); returns its time and desk. */
  async fillFirstCheckIn(editionId: string, nonce: string): Promise<{ at: Date; deskId: string } | null> {
    const first = await maybeOne<{ checked_in_at: Date; desk_id: string }>(
      this.dataSource,
      sql`UPDATE scans s SET first_checked_in_at = c.checked_in_at FROM checkins c
           WHERE s.edition_id = ${editionId} AND s.nonce = ${nonce} AND c.attendee_id = s.attendee_id
             AND c.day = (s.scanned_at AT TIME ZONE ${editionTimeZone(editionId)})::date
          RETURNING c.checked_in_at, c.desk_id`,
    );
    return first ? { at: first.checked_in_at, deskId: first.desk_id } : null;
  }

  figures(editionId: string, day: string, timeZone: string): Promise<CheckinFiguresRow> {
    const checkinsOfDay = sql`FROM checkins WHERE edition_id = ${editionId} AND day = ${day}`;
    return one<CheckinFiguresRow>(
      this.dataSource,
      sql`SELECT
         (SELECT count(*)::int ${checkinsOfDay}) AS "checkedIn",
         (SELECT count(DISTINCT attendee_id)::int FROM checkins WHERE edition_id = ${editionId}) AS "uniqueAttendees",
         coalesce((SELECT json_agg(json_build_object('day', day, 'checkedIn', n) ORDER BY day)
                     FROM (SELECT day, count(*)::int AS n FROM checkins WHERE edition_id = ${editionId} GROUP BY day) d), '[]') AS "perDay",
         coalesce((SELECT json_agg(json_build_object('category', category, 'checkedIn', n) ORDER BY n DESC, category)
                     FROM (SELECT category, count(*)::int AS n ${checkinsOfDay} GROUP BY category) c), '[]') AS "perCategory",
         coalesce((SELECT json_agg(json_build_object('hour', h, 'checkedIn', n) ORDER BY h)
                     FROM (SELECT extract(hour FROM checked_in_at AT TIME ZONE ${timeZone})::int AS h, count(*)::int AS n
                             ${checkinsOfDay} GROUP BY 1) hh), '[]') AS "perHour",
         coalesce((SELECT json_agg(json_build_object('deskId', desk_id, 'checkedIn', checked_in, 'scans', scans, 'refused', refused) ORDER BY desk_id)
                     FROM (SELECT s.desk_id, count(*)::int AS scans,
                                  count(*) FILTER (WHERE s.result = 'ok')::int AS checked_in,
                                  count(*) FILTER (WHERE s.result NOT IN ('ok', 'already_checked_in'))::int AS refused
                             FROM scans s
                            WHERE s.edition_id = ${editionId} AND (s.scanned_at AT TIME ZONE ${timeZone})::date = ${day}::date
                            GROUP BY s.desk_id) dd), '[]') AS "perDesk",
         (SELECT max(received_at) FROM scans WHERE edition_id = ${editionId}) AS "lastScanAt"`,
    );
  }

  /** A cheap marker that changes whenever a scan is recorded in the edition. */
  async lastScanMarker(editionId: string): Promise<string> {
    const row = await one<{ marker: string | null }>(this.dataSource, sql`SELECT max(received_at)::text AS marker FROM scans WHERE edition_id = ${editionId}`);
    return row.marker ?? '';
  }

  /** Offline scans the server answered otherwise than the desk did, with the attendee and the day's first check-in. */
  conflicts(editionId: string, page: { limit: number; offset: number }): Promise<Paged<ConflictRow>> {
    return paged<ConflictRow>(
      this.dataSource,
      sql`SELECT s.id, s.scanned_at AS "scannedAt", s.received_at AS "receivedAt", s.desk_id AS "deskId", s.gate, s.result,
                 s.attendee_id AS "attendeeId", a.first_name AS "firstName", a.last_name AS "lastName", a.category,
                 s.first_checked_in_at AS "firstCheckedInAt", c.desk_id AS "firstDeskId", s.desk_answer AS "deskAnswer"
            FROM scans s
            LEFT JOIN ${attendeeRows()} a ON a.id = s.attendee_id
            LEFT JOIN checkins c ON c.attendee_id = s.attendee_id AND c.day = (s.scanned_at AT TIME ZONE ${editionTimeZone(editionId)})::date
           WHERE s.edition_id = ${editionId} AND s.conflict`,
      { orderBy: sql`"scannedAt", id`, ...page },
    );
  }

  /** Scans by answer and desk, for the metrics. */
  scanCounts(db: Db = this.dataSource): Promise<Array<{ result: string; desk: string; n: number }>> {
    return rows(db, sql`SELECT result, desk_id AS desk, count(*)::int AS n FROM scans GROUP BY result, desk_id`);
  }

  /** Check-ins by category, for the metrics. */
  checkinCounts(db: Db = this.dataSource): Promise<Array<{ category: string; n: number }>> {
    return rows(db, sql`SELECT category, count(*)::int AS n FROM checkins GROUP BY category`);
  }
}
