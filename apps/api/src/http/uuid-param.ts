import { Param, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@fairops/core';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => DomainError.validation(`${name} must be a UUID`, [{ field: name, reasons: ['must be a UUID'] }]) }));
