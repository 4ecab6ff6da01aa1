import { DomainError, FieldIssue, errorsWith } from '@fairops/core';
import type { ExhibitorStatus } from './exhibitor-status';

/**
 * Every code the exhibitors library sends (exhibitors, stands, halls). `exhibitor_closed` is also
 * sent by core's auth errors, which cannot import this library: the same code for the same refusal.
 */
export const EXHIBITORS_ERROR_CODES = [
  'exhibitor_not_found',
  'stand_not_found',
  'hall_not_found',
  'exhibitor_exists',
  'illegal_status_transition',
  'fields_not_editable',
  'stand_not_available',
  'stand_not_assigned',
  'exhibitor_closed',
  'exhibitor_not_active',
  'stand_code_taken',
  'hall_name_taken',
] as const;
export type ExhibitorsErrorCode = (typeof EXHIBITORS_ERROR_CODES)[number];

const fail = errorsWith(EXHIBITORS_ERROR_CODES);

export const ExhibitorErrors = {
  notFound: (id?: string) => fail.notFound('exhibitor_not_found', 'exhibitor', id),
  standNotFound: (id?: string) => fail.notFound('stand_not_found', 'stand', id),
  hallNotFound: (id?: string) => fail.notFound('hall_not_found', 'hall', id),
  invalid: (issues: FieldIssue[]) =>
    DomainError.invalidFields(issues),
  duplicate: () => fail('exhibitor_exists', 'conflict', 'an exhibitor with this ref, or this name and country, already exists in the edition'),
  illegalTransition: (from: ExhibitorStatus, to: ExhibitorStatus, allowed: ExhibitorStatus[]) =>
    fail(
      'illegal_status_transition',
      'conflict',
      allowed.length ? `cannot go from ${from} to ${to}; allowed: ${allowed.join(', ')}` : `cannot go from ${from} to ${to}; ${from} is final`,
      { from, to, allowed },
    ),
  reasonRequired: (status: string) =>
    DomainError.validation(`a reason is required to set the status ${status}`, [{ field: 'reason', reasons: [`is required for ${status}`] }]),
  notEditable: (fields: string[]) => fail('fields_not_editable', 'forbidden', `an exhibitor manager may not change: ${fields.join(', ')}`, { fields }),
  standTaken: (code: string, status: string) => fail('stand_not_available', 'conflict', `stand ${code} is ${status} for another exhibitor`, { code, status }),
  standNotAssigned: (code: string) => fail('stand_not_assigned', 'conflict', `stand ${code} is not assigned to an exhibitor`, { code }),
  closed: (status: string) => fail('exhibitor_closed', 'conflict', `the exhibitor is ${status}: its profile, staff and leads are closed`, { status }),
  exhibitorInactive: (status: string) =>
    fail('exhibitor_not_active', 'conflict', `the exhibitor is ${status}: it cannot hold or be assigned a stand`, { status }),
  standCodeTaken: (code: string) => fail('stand_code_taken', 'conflict', `a stand with code ${code} already exists in the edition`, { code }),
  hallNameTaken: (name: string) => fail('hall_name_taken', 'conflict', `a hall named ${name} already exists in the edition`, { name }),
  otherEdition: () =>
    DomainError.validation('the stand and the exhibitor belong to different editions', [{ field: 'exhibitorId', reasons: ['belongs to another edition'] }]),
};
