import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';

import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { EXHIBITOR_STATUSES, ExhibitorFields, ExhibitorStats, ExhibitorStatus, ExhibitorView, SECTORS, Sector, StandSummary, StandType } from '@fairops/exhibitors';
import type { StaffQuotaRule } from '@fairops/editions';
import { PageQuery } from '../http/page-query.dto';
import { IsUuid } from '../http/uuid-param';

const optionalText = (max: number, example?: string) => [
  ApiPropertyOptional({ maxLength: max, example, nullable: true, type: String }),
  IsOptional(),
  IsString({ message: 'must be text' }),
  MaxLength(max, { message: `must be at most ${max} characters` }),
];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/** Fields of an exhibitor. Country, sector, phone and website are checked by the exhibitors library too. */
export class CreateExhibitorDto implements ExhibitorFields {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the current edition' })
  @IsOptional() @IsUuid()
  editionId?: string;

  @apply(optionalText(64, 'EXH-001')) ref?: string;

  @ApiProperty({ example: 'Atlas Relation Client', maxLength: 200 })
  @IsString({ message: 'must be text' }) @MinLength(1, { message: 'is required' }) @MaxLength(200, { message: 'must be at most 200 characters' })
  name: string;

  @apply(optionalText(300, 'مركز الشرق للاتصال')) legalName?: string;

  @ApiProperty({ example: 'MA', description: 'ISO 3166-1 alpha-2' })
  @IsString({ message: 'must be text' }) @MaxLength(2, { message: 'must be a 2-letter ISO 3166-1 code' })
  country: string;

  @apply(optionalText(100, 'Oujda')) city?: string;

  @ApiProperty({ enum: SECTORS })
  @IsIn(SECTORS, { message: `must be one of ${SECTORS.join(', ')}` })
  sector: Sector;

  @apply(optionalText(300, 'https://atlas-relation-client.ma')) website?: string;
  @apply(optionalText(4000)) description?: string;
  @apply(optionalText(200, 'Aïcha Benali')) contactName?: string;
  @apply(optionalText(254, 'contact@atlas-relation-client.ma')) contactEmail?: string;
  @apply(optionalText(32, '+212612345678')) contactPhone?: string;
}

/** Any subset of the fields; an exhibitor manager may send only website, description and contact fields. */
export class UpdateExhibitorDto extends PartialType(OmitType(CreateExhibitorDto, ['editionId'] as const)) {}

export class ChangeExhibitorStatusDto {
  @ApiProperty({ enum: EXHIBITOR_STATUSES })
  @IsIn(EXHIBITOR_STATUSES, { message: `must be one of ${EXHIBITOR_STATUSES.join(', ')}` })
  status: ExhibitorStatus;

  @ApiPropertyOptional({ description: 'Required for cancelled and withdrawn', maxLength: 500 })
  @IsOptional() @IsString({ message: 'must be text' }) @MaxLength(500)
  reason?: string;
}

export class StaffQuotaOverrideDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Staff badges allowed; null returns to the edition rule', minimum: 0, maximum: 10000 })
  @ValidateIf((_, v) => v !== null) @IsInt({ message: 'must be a whole number or null' }) @Min(0) @Max(10000)
  override: number | null;
}

export class StaffQuotaRuleDto implements StaffQuotaRule {
  @ApiProperty({ example: 2, description: 'Badges every exhibitor gets' })
  @IsInt({ message: 'must be a whole number' }) @Min(0) @Max(1000)
  base: number;

  @ApiProperty({ example: 9, description: 'One more badge per this many m² of assigned stands' })
  @IsNumber({}, { message: 'must be a number' }) @Min(0.5) @Max(10000)
  m2PerBadge: number;
}

export class ListExhibitorsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the current edition' })
  @IsOptional() @IsUuid() editionId?: string;
  @ApiPropertyOptional({ example: 'MA' }) @IsOptional() @IsString() @MaxLength(2) country?: string;
  @ApiPropertyOptional({ enum: SECTORS }) @IsOptional() @IsIn(SECTORS, { message: `must be one of ${SECTORS.join(', ')}` }) sector?: Sector;
  @ApiPropertyOptional({ enum: EXHIBITOR_STATUSES })
  @IsOptional() @IsIn(EXHIBITOR_STATUSES, { message: `must be one of ${EXHIBITOR_STATUSES.join(', ')}` })
  status?: ExhibitorStatus;
  @ApiPropertyOptional({ description: 'Hall name or id: exhibitors with a stand assigned in it', example: 'Hall A' })
  @IsOptional() @IsString() @MaxLength(100) hall?: string;
  @ApiPropertyOptional({ description: 'Name or legal name; ignores case and accents', example: 'societe' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: ['name', 'country', 'createdAt'], default: 'name' })
  @IsOptional() @IsIn(['name', 'country', 'createdAt'], { message: 'must be one of name, country, createdAt' })
  sort: 'name' | 'country' | 'createdAt' = 'name';
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional() @IsIn(['asc', 'desc'], { message: 'must be asc or desc' })
  order: 'asc' | 'desc' = 'asc';
}

export class EditionQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the current edition' })
  @IsOptional() @IsUuid()
  editionId?: string;
}

export class StandSummaryDto implements StandSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'A-12' }) code: string;
  @ApiProperty({ example: 'Hall A' }) hall: string;
  @ApiProperty() areaM2: number;
  @ApiProperty({ enum: ['shell_scheme', 'raw_space'] }) type: StandType;
  @ApiProperty({ enum: ['held', 'assigned'] }) status: 'held' | 'assigned';
  @ApiProperty({ nullable: true, type: String }) heldUntil: string | null;
}

export class ExhibitorDto implements ExhibitorView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ nullable: true, type: String }) ref: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) legalName: string | null;
  @ApiProperty() country: string;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ enum: SECTORS }) sector: Sector;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({ nullable: true, type: String }) contactEmail: string | null;
  @ApiProperty({ nullable: true, type: String }) contactPhone: string | null;
  @ApiProperty({ enum: EXHIBITOR_STATUSES }) status: ExhibitorStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ type: [StandSummaryDto] }) stands: StandSummaryDto[];
  @ApiProperty({ description: 'Staff badges allowed' }) staffQuota: number;
  @ApiProperty() staffQuotaOverridden: boolean;
  @ApiProperty({ description: 'Staff badges registered' }) staffUsed: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

class CountByCountry {
  @ApiProperty() country: string;
  @ApiProperty() count: number;
}
class CountBySector {
  @ApiProperty({ enum: SECTORS }) sector: string;
  @ApiProperty() count: number;
}
class CountByStatus {
  @ApiProperty({ enum: EXHIBITOR_STATUSES }) status: string;
  @ApiProperty() count: number;
}
export class ExhibitorStatsDto implements ExhibitorStats {
  @ApiProperty() total: number;
  @ApiProperty({ type: [CountByCountry] }) byCountry: CountByCountry[];
  @ApiProperty({ type: [CountBySector] }) bySector: CountBySector[];
  @ApiProperty({ type: [CountByStatus] }) byStatus: CountByStatus[];
}

export class StaffQuotaRuleViewDto implements StaffQuotaRule {
  @ApiProperty() base: number;
  @ApiProperty() m2PerBadge: number;
}

class ImportProblemDto {
  @ApiProperty({ description: 'Line of the file where the row starts' }) line: number;
  @ApiProperty({ example: 'country' }) field: string;
  @ApiProperty({ example: '"XX" is not an ISO 3166-1 alpha-2 country code' }) reason: string;
}

export class ExhibitorImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ nullable: true, type: String }) fileName: string | null;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status: string;
  @ApiProperty({ nullable: true, type: Number }) totalRows: number | null;
  @ApiProperty() processedRows: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ type: [ImportProblemDto] }) errors: ImportProblemDto[];
  @ApiProperty({ type: [String], description: 'Header columns the import does not know' }) ignoredColumns: string[];
  @ApiProperty({ nullable: true, type: String }) failureReason: string | null;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
}

export class ImportUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV, UTF-8 (with or without BOM), comma or semicolon separated' })
  file: unknown;
  @ApiPropertyOptional({ format: 'uuid' }) editionId?: string;
}

export class AcceptedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
}

