import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one body of every error the API answers. */
export class ErrorBody {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ description: 'Stable machine-readable code', example: 'validation_failed' }) error: string;
  @ApiProperty({ example: 'email must be an email address' }) message: string;
  @ApiPropertyOptional({
    description: 'Facts about the error; for validation errors, each field at fault with its reasons',
    example: [{ field: 'email', reasons: ['must be an email address'] }],
  })
  details?: unknown;
  @ApiPropertyOptional({ description: 'The x-request-id of the request, to quote to support' }) requestId?: string;
}
