import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { EditionView, FairDayInput, FairDayView, NewEdition } from '@fairops/editions';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsInstantWithOffset, IsLocalDay } from '../http/local-day';


export class FairDayDto implements FairDayInput {
  @ApiProperty({ example: '2027-04-16', description: 'Local date' })
  @IsLocalDay()
  date: string;

  @ApiProperty({ example: '09:00', description: 'Local opening time' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time written HH:mm' })
  opensAt: string;

  @ApiProperty({ example: '18:00', description: 'Local closing time' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time written HH:mm' })
  closesAt: string;
}

export class CreateEditionDto implements NewEdition {
  @ApiProperty({ example: 'siccam-2027' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'must be 2 to 63 lower-case letters, digits or dashes' })
  slug: string;

  @ApiProperty({ example: 'SICCAM' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ example: 16 }) @IsInt() @Min(1) @Max(10000) editionNumber: number;
  @ApiPropertyOptional({ example: "Orientaliser l'offshoring et le digital" }) @IsOptional() @IsString() @MaxLength(500) theme?: string;
  @ApiProperty({ example: 'Parc Oujda Shore' }) @IsString() @MinLength(1) @MaxLength(200) venue: string;
  @ApiProperty({ example: 'Oujda' }) @IsString() @MinLength(1) @MaxLength(200) city: string;

  @ApiProperty({ example: 'MA', description: 'ISO 3166-1 alpha-2' })
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as MA' })
  country: string;

  @ApiProperty({ example: 'Africa/Casablanca', description: 'IANA time zone' })
  @IsString() @MinLength(1) @MaxLength(64)
  timeZone: string;

  @ApiPropertyOptional({ enum: ['fr', 'en', 'ar'], description: 'The language of messages to people who have not chosen one; default fr' })
  @IsOptional() @IsIn(['fr', 'en', 'ar'], { message: 'must be one of fr, en, ar' })
  defaultLanguage?: 'fr' | 'en' | 'ar';

  @ApiProperty({ type: [FairDayDto] })
  @ValidateNested({ each: true }) @Type(() => FairDayDto) @ArrayMinSize(1) @ArrayMaxSize(31)
  days: FairDayDto[];

  @ApiPropertyOptional({ example: '2027-03-01T00:00:00+01:00', description: 'When public self-registration opens; default: at once' })
  // An instant with its offset: local times without one would be ambiguous here.
  @IsOptional() @IsInstantWithOffset()
  registrationOpensAt?: string;

  @ApiPropertyOptional({ example: '2027-04-17T18:00:00+01:00', description: 'When public self-registration closes; default: the end of the last fair day, local time' })
  @IsOptional() @IsInstantWithOffset()
  registrationClosesAt?: string;
}

export class FairDayViewDto implements FairDayView {
  @ApiProperty({ example: '2027-04-16' }) date: string;
  @ApiProperty({ example: '2027-04-16T09:00:00+01:00' }) opensAt: string;
  @ApiProperty({ example: '2027-04-16T18:00:00+01:00' }) closesAt: string;
}

export class EditionDto implements EditionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() editionNumber: number;
  @ApiProperty({ nullable: true, type: String }) theme: string | null;
  @ApiProperty() venue: string;
  @ApiProperty() city: string;
  @ApiProperty() country: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ enum: ['fr', 'en', 'ar'], description: 'The language of messages to people who have not chosen one' }) defaultLanguage: 'fr' | 'en' | 'ar';
  @ApiProperty({ type: [FairDayViewDto] }) days: FairDayViewDto[];
  @ApiProperty({ nullable: true, type: String, description: 'When public self-registration opens; null: open from the start' }) registrationOpensAt: string | null;
  @ApiProperty({ example: '2027-04-18T00:00:00+01:00', description: 'When public self-registration closes' }) registrationClosesAt: string;
}
