import type { NextFunction, Request, Response } from 'express';
import { ANY_CONTROL, CONTROL_REASON, DomainError, FieldIssue, HttpErrors, NUL_REASON, textIssue } from '@fairops/core';

/**
 * How deep a JSON body may nest objects and arrays. The deepest body the API takes needs 3 levels
 * (`{ criteria: [{ … }] }`); past 32 the validation's recursion is what an attacker is after.
 */
export const MAX_JSON_DEPTH = 32;

/** Keys that mean something to JavaScript objects; no DTO has them, so they are refused by name. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Stops reporting after this many fields: a 5,000-scan batch of bad values needs no 5,000-line answer. */
const MAX_ISSUES = 50;

const KEY_REASON = 'is not an allowed field';

class TooDeep extends Error {
  constructor(readonly field: string) {
    super('too deep');
  }
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/**
 * Strings the edge leaves to the route, by route: the offline batch checks each scan's strings with the
 * same rule (textIssue, in checkScan) and answers a bad one in that scan's slot, so that one scan with a
 * scanner's control character does not fail the whole batch (and every re-upload of it). Depth and
 * prototype keys are still checked here.
 */
const TEXT_CHECKED_BY_ROUTE: ReadonlyArray<{ method: string; path: string; field: RegExp }> = [
  { method: 'POST', path: '/api/v1/checkin/scans/batch', field: /^scans\.\d+\.[^.]+$/ },
];

function textLeftToRoute(req: Request): ((field: string) => boolean) | undefined {
  const route = TEXT_CHECKED_BY_ROUTE.find((r) => r.method === req.method && r.path === req.path.replace(/\/+$/, ''));
  return route && ((field) => route.field.test(field));
}

/** Walks a parsed value, collecting issues; throws TooDeep past MAX_JSON_DEPTH (so the walk itself stays shallow). */
function inspect(value: unknown, field: string, depth: number, issues: FieldIssue[], skipText?: (field: string) => boolean): void {
  if (issues.length >= MAX_ISSUES) return;
  if (typeof value === 'string') {
    if (skipText?.(field)) return;
    const reason = textIssue(value, field);
    if (reason) issues.push({ field: field || 'body', reasons: [reason] });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth + 1 > MAX_JSON_DEPTH) throw new TooDeep(field || 'body');
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) inspect(value[i], join(field, String(i)), depth + 1, issues, skipText);
    return;
  }
  for (const key of Object.keys(value)) {
    const path = join(field, key);
    if (PROTOTYPE_KEYS.has(key) || ANY_CONTROL.test(key)) {
      issues.push({ field: path, reasons: [KEY_REASON] });
      continue;
    }
    inspect((value as Record<string, unknown>)[key], path, depth + 1, issues, skipText);
  }
}

function validationError(issues: FieldIssue[]): DomainError {
  return DomainError.invalidFields(issues);
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
    if (req.body !== undefined) inspect(req.body, '', 0, issues, textLeftToRoute(req));
  } catch (error) {
    if (!(error instanceof TooDeep)) return next(error);
    const reasons = [`is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`];
    return next(HttpErrors.tooDeeplyNested(`the body nests deeper than ${MAX_JSON_DEPTH} levels (at ${error.field})`, error.field, reasons));
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
  next(HttpErrors.unsupportedMediaType(`the body must be application/json${type ? `, not ${type.split(';')[0].slice(0, 100)}` : ' (no Content-Type was sent)'}`));
}
