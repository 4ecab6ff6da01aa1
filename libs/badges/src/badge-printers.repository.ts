import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, maybeOne, one, rows, sql } from '@fairops/core';
import type { PrinterView } from './badge-print.service';

/** All SQL of `badge_printers`. */
@Injectable()
export class BadgePrintersRepository {
  constructor(private readonly dataSource: DataSource) {}

  upsert(db: Db, editionId: string, printer: PrinterView): Promise<PrinterView> {
    return one<PrinterView>(
      db,
      sql`INSERT INTO badge_printers (edition_id, desk_id, format, dpi, layout) VALUES (${editionId}, ${printer.deskId}, ${printer.format}, ${printer.dpi}, ${printer.layout})
          ON CONFLICT (edition_id, desk_id) DO UPDATE SET format = excluded.format, dpi = excluded.dpi, layout = excluded.layout, updated_at = now()
          RETURNING desk_id AS "deskId", format, dpi, layout`,
    );
  }

  list(editionId: string): Promise<PrinterView[]> {
    return rows<PrinterView>(this.dataSource, sql`SELECT desk_id AS "deskId", format, dpi, layout FROM badge_printers WHERE edition_id = ${editionId} ORDER BY desk_id`);
  }

  find(editionId: string, deskId: string): Promise<PrinterView | undefined> {
    return maybeOne<PrinterView>(
      this.dataSource,
      sql`SELECT desk_id AS "deskId", format, dpi, layout FROM badge_printers WHERE edition_id = ${editionId} AND desk_id = ${deskId}`,
    );
  }
}
