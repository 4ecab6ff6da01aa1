import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportProblems } from '../shared/ImportProblems';
import { Link, useLocation } from 'react-router';
import { api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { useEdition } from '../shared/useEdition';
import { type ExhibitorImport, exhibitorKeys } from './queries';

const running = (job: ExhibitorImport | undefined) => !job || job.status === 'queued' || job.status === 'running';

/** CSV import: the file is sent, then the job is followed (progress bar) until its per-row report. */
export function ImportPage() {
  const { t } = useTranslation('adminExhibitors');
  const { editionId } = useEdition();
  const { search } = useLocation();
  const file = useRef<HTMLInputElement>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [noFile, setNoFile] = useState(false);
  const send = useMutation({
    mutationFn: (chosen: File) => {
      const form = new FormData();
      form.append('file', chosen);
      if (editionId) form.append('editionId', editionId);
      return unwrap(api.POST('/api/v1/exhibitors/imports', { body: form as never, bodySerializer: (body: unknown) => body as FormData }));
    },
    onSuccess: (accepted) => setJobId(accepted.id),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    setNoFile(!chosen);
    if (chosen) send.mutate(chosen);
  };
  return (
    <section className="card exh">
      <p>
        <Link to={`..${search}`} relative="path">
          {t('detail.back')}
        </Link>
      </p>
      <h1>{t('import.title')}</h1>
      <p>{t('import.help')}</p>
      <form onSubmit={submit} className="exh-inline" noValidate>
        <label htmlFor="exh-import-file">{t('import.file')}</label>
        <input id="exh-import-file" ref={file} type="file" accept=".csv,text/csv" aria-invalid={noFile || undefined} aria-describedby="exh-import-problem" />
        <button type="submit" className="primary" disabled={send.isPending}>
          {t('import.send')}
        </button>
      </form>
      <p className="error" id="exh-import-problem">
        {noFile ? t('import.noFile') : ''}
      </p>
      <ErrorMessage error={send.error} />
      {jobId && <ImportProgress key={jobId} id={jobId} />}
    </section>
  );
}

function ImportProgress({ id }: { id: string }) {
  const { t } = useTranslation('adminExhibitors');
  const client = useQueryClient();
  const job = useQuery({
    queryKey: exhibitorKeys.import(id),
    queryFn: async () => {
      const answer = await unwrap(api.GET('/api/v1/exhibitors/imports/{id}', { params: { path: { id } } }));
      if (!running(answer)) void client.invalidateQueries({ queryKey: exhibitorKeys.lists });
      return answer;
    },
    refetchInterval: (query) => (running(query.state.data) ? 700 : false),
    // Followed even while the tab is in the background: the report is waiting when one comes back.
    refetchIntervalInBackground: true,
  });
  const data = job.data;
  return (
    <section aria-labelledby="exh-import-progress" className="exh-panel">
      <h2 id="exh-import-progress">{t('import.progressTitle')}</h2>
      <ErrorMessage error={job.error} />
      {data && (
        <>
          <label htmlFor="exh-import-bar">{t(`import.state.${data.status}`, { processed: data.processedRows, total: data.totalRows ?? '…' })}</label>
          <progress id="exh-import-bar" max={data.totalRows ?? undefined} value={data.totalRows ? data.processedRows : undefined} />
          {!running(data) && <ImportReport job={data} />}
        </>
      )}
    </section>
  );
}

function ImportReport({ job }: { job: ExhibitorImport }) {
  const { t } = useTranslation('adminExhibitors');
  return (
    <div role="status">
      {job.failureReason && <p className="error">{t('import.failed', { reason: job.failureReason })}</p>}
      <p>{t('import.counts', { created: job.created, updated: job.updated, unchanged: job.unchanged, rejected: job.rejected })}</p>
      {job.ignoredColumns.length > 0 && <p>{t('import.ignored', { columns: job.ignoredColumns.join(', ') })}</p>}
      <ImportProblems className="exh-table" problems={job.errors} caption={t('import.errorsTitle')} fieldName={(field) => t(`field.${field}`, { defaultValue: field })} />
    </div>
  );
}
