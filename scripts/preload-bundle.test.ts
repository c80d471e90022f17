import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../electron/ipc/contract';
import { ipcChannel } from '../electron/ipc/wire';
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

  describe('run as Electron runs it (a fake `electron` module, the page\'s location and clock)', () => {
    async function loadPreload(hash: string) {
      const outfile = join(outDir, 'preload-run.cjs');
      await build(preloadBuildOptions(outfile));
      const invoked: { channel: string; args: unknown }[] = [];
      let exposed: Record<string, (args?: unknown) => Promise<unknown>> = {};
      let now = 1_000_000;
      const electron = {
        ipcRenderer: {
          invoke: (channel: string, args: unknown) => {
            invoked.push({ channel, args });
            return Promise.resolve({ ok: true, data: { answer: invoked.length } });
          },
          on: () => undefined,
          removeListener: () => undefined,
        },
        contextBridge: { exposeInMainWorld: (_name: string, api: typeof exposed) => void (exposed = api) },
      };
      const module = { exports: {} };
      runInNewContext(readFileSync(outfile, 'utf8'), {
        require: (name: string) => {
          if (name !== 'electron') throw new Error(`the preload required ${name}`);
          return electron;
        },
        module,
        exports: module.exports,
        location: { hash },
        Date: { now: () => now },
      });
      return { invoked, api: () => exposed, advance: (ms: number) => void (now += ms) };
    }

    it('sends the first screen\'s request as it loads, and the app\'s first call gets that answer', async () => {
      const { invoked, api } = await loadPreload('');
      expect(invoked).toEqual([{ channel: ipcChannel('loadFirstScreen'), args: {} }]);
      expect(await api()['loadFirstScreen']!({})).toEqual({ ok: true, data: { answer: 1 } });
      expect(invoked).toHaveLength(1);
      // Later calls (a reload of the screen, a sign-in) ask main again.
      expect(await api()['loadFirstScreen']!({})).toEqual({ ok: true, data: { answer: 2 } });
      expect(invoked).toHaveLength(2);
    });

    it('does not hand out an early answer older than 5 s', async () => {
      const { invoked, api, advance } = await loadPreload('');
      advance(5_001);
      expect(await api()['loadFirstScreen']!({})).toEqual({ ok: true, data: { answer: 2 } });
      expect(invoked).toHaveLength(2);
    });

    it('sends nothing for the tray\'s quick-create window', async () => {
      const { invoked, api } = await loadPreload('#quick-create');
      expect(invoked).toEqual([]);
      expect(typeof api()['listAccounts']).toBe('function');
    });
  });
});
