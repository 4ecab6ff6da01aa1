import { ApiError, api, unwrap, type Schema } from '../shared/api';

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

/** Online only: the server's verdict. (The offline engine wraps it.) */
export function onlineScanner(setup: DeskSetup): DeskScanner {
  return {
    async scan(code) {
      const body = { code, deskId: setup.deskId, nonce: newNonce(), gate: setup.gate, editionId: setup.editionId };
      const answer = await unwrap(api.POST('/api/v1/checkin/scans', { body }));
      return { ...answer, firstCheckedInAt: answer.firstCheckedInAt as string | undefined, offline: false };
    },
  };
}

export function createDeskScanner(setup: DeskSetup): DeskScanner {
  return onlineScanner(setup);
}

export { ApiError };
