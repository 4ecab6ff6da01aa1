import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import type { Edition } from '../shared/useEdition';
import { useFailedMessages, useQueues, type FailedJob, type Message, type QueueCounts } from './queries';

const inProgress = (queue: QueueCounts | undefined) => (queue ? queue.waiting + queue.active + queue.delayed : 0);

/** Print jobs and imports in progress, each queue's counts, and the failed jobs with their reason. */
export function JobsPanel({ edition }: { edition: Edition }) {
  const { t, i18n } = useTranslation('adminDashboard');
  const queues = useQueues();
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const data = queues.data;
  const named = (name: string) => data?.queues.find((queue) => queue.name === name);
  return (
    <section className="card dash-panel" aria-labelledby="dash-jobs">
      <h2 id="dash-jobs">{t('jobs.title')}</h2>
      <ErrorMessage error={queues.error} />
      {data && (
        <>
          <ul className="dash-links">
            <li>{t('jobs.printing', { count: inProgress(named('badges')) })}</li>
            <li>{t('jobs.importing', { count: inProgress(named('imports')) })}</li>
          </ul>
          <div className="dash-scroll">
            <table>
              <caption className="visually-hidden">{t('jobs.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('jobs.queue')}</th>
                  {(['waiting', 'active', 'delayed', 'failed'] as const).map((state) => (
                    <th key={state} scope="col" className="num">
                      {t(`jobs.${state}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.queues.map((queue) => (
                  <tr key={queue.name} className={queue.failed > 0 ? 'dash-bad' : undefined}>
                    <th scope="row">{t(`queue.${queue.name}`)}</th>
                    <td className="num">{number(queue.waiting)}</td>
                    <td className="num">{number(queue.active)}</td>
                    <td className="num">{number(queue.delayed)}</td>
                    <td className="num">{number(queue.failed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <FailedJobs failed={data.failed} timeZone={edition.timeZone} />
        </>
      )}
    </section>
  );
}

function FailedJobs({ failed, timeZone }: { failed: Array<{ queue: QueueCounts['name']; jobs: FailedJob[] }>; timeZone: string }) {
  const { t, i18n } = useTranslation('adminDashboard');
  const jobs = failed.flatMap(({ queue, jobs: list }) => list.map((job) => ({ queue, job })));
  return (
    <>
      <h3>{t('jobs.failedTitle')}</h3>
      {jobs.length === 0 ? (
        <p>{t('jobs.noneFailed')}</p>
      ) : (
        <ul className="dash-list">
          {jobs.map(({ queue, job }) => (
            <li key={`${queue}:${job.id}`}>
              <strong>
                {t(`queue.${queue}`)} — {job.name}
              </strong>{' '}
              <span className="dash-muted">
                ({t('jobs.failedAt', { at: formatInstant(i18n.language, job.failedAt ?? job.addedAt, timeZone), count: job.attemptsMade })})
              </span>
              <br />
              {job.failedReason}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Messages that could not be sent, with the server's reason and a link to the person they were for. */
export function MessagesPanel({ edition }: { edition: Edition }) {
  const { t } = useTranslation('adminDashboard');
  const messages = useFailedMessages();
  const data = messages.data;
  return (
    <section className="card dash-panel" aria-labelledby="dash-messages">
      <h2 id="dash-messages">{t('messages.title')}</h2>
      <ErrorMessage error={messages.error} />
      {data && data.total === 0 && <p>{t('messages.none')}</p>}
      {data && data.total > 0 && (
        <>
          <p className="dash-bad">{t('messages.total', { count: data.total })}</p>
          <ul className="dash-list">
            {data.items.map((message) => (
              <MessageItem key={message.id} message={message} edition={edition} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function MessageItem({ message, edition }: { message: Message; edition: Edition }) {
  const { t, i18n } = useTranslation('adminDashboard');
  const keep = `?edition=${encodeURIComponent(message.editionId ?? edition.id)}`;
  const link = message.attendeeId
    ? { to: `/admin/attendees/${message.attendeeId}${keep}`, text: t('messages.openAttendee') }
    : message.userId
      ? { to: `/admin/users/${message.userId}${keep}`, text: t('messages.openUser') }
      : null;
  return (
    <li>
      <strong>{t(`template.${message.template}`)}</strong> — <span dir="auto">{message.recipientName}</span> &lt;{message.recipientEmail}&gt;{' '}
      <span className="dash-muted">({formatInstant(i18n.language, message.createdAt, edition.timeZone)})</span>
      <br />
      {t('messages.reasonLine', { reason: message.lastError ?? t('messages.noReason') })}
      {link && (
        <>
          {' — '}
          <Link to={link.to}>{link.text}</Link>
        </>
      )}
    </li>
  );
}
