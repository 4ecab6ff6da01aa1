import { errorsWith } from '@fairops/core';

/** Every error code the imports send (kept as the API sent them before the pipeline). */
export const IMPORTS_ERROR_CODES = ['exhibitor_import_not_found', 'attendee_import_not_found'] as const;
export type ImportsErrorCode = (typeof IMPORTS_ERROR_CODES)[number];

const fail = errorsWith(IMPORTS_ERROR_CODES);

export const ImportsErrors = {
  /** 404 for an import of this kind (`exhibitor_import_not_found`, `attendee_import_not_found`). */
  notFound: (code: ImportsErrorCode, what: string, id?: string) => fail.notFound(code, what, id),
};
