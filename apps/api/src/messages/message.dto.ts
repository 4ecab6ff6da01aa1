import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LANGUAGES, Language, MESSAGE_STATUSES, MessagePreview, MessageStatus, MessageView, TEMPLATES } from '@fairops/messages';
import { PageQuery } from '../http/page-query.dto';
import { IsUuid } from '../http/uuid-param';

/** A message as the admin follows it: status, tries and the server's last answer; never its body. */
export class MessageDto implements MessageView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) editionId: string | null;
  @ApiProperty({ description: 'One message per key: `ticket:<attendee>:<badge version>`, `session_confirmed:<registration>`…' }) key: string;
  @ApiProperty({ enum: TEMPLATES }) template: string;
  @ApiProperty({ enum: LANGUAGES }) language: Language;
  @ApiProperty() recipientEmail: string;
  @ApiProperty() recipientName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) attendeeId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty({
    enum: MESSAGE_STATUSES,
    description: '`queued` until the SMTP server accepts it (`sent`) or refuses it for good or the tries run out (`failed`); `withdrawn`: no longer wanted when its turn came (a jury reminder whose juror has submitted meanwhile), never sent, the reason in `lastError`',
  })
  status: MessageStatus;
  @ApiProperty({ description: 'Tries so far' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last try failed (the SMTP server’s answer), or why the message was withdrawn' }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The Message-ID the SMTP server accepted' }) smtpMessageId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) sentAt: Date | null;
}

export class ListMessagesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUuid()
  editionId?: string;

  @ApiPropertyOptional({ enum: MESSAGE_STATUSES })
  @IsOptional() @IsIn(MESSAGE_STATUSES, { message: `must be one of ${MESSAGE_STATUSES.join(', ')}` })
  status?: MessageStatus;

  @ApiPropertyOptional({ enum: TEMPLATES })
  @IsOptional() @IsIn(TEMPLATES, { message: `must be one of ${TEMPLATES.join(', ')}` })
  template?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUuid()
  attendeeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUuid()
  userId?: string;

  @ApiPropertyOptional({ description: 'Part of the recipient’s address', maxLength: 320 })
  @IsOptional() @IsString({ message: 'must be text' }) @MaxLength(320)
  recipient?: string;
}

export class PreviewAttachmentDto {
  @ApiProperty({ example: 'badge.pdf' }) filename: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ description: 'Shown in the body (the ticket’s QR code), not as a file' }) inline: boolean;
  @ApiProperty({ description: 'Bytes' }) size: number;
}

/** A message as its recipient sees it. */
export class MessagePreviewDto implements MessagePreview {
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'The HTML part (inline images referred to as cid:…)' }) html: string;
  @ApiProperty({ description: 'The plain-text part' }) text: string;
  @ApiProperty({ enum: LANGUAGES }) language: Language;
  @ApiProperty({ type: [PreviewAttachmentDto] }) attachments: PreviewAttachmentDto[];
}
