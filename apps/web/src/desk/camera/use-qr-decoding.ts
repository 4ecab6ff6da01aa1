import { type RefObject, useEffect, useRef, useState } from 'react';
import { createCodeDebouncer } from './code-debouncer';

/** A few frames a second is enough for a badge held up, and leaves the tablet's processor to the page. */
export const FRAME_INTERVAL_MS = 250;
/** The same code is handed on again only after it has been out of sight this long. */
export const AWAY_MS = 2000;

export type DecoderState = 'loading' | 'ready' | 'failed';

/**
 * While `active`, decodes the video a few times a second and hands each new code to `onCode` (the
 * latest one given: a new function does not restart the loop). The decoder loads on first use; a new
 * `attempt` loads it again after a failure.
 */
export function useQrDecoding(video: RefObject<HTMLVideoElement | null>, active: boolean, attempt: number, onCode: (code: string) => void): DecoderState {
  const [state, setState] = useState<DecoderState>('loading');
  const latest = useRef(onCode);
  latest.current = onCode;
  useEffect(() => {
    if (!active) return;
    setState('loading');
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const fresh = createCodeDebouncer(AWAY_MS);
    const tick = async (decodeFrame: typeof import('./qr-decoder').decodeFrame) => {
      const code = video.current ? await decodeFrame(video.current, canvas).catch(() => null) : null;
      if (stopped) return;
      if (code && fresh(code, performance.now())) latest.current(code);
      timer = setTimeout(() => void tick(decodeFrame), FRAME_INTERVAL_MS);
    };
    // The decoder (about 1 MB of WebAssembly) travels only to desks that turn the camera on.
    import('./qr-decoder')
      .then(async ({ loadQrDecoder, decodeFrame }) => {
        await loadQrDecoder();
        if (stopped) return;
        setState('ready');
        void tick(decodeFrame);
      })
      .catch(() => !stopped && setState('failed'));
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [video, active, attempt]);
  return state;
}
