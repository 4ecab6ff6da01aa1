import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { fairTime } from '../shared/format';
import { offlineState, onOfflineState } from './offline/status';

/** Oujda's clock: said only while the device does not know its edition yet (it has never fetched it). */
export const FALLBACK_TIME_ZONE = 'Africa/Casablanca';

/**
 * The desk's clock: an instant as HH:MM in the edition's time zone (kept on the device by desk/offline
 * with the fair days), whatever the device's own zone, in the page's language.
 */
export function useFairTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const timeZone = useSyncExternalStore(onOfflineState, () => offlineState().timeZone) ?? FALLBACK_TIME_ZONE;
  return (iso) => fairTime(iso, i18n.language, timeZone);
}
