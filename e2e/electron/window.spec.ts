/** The real window: app:// pages under the CSP, a sandboxed isolated renderer, the preload bridge. */
import { expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/security/window-policy';
import { ELECTRON_BINARY, launchDevKeys, SKIP_REASON } from './launch';

test.skip(ELECTRON_BINARY === null, SKIP_REASON);

test('launches the DevKeys window from app:// with the CSP header and 404s for what is not a file', async () => {
  const { app, window } = await launchDevKeys();
  try {
    await expect(window).toHaveTitle('DevKeys');
    expect(window.url()).toBe('app://devkeys/index.html');
    const answers = await app.evaluate(async ({ net }) => {
      const fetchApp = async (path: string) => {
        const response = await net.fetch(`app://devkeys/${path}`);
        return { status: response.status, csp: response.headers.get('content-security-policy') };
      };
      return { index: await fetchApp('index.html'), missing: await fetchApp('missing.js'), folder: await fetchApp('assets') };
    });
    expect(answers.index).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY });
    expect(answers.missing.status).toBe(404);
    expect(answers.folder.status).toBe(404);
    // The CSP holds in the page: an inline script does not run.
    const inlineRan = await window.evaluate(() => {
      const w = globalThis as unknown as { document: { createElement(t: string): { textContent: string }; head: { append(n: unknown): void } }; __inlineRan?: boolean };
      const script = w.document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      w.document.head.append(script);
      return w.__inlineRan === true;
    });
    expect(inlineRan).toBe(false);
  } finally {
    await app.close();
  }
});

test('the renderer is sandboxed and isolated, with only the contract on window.devkeys', async () => {
  const { app, window } = await launchDevKeys();
  try {
    // No Node in the page; the bridge's functions are contextBridge proxies from the isolated preload world.
    expect(await window.evaluate(() => Function.prototype.toString.call((globalThis as unknown as { devkeys: { listAccounts: () => void } }).devkeys.listAccounts))).toMatch(/\[native code\]/);
    expect(await window.evaluate(() => Object.isFrozen((globalThis as unknown as { devkeys: object }).devkeys))).toBe(true);
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    const exposed = await window.evaluate(() => Object.keys((globalThis as unknown as { devkeys: object }).devkeys).sort());
    expect(exposed).toContain('listAccounts');
    expect(exposed).toContain('getUpdateStatus');
    expect(exposed).not.toContain('invoke');
    // npm start is not a packaged build: updates are off, with the reason.
    const status = await window.evaluate(() => (globalThis as unknown as { devkeys: { getUpdateStatus(a: object): Promise<unknown> } }).devkeys.getUpdateStatus({}));
    expect(status).toMatchObject({ ok: true, data: { state: 'off', reason: 'development' } });
  } finally {
    await app.close();
  }
});
