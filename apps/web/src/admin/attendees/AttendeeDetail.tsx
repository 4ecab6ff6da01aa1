import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../shared/errors';
import { formatDay, formatInstant } from '../../shared/format';
import { type Edition, useEdition } from '../shared/useEdition';
import { useEditionLink } from '../shared/useEditionLink';
import { AttendeeActions } from './AttendeeActions';
import { AttendeeForm } from './AttendeeForm';
import { BadgePrint } from './BadgePrint';
import { type Attendee, useAttendee } from './queries';

/** One attendee: who they are, their badge, the actions on them, and the edit form. */
export function AttendeeDetail() {
  const { t } = useTranslation('adminAttendees');
  const { id = '' } = useParams();
  const attendee = useAttendee(id);
  const { edition } = useEdition();
  const to = useEditionLink();
  const client = useQueryClient();
  if (attendee.error) return <ErrorMessage error={attendee.error} />;
  if (!attendee.data || !edition) return <p className="loading">{t('loading', { ns: 'common' })}</p>;
  const person = attendee.data;
  return (
    <div className="attendee-detail">
      <p>
        <Link to={to('/admin/attendees')}>{t('back')}</Link>
      </p>
      <section className="card">
        <h1 dir="auto">
          {person.firstName} {person.lastName}
        </h1>
        <AttendeeSummary attendee={person} edition={edition} />
        <AttendeeActions attendee={person} />
      </section>
      {!person.erased && person.status === 'registered' && <BadgePrint attendee={person} />}
      {!person.erased && (
        <section className="card">
          <h2>{t('edit.title')}</h2>
          <AttendeeForm key={`${person.id}-${person.updatedAt}`} edition={edition} attendee={person} onSaved={() => void client.invalidateQueries({ queryKey: ['attendee', id] })} />
        </section>
      )}
    </div>
  );
}

function AttendeeSummary({ attendee, edition }: { attendee: Attendee; edition: Edition }) {
  const { t, i18n } = useTranslation('adminAttendees');
  const rows: Array<[string, string]> = [
    [t('fields.status'), attendee.erased ? t('status.erased') : t(`status.${attendee.status}`)],
    [t('fields.category'), t(`category.${attendee.category}`)],
    [t('fields.days'), attendee.days.map((day) => formatDay(i18n.language, day, 'medium')).join(', ')],
    [t('fields.badgeVersion'), String(attendee.badgeVersion)],
    [t('fields.checkedInToday'), attendee.checkedInTodayAt ? formatInstant(i18n.language, attendee.checkedInTodayAt, edition.timeZone, 'time') : t('filters.no')],
    [t('fields.source'), t(`source.${attendee.source}`)],
  ];
  return (
    <dl className="att-summary">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd dir="auto">{value}</dd>
        </div>
      ))}
      {attendee.organisation && (
        <div>
          <dt>{t('fields.organisation')}</dt>
          <dd dir="auto">{attendee.organisation}</dd>
        </div>
      )}
      {attendee.email && (
        <div>
          <dt>{t('fields.email')}</dt>
          <dd dir="auto">{attendee.email}</dd>
        </div>
      )}
    </dl>
  );
}
