import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError, FieldIssue, textIssue } from '@fairops/core';
import { SCAN_RESULTS, ScanResult } from '@fairops/checkin';
import { OfflineScanDto, SCAN_RULES, ScanDto, withinChars } from './checkin.dto';

const M = SCAN_RULES.messages;
const ALLOWED = new Set(['code', 'deskId', 'nonce', 'scannedAt', 'gate', 'editionId']);
/** A batch slot (OfflineScanDto) may also say what the desk answered itself. */
const ALLOWED_OFFLINE = new Set([...ALLOWED, 'deskAnswer']);
const DESK_ANSWERS = new Set<unknown>(SCAN_RESULTS);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A scan checked against the rules of ScanDto: the scan, or the fields at fault. */
export type CheckedScan = { scan: ScanDto & Pick<OfflineScanDto, 'deskAnswer'>; issues?: undefined } | { scan?: undefined; issues: FieldIssue[] };

/**
 * The rules of ScanDto (same constants, same messages), written out by hand because the desks' scan is
 * the hot path and the generic class-validator pass costs a tenth of its time. scan-body.pipe.spec.ts
 * holds it to the DTO's answers. `offline` (a batch slot) also requires `scannedAt` (OfflineScanDto) and
 * applies the text rule (textIssue) to the strings, which the HTTP edge leaves to the slot on that
 * route (request-input.ts) so that one bad scan is answered in its slot instead of failing the batch.
 */
export function checkScan(value: Record<string, unknown>, offline = false): CheckedScan {
  const v = value;
  const issues: FieldIssue[] = [];
  const allowed = offline ? ALLOWED_OFFLINE : ALLOWED;
  for (const key of Object.keys(v)) if (!allowed.has(key)) issues.push({ field: key, reasons: ['is not an allowed field'] });
  if (offline) {
    // The edge's rule for text, here for the scan's own strings (a GS from a keyboard-wedge scanner, a NUL).
    for (const key of allowed) {
      const text = v[key];
      const reason = typeof text === 'string' ? textIssue(text, key) : undefined;
      if (reason) issues.push({ field: key, reasons: [reason] });
    }
    if (issues.length) return { issues };
  }

  const code: string[] = [];
  if (typeof v.code !== 'string') code.push(M.text, M.empty, M.codeMax);
  else {
    if (v.code.length < 1) code.push(M.empty);
    if (!withinChars(v.code, SCAN_RULES.codeMax)) code.push(M.codeMax);
  }
  if (code.length) issues.push({ field: 'code', reasons: code });
  if (typeof v.deskId !== 'string' || !SCAN_RULES.deskId.test(v.deskId)) issues.push({ field: 'deskId', reasons: [M.deskId] });
  if (typeof v.nonce !== 'string' || !SCAN_RULES.nonce.test(v.nonce)) issues.push({ field: 'nonce', reasons: [M.nonce] });

  let scannedAt: Date | undefined;
  if (v.scannedAt !== undefined && v.scannedAt !== null) {
    scannedAt = typeof v.scannedAt === 'string' || typeof v.scannedAt === 'number' ? new Date(v.scannedAt) : new Date(NaN);
    if (Number.isNaN(scannedAt.getTime())) issues.push({ field: 'scannedAt', reasons: [M.date] });
  } else if (offline) issues.push({ field: 'scannedAt', reasons: [M.date] });
  if (v.gate !== undefined && v.gate !== null) {
    const gate: string[] = [];
    if (typeof v.gate !== 'string') gate.push(M.text, M.gateMax);
    else if (!withinChars(v.gate, SCAN_RULES.gateMax)) gate.push(M.gateMax);
    if (gate.length) issues.push({ field: 'gate', reasons: gate });
  }
  if (v.editionId !== undefined && v.editionId !== null && (typeof v.editionId !== 'string' || !UUID.test(v.editionId))) {
    issues.push({ field: 'editionId', reasons: [M.uuid] });
  }
  if (offline && v.deskAnswer !== undefined && !DESK_ANSWERS.has(v.deskAnswer)) issues.push({ field: 'deskAnswer', reasons: [M.deskAnswer] });
  if (issues.length) return { issues };
  return {
    scan: {
      code: v.code as string,
      deskId: v.deskId as string,
      nonce: v.nonce as string,
      ...(scannedAt ? { scannedAt } : {}),
      ...(typeof v.gate === 'string' ? { gate: v.gate } : {}),
      ...(typeof v.editionId === 'string' ? { editionId: v.editionId } : {}),
      ...(offline && v.deskAnswer !== undefined ? { deskAnswer: v.deskAnswer as ScanResult } : {}),
    },
  };
}

/** The same error body as the global validation: the fields at fault, each with its reasons. */
export function scanValidationError(issues: FieldIssue[]): DomainError {
  return DomainError.invalidFields(issues);
}

/** The scan route's body check (checkScan), answering 400 like the generic validation would. */
@Injectable()
export class ScanBodyPipe implements PipeTransform<unknown, ScanDto> {
  transform(value: unknown): ScanDto {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw DomainError.validation('the body must be a JSON object', [{ field: 'body', reasons: ['must be a JSON object'] }]);
    }
    const checked = checkScan(value as Record<string, unknown>);
    if (checked.issues) throw scanValidationError(checked.issues);
    return checked.scan;
  }
}
