import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, Clock, DomainError, localDate } from '@fairops/core';
import { BadgeKeys, Category } from '@fairops/attendees';
import { EditionErrors, EditionsService } from '@fairops/editions';
import { CheckinErrors } from './checkin.errors';
import { ScanRow, ScansRepository } from './scans.repository';

/** `other_edition`: a genuine badge of another edition than the desk's (before 1765600000000 answered `not_allowed`). */
export const SCAN_RESULTS = ['ok', 'already_checked_in', 'invalid', 'revoked', 'cancelled', 'not_valid_today', 'other_edition'] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];

export interface ScanInput {
  code: string;
  deskId: string;
  nonce: string;
  scannedAt?: Date;
  gate?: string;
  /** The edition the desk works for; default the current edition. */
  editionId?: string;
  /** Offline scans: what the desk answered itself (a refusal the server agrees with is no conflict). */
  deskAnswer?: ScanResult;
}

export interface ScanAnswer {
  result: ScanResult;
  attendee?: { id: string; firstName: string; lastName: string; organisation: string | null; category: Category };
  firstCheckedInAt?: Date;
  /** The desk of that first check-in, when known. */
  firstDeskId?: string;
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

@Injectable()
export class ScansService {
  private currentEdition?: { id: string; until: number };

  constructor(
    private readonly repository: ScansRepository,
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
    // nonce run after every first, so the batch's order, not timing, decides whose nonce it is; and the
    // scans of one badge run one after another in the batch's order (oldest first, as a desk queues
    // them), so an earlier scan never races a later one to be the day's first.
    for (const indexes of [firsts, repeats]) {
      const lanes = lanesByCode(indexes, scans);
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let lane = next++; lane < lanes.length; lane = next++) {
            for (const index of lanes[lane]) answers[index] = await this.recordInBatch(scans[index], currentId, now, by);
          }
        }),
      );
    }
    return answers;
  }

  private async recordInBatch(scan: ScanInput, currentId: string | undefined, now: Date, by: Actor | null): Promise<BatchAnswer> {
    try {
      return await this.record(scan, scan.editionId ?? currentId!, scan.scannedAt ?? now, true, by);
    } catch (error) {
      // A refusal is this scan's answer; anything else (the database down) fails the upload, which the desk retries.
      if (!(error instanceof DomainError)) throw error;
      return errorAnswer(error);
    }
  }

  /** Judges and records one scan made at `scannedAt`; `offline` for scans made without network and uploaded later. */
  private async record(input: ScanInput, editionId: string, scannedAt: Date, offline: boolean, by: Actor | null): Promise<ScanAnswer> {
    const claims = this.keys.verify(input.code);
    const preliminary: ScanResult | null = !claims ? 'invalid' : claims.editionId !== editionId ? 'other_edition' : null;
    const codeHash = createHash('sha256').update(input.code).digest();
    let row =
      (
        await this.repository.scan({
          scanId: randomUUID(),
          editionId,
          nonce: input.nonce,
          deskId: input.deskId,
          gate: input.gate ?? null,
          scannedBy: by?.id ?? null,
          codeHash,
          attendeeId: claims && !preliminary ? claims.attendeeId : null,
          version: claims?.version ?? 0,
          scannedAt,
          offline,
          preliminary,
          deskAnswer: offline ? (input.deskAnswer ?? null) : null,
        })
      )[0] ??
      // Two requests with one nonce at once: the other committed first; its answer is the answer.
      (await this.repository.prior(editionId, input.nonce));
    // No row at all: the edition named by the desk does not exist.
    if (!row) throw EditionErrors.notFound(editionId);
    if (row.kind === 'prior' && (!row.code_hash?.equals(codeHash) || row.desk_id !== input.deskId)) throw CheckinErrors.nonceReused();
    if (row.result === 'already_checked_in' && !row.first_checked_in_at && row.attendee_id) {
      // The first check-in committed after this statement's snapshot: read it now, and keep it with the scan.
      const first = await this.repository.fillFirstCheckIn(editionId, input.nonce);
      row = { ...row, first_checked_in_at: first?.at ?? null, first_desk_id: first?.deskId ?? null };
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

function toAnswer(row: ScanRow): ScanAnswer {
  const answer: ScanAnswer = { result: row.result };
  if (row.attendee_id && !['invalid', 'other_edition'].includes(row.result)) {
    answer.attendee = { id: row.attendee_id, firstName: row.first_name!, lastName: row.last_name!, organisation: row.organisation, category: row.category! };
  }
  if (row.first_checked_in_at) answer.firstCheckedInAt = row.first_checked_in_at;
  if (row.first_checked_in_at && row.first_desk_id) answer.firstDeskId = row.first_desk_id;
  return answer;
}

/** The slots' indexes grouped by badge code, each group in the batch's order. */
function lanesByCode(indexes: number[], scans: ScanInput[]): number[][] {
  const lanes = new Map<string, number[]>();
  for (const index of indexes) {
    const lane = lanes.get(scans[index].code);
    if (lane) lane.push(index);
    else lanes.set(scans[index].code, [index]);
  }
  return [...lanes.values()];
}
