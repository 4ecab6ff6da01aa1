import { type FormEvent, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../shared/api';
import { DESK_ID, type DeskDevice, readDevice, saveDevice } from './setup';

function usePrinters() {
  return useQuery({ queryKey: ['desk', 'printers'], queryFn: () => unwrap(api.GET('/api/v1/badges/printers', { params: { query: { limit: 100 } } })) });
}

function PrinterChoice({ deskId, value }: { deskId: string; value: DeskDevice['printer'] }) {
  const { t } = useTranslation('desk');
  const printers = usePrinters().data?.items ?? [];
  const mine = printers.find((p) => p.deskId === deskId);
  const list = printers.map((p) => `${p.deskId} (${p.format.toUpperCase()})`).join(', ');
  return (
    <div className="desk-field">
      <label htmlFor="desk-printer">{t('setup.printer')}</label>
      <select id="desk-printer" name="printer" defaultValue={value} aria-describedby="desk-printer-note">
        <option value="desk">{mine ? t('setup.printerDeskKnown', { format: mine.format.toUpperCase(), layout: mine.layout }) : t('setup.printerDesk')}</option>
        <option value="pdf">{t('setup.printerPdf')}</option>
        <option value="zpl">{t('setup.printerZpl')}</option>
      </select>
      <p id="desk-printer-note" className="desk-hint">{printers.length ? t('setup.printerNote', { list }) : t('setup.printerNone')}</p>
    </div>
  );
}

/** Once per device: the desk id (the API's rule), the gate and the printer; kept on the device, changeable. */
export function SetupPage({ onSaved }: { onSaved: (device: DeskDevice) => void }) {
  const { t } = useTranslation('desk');
  const navigate = useNavigate();
  const kept = readDevice();
  const [deskId, setDeskId] = useState(kept?.deskId ?? '');
  const [bad, setBad] = useState(false);

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (!DESK_ID.test(deskId.trim())) {
      setBad(true);
      return (event.currentTarget.elements.namedItem('deskId') as HTMLInputElement).focus();
    }
    const printer = String(form.get('printer')) as DeskDevice['printer'];
    const device: DeskDevice = { deskId: deskId.trim(), gate: String(form.get('gate') ?? '').trim() || undefined, editionId: kept?.editionId, printer };
    saveDevice(device);
    onSaved(device);
    navigate('/desk');
  }

  return (
    <section className="card desk-setup">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form onSubmit={save} noValidate>
        <div className="desk-field">
          <label htmlFor="desk-id">{t('setup.deskId')}</label>
          <input id="desk-id" name="deskId" value={deskId} onChange={(e) => { setDeskId(e.target.value); setBad(false); }} required autoFocus autoComplete="off" aria-invalid={bad} aria-describedby="desk-id-hint" />
          <p id="desk-id-hint" className={bad ? 'error' : 'desk-hint'} role={bad ? 'alert' : undefined}>{bad ? t('setup.deskIdBad') : t('setup.deskIdHint')}</p>
        </div>
        <label>
          {t('setup.gate')}
          <input name="gate" defaultValue={kept?.gate ?? ''} maxLength={64} autoComplete="off" />
        </label>
        <PrinterChoice deskId={deskId.trim()} value={kept?.printer ?? 'desk'} />
        <button type="submit" className="primary">{t('setup.save')}</button>
      </form>
    </section>
  );
}
