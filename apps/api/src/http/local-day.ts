import { ValidationOptions, registerDecorator } from 'class-validator';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether the text is a calendar date written YYYY-MM-DD that exists (not 2026-11-31, not 2027-02-29). */
export function isLocalDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A local day, `YYYY-MM-DD`, that exists in the calendar: refused by name here rather than by PostgreSQL. */
export function IsLocalDay(options: ValidationOptions = {}) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isLocalDay',
      target: target.constructor,
      propertyName,
      options: { message: 'must be a date written YYYY-MM-DD that exists in the calendar', ...options },
      validator: { validate: (value: unknown) => isLocalDay(value) },
    });
}
