import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsUuid } from '../http/uuid-param';
import type {
  AwardsAuditView,
  ChainVerification,
  ConflictReason,
  ConflictView,
  CoverageGap,
  DeclaredConflict,
  FinalisedRanking,
  JurorNominee,
  JurorPrizeView,
  MyScores,
  NomineeView,
  PrizeView,
  PublicResult,
  RankedNominee,
  Ranking,
  RecordedConflict,
} from '@fairops/awards';

export class CriterionDto {
  @ApiProperty({ example: 'Qualité de service' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @ApiProperty({ example: 30, description: 'Weights of a prize sum to 100' }) @IsNumber({ maxDecimalPlaces: 2 }, { message: 'must be a number' }) @Min(0.01) @Max(100) weight: number;
}

export class CreatePrizeDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
  @ApiProperty({ example: 'Excellence de la relation client' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiProperty() @Type(() => Date) @IsDate({ message: 'must be an ISO 8601 date-time' }) scoringOpensAt: Date;
  @ApiProperty() @Type(() => Date) @IsDate({ message: 'must be an ISO 8601 date-time' }) scoringClosesAt: Date;
  @ApiPropertyOptional({ description: 'Default 0' }) @IsOptional() @IsNumber() @Min(-1000) @Max(1000) scaleMin?: number;
  @ApiPropertyOptional({ description: 'Default 10' }) @IsOptional() @IsNumber() @Min(-1000) @Max(1000) scaleMax?: number;
  @ApiPropertyOptional({ description: 'At most two decimals; default 0.5' }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }, { message: 'must be a number with at most two decimals' }) @Min(0.01) @Max(100) scaleStep?: number;
  @ApiPropertyOptional({ description: 'Default 3' }) @IsOptional() @IsInt() @Min(1) @Max(100) minJurorsPerNominee?: number;
  @ApiProperty({ type: [CriterionDto] }) @ValidateNested({ each: true }) @Type(() => CriterionDto) @ArrayMinSize(1) @ArrayMaxSize(20) criteria: CriterionDto[];
}

export class UpdatePrizeDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Date) @IsDate({ message: 'must be an ISO 8601 date-time' }) scoringOpensAt?: Date;
  @ApiPropertyOptional() @IsOptional() @Type(() => Date) @IsDate({ message: 'must be an ISO 8601 date-time' }) scoringClosesAt?: Date;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(-1000) @Max(1000) scaleMin?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(-1000) @Max(1000) scaleMax?: number;
  @ApiPropertyOptional({ description: 'At most two decimals' }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }, { message: 'must be a number with at most two decimals' }) @Min(0.01) @Max(100) scaleStep?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100) minJurorsPerNominee?: number;
  @ApiPropertyOptional({ type: [CriterionDto] }) @IsOptional() @ValidateNested({ each: true }) @Type(() => CriterionDto) @ArrayMinSize(1) @ArrayMaxSize(20) criteria?: CriterionDto[];
  @ApiPropertyOptional({ description: 'Needed to change the scale or criteria once scoring has begun' }) @IsOptional() @IsBoolean() force?: boolean;
  @ApiPropertyOptional({ description: 'Why (recorded in the awards audit)' }) @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class ScaleDto {
  @ApiProperty({ example: 0 }) min: number;
  @ApiProperty({ example: 10 }) max: number;
  @ApiProperty({ example: 0.5 }) step: number;
}

export class PrizeCriterionDto {
  @ApiProperty({ format: 'uuid', description: 'The criterionId to score' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ example: 30 }) weight: number;
}

export class PrizeDto implements PrizeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() scoringOpensAt: Date;
  @ApiProperty() scoringClosesAt: Date;
  @ApiProperty({ type: ScaleDto }) scale: ScaleDto;
  @ApiProperty() minJurorsPerNominee: number;
  @ApiProperty({ type: [PrizeCriterionDto] }) criteria: PrizeCriterionDto[];
  @ApiProperty({ type: () => [NomineeDto] }) nominees: NomineeDto[];
  @ApiProperty({ type: [String] }) jurorIds: string[];
  @ApiProperty({ enum: ['open', 'finalised', 'published'] }) resultsStatus: PrizeView['resultsStatus'];
}

export class NomineeInputDto {
  @ApiProperty({ example: 'Atlas Relation Client' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() exhibitorId?: string;
  @ApiPropertyOptional({ description: 'A short dossier for the jury' }) @IsOptional() @IsString() @MaxLength(8000) dossier?: string;
}

export class NomineeDto implements NomineeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) exhibitorId: string | null;
  @ApiProperty({ nullable: true, type: String }) dossier: string | null;
}

export class JurorsDto {
  @ApiProperty({ type: [String], description: 'Users with the jury role' })
  @IsUuid({ each: true }) @ArrayMaxSize(100)
  jurorIds: string[];
}

export class ConflictDecisionDto {
  @ApiProperty({ enum: ['recused', 'dismissed'] }) @IsIn(['recused', 'dismissed'], { message: 'must be recused or dismissed' }) status: 'recused' | 'dismissed';
}

export class ReopenDto {
  @ApiProperty({ description: 'Why the ballot is reopened (recorded)' }) @IsString() @MinLength(3, { message: 'must say why' }) @MaxLength(1000) reason: string;
}

export class TieDecisionDto {
  @ApiProperty({ format: 'uuid' }) @IsUuid() winnerNomineeId: string;
  @ApiProperty() @IsString() @MinLength(3, { message: 'must say why' }) @MaxLength(1000) reason: string;
}

export class FinaliseDto {
  @ApiPropertyOptional({ type: TieDecisionDto, description: 'Only when the tie-break rule cannot separate the first places' })
  @IsOptional() @ValidateNested() @Type(() => TieDecisionDto)
  tieDecision?: TieDecisionDto;
}

export class ScoreItemDto {
  @ApiProperty({ format: 'uuid' }) @IsUuid() criterionId: string;
  @ApiProperty({ example: 8.5 }) @IsNumber({}, { message: 'must be a number' }) value: number;
}

export class ScoresDto {
  @ApiProperty({ type: [ScoreItemDto] }) @ValidateNested({ each: true }) @Type(() => ScoreItemDto) @ArrayMinSize(1) @ArrayMaxSize(20) scores: ScoreItemDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Your comment on the nominee; null removes it' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(4000)
  comment?: string | null;
}

export class MyScoresDto implements MyScores {
  @ApiProperty({ format: 'uuid' }) nomineeId: string;
  @ApiProperty({ type: [ScoreItemDto] }) scores: ScoreItemDto[];
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
}

export class DeclareConflictDto {
  @ApiProperty({ format: 'uuid' }) @IsUuid() nomineeId: string;
  @ApiProperty({ enum: ['professional', 'personal', 'other'] }) @IsIn(['professional', 'personal', 'other'], { message: 'must be professional, personal or other' }) reason: 'professional' | 'personal' | 'other';
  @ApiPropertyOptional({ description: 'Required for other' }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class RecordConflictDto extends DeclareConflictDto {
  @ApiProperty({ format: 'uuid', description: 'The juror who has the conflict' }) @IsUuid() jurorId: string;
  @ApiProperty({ description: 'Why an admin records it (audited in the awards audit): needed once the juror’s ballot is locked' })
  @IsString({ message: 'must be text' })
  @MinLength(3, { message: 'must say why' })
  @MaxLength(1000)
  justification: string;
}

export class JurorNomineeDto implements JurorNominee {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) dossier: string | null;
  @ApiProperty({ description: 'I am recused from this nominee (declared or confirmed conflict): no scoring' }) recused: boolean;
  @ApiProperty({ description: 'How many criteria I scored' }) scoredCriteria: number;
}

export class BallotStateDto {
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
  @ApiProperty({ description: 'Submitted, or the scoring window is closed: scores can no longer change' }) locked: boolean;
}

/** A prize as a juror sees it: no jury list or results status, the nominees as a juror sees them, their ballot. */
export class JurorPrizeDto extends OmitType(PrizeDto, ['jurorIds', 'nominees', 'resultsStatus'] as const) implements JurorPrizeView {
  @ApiProperty({ type: [JurorNomineeDto] }) nominees: JurorNomineeDto[];
  @ApiProperty({ type: BallotStateDto }) ballot: BallotStateDto;
}

export class RankedNomineeDto implements RankedNominee {
  @ApiProperty() rank: number;
  @ApiProperty({ format: 'uuid' }) nomineeId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Jurors whose complete, non-recused scores count' }) jurors: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean of the jurors’ weighted scores, on the prize’s scale' }) mean: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean z-score put back on the scale' }) normalised: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean on the heaviest criterion (third tie-break)' }) topCriterionMean: number | null;
}

export class CoverageGapDto implements CoverageGap {
  @ApiProperty({ format: 'uuid' }) nomineeId: string;
  @ApiProperty() name: string;
  @ApiProperty() scoredBy: number;
  @ApiProperty() required: number;
  @ApiProperty({ type: [String], description: 'Assigned, not recused jurors who have not scored every criterion' }) pendingJurorIds: string[];
}

export class CoverageDto {
  @ApiProperty() complete: boolean;
  @ApiProperty({ type: [CoverageGapDto] }) missing: CoverageGapDto[];
}

export class RankingDto implements Ranking {
  @ApiProperty({ format: 'uuid' }) prizeId: string;
  @ApiProperty() computedAt: Date;
  @ApiProperty({ type: [RankedNomineeDto] }) ranking: RankedNomineeDto[];
  @ApiProperty({ type: CoverageDto }) coverage: CoverageDto;
  @ApiProperty({ type: [String], description: 'First places the tie-break rule cannot separate' }) unresolvedTie: string[];
}

export class FinalisedRankingDto extends RankingDto implements FinalisedRanking {
  @ApiProperty({ format: 'uuid' }) winnerNomineeId: string;
  @ApiProperty({ enum: ['finalised'] }) status: 'finalised';
}

export class WinnerDto {
  @ApiProperty({ format: 'uuid' }) nomineeId: string;
  @ApiProperty() name: string;
}

export class RecordedTieDecisionDto {
  @ApiProperty({ format: 'uuid' }) winnerNomineeId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) decidedBy: string;
}

export class ResultDto implements PublicResult {
  @ApiProperty({ format: 'uuid' }) prizeId: string;
  @ApiProperty() prize: string;
  @ApiProperty({ type: WinnerDto }) winner: WinnerDto;
  @ApiProperty({ nullable: true, type: Date }) publishedAt: Date | null;
  @ApiProperty() certificateAvailable: boolean;
  @ApiPropertyOptional({ enum: ['finalised', 'published'], description: 'Admins only' }) status?: string;
  @ApiPropertyOptional({ description: 'Admins only' }) finalisedAt?: Date;
  @ApiPropertyOptional({ type: RecordedTieDecisionDto, nullable: true, description: 'Admins only' }) tieDecision?: RecordedTieDecisionDto | null;
  @ApiPropertyOptional({ type: [RankedNomineeDto], description: 'Admins only' }) ranking?: RankedNomineeDto[];
  @ApiPropertyOptional({ type: CoverageDto, description: 'Admins only' }) coverage?: CoverageDto;
}

export class ChainMismatchDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ enum: ['hash', 'link'] }) reason: 'hash' | 'link';
  @ApiProperty() at: Date;
  @ApiProperty({ example: 'score.set' }) action: string;
}

export class ChainDto implements ChainVerification {
  @ApiProperty() ok: boolean;
  @ApiProperty() entries: number;
  @ApiPropertyOptional({ type: ChainMismatchDto, description: 'The first entry whose hash, or whose link to the previous one, does not match' }) firstMismatch?: ChainMismatchDto;
}

export class ConflictDecisionResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['recused', 'dismissed'] }) status: 'recused' | 'dismissed';
}

export class DeclaredConflictDto implements DeclaredConflict {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) nomineeId: string;
  @ApiProperty({ enum: ['recused'] }) status: 'recused';
  @ApiProperty({ enum: ['professional', 'personal', 'other'] }) reason: ConflictReason;
}

export class RecordedConflictDto extends DeclaredConflictDto implements RecordedConflict {
  @ApiProperty({ format: 'uuid' }) jurorId: string;
}

export class ReopenedBallotDto {
  @ApiProperty({ format: 'uuid' }) prizeId: string;
  @ApiProperty({ format: 'uuid' }) jurorId: string;
  @ApiProperty({ nullable: true, type: Date, description: 'null: the ballot is open again' }) submittedAt: null;
}

export class ConflictViewDto implements ConflictView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) nomineeId: string;
  @ApiProperty() nominee: string;
  @ApiProperty({ format: 'uuid' }) jurorId: string;
  @ApiProperty() juror: string;
  @ApiProperty({ enum: ['declared', 'flagged'] }) source: string;
  @ApiProperty({ enum: ['recused', 'suggested', 'dismissed'] }) status: string;
  @ApiProperty({ enum: ['professional', 'personal', 'other'] }) reason: string;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
}

export class AwardsAuditEntryDto implements AwardsAuditView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) prizeId: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ example: 'score.set' }) action: string;
  @ApiProperty({ nullable: true, type: String }) nomineeId: string | null;
  @ApiProperty({ nullable: true, type: String }) jurorId: string | null;
  @ApiProperty({ nullable: true, type: String }) criterionId: string | null;
  @ApiProperty({ nullable: true, type: Number }) oldValue: number | null;
  @ApiProperty({ nullable: true, type: Number }) newValue: number | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'Facts of the entry, by action (a ranking, a tie decision, a reason…)' }) detail: unknown;
  @ApiProperty() at: Date;
  @ApiProperty({ description: 'sha256 of the previous entry’s hash and this entry, hex' }) hash: string;
}
