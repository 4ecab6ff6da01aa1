import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from '../admin/shared/ConfirmDialog';
import { Pager } from '../admin/shared/Pager';
import { useUrlFilters } from '../admin/shared/useUrlFilters';
import { ApiError, type Schema, api, unwrap } from '../shared/api';
import { ErrorMessage } from '../shared/errors';
import { PAGE, explain, useStaff } from './queries';

type Member = Schema<'AttendeeDto'>;
const EMPTY = { firstName: '', lastName: '', jobTitle: '', email: '', phone: '' };
type NewMember = typeof EMPTY;

function AddStaffForm({ exhibitorId, full }: { exhibitorId: string; full: boolean }) {
  const { t } = useTranslation('exhibitorArea');
  const client = useQueryClient();
  const [draft, setDraft] = useState<NewMember>(EMPTY);
  const add = useMutation({
    mutationFn: () => {
      const body = Object.fromEntries(Object.entries(draft).map(([key, value]) => [key, value.trim() || undefined])) as NewMember;
      return unwrap(api.POST('/api/v1/exhibitors/{id}/staff', { params: { path: { id: exhibitorId } }, body }));
    },
    onSuccess: () => setDraft(EMPTY),
    onSettled: () => client.invalidateQueries({ queryKey: ['exhibitorArea'] }),
  });
  const fields = add.error instanceof ApiError ? add.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <form className="staff-form" onSubmit={submit}>
      <h2>{t('staff.addTitle')}</h2>
      {full && <p className="warn">{t('staff.full')}</p>}
      <div className="form-grid">
        {(Object.keys(EMPTY) as Array<keyof NewMember>).map((key) => (
          <label key={key}>
            {t(`staff.${key}`)}
            <input
              value={draft[key]}
              type={key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
              required={key === 'firstName' || key === 'lastName'}
              onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
              dir="auto"
            />
            {fields[key] && <span className="error field-error">{fields[key]}</span>}
          </label>
        ))}
      </div>
      <button type="submit" className="primary" disabled={add.isPending}>
        {t('staff.add')}
      </button>
      <div role="status">{add.isSuccess && <p className="good">{t('staff.added', { name: `${add.data.firstName} ${add.data.lastName}` })}</p>}</div>
      {add.error && !Object.keys(fields).length ? <p className="error" role="alert">{explain(t, add.error)}</p> : null}
    </form>
  );
}

function StaffTable({ members, onRemove, busy }: { members: Member[]; onRemove: (m: Member) => void; busy: boolean }) {
  const { t } = useTranslation('exhibitorArea');
  return (
    <table>
      <caption className="visually-hidden">{t('staff.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('staff.name')}</th>
          <th scope="col">{t('staff.jobTitle')}</th>
          <th scope="col">{t('staff.email')}</th>
          <th scope="col">{t('staff.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.id}>
            <td dir="auto">
              {m.firstName} {m.lastName}
            </td>
            <td dir="auto">{m.jobTitle ?? '—'}</td>
            <td dir="auto">{m.email ?? '—'}</td>
            <td>
              <button type="button" className="danger" disabled={busy} onClick={() => onRemove(m)} aria-label={t('staff.removeWho', { name: `${m.firstName} ${m.lastName}` })}>
                {t('staff.remove')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The company's staff badges, within the quota: add, remove (asked first). Printing is done at the fair's desk. */
export function StaffPage({ exhibitorId }: { exhibitorId: string }) {
  const { t } = useTranslation('exhibitorArea');
  const client = useQueryClient();
  const [filters, setFilters] = useUrlFilters({ offset: '0' });
  const offset = Number(filters.offset) || 0;
  const staff = useStaff(exhibitorId, offset);
  const [confirm, dialog] = useConfirm();
  const remove = useMutation({
    mutationFn: (m: Member) => unwrap(api.DELETE('/api/v1/exhibitors/{id}/staff/{attendeeId}', { params: { path: { id: exhibitorId, attendeeId: m.id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: ['exhibitorArea'] }),
  });
  const ask = async (m: Member) => {
    const name = `${m.firstName} ${m.lastName}`;
    if (await confirm({ title: t('staff.removeTitle', { name }), text: t('staff.removeText', { name }), confirmLabel: t('staff.remove'), danger: true })) remove.mutate(m);
  };
  const data = staff.data;
  return (
    <section className="card exhibitor-area" aria-labelledby="staff-title">
      <h1 id="staff-title">{t('staff.title')}</h1>
      <ErrorMessage error={staff.error} />
      {data && <p className="quota" role="status">{t('staff.quota', { used: data.used, quota: data.quota })}</p>}
      <p>{t('staff.printing')}</p>
      {data && data.items.length === 0 && <p>{t('staff.none')}</p>}
      {data && data.items.length > 0 && <StaffTable members={data.items} onRemove={(m) => void ask(m)} busy={remove.isPending} />}
      {data && data.total > PAGE && <Pager total={data.total} limit={PAGE} offset={offset} onOffset={(next) => setFilters({ offset: String(next) })} />}
      {remove.error ? <p className="error" role="alert">{explain(t, remove.error)}</p> : null}
      <AddStaffForm exhibitorId={exhibitorId} full={Boolean(data && data.used >= data.quota)} />
      {dialog}
    </section>
  );
}
