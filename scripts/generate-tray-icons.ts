/**
 * Writes the tray icons in electron/assets (the PNGs are committed; run this only to change
 * them): a key glyph, dark for light menu bars (`tray-light`) and white for dark ones
 * (`tray-dark`), at 16 px and 32 px (@2x). A tiny PNG encoder over node:zlib, no dependency.
 *
 *   npx tsx scripts/generate-tray-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgb = [number, number, number];

/** Is the point (in 0..1 icon units) inside the key shape? Ring bow on the left, shaft with two teeth. */
function insideKey(x: number, y: number): boolean {
  const ring = Math.hypot(x - 0.3, y - 0.5);
  if (ring <= 0.25 && ring >= 0.12) return true;
  if (x >= 0.5 && x <= 0.94 && Math.abs(y - 0.5) <= 0.065) return true; // shaft
  if (y >= 0.5 && y <= 0.72 && ((x >= 0.7 && x <= 0.79) || (x >= 0.85 && x <= 0.94))) return true; // teeth
  return false;
}

/** RGBA pixels with 8×8 supersampled coverage as alpha (smooth edges at 16 px). */
function renderKey(size: number, color: Rgb): Buffer {
  const samples = 8;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (insideKey((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits++;
        }
      }
      const offset = (py * size + px) * 4;
      pixels[offset] = color[0];
      pixels[offset + 1] = color[1];
      pixels[offset + 2] = color[2];
      pixels[offset + 3] = Math.round((255 * hits) / (samples * samples));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  // Each scanline starts with filter type 0 (none).
  const raw = Buffer.concat(
    Array.from({ length: size }, (_, row) => Buffer.concat([Buffer.from([0]), rgba.subarray(row * size * 4, (row + 1) * size * 4)])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ASSETS = join(import.meta.dirname, '..', 'electron', 'assets');
const VARIANTS: Record<string, Rgb> = { 'tray-light': [28, 28, 30], 'tray-dark': [255, 255, 255] };
for (const [name, color] of Object.entries(VARIANTS)) {
  writeFileSync(join(ASSETS, `${name}.png`), encodePng(16, renderKey(16, color)));
  writeFileSync(join(ASSETS, `${name}@2x.png`), encodePng(32, renderKey(32, color)));
}
console.log(`Wrote tray icons to ${ASSETS}`);
