/**
 * Every icon DevKeys ships comes from one committed image, packaging/icon.png (1024 × 1024: a
 * white key on a flat purple rounded square):
 * - app icons for the installers (build/icon.icns, build/icon.ico, build/icons/NxN.png), written
 *   by `npm run dist` before electron-builder runs;
 * - the tray glyphs (black for light panels and the macOS template, white for dark panels) at
 *   16 px and 32 px (@2x), cut from the key in the same image and written by `npm run build`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodePng, encodePng, resizeSquare, type RgbaImage } from './png';

export const ICON_SOURCE = join(import.meta.dirname, 'icon.png');
export const BUILD_RESOURCES = join(import.meta.dirname, '..', 'build');

export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** ICNS entry types holding PNG data, with their pixel size (the @2x types repeat sizes on purpose). */
export const ICNS_ENTRIES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['icp6', 64],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
] as const;

export function readIconSource(path = ICON_SOURCE): RgbaImage {
  const image = decodePng(readFileSync(path));
  if (image.width !== 1024 || image.height !== 1024) throw new Error(`${path} must be 1024 × 1024 (it is ${image.width} × ${image.height})`);
  return image;
}

function pngAt(source: RgbaImage, size: number, cache: Map<number, Buffer>): Buffer {
  let png = cache.get(size);
  if (!png) {
    png = size === source.width ? encodePng(source) : encodePng(resizeSquare(source, size));
    cache.set(size, png);
  }
  return png;
}

/** A Windows .ico with PNG-compressed entries (Vista and later read them at every size). */
export function encodeIco(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size; // 0 means 256
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

/** A macOS .icns whose entries are PNGs. */
export function encodeIcns(entries: readonly { type: string; png: Buffer }[]): Buffer {
  const blocks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + blocks.reduce((sum, block) => sum + block.length, 0), 4);
  return Buffer.concat([head, ...blocks]);
}

export interface AppIcons {
  icns: Buffer;
  ico: Buffer;
  /** `NxN.png` → PNG, for Linux (electron-builder takes the folder). */
  linux: Map<string, Buffer>;
}

export function appIcons(source: RgbaImage = readIconSource()): AppIcons {
  const cache = new Map<number, Buffer>();
  return {
    icns: encodeIcns(ICNS_ENTRIES.map(([type, size]) => ({ type, png: pngAt(source, size, cache) }))),
    ico: encodeIco(ICO_SIZES.map((size) => ({ size, png: pngAt(source, size, cache) }))),
    linux: new Map(LINUX_ICON_SIZES.map((size) => [`${size}x${size}.png`, pngAt(source, size, cache)])),
  };
}

/** Writes build/icon.icns, build/icon.ico, build/icon.png and build/icons/NxN.png. */
export function writeAppIcons(dir = BUILD_RESOURCES, source: RgbaImage = readIconSource()): void {
  const icons = appIcons(source);
  mkdirSync(join(dir, 'icons'), { recursive: true });
  writeFileSync(join(dir, 'icon.icns'), icons.icns);
  writeFileSync(join(dir, 'icon.ico'), icons.ico);
  writeFileSync(join(dir, 'icon.png'), encodePng(source));
  for (const [name, png] of icons.linux) writeFileSync(join(dir, 'icons', name), png);
}

/**
 * How much of each pixel is the white glyph, 0..1: the source's pixels blend the flat body colour
 * (sampled above the glyph) with white, so the channel where they differ most gives the blend.
 */
export function glyphCoverage(source: RgbaImage): Float32Array {
  const { width, height, data } = source;
  const probe = (Math.round(height * 0.15) * width + Math.round(width / 2)) * 4;
  const body = [data[probe]!, data[probe + 1]!, data[probe + 2]!];
  const channel = body.indexOf(Math.min(...body));
  const base = body[channel]!;
  if (base > 200) throw new Error('The icon source needs a dark body colour under a white glyph');
  const coverage = new Float32Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const alpha = data[i * 4 + 3]! / 255;
    const blend = (data[i * 4 + channel]! - base) / (255 - base);
    coverage[i] = alpha * Math.min(1, Math.max(0, blend));
  }
  return coverage;
}

export const TRAY_COLORS = { black: [28, 28, 30], white: [255, 255, 255] } as const;
export type TrayGlyph = keyof typeof TRAY_COLORS;

/** The glyph, cropped to a square around its bounds, at `size` px in `color`. */
export function trayGlyph(source: RgbaImage, size: number, color: readonly [number, number, number], coverage = glyphCoverage(source)): RgbaImage {
  const { width, height } = source;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (coverage[y * width + x]! < 0.5) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  if (maxX < 0) throw new Error('The icon source has no white glyph to make a tray icon from');
  // A 1/16 margin: the glyph's edge pixels stay whole at 16 px.
  const side = (Math.max(maxX - minX, maxY - minY) + 1) * (16 / 15);
  const region = { x: (minX + maxX + 1) / 2 - side / 2, y: (minY + maxY + 1) / 2 - side / 2, size: side };
  const mask = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    mask[i * 4] = color[0];
    mask[i * 4 + 1] = color[1];
    mask[i * 4 + 2] = color[2];
    mask[i * 4 + 3] = Math.round(coverage[i]! * 255);
  }
  return resizeSquare({ width, height, data: mask }, size, region);
}

/** `tray-black.png`, `tray-black@2x.png`, `tray-white.png`, `tray-white@2x.png`. */
export function trayIcons(source: RgbaImage = readIconSource()): Map<string, Buffer> {
  const coverage = glyphCoverage(source);
  const files = new Map<string, Buffer>();
  for (const [name, color] of Object.entries(TRAY_COLORS)) {
    files.set(`tray-${name}.png`, encodePng(trayGlyph(source, 16, color, coverage)));
    files.set(`tray-${name}@2x.png`, encodePng(trayGlyph(source, 32, color, coverage)));
  }
  return files;
}

export function writeTrayIcons(dir: string, source: RgbaImage = readIconSource()): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, png] of trayIcons(source)) writeFileSync(join(dir, name), png);
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  writeAppIcons();
  console.log(`Wrote the app icons to ${BUILD_RESOURCES}`);
}
