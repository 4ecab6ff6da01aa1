/** The desk's connection state ("offline, N scans waiting") and upload conflicts: built by the offline engine. */
export function OfflineStatus() {
  return null;
}
