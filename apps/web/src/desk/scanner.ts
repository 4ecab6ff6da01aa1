import { ApiError, api, unwrap, type Schema } from '../shared/api';
import { offlineScan, rememberOnlineAnswer } from './offline/engine';
import { offlineState, setOfflineState } from './offline/status';
import { startOfflineSync, uploadQueue } from './offline/sync';

/**
 * The desk's scanning contract. Every way of scanning (handheld scanner, camera, search) hands a code to
 * `DeskScanner.scan`, and every answer screen reads a `DeskAnswer`. Online, the server decides; the
 * offline engine (desk/offline) decides on the device when the network is down and queues the scan.
 */
export type DeskVerdict = Schema<'ScanAnswerDto'>['result'] | 'other_edition';

export interface DeskAnswer {
  result: DeskVerdict;
  attendee?: { id: string; firstName: string; lastName: string; organisation: string | null; category: string };
  /** For ok and already_checked_in: the first check-in of the day, and at which desk when known. */
  firstCheckedInAt?: string;
  firstDeskId?: string;
  /** Decided on this device while offline: the server decides again when the scan is uploaded. */
  offline: boolean;
}

/** The device's set-up, chosen once and kept on the device (desk/setup). */
export interface DeskSetup {
  deskId: string;
  gate?: string;
  /** The edition the desk works for; default the current one. */
  editionId?: string;
}

export interface DeskScanner {
  /** The verdict on one code; an ApiError for a refused request (status 0: no network). */
  scan(code: string): Promise<DeskAnswer>;
}

/** A fresh nonce per scan: a retry of the same scan sends the same one (the server answers it again). */
export function newNonce(): string {
  return crypto.randomUUID();
}

/** The server's verdict on one scan; `signal` lets the caller give up waiting. */
async function askServer(setup: DeskSetup, code: string, nonce: string, signal?: AbortSignal): Promise<DeskAnswer> {
  const body = { code, deskId: setup.deskId, nonce, gate: setup.gate, editionId: setup.editionId };
  const answer = await unwrap(api.POST('/api/v1/checkin/scans', { body, signal }));
  return { ...answer, firstCheckedInAt: answer.firstCheckedInAt as string | undefined, offline: false };
}

/** Online only: the server's verdict. (The offline engine wraps it.) */
export function onlineScanner(setup: DeskSetup): DeskScanner {
  return { scan: (code) => askServer(setup, code, newNonce()) };
}

/** How long a scan waits for the server before the device answers by itself (a network that hangs). */
export const SERVER_WAIT_MS = 4000;

/**
 * The desk's scanner: the server's verdict while the network answers; the device's own (desk/offline)
 * when it does not — the scan is then queued on the device, with the same nonce, and uploaded later
 * (a scan the server did record before the network failed is answered again, never counted twice).
 */
export function createDeskScanner(setup: DeskSetup): DeskScanner {
  startOfflineSync(setup);
  return {
    async scan(code) {
      const nonce = newNonce();
      if (navigator.onLine) {
        try {
          const answer = await askServer(setup, code, nonce, AbortSignal.timeout(SERVER_WAIT_MS));
          setOfflineState({ online: true });
          void rememberOnlineAnswer(answer, setup).catch(() => undefined);
          if (offlineState().waiting > 0) void uploadQueue();
          return answer;
        } catch (error) {
          if (!(error instanceof ApiError) || !error.offline) throw error;
        }
      }
      return offlineScan(setup, code, nonce);
    },
  };
}

export { ApiError };
