import { type RefObject, useEffect, useState } from 'react';

/**
 * Where the camera stands, each said in words by CameraScanner:
 * asking (the browser asks the person), refused, none (no camera), busy (another application holds it),
 * insecure (cameras need https, or localhost), failed, on.
 */
export type CameraState = 'asking' | 'refused' | 'none' | 'busy' | 'insecure' | 'failed' | 'on';

/** The rear camera when there is one (a tablet or phone held over a badge), any camera otherwise. */
const CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
};

function stateOf(error: unknown): CameraState {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'refused';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'none';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

function stop(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * Opens the camera into `video` while mounted; `attempt` changes to try again (after the person allowed
 * the camera, say). The camera is released when the component goes away or tries again.
 */
export function useCamera(video: RefObject<HTMLVideoElement | null>, attempt: number): CameraState {
  const [state, setState] = useState<CameraState>('asking');
  useEffect(() => {
    if (!window.isSecureContext) return setState('insecure');
    if (!navigator.mediaDevices?.getUserMedia) return setState('none');
    let stream: MediaStream | null = null;
    let gone = false;
    setState('asking');
    navigator.mediaDevices.getUserMedia(CONSTRAINTS).then(
      async (opened) => {
        if (gone) return stop(opened);
        stream = opened;
        const element = video.current;
        if (!element) return;
        element.srcObject = opened;
        // A camera unplugged while scanning ends its track: say so instead of freezing on the last frame.
        for (const track of opened.getVideoTracks()) track.addEventListener('ended', () => !gone && setState('none'));
        await element.play().catch(() => undefined);
        if (!gone) setState('on');
      },
      (error: unknown) => !gone && setState(stateOf(error)),
    );
    return () => {
      gone = true;
      stop(stream);
      if (video.current) video.current.srcObject = null;
    };
  }, [video, attempt]);
  return state;
}
