import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, localDate, sqlRows } from '@fairops/core';
import { EditionsService } from '@fairops/editions';

export interface CheckinStats {
  editionId: string;
  day: string;
  checkedIn: number;
  uniqueAttendees: number;
  perDay: Array<{ day: string; checkedIn: number }>;
  perCategory: Array<{ category: string; checkedIn: number }>;
  /** Local hours of the edition's time zone. */
  perHour: Array<{ hour: number; checkedIn: number }>;
  perDesk: Array<{ deskId: string; checkedIn: number; scans: number; refused: number }>;
  /** When the last scan was received, so a client can tell figures are live. */
  lastScanAt: Date | null;
}

export interface Revocation {
  attendeeId: string;
  /** Codes with a lower version are refused; 65536 refuses every code of the attendee. */
  validFromVersion: number;
  reason: string;
  revokedAt: Date;
}

/** Live figures, the revocation list for offline desks, and offline conflicts for the organiser. */
@Injectable()
export class CheckinFiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly clock: Clock,
  ) {}

  async stats(editionId: string | undefined, day?: string): Promise<CheckinStats> {
    const edition = await this.editions.load(await this.editions.resolveId(editionId));
    const theDay = day ?? localDate(this.clock.now(), edition.timeZone);
    const [row] = await sqlRows<Omit<CheckinStats, 'editionId' | 'day'>>(
      this.dataSource,
      `SELECT
         (SELECT count(*)::int FROM checkins WHERE edition_id = $1 AND day = $2) AS "checkedIn",
         (SELECT count(DISTINCT attendee_id)::int FROM checkins WHERE edition_id = $1) AS "uniqueAttendees",
         coalesce((SELECT json_agg(json_build_object('day', day, 'checkedIn', n) ORDER BY day)
                     FROM (SELECT day, count(*)::int AS n FROM checkins WHERE edition_id = $1 GROUP BY day) d), '[]') AS "perDay",
         coalesce((SELECT json_agg(json_build_object('category', category, 'checkedIn', n) ORDER BY n DESC, category)
                     FROM (SELECT category, count(*)::int AS n FROM checkins WHERE edition_id = $1 AND day = $2 GROUP BY category) c), '[]') AS "perCategory",
         coalesce((SELECT json_agg(json_build_object('hour', h, 'checkedIn', n) ORDER BY h)
                     FROM (SELECT extract(hour FROM checked_in_at AT TIME ZONE $3)::int AS h, count(*)::int AS n
                             FROM checkins WHERE edition_id = $1 AND day = $2 GROUP BY 1) hh), '[]') AS "perHour",
         coalesce((SELECT json_agg(json_build_object('deskId', desk_id, 'checkedIn', checked_in, 'scans', scans, 'refused', refused) ORDER BY desk_id)
                     FROM (SELECT s.desk_id, count(*)::int AS scans,
                                  count(*) FILTER (WHERE s.result = 'ok')::int AS checked_in,
                                  count(*) FILTER (WHERE s.result NOT IN ('ok', 'already_checked_in'))::int AS refused
                             FROM scans s
                            WHERE s.edition_id = $1 AND (s.scanned_at AT TIME ZONE $3)::date = $2
                            GROUP BY s.desk_id) dd), '[]') AS "perDesk",
         (SELECT max(received_at) FROM scans WHERE edition_id = $1) AS "lastScanAt"`,
      [edition.id, theDay, edition.timeZone],
    );
    return { editionId: edition.id, day: theDay, ...row };
  }

  /** A cheap marker that changes whenever a scan is recorded, for the live stream. */
  async lastScanMarker(editionId: string): Promise<string> {
    const [row] = await sqlRows<{ marker: string | null }>(this.dataSource, `SELECT max(received_at)::text AS marker FROM scans WHERE edition_id = $1`, [editionId]);
    return row.marker ?? '';
  }

  async revocations(editionId: string | undefined, since?: Date): Promise<{ items: Revocation[]; until: Date }> {
    const edition = await this.editions.resolveId(editionId);
    const until = this.clock.now();
    const items = await sqlRows<Revocation>(
      this.dataSource,
      `SELECT DISTINCT ON (attendee_id) attendee_id AS "attendeeId", valid_from_version AS "validFromVersion", reason, revoked_at AS "revokedAt"
         FROM badge_revocations
        WHERE edition_id = $1 AND revoked_at > $2 AND revoked_at <= $3
        ORDER BY attendee_id, valid_from_version DESC, revoked_at DESC`,
      [edition, since ?? new Date(0), until],
    );
    return { items, until };
  }

  async conflicts(editionId: string | undefined, limit: number, offset: number) {
    const edition = await this.editions.resolveId(editionId);
    const rows = await sqlRows<Record<string, unknown> & { total: string }>(
      this.dataSource,
      `SELECT s.id, s.scanned_at AS "scannedAt", s.received_at AS "receivedAt", s.desk_id AS "deskId", s.gate, s.result,
              s.attendee_id AS "attendeeId", a.first_name AS "firstName", a.last_name AS "lastName", a.category,
              s.first_checked_in_at AS "firstCheckedInAt", c.desk_id AS "firstDeskId", count(*) OVER () AS total
         FROM scans s
         LEFT JOIN attendees a ON a.id = s.attendee_id
         LEFT JOIN checkins c ON c.attendee_id = s.attendee_id AND c.day = (s.scanned_at AT TIME ZONE (SELECT time_zone FROM editions WHERE id = $1))::date
        WHERE s.edition_id = $1 AND s.conflict
        ORDER BY s.scanned_at, s.id LIMIT $2 OFFSET $3`,
      [edition, limit, offset],
    );
    return { items: rows.map(({ total: _t, ...r }) => r), total: rows.length ? Number(rows[0].total) : 0 };
  }
}
