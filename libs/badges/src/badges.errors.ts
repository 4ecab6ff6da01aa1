import { DomainError, errorsWith } from '@fairops/core';

/** Every error code the badges library answers. */
export const BADGES_ERROR_CODES = ['print_job_not_found', 'print_job_not_ready', 'print_file_expired'] as const;
export type BadgesErrorCode = (typeof BADGES_ERROR_CODES)[number];

const fail = errorsWith(BADGES_ERROR_CODES);

export const BadgeErrors = {
  jobNotFound: (id?: string) => fail.notFound('print_job_not_found', 'print job', id),
  reprintNeedsReason: (attendeeIds: string[]) =>
    DomainError.validation('these badges were printed already: a reprint needs a reason', [
      { field: 'reprintReason', reasons: [`is required to print again the badges of ${attendeeIds.join(', ')}`] },
    ]),
  unknownAttendees: (ids: string[]) =>
    DomainError.validation('some attendees are unknown, cancelled or of another edition', [{ field: 'attendeeIds', reasons: [`cannot be printed: ${ids.join(', ')}`] }]),
  nothingToPrint: () => DomainError.validation('no badge matches the selection', [{ field: 'selection', reasons: ['matches no badge still to print'] }]),
  notReady: (status: string) => fail('print_job_not_ready', 'conflict', `the print job is ${status}, not ready`, { status }),
  fileExpired: () => fail('print_file_expired', 'not_found', 'the rendered file has expired; request the print again'),
  formatLayout: () =>
    DomainError.validation('ZPL prints the 4×3 inch label only', [{ field: 'layout', reasons: ['must be label_4x3 for format zpl'] }]),
};
