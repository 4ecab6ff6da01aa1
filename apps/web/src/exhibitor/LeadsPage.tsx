import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../admin/shared/Pager';
import { useUrlFilters } from '../admin/shared/useUrlFilters';
import { CameraScanner } from '../desk/camera/CameraScanner';
import { api, unwrap } from '../shared/api';
import { ErrorMessage } from '../shared/errors';
import { formatInstant } from '../shared/format';
import { type Lead, PAGE, explain, useFairZone, useLeads, useOwnExhibitor } from './queries';

/** Sends one scanned badge code as a lead, only once the visitor's consent is ticked. */
function useCapture(onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/leads', { body: { code } })),
    onSuccess: onDone,
    onSettled: () => client.invalidateQueries({ queryKey: ['exhibitorArea', 'leads'] }),
  });
}

function CaptureCard({ company }: { company: string }) {
  const { t } = useTranslation('exhibitorArea');
  const [consent, setConsent] = useState(false);
  const [code, setCode] = useState('');
  const [camera, setCamera] = useState(false);
  const [refusal, setRefusal] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const capture = useCapture(() => {
    setConsent(false); // each visitor agrees for themselves
    setCode('');
  });
  const send = (scanned: string) => {
    const value = scanned.trim();
    if (!value || capture.isPending) return;
    if (!consent) return setRefusal(t('leads.consentFirst'));
    setRefusal('');
    capture.mutate(value);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(code);
    field.current?.focus();
  };
  const lead = capture.data;
  return (
    <section className="card capture" aria-labelledby="capture-title">
      <h2 id="capture-title">{t('leads.captureTitle')}</h2>
      <label className="check consent">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        <span>{t('leads.consent', { company })}</span>
      </label>
      <form onSubmit={submit}>
        <label>
          {t('leads.code')}
          <input ref={field} value={code} onChange={(e) => setCode(e.target.value)} autoFocus autoComplete="off" spellCheck={false} />
        </label>
        <p className="hint">{t('leads.codeHint')}</p>
      </form>
      <button type="button" onClick={() => setCamera(!camera)} aria-pressed={camera}>
        {camera ? t('leads.cameraOff') : t('leads.cameraOn')}
      </button>
      {camera && <CameraScanner onCode={send} />}
      <div role="status" className="capture-answer">
        {lead && <p className="good">{t('leads.captured', { name: `${lead.firstName} ${lead.lastName}` })}</p>}
      </div>
      {refusal && <p className="error" role="alert">{refusal}</p>}
      {capture.error ? <p className="error" role="alert">{explain(t, capture.error)}</p> : null}
    </section>
  );
}

function LeadsTable({ leads, timeZone }: { leads: Lead[]; timeZone: string }) {
  const { t, i18n } = useTranslation('exhibitorArea');
  return (
    <table>
      <caption className="visually-hidden">{t('leads.listTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('leads.name')}</th>
          <th scope="col">{t('leads.organisation')}</th>
          <th scope="col">{t('leads.contact')}</th>
          <th scope="col">{t('leads.capturedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {leads.map((lead) => (
          <tr key={lead.id}>
            <td dir="auto">
              {lead.firstName} {lead.lastName}
            </td>
            <td dir="auto">{[lead.jobTitle, lead.organisation].filter(Boolean).join(', ') || '—'}</td>
            <td dir="auto">{[lead.email, lead.phone].filter(Boolean).join(' · ') || '—'}</td>
            <td>{formatInstant(i18n.language, lead.capturedAt, timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Lead capture (handheld scanner or camera, with the visitor's consent), the company's leads, and their export. */
export function LeadsPage({ exhibitorId }: { exhibitorId: string }) {
  const { t } = useTranslation('exhibitorArea');
  const exhibitor = useOwnExhibitor(exhibitorId);
  const [filters, setFilters] = useUrlFilters({ offset: '0' });
  const offset = Number(filters.offset) || 0;
  const leads = useLeads(offset);
  const timeZone = useFairZone(exhibitor.data?.editionId);
  return (
    <div className="exhibitor-area">
      <h1>{t('leads.title')}</h1>
      <CaptureCard company={exhibitor.data?.name ?? ''} />
      <section className="card" aria-labelledby="leads-title">
        <h2 id="leads-title">{t('leads.listTitle')}</h2>
        <ErrorMessage error={leads.error} />
        {leads.data && leads.data.total === 0 && <p>{t('leads.none')}</p>}
        {leads.data && leads.data.items.length > 0 && <LeadsTable leads={leads.data.items} timeZone={timeZone} />}
        {leads.data && leads.data.total > PAGE && <Pager total={leads.data.total} limit={PAGE} offset={offset} onOffset={(next) => setFilters({ offset: String(next) })} />}
        <ExportLink />
      </section>
    </div>
  );
}

/** The CSV needs the session's token, which a plain link cannot send: fetched, then saved as a file. */
function ExportLink() {
  const { t } = useTranslation('exhibitorArea');
  const [error, setError] = useState<unknown>(null);
  const download = async (event: React.MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    setError(null);
    try {
      const blob = await unwrap(api.GET('/api/v1/leads/export.csv', { parseAs: 'blob' }));
      const url = URL.createObjectURL(blob as unknown as Blob);
      const link = Object.assign(document.createElement('a'), { href: url, download: 'leads.csv' });
      document.body.append(link);
      link.click();
      link.remove();
      // The browser reads the file after the click returns: the address is freed a little later.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <a className="button" href="/api/v1/leads/export.csv" onClick={(e) => void download(e)}>
        {t('leads.export')}
      </a>
      <ErrorMessage error={error} />
    </>
  );
}
