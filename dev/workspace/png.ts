// A tiny PNG writer for the emulation's chart images (EmbeddedChart.getAs('image/png')): an RGB
// canvas, filled rectangles, and the PNG file format (signature, IHDR, one zlib IDAT, IEND, with
// their CRC-32), so that what a script puts in a document is a real image a browser shows.
import { deflateSync } from 'node:zlib';

export type Rgb = [number, number, number];

export class Canvas {
  readonly pixels: Buffer;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.pixels = Buffer.alloc(width * height * 3);
    this.fill(0, 0, width, height, background);
  }
  fill(x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++)
      for (let xx = x0; xx < x1; xx++) {
        const i = (yy * this.width + xx) * 3;
        this.pixels[i] = r;
        this.pixels[i + 1] = g;
        this.pixels[i + 2] = b;
      }
  }
  png(): Buffer {
    const raw = Buffer.alloc((this.width * 3 + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * (this.width * 3 + 1)] = 0; // filter: none
      this.pixels.copy(raw, y * (this.width * 3 + 1) + 1, y * this.width * 3, (y + 1) * this.width * 3);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header[8] = 8; // bit depth
    header[9] = 2; // colour type: RGB
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([length, body, crc]);
}

/** A bar chart of `values` (columns, or horizontal bars): the bars only, no text. */
export function barChartPng(values: readonly number[], horizontal: boolean): Buffer {
  const width = 600;
  const height = 300;
  const canvas = new Canvas(width, height);
  const colours: Rgb[] = [
    [27, 94, 32],
    [85, 139, 47],
    [158, 157, 36],
    [249, 168, 37],
    [109, 76, 65],
    [0, 105, 92],
  ];
  const max = Math.max(1, ...values);
  const n = Math.max(1, values.length);
  canvas.fill(
    40,
    horizontal ? 10 : height - 30,
    horizontal ? 2 : width - 50,
    horizontal ? height - 40 : 2,
    [120, 120, 120],
  );
  values.forEach((v, i) => {
    const colour = colours[i % colours.length];
    if (horizontal) {
      const band = (height - 40) / n;
      canvas.fill(42, 10 + i * band + band * 0.15, ((width - 60) * v) / max, band * 0.7, colour);
    } else {
      const band = (width - 50) / n;
      const h = ((height - 50) * v) / max;
      canvas.fill(40 + i * band + band * 0.15, height - 30 - h, band * 0.7, h, colour);
    }
  });
  return canvas.png();
}
