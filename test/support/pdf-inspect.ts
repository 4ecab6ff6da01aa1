import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';

/**
 * Reading back the PDFs FairOps renders, in plain JavaScript (no poppler needed): the text of each page
 * through the fonts' ToUnicode maps, and the page's filled rectangles rasterised into pixels for a real
 * QR decoder (jsQR). Enough for pdfkit's output; not a general PDF reader.
 */

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

interface PdfObjects {
  body: Map<number, string>;
  stream: Map<number, Buffer>;
}

/** The objects of the file, streams cut by their /Length (a compressed stream may hold any bytes). */
function objects(pdf: Buffer): PdfObjects {
  const text = pdf.toString('latin1');
  const body = new Map<number, string>();
  const stream = new Map<number, Buffer>();
  const header = /(\d+) 0 obj/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const id = Number(m[1]);
    const start = m.index + m[0].length;
    const streamAt = text.indexOf('stream', start);
    const endAt = text.indexOf('endobj', start);
    if (streamAt !== -1 && streamAt < endAt) {
      const dict = text.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const dataStart = streamAt + 'stream'.length + (text[streamAt + 6] === '\r' ? 2 : 1);
      const raw = pdf.subarray(dataStart, dataStart + length);
      body.set(id, dict);
      stream.set(id, /FlateDecode/.test(dict) ? inflateSync(raw) : raw);
      header.lastIndex = dataStart + length;
    } else {
      body.set(id, text.slice(start, endAt));
    }
  }
  return { body, stream };
}

function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const line of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f\s]*>)/gi)) {
      const [lo, hi] = [parseInt(line[1], 16), parseInt(line[2], 16)];
      const targets = [...line[3].matchAll(/<([0-9a-f\s]*)>/gi)].map((t) => t[1].replace(/\s+/g, ''));
      for (let g = lo; g <= hi; g++) map.set(g, line[3].startsWith('[') ? hex(targets[g - lo]) : hex(targets[0]));
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const line of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f\s]+)>/gi)) map.set(parseInt(line[1], 16), hex(line[2].replace(/\s+/g, '')));
  }
  return map;
}

export interface PdfPage {
  /** Text objects in drawing order, joined by spaces. */
  text: string;
  /** Filled rectangles in page points (origin top left), with their fill grey level 0–255. */
  rects: Array<{ x: number; y: number; w: number; h: number; grey: number }>;
  width: number;
  height: number;
}

export function readPdf(pdf: Buffer): PdfPage[] {
  const { body, stream } = objects(pdf);
  const pages: PdfPage[] = [];
  for (const [, b] of body) {
    if (!/\/Type \/Page\b/.test(b)) continue;
    const [, , w, h] = (/\/MediaBox \[([^\]]+)\]/.exec(b)![1].trim().split(/\s+/).map(Number));
    const contentId = Number(/\/Contents (\d+) 0 R/.exec(b)![1]);
    const resources = /\/Resources (\d+) 0 R/.exec(b) ? body.get(Number(/\/Resources (\d+) 0 R/.exec(b)![1]))! : b;
    const fonts = new Map<string, Map<number, string>>();
    for (const f of resources.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const ref = /\/ToUnicode (\d+) 0 R/.exec(body.get(Number(f[2])) ?? '');
      if (ref) fonts.set(f[1], toUnicode(stream.get(Number(ref[1]))!.toString('latin1')));
    }
    pages.push(interpret(stream.get(contentId)!.toString('latin1'), fonts, w, h));
  }
  return pages;
}

function interpret(content: string, fonts: Map<string, Map<number, string>>, width: number, height: number): PdfPage {
  const tokens = content.match(/\[[^\]]*\]|<[0-9a-fA-F]*>|\/[^\s/[\]<>()]+|[^\s[\]<>/]+/g) ?? [];
  const stack: Array<{ ctm: Matrix; grey: number }> = [];
  let state = { ctm: [1, 0, 0, 1, 0, 0] as Matrix, grey: 0 };
  let operands: string[] = [];
  let path: Array<[number, number, number, number]> = [];
  let font: Map<number, string> | undefined;
  const words: string[] = [];
  const rects: PdfPage['rects'] = [];
  const decode = (hex: string) => (hex.match(/.{4}/g) ?? []).map((g) => font?.get(parseInt(g, 16)) ?? '').join('');
  for (const token of tokens) {
    if (!/^[a-zA-Z*'"]+$/.test(token)) {
      operands.push(token);
      continue;
    }
    const n = operands.map(Number);
    switch (token) {
      case 'q':
        stack.push({ ...state });
        break;
      case 'Q':
        state = stack.pop() ?? state;
        break;
      case 'cm':
        state = { ...state, ctm: multiply(n.slice(-6) as Matrix, state.ctm) };
        break;
      case 'scn':
      case 'rg':
        state = { ...state, grey: Math.round(((n[0] + n[1] + n[2]) / 3) * 255) };
        break;
      case 're': {
        const [x, y, w, h] = n.slice(-4);
        const m = state.ctm;
        const pts = [[x, y], [x + w, y + h]].map(([px, py]) => [m[0] * px + m[2] * py + m[4], m[1] * px + m[3] * py + m[5]]);
        path.push([Math.min(pts[0][0], pts[1][0]), Math.min(pts[0][1], pts[1][1]), Math.abs(pts[1][0] - pts[0][0]), Math.abs(pts[1][1] - pts[0][1])]);
        break;
      }
      case 'f':
        // PDF space has y up; flip to a top-left origin.
        for (const [x, y, w, h] of path) rects.push({ x, y: height - y - h, w, h, grey: state.grey });
        path = [];
        break;
      case 'n':
      case 'S':
        path = [];
        break;
      case 'Tf':
        font = fonts.get(operands[operands.length - 2].slice(1));
        break;
      case 'TJ':
        words.push([...operands[operands.length - 1].matchAll(/<([0-9a-fA-F]*)>/g)].map((mm) => decode(mm[1])).join(''));
        break;
      case 'Tj':
        words.push(decode(operands[operands.length - 1].slice(1, -1)));
        break;
    }
    operands = [];
  }
  return { text: words.join(' '), rects, width, height };
}

/** Rasterises a page's filled rectangles at `scale` pixels per point and decodes the QR code in it. */
export function decodeQr(page: PdfPage, scale = 4): string | null {
  const [w, h] = [Math.ceil(page.width * scale), Math.ceil(page.height * scale)];
  const pixels = new Uint8ClampedArray(w * h * 4).fill(255);
  for (const r of page.rects) {
    const [x0, y0] = [Math.round(r.x * scale), Math.round(r.y * scale)];
    const [x1, y1] = [Math.round((r.x + r.w) * scale), Math.round((r.y + r.h) * scale)];
    for (let y = Math.max(0, y0); y < Math.min(h, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(w, x1); x++) {
        const i = (y * w + x) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = r.grey;
      }
    }
  }
  return jsQR(pixels, w, h)?.data ?? null;
}
