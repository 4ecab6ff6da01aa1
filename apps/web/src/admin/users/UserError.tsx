import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { describeUserError } from './userApi';

/** Whether the error names fields (then each is said beside its field, not here). */
export const namesFields = (error: unknown) => error instanceof ApiError && Object.keys(error.fields).length > 0;

/** An error about users in words, announced; nothing when there is none or when it is said beside its fields. */
export function UserError({ error }: { error: unknown }) {
  const { t } = useTranslation('adminUsers');
  if (!error || namesFields(error)) return null;
  return (
    <p className="error" role="alert">
      {describeUserError(t, error)}
    </p>
  );
}
