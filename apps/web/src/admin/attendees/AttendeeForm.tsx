import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { formatDay } from '../../shared/format';
import { Field, FieldError } from '../shared/FieldError';
import { LanguageSelect, OptionSelect } from '../shared/OptionSelect';
import { type Edition, useEdition } from '../shared/useEdition';
import { useEditionLink } from '../shared/useEditionLink';
import { type Attendee, type AttendeeInput, CATEGORIES, useExhibitorChoices } from './queries';

type Draft = Required<Pick<AttendeeInput, 'firstName' | 'lastName' | 'category'>> & {
  email: string;
  phone: string;
  organisation: string;
  jobTitle: string;
  country: string;
  exhibitorId: string;
  days: string[];
  language: string;
  consentShareContact: boolean;
};

/** The shape the API accepts (class-validator's IsEmail is stricter; its answer is shown too). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const TEXT_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'organisation', 'jobTitle', 'country'] as const;

function draftOf(attendee: Attendee | undefined, edition: Edition | undefined): Draft {
  return {
    firstName: attendee?.firstName ?? '',
    lastName: attendee?.lastName ?? '',
    category: attendee?.category ?? 'visitor',
    email: attendee?.email ?? '',
    phone: attendee?.phone ?? '',
    organisation: attendee?.organisation ?? '',
    jobTitle: attendee?.jobTitle ?? '',
    country: attendee?.country ?? '',
    exhibitorId: attendee?.exhibitorId ?? '',
    days: attendee?.days ?? edition?.days.map((day) => day.date) ?? [],
    language: attendee?.language ?? '',
    consentShareContact: attendee?.consentShareContact ?? false,
  };
}

/** The body the API takes: empty fields left out on a create, sent as they are on an edit. */
function bodyOf(draft: Draft, creating: boolean): AttendeeInput {
  const body: AttendeeInput = { firstName: draft.firstName.trim(), lastName: draft.lastName.trim(), category: draft.category, days: draft.days, consentShareContact: draft.consentShareContact };
  for (const name of ['email', 'phone', 'organisation', 'jobTitle', 'country'] as const) if (draft[name].trim() || !creating) body[name] = draft[name].trim();
  if (draft.category === 'exhibitor_staff') body.exhibitorId = draft.exhibitorId || undefined;
  body.language = (draft.language || null) as AttendeeInput['language'];
  return body;
}

/** The checks the API makes that need no database: said beside the field before sending. */
function checkDraft(draft: Draft, t: (key: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.firstName.trim()) errors.firstName = t('errors.required');
  if (!draft.lastName.trim()) errors.lastName = t('errors.required');
  if (draft.category === 'exhibitor_staff' && !draft.exhibitorId) errors.exhibitorId = t('errors.exhibitorRequired');
  if (draft.days.length === 0) errors.days = t('errors.daysRequired');
  if (draft.email.trim() && !EMAIL.test(draft.email.trim())) errors.email = t('errors.email');
  return errors;
}

export function NewAttendee() {
  const { t } = useTranslation('adminAttendees');
  const { edition } = useEdition();
  if (!edition) return <p className="loading">{t('loading', { ns: 'common' })}</p>;
  return (
    <section className="card attendees">
      <h1>{t('new')}</h1>
      <AttendeeForm key={edition.id} edition={edition} />
    </section>
  );
}

/** Create (no `attendee`) or edit an attendee; the API's field errors are shown beside their field. */
export function AttendeeForm({ edition, attendee, onSaved }: { edition: Edition; attendee?: Attendee; onSaved?: (saved: Attendee) => void }) {
  const { t } = useTranslation('adminAttendees');
  const [draft, setDraft] = useState(() => draftOf(attendee, edition));
  const [checked, setChecked] = useState<Record<string, string>>({});
  const save = useSaveAttendee(edition.id, attendee, onSaved);
  const apiFields = save.error instanceof ApiError ? save.error.fields : {};
  const errors = { ...apiFields, ...checked };
  const set = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkDraft(draft, t);
    setChecked(found);
    if (Object.keys(found).length === 0) save.mutate(bodyOf(draft, !attendee));
  };
  return (
    <form className="attendee-form" noValidate onSubmit={submit}>
      <div className="att-grid">
        {TEXT_FIELDS.map((name) => (
          <Field key={name} name={name} label={t(`fields.${name}`)} error={errors[name]}>
            {(props) => (
              <input {...props} dir="auto" type={name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text'} value={draft[name]} onChange={(event) => set({ [name]: event.target.value })} />
            )}
          </Field>
        ))}
        <CategoryFields draft={draft} set={set} errors={errors} editionId={edition.id} />
      </div>
      <DayChoices edition={edition} draft={draft} set={set} errors={errors} />
      <label className="att-check">
        <input type="checkbox" checked={draft.consentShareContact} onChange={(event) => set({ consentShareContact: event.target.checked })} />
        {t('fields.consentShareContact')}
      </label>
      {attendee && <p className="att-note">{t('edit.newBadge')}</p>}
      {save.error && Object.keys(apiFields).length === 0 ? <ErrorMessage error={save.error} /> : null}
      <button type="submit" className="primary" disabled={save.isPending}>
        {attendee ? t('edit.save') : t('create')}
      </button>
    </form>
  );
}

function useSaveAttendee(editionId: string, attendee: Attendee | undefined, onSaved?: (saved: Attendee) => void) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const to = useEditionLink();
  return useMutation({
    mutationFn: (body: AttendeeInput) =>
      attendee
        ? unwrap(api.PATCH('/api/v1/attendees/{id}', { params: { path: { id: attendee.id } }, body }))
        : unwrap(api.POST('/api/v1/attendees', { body: { ...body, editionId } })),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['attendees'] });
      client.setQueryData(['attendee', saved.id], saved);
      if (onSaved) onSaved(saved);
      else void navigate(to(`/admin/attendees/${saved.id}`));
    },
  });
}

interface PartProps {
  draft: Draft;
  set: (changes: Partial<Draft>) => void;
  errors: Record<string, string>;
}

function CategoryFields({ draft, set, errors, editionId }: PartProps & { editionId: string }) {
  const { t } = useTranslation('adminAttendees');
  const staff = draft.category === 'exhibitor_staff';
  const exhibitors = useExhibitorChoices(editionId, staff);
  return (
    <>
      <Field name="category" label={t('fields.category')} error={errors.category}>
        {(props) => <OptionSelect {...props} options={CATEGORIES} label={(category) => t(`category.${category}`)} value={draft.category} onChange={(category) => set({ category })} />}
      </Field>
      {staff && (
        <Field name="exhibitorId" label={t('fields.exhibitor')} error={errors.exhibitorId}>
          {(props) => (
            <select {...props} value={draft.exhibitorId} onChange={(event) => set({ exhibitorId: event.target.value })}>
              <option value="">—</option>
              {exhibitors.data?.items.map((exhibitor) => (
                <option key={exhibitor.id} value={exhibitor.id} dir="auto">
                  {exhibitor.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field name="language" label={t('fields.language')} error={errors.language}>
        {(props) => <LanguageSelect {...props} value={draft.language} onChange={(language) => set({ language })} />}
      </Field>
    </>
  );
}

function DayChoices({ edition, draft, set, errors }: PartProps & { edition: Edition }) {
  const { t, i18n } = useTranslation('adminAttendees');
  const toggle = (date: string, on: boolean) => set({ days: on ? [...draft.days, date].sort() : draft.days.filter((day) => day !== date) });
  return (
    <fieldset className="att-days">
      <legend>{t('fields.days')}</legend>
      {edition.days.map((day) => (
        <label key={day.date} className="att-check">
          <input type="checkbox" checked={draft.days.includes(day.date)} onChange={(event) => toggle(day.date, event.target.checked)} />
          {formatDay(i18n.language, day.date)}
        </label>
      ))}
      <FieldError name="days" errors={errors} />
    </fieldset>
  );
}
