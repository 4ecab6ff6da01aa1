import { DomainError, FieldIssue } from '@fairops/core';
import { ExhibitorStatus } from './exhibitor-fields';

export const ExhibitorErrors = {
  notFound: (id?: string) => DomainError.notFound('exhibitor', id),
  standNotFound: (id?: string) => DomainError.notFound('stand', id),
  hallNotFound: (id?: string) => DomainError.notFound('hall', id),
  importNotFound: (id?: string) => DomainError.notFound('exhibitor_import', id),
  invalid: (issues: FieldIssue[]) =>
    DomainError.validation(issues.map((i) => `${i.field} ${i.reasons.join(', ')}`).join('; '), issues),
  duplicate: () => new DomainError('exhibitor_exists', 'conflict', 'an exhibitor with this ref, or this name and country, already exists in the edition'),
  illegalTransition: (from: ExhibitorStatus, to: ExhibitorStatus, allowed: ExhibitorStatus[]) =>
    new DomainError(
      'illegal_status_transition',
      'conflict',
      allowed.length ? `cannot go from ${from} to ${to}; allowed: ${allowed.join(', ')}` : `cannot go from ${from} to ${to}; ${from} is final`,
      { from, to, allowed },
    ),
  reasonRequired: (status: string) =>
    DomainError.validation(`a reason is required to set the status ${status}`, [{ field: 'reason', reasons: [`is required for ${status}`] }]),
  notEditable: (fields: string[]) =>
    new DomainError('fields_not_editable', 'forbidden', `an exhibitor manager may not change: ${fields.join(', ')}`, { fields }),
  standTaken: (code: string, status: string) =>
    new DomainError('stand_not_available', 'conflict', `stand ${code} is ${status} for another exhibitor`, { code, status }),
  standNotAssigned: (code: string) => new DomainError('stand_not_assigned', 'conflict', `stand ${code} is not assigned to an exhibitor`, { code }),
  closed: (status: string) =>
    new DomainError('exhibitor_closed', 'conflict', `the exhibitor is ${status}: its profile, staff and leads are closed`, { status }),
  exhibitorInactive: (status: string) =>
    new DomainError('exhibitor_not_active', 'conflict', `the exhibitor is ${status}: it cannot hold or be assigned a stand`, { status }),
  standCodeTaken: (code: string) => new DomainError('stand_code_taken', 'conflict', `a stand with code ${code} already exists in the edition`, { code }),
  hallNameTaken: (name: string) => new DomainError('hall_name_taken', 'conflict', `a hall named ${name} already exists in the edition`, { name }),
  otherEdition: () => DomainError.validation('the stand and the exhibitor belong to different editions', [{ field: 'exhibitorId', reasons: ['belongs to another edition'] }]),
};
