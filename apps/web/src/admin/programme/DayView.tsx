import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../shared/errors';
import { formatDay, formatInstant } from '../../shared/format';
import { type Edition, useEdition } from '../shared/useEdition';
import { useEditionLink } from '../shared/useEditionLink';
import { useUrlFilters } from '../shared/useUrlFilters';
import { ProgrammeNav } from './ProgrammeNav';
import { type Room, type Session, localClock, useDaySessions, useRooms } from './queries';

const PX_PER_MINUTE = 1.4;

/** The day chosen (`?day=`), else today if the fair runs, else its first day. */
function useChosenDay(edition: Edition | undefined): [string, (day: string) => void] {
  const [{ day }, setFilters] = useUrlFilters({ day: '' });
  const today = edition ? new Intl.DateTimeFormat('en-CA', { timeZone: edition.timeZone }).format(new Date()) : '';
  const days = edition?.days.map((d) => d.date) ?? [];
  const chosen = days.includes(day) ? day : days.includes(today) ? today : (days[0] ?? '');
  return [chosen, (next) => setFilters({ day: next })];
}

/** One fair day per room, in the fair's time zone: each session placed at its hour, drafts and cancelled ones marked. */
export function DayView() {
  const { t, i18n } = useTranslation('adminProgramme');
  const { edition, error } = useEdition();
  const [day, setDay] = useChosenDay(edition);
  const rooms = useRooms(edition?.id);
  const sessions = useDaySessions(edition?.id, day);
  const fairDay = edition?.days.find((d) => d.date === day);
  return (
    <section className="card programme">
      <h1>{t('title')}</h1>
      <ProgrammeNav />
      <div className="prog-days" role="group" aria-label={t('days')}>
        {edition?.days.map((d) => (
          <button key={d.date} type="button" aria-pressed={d.date === day} onClick={() => setDay(d.date)}>
            {formatDay(i18n.language, d.date, 'weekday')}
          </button>
        ))}
      </div>
      {edition && <p className="prog-zone">{t('zone', { zone: edition.timeZone, opens: localClock(fairDay?.opensAt ?? ''), closes: localClock(fairDay?.closesAt ?? '') })}</p>}
      <ErrorMessage error={error ?? rooms.error ?? sessions.error} />
      {edition && fairDay && rooms.data && sessions.data && <DayGrid opensAt={fairDay.opensAt} closesAt={fairDay.closesAt} timeZone={edition.timeZone} rooms={rooms.data.items} sessions={sessions.data.items} />}
      {rooms.data?.items.length === 0 && <p>{t('noRooms')}</p>}
    </section>
  );
}

function DayGrid({ opensAt, closesAt, timeZone, rooms, sessions }: { opensAt: string; closesAt: string; timeZone: string; rooms: Room[]; sessions: Session[] }) {
  const { t, i18n } = useTranslation('adminProgramme');
  const open = new Date(opensAt).getTime();
  const minutes = (at: string) => (new Date(at).getTime() - open) / 60_000;
  const height = minutes(closesAt) * PX_PER_MINUTE;
  const hours = Array.from({ length: Math.floor(minutes(closesAt) / 60) + 1 }, (_, i) => i * 60);
  return (
    <div className="prog-scroll" role="region" aria-label={t('grid')} tabIndex={0}>
      <div className="prog-grid" style={{ gridTemplateColumns: `4rem repeat(${rooms.length}, minmax(12rem, 1fr))` }}>
        <div className="prog-axis" style={{ height }} aria-hidden="true">
          {hours.map((m) => (
            <span key={m} style={{ top: m * PX_PER_MINUTE }}>
              {formatInstant(i18n.language, new Date(open + m * 60_000), timeZone, 'time')}
            </span>
          ))}
        </div>
        {rooms.map((room) => (
          <section key={room.id} className="prog-room" aria-labelledby={`room-${room.id}`}>
            <h2 id={`room-${room.id}`} dir="auto">
              {room.name} <small>{t('capacity', { count: room.capacity })}</small>
            </h2>
            <ol style={{ height }}>
              {sessions
                .filter((s) => s.room.id === room.id)
                .map((s) => (
                  <SessionBlock key={s.id} session={s} top={minutes(s.startsAt) * PX_PER_MINUTE} height={(minutes(s.endsAt) - minutes(s.startsAt)) * PX_PER_MINUTE} />
                ))}
            </ol>
          </section>
        ))}
      </div>
    </div>
  );
}

function SessionBlock({ session, top, height }: { session: Session; top: number; height: number }) {
  const { t } = useTranslation('adminProgramme');
  const to = useEditionLink();
  return (
    <li className={`prog-session status-${session.status}`} style={{ top, height }}>
      <Link to={to(`/admin/programme/sessions/${session.id}`)}>
        <span className="prog-time">
          {localClock(session.startsAt)}–{localClock(session.endsAt)}
        </span>{' '}
        <span dir="auto" className="prog-title">
          {session.title}
        </span>
      </Link>
      <span className="prog-meta">
        {t(`status.${session.status}`)} · {t('seats', { confirmed: session.seats.confirmed, capacity: session.capacity, waitlisted: session.seats.waitlisted })}
      </span>
    </li>
  );
}
