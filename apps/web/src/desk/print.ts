import { api, unwrap, type Schema } from '../shared/api';
import type { DeskDevice } from './setup';

export type PrintJob = Schema<'PrintJobDto'>;

/** Asks for one attendee's badge on this desk's printer; `reprintReason` when it was printed before. */
export async function requestBadge(device: DeskDevice, attendeeId: string, reprintReason?: string): Promise<string> {
  const format = device.printer === 'desk' ? {} : device.printer === 'zpl' ? { format: 'zpl' as const, layout: 'label_4x3' as const } : { format: 'pdf' as const };
  const body = { attendeeIds: [attendeeId], deskId: device.deskId, editionId: device.editionId, reprintReason, ...format };
  return (await unwrap(api.POST('/api/v1/badges/print-jobs', { body }))).id;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Follows the job until it is rendered (or failed), telling each status seen; gives up after `tries`. */
export async function followJob(id: string, seen: (job: PrintJob) => void, isCancelled: () => boolean, tries = 120): Promise<PrintJob | null> {
  for (let i = 0; i < tries && !isCancelled(); i++) {
    const job = await unwrap(api.GET('/api/v1/badges/print-jobs/{id}', { params: { path: { id } } }));
    seen(job);
    if (job.status !== 'queued' && job.status !== 'rendering') return job;
    await pause(Math.min(250 * (i + 1), 1000));
  }
  return null;
}

/** The rendered file, as a blob URL of this page (the token stays in the page, not in a link). */
export async function jobFileUrl(id: string): Promise<string> {
  const blob = await unwrap(api.GET('/api/v1/badges/print-jobs/{id}/file', { params: { path: { id } }, parseAs: 'blob' }));
  return URL.createObjectURL(new Blob([blob as Blob], { type: 'application/pdf' }));
}

/** Prints a PDF through a hidden frame of this page: the browser's print dialog, no new tab needed. */
export function printPdf(url: string): void {
  const frame = document.createElement('iframe');
  frame.className = 'desk-print-frame';
  frame.title = 'badge';
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.src = url;
  frame.onload = () => {
    try {
      frame.contentWindow?.print();
    } catch {
      // A browser without a PDF viewer in frames: the "open the PDF" link stays there.
    }
    setTimeout(() => frame.remove(), 60_000);
  };
  document.body.appendChild(frame);
}

export async function confirmPrinted(id: string): Promise<PrintJob> {
  return unwrap(api.POST('/api/v1/badges/print-jobs/{id}/printed', { params: { path: { id } } }));
}
