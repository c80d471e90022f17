import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../electron/ipc/contract';
import { preloadBuildOptions } from './build-main';

const outDir = mkdtempSync(join(tmpdir(), 'devkeys-preload-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the preload bundle', () => {
  it('is small, has no zod, and names every contract channel and event', async () => {
    const outfile = join(outDir, 'preload.cjs');
    await build(preloadBuildOptions(outfile));
    const code = readFileSync(outfile, 'utf8');
    expect(Buffer.byteLength(code)).toBeLessThan(20_000);
    expect(code).not.toMatch(/zod|ZodError|safeParse/);
    for (const name of [...CHANNEL_NAMES, ...EVENT_NAMES]) expect(code).toContain(`"${name}"`);
    expect(code).toContain('exposeInMainWorld');
  });
});
