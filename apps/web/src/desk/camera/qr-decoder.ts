import { prepareZXingModule, purgeZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
// The decoder's WebAssembly is one of our own hashed assets, served by the API beside the page: a desk on
// a fair's local network (or offline) never reaches a CDN. The CSP allows it with 'wasm-unsafe-eval'.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

const OPTIONS: ReaderOptions = { formats: ['QRCode'], maxNumberOfSymbols: 1, tryHarder: true };
/** Frames are decoded at this width at most: a badge's QR held at the desk is large enough, and it is fast. */
const MAX_WIDTH = 640;

let ready: Promise<unknown> | undefined;

/** Loads and compiles the decoder once (about 1 MB); rejects when it cannot be fetched. */
export function loadQrDecoder(): Promise<unknown> {
  ready ??= prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
    fireImmediately: true,
  }).catch((error: unknown) => {
    // Forget the failed module (the library keeps it otherwise), so that trying again fetches it again.
    purgeZXingModule();
    ready = undefined;
    throw error;
  });
  return ready;
}

/** The QR code in the video's current frame, or null. `canvas` is reused from frame to frame. */
export async function decodeFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<string | null> {
  if (video.readyState < video.HAVE_CURRENT_DATA || video.videoWidth === 0) return null;
  const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
  const width = Math.round(video.videoWidth * scale);
  const height = Math.round(video.videoHeight * scale);
  if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, 0, 0, width, height);
  const [found] = await readBarcodes(context.getImageData(0, 0, width, height), OPTIONS);
  return found?.isValid && found.text ? found.text : null;
}
