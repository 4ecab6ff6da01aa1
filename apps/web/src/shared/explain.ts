import type { TFunction } from 'i18next';
import { ApiError } from './api';
import { describeError } from './errors';

/**
 * An error in words, with an area's own sentence for the codes it knows (`errors.<code>` in its namespace,
 * e.g. `staff_quota_reached`), else the common wording of `describeError`.
 */
export function explainIn(namespace: string): (t: TFunction, error: unknown) => string {
  return (t, error) => {
    if (error instanceof ApiError && t(`errors.${error.code}`, { ns: namespace, defaultValue: '' })) return t(`errors.${error.code}`, { ns: namespace });
    return describeError(t, error);
  };
}
