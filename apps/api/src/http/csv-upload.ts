import { UseInterceptors, applyDecorators } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { DomainError, textIssue } from '@fairops/core';
import { ImportUploadDto } from '../exhibitors/exhibitor.dto';
import { TakesMultipart } from './multipart-routes-only';

/** Largest CSV accepted for import; a larger upload answers 413. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** A route taking one CSV in the multipart field `file`, documented as such (with the route's other fields: `body`). */
export function CsvUploadRoute(body: new () => ImportUploadDto = ImportUploadDto) {
  return applyDecorators(
    TakesMultipart(),
    UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } })),
    ApiConsumes('multipart/form-data'),
    ApiBody({ type: body }),
  );
}

/** The uploaded file, or a 400 naming the field when there is none or its name holds a control character. */
export function csvUpload(file: Express.Multer.File | undefined): { name: string | null; content: Buffer } {
  if (!file) throw DomainError.validation('file is required', [{ field: 'file', reasons: ['is required (multipart field "file")'] }]);
  // The name is stored with the import: a NUL in it (sent percent-encoded, RFC 5987) would otherwise be a 500.
  const issue = file.originalname ? textIssue(file.originalname, 'file') : undefined;
  if (issue) throw DomainError.validation(`file: its name ${issue}`, [{ field: 'file', reasons: [`its name ${issue}`] }]);
  return { name: file.originalname || null, content: file.buffer };
}
