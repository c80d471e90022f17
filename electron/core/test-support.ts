/** Builds a real core for Node tests: AES-GCM cipher, conf store in a temp dir, memory clipboard. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevKeysCore, type CoreOptions, type DevKeysCore } from './app-core';
import { createLogger } from './logging/log';
import { createMemoryClipboard } from './secrets/one-time-secrets';
import { confBackend } from './storage/store';
import { createAesGcmCipher } from './storage/vault';
import type { IpcSender } from '../ipc/router';

export const TEST_SENDER: IpcSender = { id: 7, url: 'app://devkeys/index.html' };

export interface TestCore {
  core: DevKeysCore;
  dataDir: string;
  clipboard: ReturnType<typeof createMemoryClipboard>;
  logLines: string[];
  /** Calls a channel as the trusted test sender and returns the IpcResult. */
  call(channel: string, payload?: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } & Record<string, unknown> }>;
  /** Like `call` but returns data, failing the test on an error result. */
  data<T = unknown>(channel: string, payload?: unknown): Promise<T>;
  dispose(): Promise<void>;
}

export function createTestCore(overrides: Partial<CoreOptions> = {}): TestCore {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'devkeys-core-'));
  const clipboard = createMemoryClipboard();
  const logLines: string[] = [];
  const core = createDevKeysCore({
    dataDir,
    cipher: createAesGcmCipher(),
    clipboard,
    storeBackend: confBackend,
    isAllowedSender: (sender) => sender.id === TEST_SENDER.id && sender.url.startsWith('app://devkeys/'),
    version: 'test',
    logger: createLogger((line) => logLines.push(line)),
    ...overrides,
  });
  const call: TestCore['call'] = (channel, payload = {}) => core.router.handle(channel, payload, TEST_SENDER) as ReturnType<TestCore['call']>;
  return {
    core,
    dataDir,
    clipboard,
    logLines,
    call,
    async data<T>(channel: string, payload: unknown = {}) {
      const result = await call(channel, payload);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.data as T;
    },
    async dispose() {
      await core.shutdown();
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
