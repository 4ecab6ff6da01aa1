import { coreFail as fail } from '../errors/core.errors';

/** The refusals of the HTTP edge (apps/api/src/http), before any route runs. */
export const HttpErrors = {
  unsupportedMediaType: (message: string) => fail('unsupported_media_type', 'unsupported_media', message),
  tooDeeplyNested: (message: string, field: string, reasons: string[]) => fail('too_deeply_nested', 'validation', message, [{ field, reasons }]),
};
