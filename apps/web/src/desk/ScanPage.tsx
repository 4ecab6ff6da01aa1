import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../shared/api';
import { AnswerView } from './Answer';
import { CameraScanner } from './camera/CameraScanner';
import { OfflineStatus } from './offline/OfflineStatus';
import { ScanField, useKeepFocus } from './ScanField';
import { SearchPanel } from './SearchPanel';
import type { DeskDevice } from './setup';
import { useDeskScan } from './useDeskScan';
import { WalkInPanel } from './WalkInPanel';

type Panel = 'none' | 'search' | 'walkIn';

function Toolbar({ device, panel, setPanel, camera, setCamera }: { device: DeskDevice; panel: Panel; setPanel: (p: Panel) => void; camera: boolean; setCamera: (on: boolean) => void }) {
  const { t } = useTranslation('desk');
  const toggle = (which: Panel) => setPanel(panel === which ? 'none' : which);
  return (
    <div className="desk-toolbar">
      <span className="desk-where">{device.gate ? t('scan.whereGate', { desk: device.deskId, gate: device.gate }) : t('scan.where', { desk: device.deskId })}</span>
      <button type="button" aria-pressed={camera} onClick={() => setCamera(!camera)}>{t('scan.camera')}</button>
      <button type="button" aria-pressed={panel === 'search'} onClick={() => toggle('search')}>{t('scan.search')}</button>
      <button type="button" aria-pressed={panel === 'walkIn'} onClick={() => toggle('walkIn')}>{t('scan.walkIn')}</button>
      <Link to="/desk/setup">{t('scan.settings')}</Link>
    </div>
  );
}

/**
 * The scan screen: the field a handheld scanner types into (always focused), the camera, search and
 * walk-in registration; the answer fills the screen and stays until the next scan.
 */
export function ScanPage({ device }: { device: DeskDevice }) {
  const { t } = useTranslation('desk');
  const field = useRef<HTMLInputElement>(null);
  const { shown, scan, showError } = useDeskScan(device);
  const [panel, setPanel] = useState<Panel>('none');
  const [camera, setCamera] = useState(false);
  useKeepFocus(field, shown);

  const scanCode = (code: string, print = false) => {
    setPanel('none');
    field.current?.focus();
    return scan(code, { print });
  };
  async function checkIn(attendeeId: string, print = false) {
    try {
      const { code } = await unwrap(api.GET('/api/v1/attendees/{id}/credential', { params: { path: { id: attendeeId } } }));
      await scanCode(code, print);
    } catch (error) {
      setPanel('none');
      showError(error);
    }
  }

  return (
    <div className="desk">
      <OfflineStatus />
      <h1 className="visually-hidden">{t('scan.title')}</h1>
      <ScanField field={field} onCode={(code) => void scanCode(code)} />
      <Toolbar device={device} panel={panel} setPanel={setPanel} camera={camera} setCamera={setCamera} />
      {camera && (
        <div className="desk-camera">
          <CameraScanner onCode={(code) => void scanCode(code)} />
        </div>
      )}
      {panel === 'search' && <SearchPanel device={device} onCheckIn={(id) => void checkIn(id)} />}
      {panel === 'walkIn' && <WalkInPanel device={device} onRegistered={(id) => void checkIn(id, true)} />}
      {panel === 'none' && (
        <section className="desk-answer-area" aria-live="polite" aria-atomic="true" aria-label={t('scan.title')}>
          <AnswerView shown={shown} device={device} />
        </section>
      )}
    </div>
  );
}
