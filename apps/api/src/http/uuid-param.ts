import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { DomainError } from '@fairops/core';

/** A path parameter that must be a UUID (documented `format: uuid`); anything else is a 400 naming the parameter. */
export const UuidParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    Param(name, new ParseUUIDPipe({ exceptionFactory: () => DomainError.validation(`${name} must be a UUID`, [{ field: name, reasons: ['must be a UUID'] }]) }))(target, key, index);
    // ApiParam is a method decorator: applied to the handler this parameter belongs to.
    const descriptor = Object.getOwnPropertyDescriptor(target, key!)!;
    ApiParam({ name, required: true, schema: { type: 'string', format: 'uuid' } })(target, key!, descriptor);
  };
