/** Every icon comes from packaging/icon.png: check the containers and what the pixels say. */
import { describe, expect, it } from 'vitest';
import { appIcons, encodeIco, glyphCoverage, ICNS_ENTRIES, ICO_SIZES, LINUX_ICON_SIZES, readIconSource, trayIcons } from './icons';
import { decodePng, encodePng, resizeSquare, type RgbaImage } from './png';

const source = readIconSource();
const icons = appIcons(source);

function alphaAt(image: RgbaImage, x: number, y: number): number {
  return image.data[(y * image.width + x) * 4 + 3]!;
}

describe('the icon source', () => {
  it('is 1024 × 1024 with a transparent margin and an opaque body', () => {
    expect([source.width, source.height]).toEqual([1024, 1024]);
    expect(alphaAt(source, 10, 10)).toBe(0);
    expect(alphaAt(source, 512, 150)).toBe(255);
  });

  it('round-trips through the PNG encoder', () => {
    const again = decodePng(encodePng(source));
    expect(again.data.equals(source.data)).toBe(true);
  });
});

describe('app icons', () => {
  it('.icns: a valid container whose entries are PNGs of the declared sizes', () => {
    const { icns } = icons;
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    let offset = 8;
    const seen: [string, number][] = [];
    while (offset < icns.length) {
      const type = icns.toString('ascii', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      const png = decodePng(icns.subarray(offset + 8, offset + length));
      seen.push([type, png.width]);
      offset += length;
    }
    expect(seen).toEqual(ICNS_ENTRIES.map(([type, size]) => [type, size]));
  });

  it('.ico: a directory of PNG entries from 16 to 256 px', () => {
    const { ico } = icons;
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, ICO_SIZES.length]);
    ICO_SIZES.forEach((size, index) => {
      const entry = 6 + index * 16;
      expect(ico[entry] === 0 ? 256 : ico[entry]).toBe(size);
      const png = decodePng(ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8)));
      expect(png.width).toBe(size);
    });
    expect(encodeIco([])).toHaveLength(6);
  });

  it('Linux: one NxN.png per size, each a faithful downscale (same coverage as the source)', () => {
    expect([...icons.linux.keys()]).toEqual(LINUX_ICON_SIZES.map((size) => `${size}x${size}.png`));
    const small = decodePng(icons.linux.get('64x64.png')!);
    const opaque = (image: RgbaImage) => {
      let sum = 0;
      for (let i = 3; i < image.data.length; i += 4) sum += image.data[i]!;
      return sum / 255 / (image.width * image.height);
    };
    expect(opaque(small)).toBeCloseTo(opaque(source), 2);
  });
});

describe('tray icons', () => {
  const tray = trayIcons(source);

  it('black and white glyphs at 16 px and @2x', () => {
    expect([...tray.keys()].sort()).toEqual(['tray-black.png', 'tray-black@2x.png', 'tray-white.png', 'tray-white@2x.png']);
    expect(decodePng(tray.get('tray-black.png')!).width).toBe(16);
    expect(decodePng(tray.get('tray-white@2x.png')!).width).toBe(32);
  });

  it('are the key of the app icon: a single colour with the glyph in the alpha channel, filling the width', () => {
    const white = decodePng(tray.get('tray-white@2x.png')!);
    const black = decodePng(tray.get('tray-black@2x.png')!);
    for (let i = 0; i < white.data.length; i += 4) {
      if (white.data[i + 3]! > 0) expect([white.data[i], white.data[i + 1], white.data[i + 2]]).toEqual([255, 255, 255]);
      expect(black.data[i + 3]).toBe(white.data[i + 3]);
    }
    // The key spans the icon's width (a 1/16 margin each side) and is centred vertically.
    const columns = new Set<number>();
    const rows = new Set<number>();
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        if (alphaAt(white, x, y) > 128) {
          columns.add(x);
          rows.add(y);
        }
      }
    }
    expect(Math.min(...columns)).toBeLessThanOrEqual(2);
    expect(Math.max(...columns)).toBeGreaterThanOrEqual(29);
    expect(Math.abs((Math.min(...rows) + Math.max(...rows)) / 2 - 15.5)).toBeLessThanOrEqual(1.5);
  });

  it('coverage follows the glyph: none on the body, full inside the key', () => {
    const coverage = glyphCoverage(source);
    expect(coverage[150 * 1024 + 512]).toBe(0); // body, above the key
    expect(coverage[10 * 1024 + 10]).toBe(0); // transparent margin
    expect(coverage[512 * 1024 + 700]).toBe(1); // the key's shaft
  });

  it('refuses a source without a white glyph', () => {
    const plain = resizeSquare(source, 64);
    for (let i = 0; i < plain.data.length; i += 4) plain.data.fill(0, i, i + 3);
    expect(() => trayIcons({ ...plain, width: 64, height: 64 })).toThrow(/no white glyph/);
  });
});
