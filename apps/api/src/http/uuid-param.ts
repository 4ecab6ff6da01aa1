import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { DomainError } from '@fairops/core';

/** What the API says of a value that is not a UUID, in a body, a query or a path. */
export const NOT_A_UUID = 'must be a UUID';

/** A body or query field that must be a UUID (any version), or with `each`, a list of them. */
export const IsUuid = (options: { each?: boolean } = {}): PropertyDecorator =>
  IsUUID('all', { each: options.each, message: options.each ? `each ${NOT_A_UUID}` : NOT_A_UUID });

/** A path parameter that must be a UUID (documented `format: uuid`); anything else is a 400 naming the parameter. */
export const UuidParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    Param(name, new ParseUUIDPipe({ exceptionFactory: () => DomainError.invalidFields([{ field: name, reasons: [NOT_A_UUID] }]) }))(target, key, index);
    // ApiParam is a method decorator: applied to the handler this parameter belongs to.
    const descriptor = Object.getOwnPropertyDescriptor(target, key!)!;
    ApiParam({ name, required: true, schema: { type: 'string', format: 'uuid' } })(target, key!, descriptor);
  };
