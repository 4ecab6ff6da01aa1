import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDate, isInstantWithOffset } from '@fairops/core';

const DAY_RULE = 'must be a date written YYYY-MM-DD that exists in the calendar';

/**
 * A local day, `YYYY-MM-DD`, that exists in the calendar: refused by name here rather than by PostgreSQL,
 * or moved by JavaScript's Date to the next month (2026-11-31 read as 1 December). With `each`, every
 * element of an array (the message then says "each day").
 */
export function IsLocalDay(options: ValidationOptions = {}) {
  const message = options.each ? `each day ${DAY_RULE}` : DAY_RULE;
  return ValidateBy({ name: 'isLocalDay', validator: { validate: isCalendarDate } }, { message, ...options });
}

/** An ISO 8601 date-time with its offset (or Z), on a date that exists in the calendar. */
export function IsInstantWithOffset(options: ValidationOptions = {}) {
  const message = 'must be an ISO 8601 date-time with its offset, such as 2027-04-17T18:00:00+01:00, on a date that exists in the calendar';
  return ValidateBy({ name: 'isInstantWithOffset', validator: { validate: isInstantWithOffset } }, { message, ...options });
}
