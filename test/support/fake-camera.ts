/**
 * Chromium's fake camera for browser tests: a video of a badge's QR code, given with
 * `--use-file-for-fake-video-capture=<file>` (see test/desk-camera.web-spec.ts).
 */
import QRCode from 'qrcode';

export const WIDTH = 640;
export const HEIGHT = 480;

/**
 * A video of a badge's QR code for Chromium's fake camera: YUV4MPEG2, 4:2:0 full-range (C420jpeg), a few
 * identical frames of the QR in black on a white page (Chromium loops the file).
 */
export function badgeVideo(code: string, frames = 5): Buffer {
  const { modules } = QRCode.create(code, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const scale = Math.floor((HEIGHT - 40) / (modules.size + 2 * quiet));
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255);
  const left = Math.floor((WIDTH - modules.size * scale) / 2);
  const top = Math.floor((HEIGHT - modules.size * scale) / 2);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let y = 0; y < scale; y++) luma.fill(0, (top + row * scale + y) * WIDTH + left + col * scale, (top + row * scale + y) * WIDTH + left + (col + 1) * scale);
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]);
}

