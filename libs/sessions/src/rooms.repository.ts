import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, maybeOne, one, rows, sql } from '@fairops/core';

export interface RoomView {
  id: string;
  editionId: string;
  name: string;
  capacity: number;
}

const ROOM = sql`id, edition_id AS "editionId", name, capacity`;

/** All SQL of `rooms`. */
@Injectable()
export class RoomsRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(db: Db, editionId: string, room: { name: string; capacity: number }): Promise<RoomView> {
    return one<RoomView>(db, sql`INSERT INTO rooms (edition_id, name, capacity) VALUES (${editionId}, ${room.name}, ${room.capacity}) RETURNING ${ROOM}`);
  }

  list(editionId: string): Promise<RoomView[]> {
    return rows<RoomView>(this.dataSource, sql`SELECT ${ROOM} FROM rooms WHERE edition_id = ${editionId} ORDER BY name`);
  }

  find(id: string): Promise<RoomView | undefined> {
    return maybeOne<RoomView>(this.dataSource, sql`SELECT ${ROOM} FROM rooms WHERE id = ${id}`);
  }
}
