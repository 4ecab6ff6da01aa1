import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** One field at fault in a 400 `validation_failed` (and the other errors that name fields). */
export class FieldIssueDto {
  @ApiProperty({ example: 'email', description: 'The field, as a path for nested ones (`days.0.date`)' }) field: string;
  @ApiProperty({ type: [String], example: ['must be an email address'] }) reasons: string[];
}

/** The one body of every error the API answers. */
export class ErrorBody {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ description: 'Stable machine-readable code', example: 'validation_failed' }) error: string;
  @ApiProperty({ example: 'email must be an email address' }) message: string;
  @ApiPropertyOptional({
    description:
      'For validation errors (and others that name fields), each field at fault with its reasons; otherwise facts about the error as an object (the allowed transitions, a conflicting id, a quota…)',
    oneOf: [{ type: 'array', items: { $ref: getSchemaPath(FieldIssueDto) } }, { type: 'object', additionalProperties: true }],
    example: [{ field: 'email', reasons: ['must be an email address'] }],
  })
  details?: FieldIssueDto[] | Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The x-request-id of the request, to quote to support' }) requestId?: string;
}
