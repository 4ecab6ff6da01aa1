import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldIssue } from '@fairops/core';

/** Flattens class-validator's tree into `field` paths (`days.0.date`) with readable reasons. */
export function fieldIssues(errors: ValidationError[], parent = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) {
      const reasons = Object.entries(e.constraints).map(([rule, text]) =>
        rule === 'whitelistValidation' ? 'is not an allowed field' : text.replace(new RegExp(`^${e.property}\\s`), ''),
      );
      issues.push({ field, reasons });
    }
    if (e.children?.length) issues.push(...fieldIssues(e.children, field));
  }
  return issues;
}

/** Global validation: unknown fields rejected, types transformed, every bad field named. */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const issues = fieldIssues(errors);
      return issues.length ? DomainError.invalidFields(issues) : DomainError.validation('the request is invalid', issues);
    },
  });
}
