import type { NextFunction, Request, Response } from 'express';
import { DomainError, FieldIssue } from '@fairops/core';

/**
 * How deep a JSON body may nest objects and arrays. The deepest body the API takes needs 3 levels
 * (`{ criteria: [{ … }] }`); past 32 the validation's recursion is what an attacker is after.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Free-text fields, where a line break or a tab is part of the text. Everywhere else (names, codes,
 * ids, addresses, queries) a string is one line: badges, ZPL labels and CSV cells print it as such.
 */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set(['description', 'bio', 'notes', 'comment', 'reason', 'reprintReason', 'dossier']);

/** Keys that mean something to JavaScript objects; no DTO has them, so they are refused by name. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** C0 controls, DEL and C1 controls: matching control characters is the point of these two. */
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same without tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Stops reporting after this many fields: a 5,000-scan batch of bad values needs no 5,000-line answer. */
const MAX_ISSUES = 50;

const NUL_REASON = 'must not contain a NUL character';
const CONTROL_REASON = 'must not contain control characters';
const KEY_REASON = 'is not an allowed field';

class TooDeep extends Error {
  constructor(readonly field: string) {
    super('too deep');
  }
}

/** The name the field is known by: the last part of its path that is not an array index. */
function fieldName(path: string): string {
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) if (!/^\d+$/.test(parts[i])) return parts[i];
  return '';
}

/** Why a string may not be accepted in this field, or undefined when it may. */
export function textIssue(value: string, field: string): string | undefined {
  if (!ANY_CONTROL.test(value)) return undefined;
  if (value.includes('\u0000')) return NUL_REASON;
  if (!MULTILINE_FIELDS.has(fieldName(field))) return CONTROL_REASON;
  return CONTROL_IN_TEXT.test(value) ? CONTROL_REASON : undefined;
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/** Walks a parsed value, collecting issues; throws TooDeep past MAX_JSON_DEPTH (so the walk itself stays shallow). */
function inspect(value: unknown, field: string, depth: number, issues: FieldIssue[]): void {
  if (issues.length >= MAX_ISSUES) return;
  if (typeof value === 'string') {
    const reason = textIssue(value, field);
    if (reason) issues.push({ field: field || 'body', reasons: [reason] });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth + 1 > MAX_JSON_DEPTH) throw new TooDeep(field || 'body');
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) inspect(value[i], join(field, String(i)), depth + 1, issues);
    return;
  }
  for (const key of Object.keys(value)) {
    const path = join(field, key);
    if (PROTOTYPE_KEYS.has(key) || ANY_CONTROL.test(key)) {
      issues.push({ field: path, reasons: [KEY_REASON] });
      continue;
    }
    inspect((value as Record<string, unknown>)[key], path, depth + 1, issues);
  }
}

function validationError(issues: FieldIssue[]): DomainError {
  return DomainError.validation(issues.map((i) => `${i.field} ${i.reasons.join(', ')}`).join('; '), issues);
}

/** The path's segments as the router will decode them: a control character in an id is refused like one in a field. */
function pathIssues(req: Request): FieldIssue[] {
  for (const segment of req.path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return [{ field: 'path', reasons: ['is not valid percent-encoding'] }];
    }
    const reason = ANY_CONTROL.test(decoded) ? (decoded.includes('\u0000') ? NUL_REASON : CONTROL_REASON) : undefined;
    if (reason) return [{ field: 'path', reasons: [reason] }];
  }
  return [];
}

/**
 * The one check every request passes after its body is parsed and before any guard, pipe or route:
 * JSON nested deeper than MAX_JSON_DEPTH (400 `too_deeply_nested`), NUL anywhere (PostgreSQL refuses
 * 0x00), control characters (tab and line breaks allowed only in MULTILINE_FIELDS), and prototype keys,
 * in the body, the query string and the path. Each refusal names the field by its path (`days.0.date`).
 */
export function checkRequestInput(req: Request, _res: Response, next: NextFunction): void {
  const issues = pathIssues(req);
  try {
    inspect(req.query, '', -1, issues);
    if (req.body !== undefined) inspect(req.body, '', 0, issues);
  } catch (error) {
    if (!(error instanceof TooDeep)) return next(error);
    const reasons = [`is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`];
    return next(new DomainError('too_deeply_nested', 'validation', `the body nests deeper than ${MAX_JSON_DEPTH} levels (at ${error.field})`, [{ field: error.field, reasons }]));
  }
  next(issues.length ? validationError(issues) : undefined);
}

/** Whether the request carries a body: a positive length, or a chunked one. */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/**
 * A request body must be JSON, or multipart for the CSV uploads (which routes take multipart is
 * checked by MultipartRoutesOnly, where the route is known). Anything else answers 415: a JSON route
 * would otherwise see an empty body and answer as if nothing had been sent.
 */
export function requireJsonOrMultipart(req: Request, _res: Response, next: NextFunction): void {
  if (!hasBody(req) || req.is(['application/json', 'multipart/form-data'])) return next();
  const type = req.headers['content-type'];
  next(new DomainError('unsupported_media_type', 'unsupported_media', `the body must be application/json${type ? `, not ${type.split(';')[0].slice(0, 100)}` : ' (no Content-Type was sent)'}`));
}
