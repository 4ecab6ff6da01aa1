/** Scans QR codes from the device camera and hands each code to `onCode` (built with the camera work). */
export function CameraScanner(_props: { onCode: (code: string) => void }) {
  return null;
}
