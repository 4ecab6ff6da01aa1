import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { DESK_ID, DESK_ID_RULE } from '@fairops/checkin';
import {
  DoorAnswer,
  Programme,
  RegistrationView,
  RoomView,
  SESSION_LANGUAGES,
  SESSION_STATUSES,
  SESSION_TYPES,
  SessionCheck,
  SessionView,
  SpeakerView,
} from '@fairops/sessions';
import { PageQuery } from '../http/page-query.dto';
import { IsLocalDay } from '../http/local-day';
import { IsUuid } from '../http/uuid-param';

const TIME_HELP = 'Local time without offset, read in the edition’s time zone (2027-04-16T10:00), or ISO 8601 with an offset';

export class CreateRoomDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
  @ApiProperty({ example: 'Salle Angad' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ example: 120 }) @IsInt({ message: 'must be a whole number' }) @Min(1) @Max(100000) capacity: number;
}

export class RoomDto implements RoomView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty() name: string;
  @ApiProperty() capacity: number;
}

export class CreateSpeakerDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
  @ApiProperty({ example: 'Latifa Zerouali' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: "Directrice générale de l'ANAPEC" }) @IsOptional() @IsString() @MaxLength(300) function?: string;
  @ApiPropertyOptional({ example: 'ANAPEC' }) @IsOptional() @IsString() @MaxLength(200) organisation?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) bio?: string;
}

export class SpeakerDto implements SpeakerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) function: string | null;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
  @ApiProperty({ nullable: true, type: String }) bio: string | null;
}

export class SessionSpeakerDto {
  @ApiProperty({ format: 'uuid' }) @IsUuid() speakerId: string;
  @ApiProperty({ enum: ['speaker', 'moderator'] }) @IsIn(['speaker', 'moderator'], { message: 'must be speaker or moderator' }) role: 'speaker' | 'moderator';
}

export class CreateSessionDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
  @ApiProperty({ example: "Orientaliser l'offshoring : les atouts de la région" }) @IsString() @MinLength(1) @MaxLength(300) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiProperty({ enum: SESSION_LANGUAGES }) @IsIn(SESSION_LANGUAGES, { message: `must be one of ${SESSION_LANGUAGES.join(', ')}` }) language: (typeof SESSION_LANGUAGES)[number];
  @ApiProperty({ enum: SESSION_TYPES }) @IsIn(SESSION_TYPES, { message: `must be one of ${SESSION_TYPES.join(', ')}` }) type: (typeof SESSION_TYPES)[number];
  @ApiProperty({ format: 'uuid' }) @IsUuid() roomId: string;
  @ApiProperty({ example: '2027-04-16T14:00', description: TIME_HELP }) @IsString() @MaxLength(40) startsAt: string;
  @ApiProperty({ example: '2027-04-16T15:30', description: TIME_HELP }) @IsString() @MaxLength(40) endsAt: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Defaults to the room’s capacity' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt({ message: 'must be a whole number' }) @Min(1) @Max(100000)
  capacity?: number | null;
  @ApiPropertyOptional({ description: 'Default false on a create; left out of an update, it stays as it is' }) @IsOptional() @IsBoolean({ message: 'must be true or false' }) registrationRequired?: boolean;
  @ApiPropertyOptional({ type: [SessionSpeakerDto] }) @IsOptional() @ValidateNested({ each: true }) @Type(() => SessionSpeakerDto) @ArrayMaxSize(30) speakers?: SessionSpeakerDto[];
}

export class UpdateSessionDto extends PartialType(CreateSessionDto) {}

export class CheckSessionDto extends CreateSessionDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The session being edited, which cannot collide with itself' })
  @IsOptional() @IsUuid() exceptId?: string;
}

export class SessionStatusDto {
  @ApiProperty({ enum: SESSION_STATUSES }) @IsIn(SESSION_STATUSES, { message: `must be one of ${SESSION_STATUSES.join(', ')}` }) status: (typeof SESSION_STATUSES)[number];
}

export class ListSessionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
  @ApiPropertyOptional({ enum: SESSION_STATUSES }) @IsOptional() @IsIn(SESSION_STATUSES, { message: `must be one of ${SESSION_STATUSES.join(', ')}` }) status?: (typeof SESSION_STATUSES)[number];
  @ApiPropertyOptional({ example: '2027-04-16' }) @IsOptional() @IsLocalDay() day?: string;
}

class SessionRoomDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() capacity: number;
}
class SessionSpeakerViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) function: string | null;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
  @ApiProperty({ enum: ['speaker', 'moderator'] }) role: string;
}
class SeatsDto {
  @ApiProperty() confirmed: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty() available: number;
}

export class SessionDto implements SessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: SESSION_LANGUAGES }) language: string;
  @ApiProperty({ enum: SESSION_TYPES }) type: string;
  @ApiProperty({ type: SessionRoomDto }) room: SessionRoomDto;
  @ApiProperty({ example: '2027-04-16T14:00:00+01:00', description: 'Local time with the offset of that day' }) startsAt: string;
  @ApiProperty({ example: '2027-04-16T15:30:00+01:00' }) endsAt: string;
  @ApiProperty() capacity: number;
  @ApiProperty() registrationRequired: boolean;
  @ApiProperty({ enum: SESSION_STATUSES }) status: SessionView['status'];
  @ApiProperty({ type: [SessionSpeakerViewDto] }) speakers: SessionSpeakerViewDto[];
  @ApiProperty({ type: SeatsDto }) seats: SeatsDto;
  @ApiProperty({ description: 'Attendees admitted at the door' }) attendance: number;
}

class CollisionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
}
class SessionConflictDto {
  @ApiProperty({ enum: ['room', 'speaker'] }) kind: 'room' | 'speaker';
  @ApiPropertyOptional({ format: 'uuid' }) speakerId?: string;
  @ApiProperty({ type: CollisionDto }) session: CollisionDto;
}
export class SessionCheckDto implements SessionCheck {
  @ApiProperty() ok: boolean;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ type: [SessionConflictDto] }) conflicts: SessionConflictDto[];
}

export class RegisterDto {
  @ApiPropertyOptional({ description: 'The attendee’s badge code (no log-in needed)' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(1000) code?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'For an admin registering someone' }) @IsOptional() @IsUuid() attendeeId?: string;
}

export class CancelRegistrationDto {
  @ApiProperty({ description: 'The attendee’s badge code' }) @IsString() @MinLength(1) @MaxLength(1000) code: string;
}

export class SessionRegistrationDto implements RegistrationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) attendeeId: string;
  @ApiProperty({ enum: ['confirmed', 'waitlisted', 'cancelled'] }) status: RegistrationView['status'];
  @ApiProperty({ nullable: true, type: Number, description: '1 = next to be promoted' }) waitlistPosition: number | null;
  @ApiProperty() registeredAt: Date;
  @ApiProperty({ nullable: true, type: Date }) promotedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) cancelledAt: Date | null;
}

export class RegistrationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['confirmed', 'waitlisted', 'cancelled'] })
  @IsOptional() @IsIn(['confirmed', 'waitlisted', 'cancelled'], { message: 'must be confirmed, waitlisted or cancelled' })
  status?: string;
}

export class DoorScanDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1000) code: string;
  @ApiProperty({ example: 'door-angad' }) @Matches(DESK_ID, { message: DESK_ID_RULE }) deskId: string;
  @ApiProperty() @Matches(/^[A-Za-z0-9._:-]{8,128}$/, { message: 'must be 8 to 128 letters, digits, dots, dashes, colons or underscores' }) nonce: string;
}

class DoorAttendeeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() category: string;
}
export class DoorAnswerDto implements DoorAnswer {
  @ApiProperty({ enum: ['ok', 'already_admitted', 'not_registered', 'full', 'invalid', 'revoked', 'cancelled', 'not_valid_today', 'not_allowed', 'session_cancelled'] }) result: DoorAnswer['result'];
  @ApiPropertyOptional({ type: DoorAttendeeDto }) attendee?: DoorAttendeeDto;
  @ApiPropertyOptional() firstAdmittedAt?: Date;
  @ApiProperty({ description: 'Admitted so far' }) attendance: number;
}

export class ProgrammeQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
}

class ProgrammeRoomDto extends SessionRoomDto {
  @ApiProperty({ type: [SessionDto] }) sessions: SessionDto[];
}
class ProgrammeDayDto {
  @ApiProperty() date: string;
  @ApiProperty({ type: [ProgrammeRoomDto] }) rooms: ProgrammeRoomDto[];
}
class ProgrammeEditionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() editionNumber: number;
  @ApiProperty() venue: string;
  @ApiProperty() city: string;
  @ApiProperty() timeZone: string;
}
export class ProgrammeDto implements Programme {
  @ApiProperty({ type: ProgrammeEditionDto }) edition: ProgrammeEditionDto;
  @ApiProperty({ type: [ProgrammeDayDto] }) days: ProgrammeDayDto[];
}
export class SpeakerProgrammeDto {
  @ApiProperty({ type: SpeakerDto }) speaker: SpeakerDto;
  @ApiProperty({ type: [SessionDto] }) sessions: SessionDto[];
}
export class RoomProgrammeDto {
  @ApiProperty({ type: RoomDto }) room: RoomDto;
  @ApiProperty({ type: [SessionDto] }) sessions: SessionDto[];
}
