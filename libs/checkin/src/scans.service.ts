import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, Clock, DomainError, localDate, sqlRows } from '@fairops/core';
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

/**
 * How far the `scannedAt` of an online scan may be from the server clock (desk clocks drift a little).
 * An online scan happens now: it is judged and recorded at the server's time, never at a past one.
 */
export const ONLINE_CLOCK_TOLERANCE_MS = 2 * 60_000;
/** Most an offline desk's clock may run ahead of the server's. */
const MAX_OFFLINE_AHEAD_MS = 5 * 60_000;

/** The answer in a batch slot whose scan was refused as a request (the same code the single route would answer). */
export interface ScanErrorAnswer {
  result: 'error';
  error: string;
  message: string;
  details?: unknown;
}

export type BatchAnswer = ScanAnswer | ScanErrorAnswer;

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
  -- badge_verdict() is the one judgement of a badge, shared with the session doors (migration 1765000000000).
  SELECT coalesce($12::text,
                  badge_verdict(att.status, att.badge_version, att.days, $9::int, ed.day,
                                EXISTS (SELECT 1 FROM edition_days d WHERE d.edition_id = $2 AND d.day = ed.day))) AS v,
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

  /** A desk's scan made now, online. */
  async scan(input: ScanInput, by: Actor | null): Promise<ScanAnswer> {
    const now = this.clock.now();
    if (input.scannedAt && Math.abs(input.scannedAt.getTime() - now.getTime()) > ONLINE_CLOCK_TOLERANCE_MS) throw CheckinErrors.onlineScanNotNow();
    return this.record(input, input.editionId ?? (await this.currentEditionId()), now, false, by);
  }

  /**
   * Scans made offline, uploaded later: each gets its answer in its slot, a refused one an error answer
   * with its code, and nothing one scan does stops the others. Each is recorded once however often the
   * batch is uploaded, and an upload of the same batch gets the same answers: when two scans of the
   * batch share a nonce, the first in the batch is recorded and the later one is judged against it.
   */
  async batch(slots: Array<ScanInput | DomainError>, by: Actor | null): Promise<BatchAnswer[]> {
    const now = this.clock.now();
    const answers: BatchAnswer[] = new Array(slots.length);
    // A slot holding an error is a scan refused as input (a malformed field): that error is its answer.
    const scans = slots as ScanInput[];
    const currentId = slots.some((s) => !(s instanceof DomainError) && !s.editionId) ? await this.currentEditionId() : undefined;
    const editions = new Map<string, { timeZone: string; days: Set<string> } | DomainError>();
    const firsts: number[] = [];
    const repeats: number[] = [];
    const nonces = new Set<string>();
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      if (slot instanceof DomainError) {
        answers[i] = errorAnswer(slot);
        continue;
      }
      const { editionId = currentId!, scannedAt = now, nonce } = slot;
      if (!editions.has(editionId)) editions.set(editionId, await this.fairDays(editionId));
      const edition = editions.get(editionId)!;
      const day = edition instanceof DomainError ? '' : localDate(scannedAt, edition.timeZone);
      const refusal =
        edition instanceof DomainError ? edition
        : scannedAt.getTime() > now.getTime() + MAX_OFFLINE_AHEAD_MS ? CheckinErrors.scannedInFuture()
        : !edition.days.has(day) ? CheckinErrors.scannedOutsideFairDays(day, [...edition.days].sort())
        : null;
      if (refusal) {
        answers[i] = errorAnswer(refusal);
        continue;
      }
      const key = `${editionId} ${nonce}`;
      (nonces.has(key) ? repeats : firsts).push(i);
      nonces.add(key);
    }
    // A few at a time: one desk's upload should not take every connection of the pool. The repeats of a
    // nonce run after every first, so the batch's order, not timing, decides whose nonce it is.
    for (const indexes of [firsts, repeats]) {
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let k = next++; k < indexes.length; k = next++) {
            const scan = scans[indexes[k]];
            try {
              answers[indexes[k]] = await this.record(scan, scan.editionId ?? currentId!, scan.scannedAt ?? now, true, by);
            } catch (error) {
              // A refusal is this scan's answer; anything else (the database down) fails the upload, which the desk retries.
              if (!(error instanceof DomainError)) throw error;
              answers[indexes[k]] = errorAnswer(error);
            }
          }
        }),
      );
    }
    return answers;
  }

  /** Judges and records one scan made at `scannedAt`; `offline` for scans made without network and uploaded later. */
  private async record(input: ScanInput, editionId: string, scannedAt: Date, offline: boolean, by: Actor | null): Promise<ScanAnswer> {
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

  /** The edition's zone and fair days, or why there are none (an unknown edition). */
  private async fairDays(editionId: string): Promise<{ timeZone: string; days: Set<string> } | DomainError> {
    try {
      const edition = await this.editions.load(editionId);
      return { timeZone: edition.timeZone, days: new Set(edition.days.map((d) => d.day)) };
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
  }

  /** The current edition's id, kept for 30 seconds: the scan path should not ask for it every time. */
  private async currentEditionId(): Promise<string> {
    if (this.currentEdition && this.currentEdition.until > Date.now()) return this.currentEdition.id;
    const id = await this.editions.resolveId(undefined);
    this.currentEdition = { id, until: Date.now() + 30_000 };
    return id;
  }
}

function errorAnswer(error: DomainError): ScanErrorAnswer {
  return { result: 'error', error: error.code, message: error.message, ...(error.details !== undefined && { details: error.details }) };
}

function toAnswer(row: Row): ScanAnswer {
  const answer: ScanAnswer = { result: row.result };
  if (row.attendee_id && !['invalid', 'not_allowed'].includes(row.result)) {
    answer.attendee = { id: row.attendee_id, firstName: row.first_name!, lastName: row.last_name!, organisation: row.organisation, category: row.category! };
  }
  if (row.first_checked_in_at) answer.firstCheckedInAt = row.first_checked_in_at;
  return answer;
}
