import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, maybeOne, one, rows, sql } from '@fairops/core';

export interface SpeakerView {
  id: string;
  editionId: string;
  name: string;
  function: string | null;
  organisation: string | null;
  bio: string | null;
}

export interface SpeakerInput {
  name: string;
  function?: string | null;
  organisation?: string | null;
  bio?: string | null;
}

const SPEAKER = sql`id, edition_id AS "editionId", name, function, organisation, bio`;

/** All SQL of `speakers`. */
@Injectable()
export class SpeakersRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(db: Db, editionId: string, s: SpeakerInput): Promise<SpeakerView> {
    return one<SpeakerView>(
      db,
      sql`INSERT INTO speakers (edition_id, name, function, organisation, bio) VALUES (${editionId}, ${s.name}, ${s.function ?? null}, ${s.organisation ?? null}, ${s.bio ?? null})
          RETURNING ${SPEAKER}`,
    );
  }

  list(editionId: string): Promise<SpeakerView[]> {
    return rows<SpeakerView>(this.dataSource, sql`SELECT ${SPEAKER} FROM speakers WHERE edition_id = ${editionId} ORDER BY name`);
  }

  find(id: string): Promise<SpeakerView | undefined> {
    return maybeOne<SpeakerView>(this.dataSource, sql`SELECT ${SPEAKER} FROM speakers WHERE id = ${id}`);
  }
}
