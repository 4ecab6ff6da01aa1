import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { Field } from '../shared/FieldError';
import { LanguageSelect, OptionSelect } from '../shared/OptionSelect';
import { useEdition } from '../shared/useEdition';
import { UserError } from './UserError';
import { ROLES, useInvite, type InviteUser, type User } from './userApi';

type Fields = Record<'email' | 'displayName' | 'role' | 'exhibitorId' | 'organisation' | 'language', string>;
const EMPTY: Fields = { email: '', displayName: '', role: 'desk', exhibitorId: '', organisation: '', language: '' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks the API makes (InviteUserDto), made first so a mistake is said beside its field at once. */
function check(fields: Fields, t: TFunction<'adminUsers'>): Partial<Fields> {
  const problems: Partial<Fields> = {};
  if (!fields.email.trim()) problems.email = t('invite.required');
  else if (!EMAIL.test(fields.email.trim())) problems.email = t('invite.badEmail');
  else if (fields.email.length > 254) problems.email = t('invite.tooLong', { max: 254 });
  if (!fields.displayName.trim()) problems.displayName = t('invite.required');
  else if (fields.displayName.length > 200) problems.displayName = t('invite.tooLong', { max: 200 });
  if (fields.organisation.length > 200) problems.organisation = t('invite.tooLong', { max: 200 });
  if (fields.role === 'exhibitor' && !fields.exhibitorId) problems.exhibitorId = t('invite.required');
  return problems;
}

function body(fields: Fields): InviteUser {
  return {
    email: fields.email.trim(),
    displayName: fields.displayName.trim(),
    role: fields.role as InviteUser['role'],
    ...(fields.role === 'exhibitor' ? { exhibitorId: fields.exhibitorId } : {}),
    ...(fields.organisation.trim() ? { organisation: fields.organisation.trim() } : {}),
    ...(fields.language ? { language: fields.language as InviteUser['language'] } : {}),
  };
}

/** Invite a user by email (POST /users/invitations); the API's answer is shown once it is recorded. */
export function InviteForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('adminUsers');
  const invite = useInvite();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [problems, setProblems] = useState<Partial<Fields>>({});
  const [invited, setInvited] = useState<User | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setInvited(null);
    const found = check(fields, t);
    setProblems(found);
    if (Object.keys(found).length) return;
    try {
      setInvited(await invite.mutateAsync(body(fields)));
      setFields(EMPTY);
    } catch (error) {
      if (error instanceof ApiError) setProblems(error.fields as Partial<Fields>);
    }
  };
  return (
    <section className="card users-invite" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('invite.title')}</h2>
      <p>{t('invite.text')}</p>
      {invited && <Invited user={invited} />}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <InviteFields fields={fields} problems={problems} onChange={(change) => setFields({ ...fields, ...change })} />
        <UserError error={invite.error} />
        <div className="users-actions">
          <button type="submit" className="primary" disabled={invite.isPending}>
            {t(invite.isPending ? 'invite.sending' : 'invite.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('invite.close')}
          </button>
        </div>
      </form>
    </section>
  );
}

function Invited({ user }: { user: User }) {
  const { t, i18n } = useTranslation('adminUsers');
  const { edition } = useEdition();
  const at = formatInstant(i18n.language, user.createdAt, edition?.timeZone ?? 'Africa/Casablanca');
  return (
    <p className="users-done" role="status">
      {t('invite.done', { name: user.displayName, email: user.email, role: t(`role.${user.role}`), at })}
    </p>
  );
}

interface FieldsProps {
  fields: Fields;
  problems: Partial<Fields>;
  onChange: (change: Partial<Fields>) => void;
}

function InviteFields({ fields, problems, onChange }: FieldsProps) {
  const { t } = useTranslation('adminUsers');
  const text = (name: 'email' | 'displayName' | 'organisation', type = 'text', hint?: string) => (
    <Field name={name} label={t(`invite.${name}`)} error={problems[name]} hint={hint}>
      {(props) => <input {...props} type={type} dir={name === 'email' ? undefined : 'auto'} value={fields[name]} onChange={(event) => onChange({ [name]: event.target.value })} />}
    </Field>
  );
  return (
    <div className="users-fields">
      {text('email', 'email')}
      {text('displayName')}
      <Field name="role" label={t('invite.role')} error={problems.role}>
        {(props) => <OptionSelect {...props} options={ROLES} label={(role) => t(`role.${role}`)} value={fields.role} onChange={(role) => onChange({ role })} />}
      </Field>
      {fields.role === 'exhibitor' && <ExhibitorChoice value={fields.exhibitorId} problem={problems.exhibitorId} onChange={(exhibitorId) => onChange({ exhibitorId })} />}
      {text('organisation', 'text', fields.role === 'jury' ? t('invite.organisationHint') : undefined)}
      <Field name="language" label={t('invite.language')} error={problems.language}>
        {(props) => <LanguageSelect {...props} value={fields.language} onChange={(language) => onChange({ language })} />}
      </Field>
    </div>
  );
}

function ExhibitorChoice({ value, problem, onChange }: { value: string; problem?: string; onChange: (id: string) => void }) {
  const { t } = useTranslation('adminUsers');
  const { editionId } = useEdition();
  const exhibitors = useQuery({
    queryKey: ['adminUsers', 'exhibitors', editionId],
    enabled: !!editionId,
    queryFn: () => unwrap(api.GET('/api/v1/exhibitors', { params: { query: { editionId, limit: 200, sort: 'name' } } })),
  });
  return (
    <Field name="exhibitorId" label={t('invite.exhibitor')} error={problem}>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('invite.chooseExhibitor')}</option>
          {exhibitors.data?.items.map((exhibitor) => (
            <option key={exhibitor.id} value={exhibitor.id} dir="auto">
              {exhibitor.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
