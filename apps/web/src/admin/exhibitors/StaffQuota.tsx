import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { type Exhibitor, exhibitorKeys } from './queries';

/** Staff badges used against the quota; the quota overridden for this exhibitor, or back to the edition's rule. */
export function StaffQuota({ exhibitor }: { exhibitor: Exhibitor }) {
  const { t } = useTranslation('adminExhibitors');
  const client = useQueryClient();
  const [value, setValue] = useState(String(exhibitor.staffQuota));
  const set = useMutation({
    mutationFn: (override: number | null) => unwrap(api.PUT('/api/v1/exhibitors/{id}/staff-quota', { params: { path: { id: exhibitor.id } }, body: { override } })),
    onSuccess: (next) => {
      client.setQueryData(exhibitorKeys.one(exhibitor.id), next);
      void client.invalidateQueries({ queryKey: exhibitorKeys.lists });
      setValue(String(next.staffQuota));
    },
  });
  const number = Number(value);
  const invalid = value.trim() === '' || !Number.isInteger(number) || number < 0 || number > 10000;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!invalid) set.mutate(number);
  };
  const fieldProblem = set.error instanceof ApiError ? set.error.fields.override : undefined;
  return (
    <section className="exh-panel" aria-labelledby="exh-quota-title">
      <h2 id="exh-quota-title">{t('quota.title')}</h2>
      <p>
        <label htmlFor="exh-quota-meter">{t('quota.usage', { used: exhibitor.staffUsed, quota: exhibitor.staffQuota })}</label>{' '}
        <meter id="exh-quota-meter" min={0} max={Math.max(exhibitor.staffQuota, 1)} value={exhibitor.staffUsed} />
      </p>
      <p>{exhibitor.staffQuotaOverridden ? t('quota.overridden') : t('quota.rule')}</p>
      <form onSubmit={submit} className="exh-inline" noValidate>
        <label htmlFor="exh-quota">{t('quota.field')}</label>
        <input id="exh-quota" type="number" min={0} max={10000} step={1} value={value} onChange={(event) => setValue(event.target.value)} aria-invalid={invalid || Boolean(fieldProblem) || undefined} aria-describedby="exh-quota-problem" />
        <button type="submit" className="primary" disabled={set.isPending}>
          {t('quota.save')}
        </button>
        {exhibitor.staffQuotaOverridden && (
          <button type="button" onClick={() => set.mutate(null)} disabled={set.isPending}>
            {t('quota.reset')}
          </button>
        )}
      </form>
      <p className="error" id="exh-quota-problem">
        {invalid ? t('quota.invalid') : (fieldProblem ?? '')}
      </p>
      {!fieldProblem && <ErrorMessage error={set.error} />}
    </section>
  );
}
