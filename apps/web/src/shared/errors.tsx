import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/**
 * An error in words for the person in front of the screen: never raw JSON. Field errors name the field
 * and the reason, as the API gives them; a server error gives the request id to quote to support.
 */
export function describeError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.offline) return t('errors.offline', { ns: 'common' });
  if (error.status === 401) return t('errors.expired', { ns: 'common' });
  if (error.status === 403) return t('errors.forbidden', { ns: 'common' });
  if (error.status === 429) return t('errors.tooMany', { ns: 'common' });
  if (error.status >= 500) return t('errors.server', { ns: 'common', requestId: error.requestId ?? '—' });
  const fields = Object.entries(error.fields);
  if (fields.length) return fields.map(([field, reasons]) => t('errors.field', { ns: 'common', field, reasons })).join(' · ');
  if (error.status === 404 && !error.message) return t('errors.notFound', { ns: 'common' });
  return error.message;
}

/** An error shown where it happened, announced to screen readers. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {describeError(t, error)}
    </p>
  );
}
