import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsUuid } from '../http/uuid-param';

/** `limit` and `offset` of every list. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  offset: number = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A page of a list the service returns whole (short lists: halls, rooms, prizes…). */
export function pageOf<T>(all: T[], query: PageQuery): Page<T> {
  return { items: all.slice(query.offset, query.offset + query.limit), total: all.length, limit: query.limit, offset: query.offset };
}

/** `editionId` (default: the current edition) with `limit` and `offset`. */
export class EditionPageQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the current edition' })
  @IsOptional() @IsUuid()
  editionId?: string;
}
