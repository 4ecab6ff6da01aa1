import type { DeskSetup } from './scanner';

/** What this device was set up as (desk/setup): the scanning set-up and how it prints. Kept on the device. */
export interface DeskDevice extends DeskSetup {
  /** `desk`: the printer registered for the desk id (by the back-office), else PDF; or a format for every job. */
  printer: 'desk' | 'pdf' | 'zpl';
}

const KEY = 'fairops.desk.setup';

/** The API's desk id rule (libs/checkin DESK_ID): said before the first scan rather than by a refusal. */
export const DESK_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function readDevice(): DeskDevice | null {
  try {
    const kept = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<DeskDevice> | null;
    if (!kept || typeof kept.deskId !== 'string' || !DESK_ID.test(kept.deskId)) return null;
    const printer = kept.printer === 'pdf' || kept.printer === 'zpl' ? kept.printer : 'desk';
    return { deskId: kept.deskId, gate: kept.gate || undefined, editionId: kept.editionId || undefined, printer };
  } catch {
    return null;
  }
}

export function saveDevice(device: DeskDevice): void {
  localStorage.setItem(KEY, JSON.stringify(device));
}
