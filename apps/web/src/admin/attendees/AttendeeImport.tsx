import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportProblems } from '../shared/ImportProblems';
import { Link } from 'react-router';
import { api, unwrap, type Schema } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { useEdition } from '../shared/useEdition';
import { useEditionLink } from '../shared/useEditionLink';
import { useUrlFilters } from '../shared/useUrlFilters';

type ImportJob = Schema<'ExhibitorImportDto'>;

/** A CSV of attendees: sent, followed with a progress bar, then its per-row report. The job is in the address. */
export function AttendeeImport() {
  const { t } = useTranslation('adminAttendees');
  const [{ job }, setFilters] = useUrlFilters({ job: '' });
  const to = useEditionLink();
  return (
    <section className="card attendees">
      <p>
        <Link to={to('/admin/attendees')}>{t('back')}</Link>
      </p>
      <h1>{t('import.title')}</h1>
      <p>{t('import.text')}</p>
      <ImportForm onStarted={(id) => setFilters({ job: id })} />
      {job && <ImportReport id={job} />}
    </section>
  );
}

function ImportForm({ onStarted }: { onStarted: (id: string) => void }) {
  const { t } = useTranslation('adminAttendees');
  const { editionId } = useEdition();
  const [file, setFile] = useState<File | null>(null);
  const [sendTickets, setSendTickets] = useState(false);
  const send = useMutation({
    mutationFn: (chosen: File) => {
      const form = new FormData();
      form.append('file', chosen);
      if (editionId) form.append('editionId', editionId);
      form.append('sendTickets', String(sendTickets));
      return unwrap(api.POST('/api/v1/attendees/imports', { body: form as never, bodySerializer: (body: unknown) => body as FormData }));
    },
    onSuccess: (accepted) => onStarted(accepted.id),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) send.mutate(file);
  };
  return (
    <form className="import-form" onSubmit={submit}>
      <label className="admin-field">
        {t('import.file')}
        <input type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
      </label>
      <label className="att-check">
        <input type="checkbox" checked={sendTickets} onChange={(event) => setSendTickets(event.target.checked)} />
        {t('import.sendTickets')}
      </label>
      <button type="submit" className="primary" disabled={!file || send.isPending}>
        {t('import.send')}
      </button>
      <ErrorMessage error={send.error} />
    </form>
  );
}

function ImportReport({ id }: { id: string }) {
  const { t } = useTranslation('adminAttendees');
  const client = useQueryClient();
  const report = useQuery({
    queryKey: ['attendee-import', id],
    queryFn: () => unwrap(api.GET('/api/v1/attendees/imports/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data && ['completed', 'failed'].includes(query.state.data.status) ? false : 1000),
  });
  const data = report.data;
  if (data?.status === 'completed') void client.invalidateQueries({ queryKey: ['attendees'] });
  return (
    <section aria-labelledby="import-report-title" className="import-report">
      <h2 id="import-report-title">{t('import.report')}</h2>
      <ErrorMessage error={report.error} />
      {data && <ImportFigures job={data} />}
    </section>
  );
}

function ImportFigures({ job }: { job: ImportJob }) {
  const { t } = useTranslation('adminAttendees');
  const total = job.totalRows ?? 0;
  return (
    <>
      <p role="status">{t(`import.status.${job.status}`, { done: job.processedRows, total })}</p>
      <progress aria-label={t('import.progress')} max={total || 1} value={job.status === 'completed' ? total || 1 : job.processedRows} />
      {job.failureReason && <p className="error">{job.failureReason}</p>}
      <p>{t('import.figures', { created: job.created, updated: job.updated, unchanged: job.unchanged, rejected: job.rejected })}</p>
      {job.ignoredColumns.length > 0 && <p>{t('import.ignored', { columns: job.ignoredColumns.join(', ') })}</p>}
      <ImportProblems problems={job.errors} caption={t('import.problems')} />
    </>
  );
}
