import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import en from '../../locales/en/deskCamera.json';
import fr from '../../locales/fr/deskCamera.json';
import { addAreaTexts } from '../../shared/i18n';
import { type CameraState, useCamera } from './use-camera';
import { type DecoderState, useQrDecoding } from './use-qr-decoding';
import './camera.css';

addAreaTexts('deskCamera', { fr, en });

type Shown = Exclude<CameraState, 'on'> | 'loading' | 'decoderFailed' | 'scanning';

function shownState(camera: CameraState, decoder: DecoderState): Shown {
  if (camera !== 'on') return camera;
  if (decoder === 'failed') return 'decoderFailed';
  return decoder === 'loading' ? 'loading' : 'scanning';
}

const CAN_RETRY: ReadonlySet<Shown> = new Set(['refused', 'none', 'busy', 'failed', 'decoderFailed']);

/** What the camera is doing, in words; when it cannot scan, what to do about it and a way to try again. */
function CameraMessage({ shown, onRetry }: { shown: Shown; onRetry: () => void }) {
  const { t } = useTranslation('deskCamera');
  const working = shown === 'scanning' || shown === 'loading' || shown === 'asking';
  return (
    <div className={`camera-message ${working ? 'camera-working' : 'camera-problem'}`}>
      <p role="status" className="camera-state">
        {t(`state.${shown}`)}
      </p>
      {!working && <p>{t(`help.${shown}`)}</p>}
      {CAN_RETRY.has(shown) && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/**
 * Scans badges' QR codes with the device's camera (the rear one when there is one) and hands each code
 * to `onCode` once per showing: a badge held in front of the camera is one scan. The camera is released
 * when the scanner is unmounted.
 */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation('deskCamera');
  const video = useRef<HTMLVideoElement>(null);
  const [attempt, setAttempt] = useState(0);
  const camera = useCamera(video, attempt);
  const decoder = useQrDecoding(video, camera === 'on', attempt, onCode);
  const shown = shownState(camera, decoder);
  return (
    <section className="camera" aria-label={t('title')}>
      <CameraMessage shown={shown} onRetry={() => setAttempt((n) => n + 1)} />
      <div className="camera-preview" hidden={camera !== 'on'}>
        <video ref={video} muted playsInline autoPlay aria-label={t('preview')} />
        <span className="camera-frame" aria-hidden="true" />
      </div>
    </section>
  );
}
