import { useTranslation } from 'react-i18next';
import { formatDay } from '../../shared/format';
import { Field } from '../shared/FieldError';
import { OptionSelect } from '../shared/OptionSelect';
import type { Edition } from '../shared/useEdition';
import { SESSION_LANGUAGES, SESSION_TYPES, useRooms, useSpeakers } from './queries';
import { type SessionDraft, quarterHours } from './sessionDraft';

interface Props {
  edition: Edition;
  draft: SessionDraft;
  set: (changes: Partial<SessionDraft>) => void;
  errors: Record<string, string>;
}

/** The session's fields: what it is, then where and when, then who speaks. */
export function SessionFields(props: Props) {
  const { t } = useTranslation('adminProgramme');
  const { draft, set, errors } = props;
  return (
    <>
      <div className="prog-fields">
        <Field name="title" label={t('fields.title')} error={errors.title}>
          {(props) => <input {...props} dir="auto" value={draft.title} onChange={(event) => set({ title: event.target.value })} />}
        </Field>
        <Field name="type" label={t('fields.type')} error={errors.type}>
          {(props) => <OptionSelect {...props} options={SESSION_TYPES} label={(type) => t(`type.${type}`)} value={draft.type} onChange={(type) => set({ type })} />}
        </Field>
        <Field name="language" label={t('fields.language')} error={errors.language}>
          {(props) => (
            <OptionSelect {...props} options={SESSION_LANGUAGES} label={(language) => t(`language.${language}`)} value={draft.language} onChange={(language) => set({ language })} />
          )}
        </Field>
        <Field name="capacity" label={t('fields.capacity')} error={errors.capacity} hint={t('fields.capacityHint')}>
          {(props) => <input {...props} inputMode="numeric" value={draft.capacity} onChange={(event) => set({ capacity: event.target.value })} />}
        </Field>
      </div>
      <WhereAndWhen {...props} />
      <label className="prog-check">
        <input type="checkbox" checked={draft.registrationRequired} onChange={(event) => set({ registrationRequired: event.target.checked })} />
        {t('fields.registrationRequired')}
      </label>
      <SpeakerChoices {...props} />
    </>
  );
}

function WhereAndWhen({ edition, draft, set, errors }: Props) {
  const { t, i18n } = useTranslation('adminProgramme');
  const rooms = useRooms(edition.id);
  const times = quarterHours(edition, draft.day);
  const timeSelect = (name: 'start' | 'end', field: 'startsAt' | 'endsAt') => (
    <Field name={field} label={t(`fields.${name}`)} error={errors[field]}>
      {(props) => (
        <select {...props} value={draft[name]} onChange={(event) => set({ [name]: event.target.value })}>
          <option value="">—</option>
          {times.map((time) => (
            <option key={time} value={time}>
              {time}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <fieldset className="prog-fields prog-when">
      <legend>{t('fields.when', { zone: edition.timeZone })}</legend>
      <Field name="roomId" label={t('fields.room')} error={errors.roomId}>
        {(props) => (
          <select {...props} value={draft.roomId} onChange={(event) => set({ roomId: event.target.value })}>
            <option value="">—</option>
            {rooms.data?.items.map((room) => (
              <option key={room.id} value={room.id} dir="auto">
                {room.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="day" label={t('fields.day')} error={errors.day}>
        {(props) => (
          <select {...props} value={draft.day} onChange={(event) => set({ day: event.target.value })}>
            {edition.days.map((day) => (
              <option key={day.date} value={day.date}>
                {formatDay(i18n.language, day.date)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {timeSelect('start', 'startsAt')}
      {timeSelect('end', 'endsAt')}
    </fieldset>
  );
}

function SpeakerChoices({ edition, draft, set }: Props) {
  const { t } = useTranslation('adminProgramme');
  const speakers = useSpeakers(edition.id);
  const roleOf = (id: string) => draft.speakers.find((s) => s.speakerId === id)?.role;
  const choose = (speakerId: string, role: '' | 'speaker' | 'moderator') =>
    set({ speakers: [...draft.speakers.filter((s) => s.speakerId !== speakerId), ...(role ? [{ speakerId, role }] : [])] });
  if (!speakers.data?.items.length) return null;
  return (
    <fieldset className="prog-speakers">
      <legend>{t('fields.speakers')}</legend>
      {speakers.data.items.map((speaker) => (
        <label key={speaker.id} className="prog-speaker">
          <span dir="auto">{speaker.name}</span>
          <select value={roleOf(speaker.id) ?? ''} onChange={(event) => choose(speaker.id, event.target.value as '' | 'speaker' | 'moderator')}>
            <option value="">{t('role.none')}</option>
            <option value="speaker">{t('role.speaker')}</option>
            <option value="moderator">{t('role.moderator')}</option>
          </select>
        </label>
      ))}
    </fieldset>
  );
}
