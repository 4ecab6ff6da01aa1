import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../shared/api';
import { ErrorMessage } from '../shared/errors';
import { type PrintJob, confirmPrinted, followJob, jobFileUrl, printPdf, requestBadge } from './print';
import type { DeskDevice } from './setup';

interface PrintState {
  job?: PrintJob;
  pdfUrl?: string;
  needsReason: boolean;
  busy: boolean;
  error?: unknown;
}

/** A print of one badge: asked, followed until rendered, a PDF printed through the page, then confirmed. */
function usePrintJob(device: DeskDevice, attendeeId: string) {
  const [state, setState] = useState<PrintState>({ needsReason: false, busy: false });
  const gone = useRef(false);
  useEffect(() => {
    gone.current = false;
    return () => {
      gone.current = true;
    };
  }, []);
  useEffect(() => () => void (state.pdfUrl && URL.revokeObjectURL(state.pdfUrl)), [state.pdfUrl]);

  async function start(reprintReason?: string) {
    setState({ needsReason: false, busy: true });
    try {
      const id = await requestBadge(device, attendeeId, reprintReason);
      // Statuses on the way are shown as they come; "ready" only once the file is in the page.
      const onTheWay = (seen: PrintJob) => !gone.current && (seen.status === 'queued' || seen.status === 'rendering') && setState((s) => ({ ...s, job: seen }));
      const job = await followJob(id, onTheWay, () => gone.current);
      if (!job || gone.current) return;
      const pdfUrl = job.status === 'ready' && job.format === 'pdf' ? await jobFileUrl(id) : undefined;
      if (pdfUrl) printPdf(pdfUrl);
      setState({ job, pdfUrl, needsReason: false, busy: false });
    } catch (error) {
      // A badge printed before: the API asks for the reason of the reprint (field reprintReason).
      const needsReason = error instanceof ApiError && 'reprintReason' in error.fields;
      setState({ needsReason, busy: false, error: needsReason ? undefined : error });
    }
  }

  async function confirm() {
    if (!state.job) return;
    try {
      const job = await confirmPrinted(state.job.id);
      setState((s) => ({ ...s, job }));
    } catch (error) {
      setState((s) => ({ ...s, error }));
    }
  }
  return { state, start, confirm };
}

/** The print (or reprint, with a reason) of one attendee's badge on this desk's printer. */
export function PrintBadge({ device, attendeeId, autoStart = false }: { device: DeskDevice; attendeeId: string; autoStart?: boolean }) {
  const { t } = useTranslation('desk');
  const { state, start, confirm } = usePrintJob(device, attendeeId);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    // Once per attendee shown (the component is keyed by the answer).
    if (autoStart) void start();
  }, [attendeeId]);

  if (state.needsReason || asked) return <ReprintForm onSubmit={(reason) => { setAsked(false); void start(reason); }} explain={state.needsReason} />;
  return (
    <div className="desk-print">
      {!state.busy && !state.job && (
        <p className="desk-print-actions">
          <button type="button" className="primary" onClick={() => void start()}>{t('print.print')}</button>{' '}
          <button type="button" onClick={() => setAsked(true)}>{t('print.reprint')}</button>
        </p>
      )}
      <JobStatus job={state.job} pdfUrl={state.pdfUrl} deskId={device.deskId} onConfirm={() => void confirm()} />
      <ErrorMessage error={state.error} />
    </div>
  );
}

function JobStatus({ job, pdfUrl, deskId, onConfirm }: { job?: PrintJob; pdfUrl?: string; deskId: string; onConfirm: () => void }) {
  const { t } = useTranslation('desk');
  if (!job) return null;
  const said =
    job.status === 'failed' ? t('print.failed', { reason: job.failureReason ?? '—' })
    : job.status === 'printed' ? t('print.printed')
    : job.status === 'ready' ? (job.format === 'zpl' ? t('print.readyZpl', { desk: deskId }) : t('print.ready'))
    : t(`print.${job.status}`);
  return (
    <div role="status">
      <p className="desk-print-status">{said}</p>
      {job.status === 'ready' && (
        <p className="desk-print-actions">
          {pdfUrl && (
            <a className="button" href={pdfUrl} target="_blank" rel="noopener">
              {t('print.openPdf')}
            </a>
          )}{' '}
          <button type="button" className="primary" onClick={onConfirm}>{t('print.confirm')}</button>
        </p>
      )}
    </div>
  );
}

const REASONS = ['lost', 'damaged', 'misprint', 'other'] as const;

function ReprintForm({ onSubmit, explain }: { onSubmit: (reason: string) => void; explain: boolean }) {
  const { t } = useTranslation('desk');
  const [reason, setReason] = useState<string>('lost');
  const [other, setOther] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(reason === 'other' ? other.trim() || t('print.reasons.other') : t(`print.reasons.${reason}`));
  }
  return (
    <form className="desk-print" onSubmit={submit}>
      {explain && <p role="alert">{t('print.reasonNeeded')}</p>}
      <label>
        {t('print.reason')}
        <select value={reason} onChange={(event) => setReason(event.target.value)}>
          {REASONS.map((r) => <option key={r} value={r}>{t(`print.reasons.${r}`)}</option>)}
        </select>
      </label>
      {reason === 'other' && (
        <label>
          {t('print.reasons.other')}
          <input value={other} maxLength={500} onChange={(event) => setOther(event.target.value)} />
        </label>
      )}
      <button type="submit" className="primary">{t('print.send')}</button>
    </form>
  );
}
