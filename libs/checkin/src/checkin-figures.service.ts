import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Paged, localDate } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { badgeRevocationsBetween } from '@fairops/attendees';
import { CheckinFiguresRow, ConflictRow, ScansRepository } from './scans.repository';

/** An offline scan the desk and the server answered differently (one let the person in, the other would not). */
export type ScanConflict = ConflictRow;

/** The figures of one edition and day (hours are local to the edition's zone; `lastScanAt` tells a client they are live). */
export interface CheckinStats extends CheckinFiguresRow {
  editionId: string;
  day: string;
}

export interface Revocation {
  attendeeId: string;
  /** Codes with a lower version are refused; 65536 refuses every code of the attendee. */
  validFromVersion: number;
  reason: 'reissued' | 'cancelled' | 'erased';
  revokedAt: Date;
}

/** Live figures, the revocation list for offline desks, and offline conflicts for the organiser. */
@Injectable()
export class CheckinFiguresService {
  constructor(
    private readonly scans: ScansRepository,
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly clock: Clock,
  ) {}

  async stats(editionId: string | undefined, day?: string): Promise<CheckinStats> {
    const edition = await this.editions.load(await this.editions.resolveId(editionId));
    const theDay = day ?? localDate(this.clock.now(), edition.timeZone);
    return { editionId: edition.id, day: theDay, ...(await this.scans.figures(edition.id, theDay, edition.timeZone)) };
  }

  /** A cheap marker that changes whenever a scan is recorded, for the live stream. */
  lastScanMarker(editionId: string): Promise<string> {
    return this.scans.lastScanMarker(editionId);
  }

  async revocations(editionId: string | undefined, since?: Date): Promise<{ items: Revocation[]; until: Date }> {
    const edition = await this.editions.resolveId(editionId);
    const until = this.clock.now();
    return { items: await badgeRevocationsBetween(this.dataSource, edition, since ?? new Date(0), until), until };
  }

  async conflicts(editionId: string | undefined, page: { limit: number; offset: number }): Promise<Paged<ScanConflict>> {
    return this.scans.conflicts(await this.editions.resolveId(editionId), page);
  }
}
