import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DEFAULT_HOLD_HOURS, HallView, StandStatus, StandType, StandView } from '@fairops/exhibitors';
import { PageQuery } from '../http/page-query.dto';
import { IsUuid } from '../http/uuid-param';

export class CreateHallDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the current edition' })
  @IsOptional() @IsUuid() editionId?: string;
  @ApiProperty({ example: 'Hall A' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
}

export class HallDto implements HallView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty() name: string;
}

export class CreateStandDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the current edition' })
  @IsOptional() @IsUuid() editionId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUuid() hallId: string;
  @ApiProperty({ example: 'A-12', description: 'Unique in the edition' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/, { message: 'must be 1 to 16 letters, digits or dashes, such as A-12' })
  code: string;
  @ApiProperty({ example: 18 }) @IsNumber({ maxDecimalPlaces: 2 }, { message: 'must be a number of m²' }) @Min(1) @Max(10000) areaM2: number;
  @ApiProperty({ enum: ['shell_scheme', 'raw_space'] })
  @IsIn(['shell_scheme', 'raw_space'], { message: 'must be shell_scheme or raw_space' })
  type: 'shell_scheme' | 'raw_space';
}

export class StandDto implements StandView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty() code: string;
  @ApiProperty({ format: 'uuid' }) hallId: string;
  @ApiProperty() hall: string;
  @ApiProperty() areaM2: number;
  @ApiProperty({ enum: ['shell_scheme', 'raw_space'] }) type: StandType;
  @ApiProperty({ enum: ['free', 'held', 'assigned'], description: 'A hold past its expiry is free' }) status: StandStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) exhibitorId: string | null;
  @ApiProperty({ nullable: true, type: String }) exhibitorName: string | null;
  @ApiProperty({ nullable: true, type: Date }) heldUntil: Date | null;
}

export class ListStandsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
  @ApiPropertyOptional({ enum: ['free', 'held', 'assigned'] })
  @IsOptional() @IsIn(['free', 'held', 'assigned'], { message: 'must be free, held or assigned' })
  status?: 'free' | 'held' | 'assigned';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() hallId?: string;
}

export class HoldStandDto {
  @ApiProperty({ format: 'uuid' }) @IsUuid() exhibitorId: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 2160, description: 'How long the hold lasts, in hours; default 72' })
  @IsOptional() @IsInt({ message: 'must be a whole number of hours' }) @Min(1) @Max(2160)
  hours: number = DEFAULT_HOLD_HOURS;
}

export class AssignStandDto {
  @ApiProperty({ format: 'uuid' }) @IsUuid() exhibitorId: string;
}

export class ReleaseStandDto {
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class MoveStandDto {
  @ApiProperty({ format: 'uuid', description: 'The stand the assignment moves to' }) @IsUuid() toStandId: string;
}
