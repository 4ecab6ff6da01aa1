import { useEffect, useState } from 'react';
import { api, unwrap, type Schema } from '../../shared/api';

export type PrintJob = Schema<'PrintJobDto'>;

export type PrintState =
  | { step: 'idle' }
  | { step: 'waiting'; job?: PrintJob }
  | { step: 'ready'; job: PrintJob; url: string }
  | { step: 'failed'; error: unknown };

const POLL_MS = 1000;

async function waitUntilRendered(id: string, stopped: () => boolean, onJob: (job: PrintJob) => void): Promise<PrintJob> {
  for (;;) {
    const job = await unwrap(api.GET('/api/v1/badges/print-jobs/{id}', { params: { path: { id } } }));
    onJob(job);
    if (job.status === 'failed') throw new Error(job.failureReason ?? 'failed');
    if (job.status === 'ready' || job.status === 'printed' || stopped()) return job;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * One attendee's badge as a PDF: asks for a print job, follows it while the worker renders it, then fetches
 * the file (with the session's token) and gives an object URL to open. `print(reason)` starts it; a badge
 * printed before in this version needs a reason (the API says so as a field error on `reprintReason`).
 */
export function useBadgePrint(editionId: string, attendeeId: string): [PrintState, (reprintReason?: string) => Promise<void>] {
  const [state, setState] = useState<PrintState>({ step: 'idle' });
  const [stopped, setStopped] = useState(false);
  useEffect(() => () => setStopped(true), []);
  useEffect(() => () => (state.step === 'ready' ? URL.revokeObjectURL(state.url) : undefined), [state]);
  const print = async (reprintReason?: string) => {
    setState({ step: 'waiting' });
    try {
      const body = { editionId, attendeeIds: [attendeeId], format: 'pdf' as const, reprintReason: reprintReason || undefined };
      const accepted = await unwrap(api.POST('/api/v1/badges/print-jobs', { body }));
      const job = await waitUntilRendered(accepted.id, () => stopped, (next) => setState({ step: 'waiting', job: next }));
      const file = await unwrap(api.GET('/api/v1/badges/print-jobs/{id}/file', { params: { path: { id: job.id } }, parseAs: 'blob' }));
      setState({ step: 'ready', job, url: URL.createObjectURL(file as Blob) });
    } catch (error) {
      setState({ step: 'failed', error });
    }
  };
  return [state, print];
}
