import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LAYOUTS, PrintJobView, PrinterView } from '@fairops/badges';
import { DESK_ID, DESK_ID_RULE } from '@fairops/checkin';
import { IsUuid } from '../http/uuid-param';

export class PrintJobRequestDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 500 })
  @IsUuid({ each: true }) @ArrayMinSize(1) @ArrayMaxSize(500)
  attendeeIds: string[];
  @ApiPropertyOptional({ enum: ['pdf', 'zpl'], description: 'Default: the desk printer’s, else pdf' }) @IsOptional() @IsIn(['pdf', 'zpl'], { message: 'must be pdf or zpl' }) format?: 'pdf' | 'zpl';
  @ApiPropertyOptional({ enum: LAYOUTS }) @IsOptional() @IsIn(LAYOUTS, { message: `must be one of ${LAYOUTS.join(', ')}` }) layout?: (typeof LAYOUTS)[number];
  @ApiPropertyOptional({ enum: [203, 300], description: 'For ZPL' }) @IsOptional() @IsIn([203, 300], { message: 'must be 203 or 300' }) dpi?: 203 | 300;
  @ApiPropertyOptional({ example: 'desk-1' }) @IsOptional() @Matches(DESK_ID, { message: DESK_ID_RULE }) deskId?: string;
  @ApiPropertyOptional({ description: 'Required when a badge in its current version was printed before' }) @IsOptional() @IsString() @MaxLength(500) reprintReason?: string;
}

export class BulkJobRequestDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuid() editionId?: string;
  @ApiProperty({ enum: ['exhibitor_staff', 'visitors'] }) @IsIn(['exhibitor_staff', 'visitors'], { message: 'must be exhibitor_staff or visitors' }) selection: 'exhibitor_staff' | 'visitors';
  @ApiPropertyOptional({ format: 'uuid', description: 'One exhibitor’s staff only' }) @IsOptional() @IsUuid() exhibitorId?: string;
  @ApiPropertyOptional({ enum: ['exhibitor', 'name'], description: 'Default name' }) @IsOptional() @IsIn(['exhibitor', 'name'], { message: 'must be exhibitor or name' }) sort: 'exhibitor' | 'name' = 'name';
}

export class JobProgressDto {
  @ApiProperty({ example: 25 }) done: number;
  @ApiProperty({ example: 500 }) total: number;
}

export class PrintJobDto implements PrintJobView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ nullable: true, type: String }) deskId: string | null;
  @ApiProperty({ enum: ['single', 'bulk'] }) kind: PrintJobView['kind'];
  @ApiProperty({ enum: ['pdf', 'zpl'] }) format: PrintJobView['format'];
  @ApiProperty({ nullable: true, type: Number }) dpi: number | null;
  @ApiProperty({ enum: [...LAYOUTS, 'a4_sheet'] }) layout: string;
  @ApiProperty({ enum: ['queued', 'rendering', 'ready', 'printed', 'failed'] }) status: PrintJobView['status'];
  @ApiProperty({ nullable: true, type: String }) failureReason: string | null;
  @ApiProperty({ type: () => JobProgressDto }) progress: JobProgressDto;
  @ApiProperty({ nullable: true, type: String }) reprintReason: string | null;
  @ApiProperty({ nullable: true, type: Date }) expiresAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) readyAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) printedAt: Date | null;
}

export class AcceptedJobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ description: 'Bulk: badges left out because their current version was printed already' }) skippedAlreadyPrinted?: number;
}

export class PrinterDto {
  @ApiProperty({ enum: ['pdf', 'zpl'] }) @IsIn(['pdf', 'zpl'], { message: 'must be pdf or zpl' }) format: 'pdf' | 'zpl';
  @ApiPropertyOptional({ enum: [203, 300] }) @IsOptional() @IsIn([203, 300], { message: 'must be 203 or 300' }) dpi?: 203 | 300;
  @ApiProperty({ enum: LAYOUTS, description: 'The media loaded: ZPL printers take label_4x3' }) @IsIn(LAYOUTS, { message: `must be one of ${LAYOUTS.join(', ')}` }) layout: (typeof LAYOUTS)[number];
}

export class PrinterViewDto implements PrinterView {
  @ApiProperty() deskId: string;
  @ApiProperty({ enum: ['pdf', 'zpl'] }) format: 'pdf' | 'zpl';
  @ApiProperty({ enum: [203, 300], nullable: true, type: Number, description: 'ZPL printers only; null for PDF' }) dpi: 203 | 300 | null;
  @ApiProperty({ enum: LAYOUTS }) layout: (typeof LAYOUTS)[number];
}
