import { ApiProperty, ApiPropertyOptional, PickType, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDate, IsIn, IsObject, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateBy, ValidationOptions } from 'class-validator';
import { CATEGORIES, Category } from '@fairops/attendees';
import { CheckinStats, DESK_ID, DESK_ID_RULE, LeadView, Revocation, SCAN_RESULTS, ScanAnswer, ScanConflict, ScanResult } from '@fairops/checkin';
import { AttendeeDto } from '../attendees/attendee.dto';
import { IsLocalDay } from '../http/local-day';
import { FieldIssueDto } from '../http/error-body.dto';
import { PageQuery } from '../http/page-query.dto';
import { IsUuid, NOT_A_UUID } from '../http/uuid-param';

/** The rules of a scan, shared by ScanDto and the scan route's own fast check (scan-body.pipe.ts). */
export const SCAN_RULES = {
  codeMax: 1000,
  gateMax: 64,
  deskId: DESK_ID,
  nonce: /^[A-Za-z0-9._:-]{8,128}$/,
  messages: {
    text: 'must be text',
    empty: 'must not be empty',
    codeMax: 'must be at most 1000 characters',
    gateMax: 'must be at most 64 characters',
    deskId: DESK_ID_RULE,
    nonce: 'must be 8 to 128 letters, digits, dots, dashes, colons or underscores',
    date: 'must be an ISO 8601 date-time',
    uuid: NOT_A_UUID,
    deskAnswer: `must be one of ${SCAN_RESULTS.join(', ')}`,
  },
} as const;
const M = SCAN_RULES.messages;

/**
 * Whether `text` has at most `max` characters as PostgreSQL counts them (code points): neither UTF-16
 * units (an emoji is two) nor validator.js's MaxLength (which leaves out variation selectors, so text
 * it accepts could break the column's CHECK). Counted only past `max` units, the usual case being short.
 */
export function withinChars(text: string, max: number): boolean {
  if (text.length <= max) return true;
  let count = 0;
  for (const _ of text) if (++count > max) return false;
  return true;
}

/** MaxLength by code points (withinChars); a value that is not text fails too, as MaxLength does. */
const MaxChars = (max: number, options: ValidationOptions) =>
  ValidateBy({ name: 'maxChars', constraints: [max], validator: { validate: (value) => typeof value === 'string' && withinChars(value, max) } }, options);

/**
 * A date-time sent as ISO 8601 text or epoch milliseconds becomes a Date; anything else is left as it
 * came for @IsDate to refuse (a JSON boolean is not a date-time, though `new Date(true)` is 1970).
 */
const ToDate = () =>
  Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const value = obj[key];
    return typeof value === 'string' || typeof value === 'number' ? new Date(value) : value;
  });

export class ScanDto {
  @ApiProperty({ description: 'The badge code read from the QR (for a try: the `code` of GET /api/v1/attendees/{id}/credential)' })
  @IsString({ message: M.text }) @MinLength(1, { message: M.empty }) @MaxChars(SCAN_RULES.codeMax, { message: M.codeMax })
  code: string;
  @ApiProperty({ example: 'desk-1' }) @Matches(SCAN_RULES.deskId, { message: M.deskId }) deskId: string;
  @ApiProperty({ description: 'Unique per scan, chosen by the desk (a UUID, say); a retry sends the same nonce', example: 'new-for-each-scan' })
  @Matches(SCAN_RULES.nonce, { message: M.nonce })
  nonce: string;
  @ApiPropertyOptional({ description: 'When the desk scanned (ISO 8601); default now. Online scans are recorded at the server time: this must be within 2 minutes of it' }) @IsOptional() @ToDate() @IsDate({ message: M.date }) scannedAt?: Date;
  @ApiPropertyOptional({ example: 'Hall A north' }) @IsOptional() @IsString({ message: M.text }) @MaxChars(SCAN_RULES.gateMax, { message: M.gateMax }) gate?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The edition the desk works for; default the current one' })
  @IsOptional() @IsUuid() editionId?: string;
}

export class OfflineScanDto extends ScanDto {
  @ApiProperty({ description: 'When the desk scanned, offline (ISO 8601): on a fair day of the edition, at most 5 minutes ahead of the server' }) @ToDate() @IsDate({ message: M.date }) declare scannedAt: Date;
  @ApiPropertyOptional({
    enum: SCAN_RESULTS,
    description: 'What the desk answered itself, offline. A badge the desk turned away and the server refuses too is no conflict; one it turned away but the server admits is. Without it, the desk is taken to have let the person in',
  })
  @IsOptional() @IsIn(SCAN_RESULTS, { message: M.deskAnswer })
  deskAnswer?: ScanResult;
}

export class ScanBatchDto {
  // Only the batch's shape is checked here: each scan's fields are checked in its own slot (checkScan,
  // in the controller), so that one malformed scan gets its error answer and the others are recorded.
  @ApiProperty({ type: [OfflineScanDto], minItems: 1, maxItems: 5000, description: 'A scan with a malformed field gets a `validation_failed` answer in its slot; the others are processed' })
  @IsArray({ message: 'must be an array of scans' }) @ArrayMinSize(1, { message: 'must hold at least 1 scan' }) @ArrayMaxSize(5000, { message: 'must hold at most 5000 scans' })
  @IsObject({ each: true, message: 'each scan must be a JSON object' })
  scans: Array<Record<string, unknown>>;
}

class ScannedAttendeeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
  @ApiProperty({ enum: CATEGORIES }) category: Category;
}

export class ScanAnswerDto implements ScanAnswer {
  @ApiProperty({ enum: SCAN_RESULTS }) result: ScanResult;
  @ApiPropertyOptional({ type: ScannedAttendeeDto }) attendee?: ScannedAttendeeDto;
  @ApiPropertyOptional({ description: 'The first check-in of the day (for ok and already_checked_in)' }) firstCheckedInAt?: Date;
  @ApiPropertyOptional({ example: 'desk-2', description: 'The desk of that first check-in (for ok: this desk), when known' }) firstDeskId?: string;
}

export class ScanBatchSlotDto {
  @ApiProperty({ enum: [...SCAN_RESULTS, 'error'], description: '`error` when the scan was refused as a request; then `error` and `message` say why' }) result: string;
  @ApiPropertyOptional({ type: ScannedAttendeeDto }) attendee?: ScannedAttendeeDto;
  @ApiPropertyOptional({ description: 'The first check-in of the day (for ok and already_checked_in)' }) firstCheckedInAt?: Date;
  @ApiPropertyOptional({ example: 'desk-2', description: 'The desk of that first check-in, when known' }) firstDeskId?: string;
  @ApiPropertyOptional({ example: 'nonce_reused', description: 'The error code the single scan route would answer: nonce_reused, scanned_outside_fair_days, validation_failed, edition_not_found' })
  error?: string;
  @ApiPropertyOptional() message?: string;
  @ApiPropertyOptional({
    description: 'As in the common error body: the fields at fault, or facts about the error',
    oneOf: [{ type: 'array', items: { $ref: getSchemaPath(FieldIssueDto) } }, { type: 'object', additionalProperties: true }],
  })
  details?: unknown;
}

export class ScanBatchAnswerDto {
  @ApiProperty({ type: [ScanBatchSlotDto], description: 'One answer per scan, in the order of the request' }) results: ScanBatchSlotDto[];
}

export class BadgeKeyDto {
  @ApiProperty({ description: 'Key id written in each code' }) kid: number;
  @ApiProperty({ example: 'Ed25519' }) algorithm: string;
  @ApiProperty({ description: 'Base64 SPKI DER public key' }) publicKey: string;
  @ApiProperty({ enum: ['current', 'retired'] }) status: string;
}

class RevocationDto implements Revocation {
  @ApiProperty({ format: 'uuid' }) attendeeId: string;
  @ApiProperty({ description: 'Codes of a lower version are refused; 65536 refuses all' }) validFromVersion: number;
  @ApiProperty({ enum: ['reissued', 'cancelled', 'erased'] }) reason: Revocation['reason'];
  @ApiProperty() revokedAt: Date;
}

export class RevocationsDto {
  @ApiProperty({ type: [RevocationDto] }) items: RevocationDto[];
  @ApiProperty({ description: 'Pass as `since` next time' }) until: Date;
}

export class RevocationsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
  @ApiPropertyOptional({ description: 'Only revocations after this instant (the `until` of the previous answer)' })
  @IsOptional() @Type(() => Date) @IsDate({ message: 'must be an ISO 8601 date-time' })
  since?: Date;
}

export class StatsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
  @ApiPropertyOptional({ example: '2027-04-16', description: 'Local fair day; default today' })
  @IsOptional() @IsLocalDay()
  day?: string;
}

class PerDay {
  @ApiProperty() day: string;
  @ApiProperty() checkedIn: number;
}
class PerCategory {
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty() checkedIn: number;
}
class PerHour {
  @ApiProperty({ description: 'Local hour, 0–23' }) hour: number;
  @ApiProperty() checkedIn: number;
}
class PerDesk {
  @ApiProperty() deskId: string;
  @ApiProperty() checkedIn: number;
  @ApiProperty() scans: number;
  @ApiProperty() refused: number;
}
export class CheckinStatsDto implements CheckinStats {
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty() day: string;
  @ApiProperty({ description: 'Checked in on the day' }) checkedIn: number;
  @ApiProperty({ description: 'Different people checked in over the fair' }) uniqueAttendees: number;
  @ApiProperty({ type: [PerDay] }) perDay: PerDay[];
  @ApiProperty({ type: [PerCategory] }) perCategory: PerCategory[];
  @ApiProperty({ type: [PerHour] }) perHour: PerHour[];
  @ApiProperty({ type: [PerDesk] }) perDesk: PerDesk[];
  @ApiProperty({ nullable: true, type: Date }) lastScanAt: Date | null;
}

export class ConflictsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
}

export class ConflictDto implements ScanConflict {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() scannedAt: Date;
  @ApiProperty() receivedAt: Date;
  @ApiProperty() deskId: string;
  @ApiProperty({ nullable: true, type: String }) gate: string | null;
  @ApiProperty({ enum: SCAN_RESULTS }) result: ScanResult;
  @ApiProperty({ nullable: true, type: String }) attendeeId: string | null;
  @ApiProperty({ nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ nullable: true, type: String }) category: string | null;
  @ApiProperty({ nullable: true, type: Date }) firstCheckedInAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) firstDeskId: string | null;
  @ApiProperty({ enum: SCAN_RESULTS, nullable: true, description: 'What the desk answered offline, when it said' }) deskAnswer: ScanResult | null;
}

export class CaptureLeadDto {
  @ApiProperty({ description: 'The visitor’s badge code' }) @IsString() @MinLength(1) @MaxLength(1000) code: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt({ message: 'must be a whole number from 1 to 5' }) @Min(1) @Max(5) rating?: number;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

/** A lead: the attendee's contact details as the attendee list shows them, and the exhibitor's own notes. */
export class LeadDto extends PickType(AttendeeDto, ['firstName', 'lastName', 'organisation', 'jobTitle', 'country', 'email', 'phone'] as const) implements LeadView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) exhibitorId: string;
  @ApiProperty({ format: 'uuid' }) attendeeId: string;
  @ApiProperty({ nullable: true, type: Number }) rating: number | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty() capturedAt: Date;
}

export class LeadsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'For admins: whose leads; an exhibitor manager always gets their own' })
  @IsOptional() @IsUuid() exhibitorId?: string;
}

export class LeadsExportQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'For admins: whose leads' }) @IsOptional() @IsUuid() exhibitorId?: string;
}

