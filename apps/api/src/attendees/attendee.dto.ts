import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import {
  ATTENDEE_LANGUAGES,
  AttendeeLanguage,
  AttendeeSource,
  AttendeeView,
  CATEGORIES,
  Category,
  Credential,
  PersonalCheckin,
  PersonalData,
  PersonalHistoryEntry,
  PersonalLead,
  PersonalScan,
  RegistrationReceipt,
  StaffPage,
  TicketsQueued,
} from '@fairops/attendees';
import { EditionQuery, ImportUploadDto } from '../exhibitors/exhibitor.dto';
import { PageQuery } from '../http/page-query.dto';
import { IsLocalDay } from '../http/local-day';
import { IsUuid } from '../http/uuid-param';

/** `true` and `false` in a query string; anything else is left for @IsBoolean to refuse. */
const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** What a visitor gives when registering themselves. */
export class RegistrationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the current edition' })
  @IsOptional() @IsUuid() editionId?: string;
  @ApiProperty({ example: 'Aïcha' }) @IsString({ message: 'must be text' }) @MinLength(1, { message: 'is required' }) @MaxLength(100) firstName: string;
  @ApiProperty({ example: 'El Amrani' }) @IsString({ message: 'must be text' }) @MinLength(1, { message: 'is required' }) @MaxLength(100) lastName: string;
  @ApiProperty({ example: 'aicha.elamrani@example.ma' }) @IsEmail({}, { message: 'must be an email address' }) @MaxLength(254) email: string;
  @ApiPropertyOptional({ example: 'Atlas Relation Client' }) @IsOptional() @IsString() @MaxLength(200) organisation?: string;
  @ApiPropertyOptional({ example: 'Responsable plateau' }) @IsOptional() @IsString() @MaxLength(200) jobTitle?: string;
  @ApiPropertyOptional({ example: 'MA' }) @IsOptional() @IsString() @MaxLength(2) country?: string;
  @ApiPropertyOptional({ example: '+212612345678' }) @IsOptional() @IsString() @MaxLength(32) phone?: string;
  @ApiPropertyOptional({ type: [String], example: ['2027-04-16'], description: 'Fair days (default: all)' })
  @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(31) @IsLocalDay({ each: true })
  days?: string[];
  @ApiPropertyOptional({ description: 'May exhibitors who scan the badge keep the contact details? Default false on a create; left out of an update, it stays as it is' })
  @IsOptional() @IsBoolean({ message: 'must be true or false' }) consentShareContact?: boolean;
  @ApiPropertyOptional({ enum: ATTENDEE_LANGUAGES, nullable: true, description: 'The language of their messages (the e-ticket); default: the edition’s `defaultLanguage`' })
  @IsOptional() @IsIn(ATTENDEE_LANGUAGES, { message: `must be one of ${ATTENDEE_LANGUAGES.join(', ')}` })
  language?: AttendeeLanguage | null;
}

export class CreateAttendeeDto extends OmitType(RegistrationDto, ['email'] as const) {
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES, { message: `must be one of ${CATEGORIES.join(', ')}` }) category: Category;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: 'must be an email address' }) @MaxLength(254) email?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for, and only for, exhibitor_staff' })
  @IsOptional() @IsUuid() exhibitorId?: string;
}

export class UpdateAttendeeDto extends PartialType(OmitType(CreateAttendeeDto, ['editionId'] as const)) {}

export class StaffMemberDto extends OmitType(RegistrationDto, ['editionId', 'email'] as const) {
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: 'must be an email address' }) @MaxLength(254) email?: string;
}

export class ReasonDto {
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class ListAttendeesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
  @ApiPropertyOptional({ description: 'Name, organisation or email; ignores case and accents', example: 'alaoui' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES, { message: `must be one of ${CATEGORIES.join(', ')}` }) category?: Category;
  @ApiPropertyOptional({ enum: ['registered', 'cancelled'] }) @IsOptional() @IsIn(['registered', 'cancelled'], { message: 'must be registered or cancelled' }) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() exhibitorId?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'true: checked in today; false: not yet today', example: false })
  @IsOptional() @Transform(queryBoolean) @IsBoolean({ message: 'must be true or false' })
  checkedIn?: boolean;
  @ApiPropertyOptional({ type: Boolean, description: 'true: a scan today would admit them (registered, and today is one of their days)', example: true })
  @IsOptional() @Transform(queryBoolean) @IsBoolean({ message: 'must be true or false' })
  validToday?: boolean;
}

export class AttendeeDto implements AttendeeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ enum: CATEGORIES }) category: Category;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
  @ApiProperty({ nullable: true, type: String }) jobTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) exhibitorId: string | null;
  @ApiProperty({ type: [String] }) days: string[];
  @ApiProperty({ enum: ['registered', 'cancelled'] }) status: 'registered' | 'cancelled';
  @ApiProperty() consentShareContact: boolean;
  @ApiProperty({ enum: ATTENDEE_LANGUAGES, nullable: true, description: 'The language of their messages; null: the edition’s default' }) language: AttendeeLanguage | null;
  @ApiProperty() badgeVersion: number;
  @ApiProperty({ enum: ['self_registration', 'back_office', 'exhibitor', 'import', 'demo'] }) source: AttendeeSource;
  @ApiProperty() erased: boolean;
  @ApiProperty({ description: 'Checked in today (the fair day now, in the edition’s time zone)' }) checkedInToday: boolean;
  @ApiProperty({ nullable: true, type: Date, description: 'When, if checked in today' }) checkedInTodayAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CredentialDto implements Credential {
  @ApiProperty({ description: 'Signed badge code for the QR (Ed25519, base64url)' }) code: string;
  @ApiProperty() version: number;
}

/** The answer to a public registration: the same whether the email was new or known. */
export class RegistrationAcceptedDto implements RegistrationReceipt {
  @ApiProperty({ enum: ['accepted'] }) status: 'accepted';
  @ApiProperty({ example: 'Thank you. Check your mailbox: your badge is on its way to the address you gave.' }) message: string;
}

const SEND_TICKETS = 'Mail the e-ticket to the attendees the import creates (with an email) and to those it gives a new badge version. Default false';

/** The attendee import's form: the file, the edition, and whether to mail tickets. */
export class AttendeeImportUploadDto extends ImportUploadDto {
  @ApiPropertyOptional({ type: Boolean, description: SEND_TICKETS }) sendTickets?: boolean;
}

/** The attendee import's form fields besides the file, as validated (multipart values are text: `true` or `false`). */
export class AttendeeImportBody extends EditionQuery {
  @ApiPropertyOptional({ type: Boolean, description: SEND_TICKETS })
  @IsOptional() @Transform(queryBoolean) @IsBoolean({ message: 'must be true or false' })
  sendTickets?: boolean;
}

export class SendTicketsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the current edition' })
  @IsOptional() @IsUuid() editionId?: string;
}

export class TicketsQueuedDto implements TicketsQueued {
  @ApiProperty({ description: 'Tickets queued now: registered attendees with an email and no ticket yet for their current badge version' }) queued: number;
  @ApiProperty({ description: 'Registered attendees with an email who already had a ticket (queued, sent or failed) for their current badge version' }) alreadyQueued: number;
}

/** A page of an exhibitor's staff badges, with the quota they count against. */
export class StaffPageDto implements StaffPage {
  @ApiProperty({ type: [AttendeeDto] }) items: AttendeeDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
  @ApiProperty({ description: 'Staff badges the exhibitor may hold' }) quota: number;
  @ApiProperty({ description: 'Staff badges registered now (counted against the quota)' }) used: number;
}

export class PersonalCheckinDto implements PersonalCheckin {
  @ApiProperty({ example: '2027-04-16', description: 'The fair day, YYYY-MM-DD' }) day: string;
  @ApiProperty() checkedInAt: Date;
  @ApiProperty({ nullable: true, type: String }) deskId: string | null;
}

export class PersonalScanDto implements PersonalScan {
  @ApiProperty() scannedAt: Date;
  @ApiProperty({ nullable: true, type: String }) deskId: string | null;
  @ApiProperty({ nullable: true, type: String }) gate: string | null;
  @ApiProperty({ example: 'ok' }) result: string;
}

export class PersonalLeadDto implements PersonalLead {
  @ApiProperty() capturedAt: Date;
  @ApiProperty({ description: 'The exhibitor who scanned the badge' }) exhibitor: string;
  @ApiProperty({ nullable: true, type: Number }) rating: number | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
}

export class PersonalHistoryDto implements PersonalHistoryEntry {
  @ApiProperty({ example: 'attendee.updated' }) action: string;
  @ApiProperty() at: Date;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class PersonalDataDto implements PersonalData {
  @ApiProperty({ type: AttendeeDto }) attendee: AttendeeDto;
  @ApiProperty({ type: [PersonalCheckinDto] }) checkins: PersonalCheckinDto[];
  @ApiProperty({ type: [PersonalScanDto] }) scans: PersonalScanDto[];
  @ApiProperty({ type: [PersonalLeadDto] }) leads: PersonalLeadDto[];
  @ApiProperty({ type: [PersonalHistoryDto], description: 'What was done to the record, when and why (not the values)' }) history: PersonalHistoryDto[];
}
