import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import jsQR, { QRCode } from 'jsqr';
import { PNG } from 'pngjs';
import { ready } from 'zpl-renderer-js';

/**
 * ZPL labels drawn as a Zebra printer would draw them, by an engine FairOps did not write (zebrash,
 * compiled to WebAssembly, from the npm package zpl-renderer-js), then read back as pixels: what a
 * person sees on the label and what a scanner decodes from it. Plain Node.js, nothing to install.
 */
export interface Label {
  png: Buffer;
  width: number;
  height: number;
  /** RGBA, four bytes a pixel. */
  rgba: Uint8ClampedArray;
}

export async function renderLabel(zpl: string, size: { widthDots: number; heightDots: number; dpi: 203 | 300 }): Promise<Label> {
  const { api } = await ready;
  const dpmm = size.dpi === 203 ? 8 : 12;
  const base64 = await api.zplToBase64Async(zpl, (size.widthDots / dpmm) , (size.heightDots / dpmm), dpmm);
  const png = Buffer.from(base64, 'base64');
  const image = PNG.sync.read(png);
  return { png, width: image.width, height: image.height, rgba: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length) };
}

export function isDark(label: Label, x: number, y: number): boolean {
  const i = (y * label.width + x) * 4;
  return label.rgba[i + 3] > 127 && label.rgba[i] + label.rgba[i + 1] + label.rgba[i + 2] < 3 * 128;
}

export function decodeLabelQr(label: Label): QRCode | null {
  return jsQR(label.rgba, label.width, label.height);
}

/** Kept for people to look at: test-output/ is not committed. */
export function savePng(path: string, label: Label): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, label.png);
}
